package xlsx

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/model"
)

// evidenceSpec is the Evidence sheet: what produced the review (key/value
// rows), the input files, then any warnings.
var evidenceSpec = sheetSpec{Name: layout.SheetEvidence, Columns: []column{
	{"Item", 34}, // param new_account_grace_days
	// A SHA-256, a revision "(modified: uncommitted changes)" on one line,
	// whatever the build; a longer value (the command line) wraps.
	{"Value", 76},
	{"", 50},
	{"", 66},
	{"", 22}, // Accounts Analysed, Earliest Start (UTC)
	{"", 22},
	{"", 16}, // Rows Rejected, bold
	{"", 30},
	{"", 14},
	{"", 12},
	{"", 40},
}, Kinds: map[string]cellKind{
	// A long value wraps in its column rather than run across the next
	// ones, which printed are on the next page.
	"Value": kindWrap,
}}

// evidenceNumeric are the headers of the Evidence sheet's tables whose
// columns hold numbers or dates: right-aligned like them, so that a
// number never reads as the next column's.
var evidenceNumeric = map[string]bool{
	"Bytes": true, "Rows Read": true, "Rows Rejected": true, "Account Rows Read": true, "Loaded": true,
	"Rejected": true, "Accounts Analysed": true, "Files": true, "Earliest Start (UTC)": true, "Latest Start (UTC)": true,
}

// evidenceHead is the header row of one of the Evidence sheet's tables.
func (b *book) evidenceHead(cols []string) []any {
	head := make([]any, len(cols))
	for i, h := range cols {
		style := b.st.header
		if evidenceNumeric[h] {
			style = b.st.headerRight
		}
		head[i] = styled(text(h), style)
	}
	return head
}

// inputColumns head the input-file table of the Evidence sheet.
var inputColumns = []string{
	"Source", "Kind", "Path", "SHA-256", "Bytes", "Rows Read", "Rows Rejected", "Unknown Columns",
	"Encoding", "Date Order", "Symbolic Link To",
}

// evidenceRows are the rows of the Evidence sheet under its header.
func (b *book) evidenceRows() [][]any {
	r := b.r
	kv := func(k, v string) []any { return []any{text(k), text(v)} }
	rows := [][]any{
		kv("Review version", r.Tool.Review),
		kv("Review revision", revisionText(r.Tool)),
		kv("Review binary (SHA-256)", orUnknown(r.Tool.BinarySHA256)),
		kv("OPA version", r.Tool.OPA),
		kv("DuckDB version", r.Tool.DuckDB),
		kv("Rules digest (SHA-256)", r.RulesDigest),
		kv("As-of date", r.AsOf),
		kv("Command line", commandLine(r.CommandLine)),
	}
	if r.Lenient {
		rows = append(rows, kv("Lenient", fmt.Sprintf("yes: %d bad rows kept out of the analysis, each listed on Ingest Issues", len(r.IngestIssues))))
	}
	for _, p := range r.DeclaredComplete { // --complete: full pages not warned of
		rows = append(rows, kv("Declared complete", p+": every page exported, as --complete says"))
	}
	rows = append(rows, b.previousRows()...)
	for _, k := range slices.Sorted(maps.Keys(r.Params)) {
		rows = append(rows, kv("param "+k, jsonText(r.Params[k])))
	}
	rows = append(rows, nil)
	rows = append(rows, b.populationRows()...)
	rows = append(rows, b.evidenceHead(inputColumns))
	for _, in := range r.Inputs {
		rows = append(rows, []any{
			text(in.Source), text(in.Kind), text(in.Path), text(in.SHA256), in.Bytes, in.RowsRead,
			in.RowsRejected, text(strings.Join(in.UnknownColumns, "; ")), text(in.Encoding), text(in.DateOrder), text(in.Target),
		})
	}
	for _, a := range r.Archives { // the zips those files came in, whole
		rows = append(rows, []any{text(a.Source), text(a.Kind), text(a.Path), text(a.SHA256), a.Bytes})
	}
	for _, s := range r.Skipped { // --skip-unknown: looked at, not read
		rows = append(rows, []any{text(s.Source), text(s.Kind), text(s.Path), text(s.SHA256), s.Bytes, nil, nil, nil, nil, nil, text(s.Target)})
	}
	rows = append(rows, b.windowRows()...)
	if len(r.Warnings) > 0 {
		rows = append(rows, nil, []any{styled(text("Warnings"), b.st.header)})
		for _, warn := range r.Warnings {
			rows = append(rows, []any{note(warn)})
		}
	}
	return rows
}

// commandLine joins the arguments with spaces, quoting those that would
// otherwise be ambiguous (empty, or holding spaces or quotes).
func commandLine(args []string) string {
	out := make([]string, len(args))
	for i, a := range args {
		if a == "" || strings.ContainsAny(a, " \t\n'\"") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		out[i] = a
	}
	return strings.Join(out, " ")
}

// populationColumns head the accounts-per-source table of the Evidence
// sheet, which lets an auditor test completeness: rows read = loaded +
// rejected, and analysed is what the rules saw.
var populationColumns = []string{"Source", "Account Rows Read", "Loaded", "Rejected", "Accounts Analysed"}

// populationRows are that table and the blank row under it, or nothing
// for a review without sources.
func (b *book) populationRows() [][]any {
	if len(b.r.Population) == 0 {
		return nil
	}
	rows := [][]any{b.evidenceHead(populationColumns)}
	for _, p := range b.r.Population {
		rows = append(rows, []any{text(p.Source), p.Read, p.Loaded, p.Rejected, p.Analysed})
	}
	return append(rows, nil)
}

// revisionText is the revision review was built from, marked when the
// tree had uncommitted changes (the revision alone does not say what ran).
func revisionText(t model.ToolInfo) string {
	switch {
	case t.Revision == "":
		return "unknown (built without version control information)"
	case t.Modified:
		return t.Revision + " (modified: uncommitted changes)"
	}
	return t.Revision
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// windowColumns head the Evidence sheet's table of session and activity
// reports: per source and kind of report, what they cover, so that an
// auditor sees the quarter is covered (or where it is not).
var windowColumns = []string{"Source", "Report Kind", "Files", "Rows Read", "Earliest Start (UTC)", "Latest Start (UTC)"}

// windowRows are that table after a blank row, or nothing for a run
// without session or activity reports. An empty report shows no window.
func (b *book) windowRows() [][]any {
	if b.r.Activity == nil || len(b.r.Activity.Windows) == 0 {
		return nil
	}
	rows := [][]any{nil, b.evidenceHead(windowColumns)}
	dateTime := b.st.column[kindDateTime][0]
	for _, w := range b.r.Activity.Windows {
		rows = append(rows, []any{text(w.Source), text(w.Kind), w.Files, w.Rows,
			styled(dateTimeCell(w.Earliest), dateTime), styled(dateTimeCell(w.Latest), dateTime)})
	}
	return rows
}
