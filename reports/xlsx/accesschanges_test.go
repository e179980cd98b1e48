package xlsx

import (
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/model"
)

// withAccessChanges is testReview compared with a previous run, with the
// changes given.
func withAccessChanges(changes []model.AccessChange, compared bool) *model.Review {
	r := testReview()
	r.Previous = &model.PreviousRun{Path: "q3.xlsx", Format: "xlsx", AccessNotes: []string{"a note"}}
	if compared {
		r.Previous.AccountsFrom = "q3.xlsx (Accounts sheet)"
		r.AccessChangeCount = int64(len(changes))
		r.AccessChanges = func(fn func(*model.AccessChange) error) error {
			for i := range changes {
				if err := fn(&changes[i]); err != nil {
					return err
				}
			}
			return nil
		}
	}
	return r
}

// The Access Changes sheet is where the layout puts it; it lists each change in the iterator's order, the ID a number
// (empty when unknown) and every other cell text, in an Excel table.
func TestAccessChangesSheet(t *testing.T) {
	r := withAccessChanges([]model.AccessChange{
		{Source: "pra-prod", Product: "pra", ID: 42, Username: "jdoe", DisplayName: "Jane Doe", Change: "disabled", Before: "yes", After: "no"},
		{Source: "rs-prod", Product: "rs", Username: "=cmd", Change: "team added", Item: "Night shift"},
	}, true)
	_, f := writeTest(t, r)
	sheets := f.GetSheetList()
	if want := layout.SheetNames(layout.Content{Previous: true}); !slices.Equal(sheets, want) {
		t.Fatalf("sheets %q, want %q", sheets, want)
	}
	want := [][]string{
		{"Source", "Product", "ID", "Username", "Display Name", "Change", "Item", "Before", "After"},
		{"pra-prod", "pra", "42", "jdoe", "Jane Doe", "disabled", "", "yes", "no"},
		{"rs-prod", "rs", "", "=cmd", "", "team added", "Night shift"},
		nil,
		// Under the table: which two reviews the changes lie between.
		{"Changes between the previous run (q3.xlsx, its as-of date not stated) and this run as of 2025-11-22."},
	}
	if got := rows(t, f, "Access Changes"); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("rows:\n got %q\nwant %q", got, want)
	}
	types := map[string]excelize.CellType{"C2": excelize.CellTypeUnset, "A2": excelize.CellTypeInlineString,
		"F2": excelize.CellTypeInlineString, "H2": excelize.CellTypeInlineString, "D3": excelize.CellTypeInlineString}
	for ref, want := range types {
		if got, _ := f.GetCellType("Access Changes", ref); got != want {
			t.Errorf("%s: type %v, want %v", ref, got, want)
		}
	}
	if tables, _ := f.GetTables("Access Changes"); len(tables) != 1 || tables[0].Range != "A1:I3" {
		t.Errorf("tables %+v, want one over A1:I3", tables)
	}
	if got := accessSummaryRow(rows(t, f, "Summary"), "Access changes since the previous run"); len(got) < 3 || got[1] != "2" {
		t.Errorf("Summary line %q, want a count of 2", got)
	}
}

// Not compared, or nothing changed: a line says which, with the notes,
// and no table, so that the one never reads as the other.
func TestAccessChangesSheetWithoutChanges(t *testing.T) {
	for _, tc := range []struct {
		compared bool
		first    string
	}{
		{false, "access changes were not compared"},
		{true, "no access changed since the previous run on the sources both runs read (its accounts: q3.xlsx (Accounts sheet))"},
	} {
		_, f := writeTest(t, withAccessChanges(nil, tc.compared))
		got := rows(t, f, "Access Changes")
		if len(got) != 4 || got[1][0] != tc.first || got[2][0] != "a note" ||
			got[3][0] != "Changes between the previous run (q3.xlsx, its as-of date not stated) and this run as of 2025-11-22." {
			t.Errorf("compared %v: rows %q, want the header, %q and the note", tc.compared, got, tc.first)
		}
		if tables, _ := f.GetTables("Access Changes"); len(tables) != 0 {
			t.Errorf("compared %v: a table over the note", tc.compared)
		}
	}
	// Without --previous there is no sheet.
	if _, f := writeTest(t, testReview()); slices.Contains(f.GetSheetList(), "Access Changes") {
		t.Error("an Access Changes sheet without --previous")
	}
}

func accessSummaryRow(rs [][]string, first string) []string {
	for _, r := range rs {
		if len(r) > 0 && r[0] == first {
			return r
		}
	}
	return nil
}

// On paper the Summary's count of access changes keeps its distance from
// the words after it ("4listed on Access Changes" read as one word).
func TestSummaryAccessChangesCountKeepsItsDistance(t *testing.T) {
	r := testReview()
	r.Previous = &model.PreviousRun{Path: "q3.xlsx", Format: "xlsx", AccountsFrom: "q3.xlsx"}
	r.AccessChangeCount = 4
	r.AccessChanges = func(fn func(*model.AccessChange) error) error {
		for range 4 {
			if err := fn(&model.AccessChange{Source: "pra", Username: "bob", Change: "disabled"}); err != nil {
				return err
			}
		}
		return nil
	}
	_, f := writeTest(t, r)
	rs := rows(t, f, "Summary")
	at := findRow(t, rs, 0, "Access changes since the previous run") // 1-based
	ref, _ := excelize.CoordinatesToCellName(2, at)
	id, _ := f.GetCellStyle("Summary", ref)
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.Alignment == nil || st.Alignment.Horizontal != "right" || st.Alignment.Indent < 1 {
		t.Errorf("Summary %s (%q): alignment %+v, want right with an indent", ref, rs[at-1][1], st.Alignment)
	}
}
