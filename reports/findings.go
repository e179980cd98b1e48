// Package reports writes a review's results: the findings workbook (xlsx.go
// and the xlsx_*.go files, one per sheet), JSON Lines (jsonl.go) and CSV
// (csv.go). Every writer is deterministic: the same review gives the same
// bytes.
package reports

import "github.com/review-tool/review/internal/model"

// column is one column of a sheet: its header and the widest it may get,
// in characters (0: defaultMaxWidth). Within that cap a column is as wide
// as its content.
type column struct {
	Header string
	Width  float64
}

// Headers of the Findings columns that other code looks up.
const (
	headerFindingID = "Finding ID"
	headerSeverity  = "Severity"
	headerDecision  = "Decision"
	headerComment   = "Comment"
)

// findingColumns are the columns of the Findings sheet and of the CSV
// (docs/outputs.md), in order.
var findingColumns = []column{
	{headerFindingID, 20},
	{"Rule", 32},
	{"Family", 22},
	{headerSeverity, 10},
	{"Title", 36},
	{"Source", 20},
	{"Product", 10},
	{"Entity Type", 20},
	{"Entity", 30},
	{"Display Name", 28},
	{"Email", 34},
	{"Detail", 60},
	{"Remediation", 60},
	{"Reviewer", 30},
	{"Status", 18},
	{headerDecision, 14},
	{headerComment, 40},
}

// previousColumns go just before Decision when the run compared with a
// previous one (--previous): what was decided last time, beside the
// Decision to take now.
var previousColumns = []column{
	{headerPreviousDecision, 14},
	{"Previous Comment", 40},
}

// headerPreviousDecision heads the first of previousColumns.
const headerPreviousDecision = "Previous Decision"

// findingColumnsOf are the columns of the Findings sheet and the CSV: with
// a previous run, previousColumns before Decision.
func findingColumnsOf(previous bool) []column {
	if !previous {
		return findingColumns
	}
	at := columnIndex(findingColumns, headerDecision)
	cols := append([]column{}, findingColumns[:at]...)
	cols = append(cols, previousColumns...)
	return append(cols, findingColumns[at:]...)
}

// findingKinds are the Findings columns that are not plain text: the long
// ones wrap; Decision and Comment are the reviewer's to fill.
var findingKinds = map[string]cellKind{
	"Title":            kindWrap,
	"Detail":           kindWrap,
	"Remediation":      kindWrap,
	"Previous Comment": kindWrap,
	headerDecision:     kindDecision,
	headerComment:      kindComment,
}

// findingRecord is a finding as the text of findingColumnsOf(previous);
// Decision and Comment are left for the reviewer, also on a recurring
// finding: the previous decision stands beside it, to be re-confirmed, not
// taken over unseen.
func findingRecord(f *model.Finding, previous bool) []string {
	rec := []string{
		f.ID, f.Rule, f.Family, string(f.Severity), f.Title, f.Source, f.Product, f.EntityType,
		f.Entity, f.DisplayName, f.Email, f.Detail, f.Remediation, f.Reviewer, f.Status,
	}
	if previous {
		rec = append(rec, f.PreviousDecision, f.PreviousComment)
	}
	return append(rec, "", "")
}

// decisions are the values of the Decision drop-down.
var decisions = model.Decisions

func headers(cols []column) []string {
	h := make([]string, len(cols))
	for i, c := range cols {
		h[i] = c.Header
	}
	return h
}

// pick returns the named columns of cols, in the order named.
func pick(cols []column, names ...string) []column {
	out := make([]column, len(names))
	for i, n := range names {
		out[i] = cols[columnIndex(cols, n)]
	}
	return out
}

// findingColumnsNamed are the Findings columns of those headers, in the
// order given, so that a sheet listing findings another way (Resolved)
// shows them as Findings does. A header Findings lacks is a bug.
func findingColumnsNamed(headers ...string) []column {
	out := make([]column, len(headers))
	for i, h := range headers {
		at := columnIndex(findingColumns, h)
		if at < 0 {
			panic("reports: no Findings column " + h)
		}
		out[i] = findingColumns[at]
	}
	return out
}

func columnIndex(cols []column, header string) int {
	for i, c := range cols {
		if c.Header == header {
			return i
		}
	}
	return -1
}
