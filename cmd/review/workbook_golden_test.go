package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/internal/layout"
)

// goldenWorkbookDir holds the demo workbook as text: one TSV per sheet, a
// cell as its shown value and its type. It pins what a user sees, sheet by
// sheet, so a change to the workbook shows in review as a text diff.
const goldenWorkbookDir = "testdata/demo-workbook"

// volatileEvidence are the Evidence rows that change with the build or the
// run's temporary paths, not with the review: their values are masked.
var volatileEvidence = map[string]bool{
	"Review version": true, "Review revision": true, "Review binary (SHA-256)": true, "Command line": true,
	"OPA version": true, "DuckDB version": true,
}

// The demo (the mixed fixture, as make demo runs it) gives the workbook of
// testdata/demo-workbook, cell for cell; go test -update rewrites it.
func TestDemoWorkbookGolden(t *testing.T) {
	t.Parallel()
	xlsx, _ := runFixture(t, fixtures[2], t.TempDir())
	f := openWorkbook(t, xlsx)
	// The demo's sheets are the layout's, in its order: the built-in rules
	// map to controls; no exceptions, previous run or rows kept out; the
	// session reports give a Sessions sheet. Each
	// golden is named after its sheet's place in that list.
	sheets := layout.SheetNames(layout.Content{Controls: true, Activity: true, JumpItems: true})
	if got := f.GetSheetList(); !slices.Equal(got, sheets) {
		t.Fatalf("sheets %q, want %q", got, sheets)
	}
	// The version the Summary and Evidence show is review's one version
	// text, which the golden masks.
	for _, sheet := range []string{layout.SheetSummary, layout.SheetEvidence} {
		if !sheetHasRow(t, f, sheet, "Review version", version) {
			t.Errorf("%s: no row Review version | %s", sheet, version)
		}
	}
	if *update {
		os.RemoveAll(goldenWorkbookDir)
		os.MkdirAll(goldenWorkbookDir, 0o755)
	}
	var names []string
	for i, sheet := range sheets {
		name := fmt.Sprintf("%02d-%s.tsv", i+1, strings.ReplaceAll(strings.ToLower(sheet), " ", "-"))
		names = append(names, name)
		got := sheetText(t, f, sheet)
		path := filepath.Join(goldenWorkbookDir, name)
		if *update {
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("sheet %q: %v (run go test ./cmd/review -run TestDemoWorkbookGolden -update)", sheet, err)
			continue
		}
		if got != string(want) {
			t.Errorf("sheet %q differs from %s (run with -update to accept):\n%s", sheet, path, firstDiff(string(want), got))
		}
	}
	entries, _ := os.ReadDir(goldenWorkbookDir)
	if len(entries) != len(names) {
		t.Errorf("%s holds %d files, the workbook %d sheets %q", goldenWorkbookDir, len(entries), len(names), sheets)
	}
}

// sheetText is a sheet as TSV: each cell "value|type", type s (text), n
// (number), d (a number shown as a date), b (boolean), f (formula); empty
// cells are empty.
func sheetText(t *testing.T, f *excelize.File, sheet string) string {
	t.Helper()
	rs, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for r, row := range rs {
		cells := make([]string, len(row))
		for c, v := range row {
			if v == "" {
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			// The Summary repeats review's version: masked too, so that
			// cmd/review/version.go stays its one text (checked below).
			if (sheet == layout.SheetEvidence || sheet == layout.SheetSummary && row[0] == "Review version") && c == 1 && volatileEvidence[row[0]] {
				v = "(varies by build)"
			}
			cells[c] = strings.NewReplacer("\t", `\t`, "\n", `\n`, "\r", `\r`).Replace(v) + "|" + cellKindOf(t, f, sheet, ref)
		}
		b.WriteString(strings.Join(cells, "\t") + "\n")
	}
	return b.String()
}

func cellKindOf(t *testing.T, f *excelize.File, sheet, ref string) string {
	if formula, _ := f.GetCellFormula(sheet, ref); formula != "" {
		return "f"
	}
	typ, _ := f.GetCellType(sheet, ref)
	switch typ {
	case excelize.CellTypeBool:
		return "b"
	case excelize.CellTypeSharedString, excelize.CellTypeInlineString, excelize.CellTypeFormula:
		return "s"
	}
	id, _ := f.GetCellStyle(sheet, ref)
	if st, err := f.GetStyle(id); err == nil && st != nil {
		format := ""
		if st.CustomNumFmt != nil {
			format = *st.CustomNumFmt
		}
		if strings.Contains(format, "yy") || st.NumFmt >= 14 && st.NumFmt <= 22 {
			return "d"
		}
	}
	return "n"
}

// sheetHasRow says whether a row of sheet reads label, value in its first
// two cells.
func sheetHasRow(t *testing.T, f *excelize.File, sheet, label, value string) bool {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if len(r) > 1 && r[0] == label && r[1] == value {
			return true
		}
	}
	return false
}
