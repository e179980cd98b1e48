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
	if got := strings.Join(rs[0][14:], "|"); got != "Status|Previous Decision|Previous Comment|Decision|Comment" {
		t.Errorf("Findings headers end %q", got)
	}
	row := findRow(t, rs, 0, r.Findings[0].ID)
	if got := strings.Join(rs[row-1][14:], "|"); got != "recurring|Keep|break-glass" {
		t.Errorf("recurring row ends %q, want its status and previous decision, Decision blank", got)
	}
	for _, ref := range []string{fmt.Sprintf("P%d", row), fmt.Sprintf("Q%d", row)} {
		if typ, _ := f.GetCellType("Findings", ref); typ != excelize.CellTypeInlineString {
			t.Errorf("Findings!%s: type %v, want text", ref, typ)
		}
	}
	dvs, err := f.GetDataValidations("Findings")
	if err != nil || len(dvs) != 1 || !strings.HasPrefix(dvs[0].Sqref, "R2:") {
		t.Errorf("decision drop-down %v %v: want it on column R, Decision", dvs, err)
	}

	res := rows(t, f, "Resolved")
	want := [][]string{
		layout.ResolvedHeaders,
		{r.Resolved[0].ID, "stale-account", "stale-seats", "medium", "stale account", "pra-prod", "pra", "account", "old.user", "",
			"stale-account on old.user", "unassigned", "new", "Revoke", "left", "resolved", "rule stale-account ran on pra-prod and did not find it"},
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

	tb := tableUnder(t, f, "Since the previous run")
	if got := strings.Join(tb.header, "|"); got != "Family|New|Recurring|Reappeared|Resolved" {
		t.Errorf("deltas header %q", got)
	}
	news := int64(len(r.Findings) - 2)
	for label, want := range map[string]string{
		"Total": fmt.Sprintf("Total|%d|1|1|1", news),
		"Low":   "Low|" + fmt.Sprint(countSev(r.Findings[2:], model.Low)) + "|0|0|0",
	} {
		if got := strings.Join(tb.row(t, label), "|"); got != want {
			t.Errorf("deltas row %q, want %q", got, want)
		}
	}
	if !sheetText(t, f, "Summary", "1 previous findings not re-checked (not counted as resolved): see Resolved") {
		t.Errorf("Summary does not count the not re-checked findings apart")
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
