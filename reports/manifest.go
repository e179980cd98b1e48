package reports

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/review-tool/review/internal/model"
)

// WriteManifest writes the evidence of the run (what the Evidence sheet
// shows, plus the rules and the finding counts) as one JSON object with
// sorted keys and two-space indentation, so that an auditor can diff two
// runs or check one by machine. Everything that depends on the build
// (revision, binary hash, versions) is under "build": the rest is
// byte-identical for the same inputs and options (docs/outputs.md).
func WriteManifest(w io.Writer, r *model.Review) error {
	m := map[string]any{
		"as_of":             r.AsOf,
		"build":             manifestBuild(r.Tool),
		"command_line":      nonNilStrings(r.CommandLine),
		"declared_complete": nonNilStrings(r.DeclaredComplete),
		"findings":          manifestCounts(r),
		"inputs":            manifestFiles(r.Inputs),
		"archives":          manifestFiles(r.Archives),
		"skipped":           manifestFiles(r.Skipped),
		"lenient":           r.Lenient,
		"parameters":        nonNilParams(r.Params),
		"previous":          manifestPrevious(r.Previous),
		"population":        manifestPopulation(r.Population),
		"rules":             manifestRules(r.Rules, r.Sources),
		"rules_digest":      r.RulesDigest,
		"warnings":          nonNilStrings(r.Warnings),
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	return bw.Flush()
}

// manifestBuild is what varies with the binary, not with the inputs.
func manifestBuild(t model.ToolInfo) map[string]any {
	return map[string]any{
		"review":        t.Review,
		"revision":      t.Revision,
		"modified":      t.Modified,
		"binary_sha256": t.BinarySHA256,
		"opa":           t.OPA,
		"duckdb":        t.DuckDB,
	}
}

// manifestFiles are the Evidence sheet's input-file rows.
func manifestFiles(files []model.InputFile) []map[string]any {
	out := make([]map[string]any, 0, len(files))
	for _, f := range files {
		out = append(out, map[string]any{
			"source":          f.Source,
			"kind":            f.Kind,
			"path":            f.Path,
			"link_target":     f.Target,
			"sha256":          f.SHA256,
			"bytes":           f.Bytes,
			"rows_read":       f.RowsRead,
			"rows_rejected":   f.RowsRejected,
			"unknown_columns": nonNilStrings(f.UnknownColumns),
			"encoding":        f.Encoding,
			"date_order":      f.DateOrder,
		})
	}
	return out
}

// manifestPopulation is the accounts-per-source table of the Evidence sheet.
func manifestPopulation(ps []model.Population) []map[string]any {
	out := make([]map[string]any, 0, len(ps))
	for _, p := range ps {
		out = append(out, map[string]any{
			"source": p.Source, "account_rows_read": p.Read, "loaded": p.Loaded,
			"rejected": p.Rejected, "accounts_analysed": p.Analysed,
		})
	}
	return out
}

// manifestRules lists every rule with where it came from, its severity as
// run, and per source whether it ran there (and what the source lacked
// when it did not), so that a clean result can be told from an unchecked
// one.
func manifestRules(rules []model.RuleInfo, sources []model.SourceSummary) []map[string]any {
	out := make([]map[string]any, 0, len(rules))
	for _, ru := range rules {
		gaps := map[string][][]string{}
		for _, g := range ru.Gaps {
			gaps[g.Source] = g.Missing
		}
		ran := make([]map[string]any, 0, len(sources))
		for _, s := range sources {
			missing, gap := gaps[s.Name]
			applies := !slices.Contains(ru.NotApplicable, s.Name)
			entry := map[string]any{"source": s.Name, "ran": !gap && applies}
			if gap {
				entry["missing"] = missing
			}
			if !applies {
				entry["applies"] = false
			}
			ran = append(ran, entry)
		}
		out = append(out, map[string]any{
			"id":       ru.ID,
			"family":   ru.Family,
			"severity": ru.Severity,
			"origin":   ruleOrigin(ru),
			"file":     ru.File,
			"replaces": ru.Replaces,
			"findings": ru.Findings,
			"excepted": ru.Excepted,
			"sources":  ran,
			"controls": manifestControls(ru.Controls),
		})
	}
	return out
}

// manifestControls are a rule's controls as the Rules sheet lists them,
// each as its framework key and control id, so that a machine can join
// findings (by rule) to controls without the workbook.
func manifestControls(refs []model.ControlRef) []map[string]string {
	out := make([]map[string]string, 0, len(refs))
	for _, r := range refs {
		out = append(out, map[string]string{"framework": r.Framework, "id": r.ID})
	}
	return out
}

// ruleOrigin says whether a rule is built in, added by --rules, or added
// by --rules in place of the built-in rule of the same id.
func ruleOrigin(ru model.RuleInfo) string {
	switch {
	case ru.Custom && ru.Replaces != "":
		return "custom (replaces built-in)"
	case ru.Custom:
		return "custom"
	}
	return "built-in"
}

// manifestCounts are the findings per status and per severity; every
// severity and every status is present, with 0 when it has no finding,
// so that a reader need not tell a missing key from none. With a previous
// run, "resolved" and "not_rechecked" count the Resolved sheet's rows by
// outcome; without one they are absent, as nothing was compared.
func manifestCounts(r *model.Review) map[string]any {
	fs := r.Findings
	status := map[string]int{}
	severity := map[string]int{}
	for _, s := range []model.Severity{model.High, model.Medium, model.Low} {
		severity[string(s)] = 0
	}
	for _, s := range model.Statuses {
		status[s] = 0
	}
	for _, f := range fs {
		status[f.Status]++
		severity[string(f.Severity)]++
	}
	out := map[string]any{"total": len(fs), "by_status": status, "by_severity": severity}
	if r.Previous != nil {
		out["resolved"], out["not_rechecked"] = model.CountResolved(r.Resolved)
		out["revoked_and_verified"] = model.CountRevokedVerified(r.Resolved)
	}
	return out
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func nonNilParams(p map[string]any) map[string]any {
	if p == nil {
		return map[string]any{}
	}
	return p
}

// manifestWriter is the run's evidence as JSON (manifest.go).
type manifestWriter struct{}

func (manifestWriter) Format() string       { return "manifest" }
func (manifestWriter) Describe() string     { return "a JSON manifest" }
func (manifestWriter) Extensions() []string { return []string{".json"} }
func (manifestWriter) Write(w io.Writer, r *model.Review, _ string) error {
	return WriteManifest(w, r)
}

// manifestPrevious is the previous run compared with (--previous), or
// null: where its accounts came from and what could not be compared.
func manifestPrevious(p *model.PreviousRun) any {
	if p == nil {
		return nil
	}
	return map[string]any{
		"path":          p.Path,
		"format":        p.Format,
		"findings":      p.Findings,
		"decided":       p.Decided,
		"accounts_from": p.AccountsFrom,
		"notes":         nonNilStrings(p.Notes),
		"access_notes":  nonNilStrings(p.AccessNotes),
	}
}
