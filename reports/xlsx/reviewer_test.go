package xlsx

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/campaign"
	"github.com/review-tool/review/internal/model"
)

// writeReviewerTest writes the workbook of the test review's findings at
// the given indexes and opens it.
func writeReviewerTest(t *testing.T, r *model.Review, rb ReviewerBook) (string, *excelize.File) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "reviewer.xlsx")
	if err := writeFile(path, func(w io.Writer) error { return WriteReviewerWorkbook(w, r, rb, "") }); err != nil {
		t.Fatalf("WriteReviewerWorkbook: %v", err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return path, f
}

func TestReviewerWorkbook(t *testing.T) {
	r := testReview()
	picked := []int{0, 2, 4}
	path, f := writeReviewerTest(t, r, ReviewerBook{Campaign: "c0ffee", Reviewer: "amy@corp.example", Findings: picked})
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Instructions", "Findings"}) {
		t.Fatalf("sheets %q, want Instructions then Findings", got)
	}
	// The full workbook's Findings columns, then the fingerprint.
	_, full := writeTest(t, r)
	fullRows := rows(t, full, "Findings")
	got := rows(t, f, "Findings")
	if want := append(slices.Clone(fullRows[0]), "Fingerprint"); !slices.Equal(got[0], want) {
		t.Errorf("headers:\n got %q\nwant %q", got[0], want)
	}
	if len(got) != len(picked)+1 {
		t.Fatalf("%d rows, want %d findings", len(got)-1, len(picked))
	}
	for k, i := range picked {
		fd := &r.Findings[i]
		row := got[k+1]
		n := len(fullRows[0])
		fullRow := pad(fullRows[findRow(t, fullRows, 0, fd.ID)-1], n)
		if !slices.Equal(pad(row, n)[:n], fullRow) {
			t.Errorf("row %d differs from the full workbook's:\n got %q\nwant %q", k+2, row, fullRow)
		}
		if fp := pad(row, n+1)[n]; fp != campaign.Fingerprint(fd) {
			t.Errorf("row %d fingerprint %q, want %q", k+2, fp, campaign.Fingerprint(fd))
		}
	}
	fpCol, _ := excelize.ColumnNumberToName(len(got[0]))
	if visible, err := f.GetColVisible("Findings", fpCol); err != nil || visible {
		t.Errorf("Fingerprint column %s visible=%v (%v), want hidden", fpCol, visible, err)
	}
	// Instructions: labels in A, values in B.
	want := map[string]string{
		"Campaign": "c0ffee", "Reviewer": "amy@corp.example", "As of": "2025-11-22", "Findings": "3",
		"Return to": campaign.DefaultReturnTo, "Signed off by": "", "Signed off on": "", "Statement": campaign.Statement,
	}
	labels := map[string]int{}
	for i, row := range rows(t, f, "Instructions") {
		if len(row) > 0 {
			labels[row[0]] = i + 1
		}
	}
	for label, value := range want {
		n, ok := labels[label]
		if !ok {
			t.Errorf("Instructions has no %q label", label)
			continue
		}
		if got := cell(t, f, "Instructions", "B"+itoa(n)); got != value {
			t.Errorf("Instructions %s = %q, want %q", label, got, value)
		}
	}
	if typ, _ := f.GetCellType("Instructions", "B"+itoa(labels["As of"])); typ != excelize.CellTypeUnset {
		t.Errorf("Instructions As of: cell type %v, want a date (a number)", typ)
	}
	for _, d := range decisions {
		if _, ok := labels[d]; !ok {
			t.Errorf("Instructions does not explain %s", d)
		}
	}
	// Protection: both sheets, no password; only Decision, Comment and the
	// sign-off values unlocked.
	parts := zipParts(t, path)
	for _, sheet := range []string{"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"} {
		prot := regexp.MustCompile(`<sheetProtection [^>]*>`).Find(parts[sheet])
		if prot == nil || !bytes.Contains(prot, []byte(`sheet="true"`)) || bytes.Contains(prot, []byte("assword")) ||
			bytes.Contains(prot, []byte("hashValue")) {
			t.Errorf("%s protection %s, want sheet protection without a password", sheet, prot)
		}
	}
	decCol, _ := excelize.ColumnNumberToName(slices.Index(got[0], "Decision") + 1)
	comCol, _ := excelize.ColumnNumberToName(slices.Index(got[0], "Comment") + 1)
	for _, ref := range []string{decCol + "2", comCol + "4"} {
		if locked(t, f, "Findings", ref) {
			t.Errorf("Findings!%s is locked: the reviewer cannot decide", ref)
		}
	}
	for _, ref := range []string{"A2", "B2", "L3", fpCol + "2", decCol + "1", decCol + "5"} {
		if !locked(t, f, "Findings", ref) {
			t.Errorf("Findings!%s is not locked", ref)
		}
	}
	for label, edit := range map[string]bool{"Signed off by": true, "Signed off on": true, "Campaign": false, "Statement": false} {
		if ref := "B" + itoa(labels[label]); locked(t, f, "Instructions", ref) == edit {
			t.Errorf("Instructions %s (%s) editable=%v, want %v", label, ref, !edit, edit)
		}
	}
	// The Decision drop-down covers the rows.
	dvs, err := f.GetDataValidations("Findings")
	if err != nil || len(dvs) != 1 || dvs[0].Sqref != decCol+"2:"+decCol+"4" {
		t.Errorf("drop-down %+v (%v), want one on %s2:%s4", dvs, err, decCol, decCol)
	}
}

