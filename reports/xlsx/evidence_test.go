package xlsx

import (
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/internal/model"
)

// The Evidence sheet ties the workbook to the binary (revision, modified
// flag, SHA-256) and counts each source's accounts from file to analysis
// as numbers an auditor can add up, above the input files.
func TestEvidenceBuildAndPopulation(t *testing.T) {
	r := testReview()
	r.Tool.Modified = false
	r.Population = []model.Population{
		{Source: "pra-test", Read: 12, Loaded: 12, Rejected: 0, Analysed: 11},
		{Source: "rs-prod", Read: 31, Loaded: 30, Rejected: 1, Analysed: 30},
	}
	_, f := writeTest(t, r)
	ev := rows(t, f, "Evidence")
	if got := ev[2]; !slices.Equal(got, []string{"Review revision", "3a1e790cc25b7a613b63d8aaa8f26502396e4638"}) {
		t.Errorf("revision row %q", got)
	}
	at := -1
	for i, row := range ev {
		if slices.Equal(row, populationColumns) {
			at = i
		}
	}
	if at < 0 {
		t.Fatalf("no population table on Evidence: %q", ev)
	}
	if !slices.Equal(ev[at+2], []string{"rs-prod", "31", "30", "1", "30"}) {
		t.Errorf("rs-prod population row %q", ev[at+2])
	}
	if !slices.Equal(ev[at+4], inputColumns) {
		t.Errorf("the input files do not follow the population table: %q", ev[at+4])
	}
	// Counts are numbers, so that the auditor's sums work.
	ref, _ := excelize.CoordinatesToCellName(2, at+3)
	if typ, _ := f.GetCellType("Evidence", ref); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("Evidence!%s is of type %v, want a number", ref, typ)
	}
	if v, _ := f.GetCellValue("Evidence", ref); v != "31" {
		t.Errorf("Evidence!%s = %q", ref, v)
	}

	// Without version control information it says so rather than show "".
	r.Tool.Revision, r.Tool.BinarySHA256 = "", ""
	_, f = writeTest(t, r)
	ev = rows(t, f, "Evidence")
	if ev[2][1] != "unknown (built without version control information)" || ev[3][1] != "unknown" {
		t.Errorf("unknown build shown as %q, %q", ev[2], ev[3])
	}
}

// The Evidence sheet's tables print legibly: the headers of number and
// date columns are right-aligned over their values, text headers left, and
// every header fits its column, so that neither runs into the next.
func TestEvidenceHeadersSitOverTheirColumns(t *testing.T) {
	r := testReview()
	r.Population = []model.Population{{Source: "rs-prod", Read: 31, Loaded: 30, Rejected: 1, Analysed: 30}}
	r.Activity = &model.Activity{Windows: []model.ActivityWindow{{Source: "rs-prod", Kind: "session-report", Files: 1, Rows: 4}}}
	_, f := writeTest(t, r)
	ev := rows(t, f, "Evidence")
	for _, head := range [][]string{inputColumns, populationColumns, windowColumns} {
		at := slices.IndexFunc(ev, func(row []string) bool { return slices.Equal(row, head) })
		if at < 0 {
			t.Fatalf("no header row %q", head)
		}
		for i, h := range head {
			ref, _ := excelize.CoordinatesToCellName(i+1, at+1)
			id, _ := f.GetCellStyle("Evidence", ref)
			st, err := f.GetStyle(id)
			if err != nil {
				t.Fatal(err)
			}
			right := st.Alignment != nil && st.Alignment.Horizontal == "right"
			if right != evidenceNumeric[h] {
				t.Errorf("%s (%s): right-aligned %v, want %v", h, ref, right, evidenceNumeric[h])
			}
			col, _ := excelize.ColumnNumberToName(i + 1)
			if w, _ := f.GetColWidth("Evidence", col); w < float64(len(h))+2 {
				t.Errorf("%s: column %s is %.0f wide, narrower than its header", h, col, w)
			}
		}
	}
}
