package xlsx

import (
	"errors"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/internal/model"
)

// The People sheet sits after Rules (and Access Changes), before Evidence;
// it lists the people in the iterator's order (leavers first, as the facts
// sort them), counts as numbers, flags as yes/no with blank for unknown,
// in an Excel table.
func TestPeopleSheet(t *testing.T) {
	_, f := writeTest(t, testReview())
	sheets := f.GetSheetList()
	if i := slices.Index(sheets, "People"); i < 0 || sheets[i-1] != "Rules" || sheets[i+1] != "Evidence" {
		t.Fatalf("sheets %q: People after Rules, before Evidence", sheets)
	}
	rs := rows(t, f, "People")
	want := [][]string{
		wantHeaders["People"],
		{"bob@corp.example", "Bob Brown", "terminated", "yes", "carol@corp.example", "1", "1", "2", "1", "0", "0", "yes",
			"pra-prod; rs-prod", "", "", "2", "terminated-user-enabled"},
		{"jane.doe@corp.example", "Jane Doe", "active", "no", "", "1", "1", "0", "0", "0", "0", "",
			"pra-prod", "", "", "1", "stale-account"},
	}
	if !slices.EqualFunc(rs, want, slices.Equal) {
		t.Errorf("People rows:\n got %q\nwant %q", rs, want)
	}
	for ref, want := range map[string]excelize.CellType{"F2": excelize.CellTypeUnset, "P3": excelize.CellTypeUnset,
		"A2": excelize.CellTypeInlineString, "D2": excelize.CellTypeInlineString} {
		if got, _ := f.GetCellType("People", ref); got != want {
			t.Errorf("%s: type %v, want %v", ref, got, want)
		}
	}
	if tables, _ := f.GetTables("People"); len(tables) != 1 || tables[0].Range != "A1:Q3" {
		t.Errorf("People tables %+v", tables)
	}
}

// The Summary's People line counts the people and the leavers who still
// have an enabled account; without a roster it says leavers are not known
// rather than counting none.
func TestSummaryPeopleLine(t *testing.T) {
	cases := []struct {
		name string
		edit func(*model.Review)
		want string // the leavers line; the People line is the same in each
	}{
		{"one leaver", func(*model.Review) {}, "1, listed first on People"},
		{"several", func(r *model.Review) { r.PeopleLeavers = 2 }, "2, listed first on People"},
		{"none", func(r *model.Review) { r.PeopleLeavers = 0 }, "none"},
		{"no roster", func(r *model.Review) { r.Inputs = r.Inputs[:2]; r.PeopleLeavers = 0 }, "not known without a roster (--roster)"},
	}
	for _, c := range cases {
		r := testReview()
		c.edit(r)
		_, f := writeTest(t, r)
		summary := rows(t, f, "Summary")
		if row := accessSummaryRow(summary, "People"); len(row) < 2 || row[1] != "2 across the sources (see People)" {
			t.Errorf("%s: Summary People line %q", c.name, row)
		}
		if row := accessSummaryRow(summary, "Leavers still enabled"); len(row) < 2 || row[1] != c.want {
			t.Errorf("%s: Summary leavers line %q, want %q", c.name, row, c.want)
		}
	}
	// A review without people (a writer's caller that has none) has no line.
	r := testReview()
	r.People = nil
	_, f := writeTest(t, r)
	if row := accessSummaryRow(rows(t, f, "Summary"), "People"); row != nil {
		t.Errorf("Summary People line %q without people", row)
	}
}

// A sheet that fails while others are written beside it stops the
// workbook with its error, rather than leaving the sheets after it waiting
// for their turn to close.
func TestConcurrentWriteStopsOnAFailedSheet(t *testing.T) {
	defer func(conc int64) { concurrentRows = conc }(concurrentRows)
	concurrentRows = 100
	r := benchReview(1000)
	people := r.People
	r.People = func(fn func(*model.PersonRow) error) error {
		n := 0
		return people(func(p *model.PersonRow) error {
			if n++; n == 500 {
				return errors.New("the database went away")
			}
			return fn(p)
		})
	}
	err := Write(io.Discard, r, t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "people: the database went away") {
		t.Fatalf("error %v, want the People sheet's", err)
	}
}
