package xlsx

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/model"
)

// With a previous run, Findings carries the previous decision just before
// the Decision (left blank, with its drop-down on the right column), and
// the Resolved and Access Changes sheets are there, in the layout's order;
// Resolved's cells are text.
func TestResolvedAndPreviousColumns(t *testing.T) {
	r := previousReview()
	_, f := writeTest(t, r)
	sheets := f.GetSheetList()
	if want := layout.SheetNames(layout.Content{Previous: true}); !slices.Equal(sheets, want) {
		t.Errorf("sheets %q, want %q", sheets, want)
	}
	rs := rows(t, f, "Findings")
	if !slices.Equal(rs[0], layout.Findings(true)) {
		t.Errorf("Findings headers %q, want %q", rs[0], layout.Findings(true))
	}
	if got := strings.Join(rs[0][14:], "|"); got != "Status|Previous Decision|Previous Comment|Previous Reviewer|Previous Decided On|Decision|Comment" {
		t.Errorf("Findings headers end %q", got)
	}
	row := findRow(t, rs, 0, r.Findings[0].ID)
	if got := strings.Join(rs[row-1][14:], "|"); got != "recurring|Keep|break-glass|ana.lopez@example.com|2025-08-22" {
		t.Errorf("recurring row ends %q, want its status, previous decision, who and when, Decision blank", got)
	}
	for _, ref := range []string{fmt.Sprintf("P%d", row), fmt.Sprintf("Q%d", row), fmt.Sprintf("R%d", row)} {
		if typ, _ := f.GetCellType("Findings", ref); typ != excelize.CellTypeInlineString {
			t.Errorf("Findings!%s: type %v, want text", ref, typ)
		}
	}
	// The date of the decision is a date cell, not text.
	if raw, _ := f.GetCellValue("Findings", fmt.Sprintf("S%d", row), excelize.Options{RawCellValue: true}); raw != "45891" {
		t.Errorf("Findings!S%d (Previous Decided On) raw %q, want the serial of 2025-08-22", row, raw)
	}
	notDone := findRow(t, rs, 0, r.Findings[2].ID)
	if got := strings.Join(rs[notDone-1][14:], "|"); got != "revoke not carried out|Revoke|left in June|ana.lopez@example.com|2025-09-01" {
		t.Errorf("revoke row ends %q", got)
	}
	dvs, err := f.GetDataValidations("Findings")
	if err != nil || len(dvs) != 1 || !strings.HasPrefix(dvs[0].Sqref, "T2:") {
		t.Errorf("decision drop-down %v %v: want it on column T, Decision", dvs, err)
	}

	res := rows(t, f, "Resolved")
	want := [][]string{
		layout.ResolvedHeaders,
		{r.Resolved[0].ID, "stale-account", "stale-seats", "medium", "stale account", "pra-prod", "pra", "account", "old.user", "",
			"stale-account on old.user", "unassigned", "new", "Revoke", "left", "revoked and verified", "rule stale-account ran on pra-prod and did not find it"},
		{r.Resolved[1].ID, "orphaned-team", "orphaned-groups", "low", "orphaned team", "rs-prod", "rs", "team", "Night Shift", "",
			"orphaned-team on Night Shift", "unassigned", "excepted", "", "", "not re-checked", "source rs-prod was not read this run"},
	}
	for i := range want {
		if i >= len(res) || !slices.Equal(padded(res[i], len(want[i])), want[i]) {
			t.Errorf("Resolved row %d:\n got %q\nwant %q", i+1, res[min(i, len(res)-1)], want[i])
		}
	}
	for c, v := range res[1] {
		ref, _ := excelize.CoordinatesToCellName(c+1, 2)
		if typ, _ := f.GetCellType("Resolved", ref); v != "" && typ != excelize.CellTypeInlineString {
			t.Errorf("Resolved!%s: type %v, want text", ref, typ)
		}
	}
	if tables, _ := f.GetTables("Resolved"); len(tables) != 1 || tables[0].Range != "A1:Q3" {
		t.Errorf("Resolved tables %+v, want one over A1:Q3", tables)
	}

	// One row per status: the statuses add up to the findings of this run,
	// then the previous findings gone, and those not looked for.
	tb := tableUnder(t, f, "Since the previous run")
	if got := strings.Join(tb.header, "|"); got != "Status|High|Medium|Low|Total" {
		t.Errorf("since header %q", got)
	}
	total := len(r.Findings)
	news := total - 3
	for label, want := range map[string]string{
		"New":                             fmt.Sprintf("New|%d", news),
		"Recurring":                       "Recurring|1",
		"Revoke not carried out":          "Revoke not carried out|1",
		"Reappeared":                      "Reappeared|1",
		"Excepted":                        "Excepted|0",
		"Exception expired":               "Exception expired|0",
		"Findings this run":               fmt.Sprintf("Findings this run|%d", total),
		"Resolved since":                  "Resolved since|1",
		"  of which revoked and verified": "  of which revoked and verified|1",
		"Not re-checked":                  "Not re-checked|1",
	} {
		got := tb.row(t, label)
		if s := got[0] + "|" + got[len(got)-1]; s != want {
			t.Errorf("since row %q: label|Total %q, want %q", got, s, want)
		}
	}
	if got, want := strings.Join(tb.row(t, "Findings this run")[1:4], "|"), fmt.Sprintf("%d|%d|%d",
		countSev(r.Findings, model.High), countSev(r.Findings, model.Medium), countSev(r.Findings, model.Low)); got != want {
		t.Errorf("Findings this run by severity %s, want %s", got, want)
	}
	if !sheetText(t, f, "Summary", "not re-checked: previous findings this run could not look for again, not counted as resolved (see Resolved)") {
		t.Errorf("Summary does not say what not re-checked means")
	}
	// The previous file had no Resolved list: Reappeared's 0 is not a
	// count of anything, and a note says so.
	if !sheetText(t, f, "Summary", "Reappeared: not compared, the previous file has no Resolved list (see Evidence)") {
		t.Errorf("Summary does not say Reappeared was not compared")
	}
	rb := tableUnder(t, f, "Revokes decided and not carried out: 1")
	if got := strings.Join(rb.header, "|"); got != "Entity|Source|Decided On|Rule" {
		t.Errorf("revokes header %q", got)
	}
	if got := strings.Join(rb.row(t, r.Findings[2].Entity), "|"); got != r.Findings[2].Entity+"|"+r.Findings[2].Source+"|2025-09-01|"+r.Findings[2].Rule {
		t.Errorf("revokes row %q", got)
	}
	if !sheetText(t, f, "Evidence", "last.xlsx (xlsx, as of 2025-08-22): 9 findings, 2 with a decision; 1 resolved since, 1 not re-checked (see Resolved)") ||
		!sheetText(t, f, "Evidence", "the previous workbook last.xlsx has no Resolved sheet") {
		t.Errorf("Evidence does not describe the previous run")
	}
}

func countSev(fs []model.Finding, s model.Severity) int {
	n := 0
	for _, f := range fs {
		if f.Severity == s {
			n++
		}
	}
	return n
}

func padded(r []string, n int) []string {
	for len(r) < n {
		r = append(r, "")
	}
	return r
}

func sheetText(t *testing.T, f *excelize.File, sheet, text string) bool {
	t.Helper()
	for _, r := range rows(t, f, sheet) {
		if slices.Contains(r, text) {
			return true
		}
	}
	return false
}