func TestReviewerWorkbookReturnToAndPrevious(t *testing.T) {
	r := testReview()
	r.Previous = &model.PreviousRun{Path: "last.xlsx", Format: "xlsx"}
	r.Findings[1].PreviousDecision, r.Findings[1].PreviousComment = "Keep", "still needed"
	_, f := writeReviewerTest(t, r, ReviewerBook{Campaign: "c", Reviewer: "x", ReturnTo: "iam@corp.example", Findings: []int{1}})
	got := rows(t, f, "Findings")
	for _, h := range []string{"Previous Decision", "Previous Comment"} {
		if !slices.Contains(got[0], h) {
			t.Errorf("no %s column with --previous: %q", h, got[0])
		}
	}
	if i := slices.Index(got[0], "Previous Comment"); got[1][i] != "still needed" {
		t.Errorf("Previous Comment %q", got[1][i])
	}
	found := false
	for _, row := range rows(t, f, "Instructions") {
		if len(row) > 1 && row[0] == "Return to" {
			found = row[1] == "iam@corp.example"
		}
	}
	if !found {
		t.Error("Return to is not the one given")
	}
}

func TestReviewerWorkbookIsDeterministic(t *testing.T) {
	var first []byte
	for i := range 3 {
		path, _ := writeReviewerTest(t, testReview(), ReviewerBook{Campaign: "c", Reviewer: "x", Findings: []int{0, 1, 2, 3}})
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = data
		} else if !bytes.Equal(first, data) {
			t.Fatalf("write %d differs from write 0", i)
		}
	}
}

// locked says a cell is locked on its sheet's protection: its style's
// Protection, where a style without one is locked, as in Excel.
func locked(t *testing.T, f *excelize.File, sheet, ref string) bool {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return st.Protection == nil || st.Protection.Locked
}

func itoa(n int) string { return strconv.Itoa(n) }

// pad makes a row as read (trailing empty cells left out) n cells long.
func pad(row []string, n int) []string {
	out := slices.Clone(row)
	for len(out) < n {
		out = append(out, "")
	}
	return out
}

// Every row's hidden fingerprint is the one computed from its visible
// cells, also for a detail longer than a cell holds (cut in the sheet).
func TestReviewerFingerprintsFromCells(t *testing.T) {
	r := testReview()
	all := make([]int, len(r.Findings))
	long := false
	for i := range all {
		all[i] = i
		long = long || len(r.Findings[i].Detail) >= longDetailLen
	}
	if !long {
		t.Fatal("the test review has no detail longer than a cell")
	}
	_, f := writeReviewerTest(t, r, ReviewerBook{Campaign: "c", Reviewer: "x", Findings: all})
	got := rows(t, f, "Findings")
	at := func(h string) int { return slices.Index(got[0], h) }
	for i, row := range got[1:] {
		row = pad(row, len(got[0]))
		want := campaign.FingerprintOf(row[at("Finding ID")], row[at("Rule")], row[at("Source")], row[at("Entity Type")],
			row[at("Entity")], row[at("Detail")])
		if row[at("Fingerprint")] != want {
			t.Errorf("row %d: fingerprint %s, %s from its cells", i+2, row[at("Fingerprint")], want)
		}
	}
}
