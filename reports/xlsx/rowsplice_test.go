package xlsx

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/review-tool/review/internal/model"
)

// oddTexts are the strings of everyKind: the text that needs care.
func oddTexts() []string {
	var out []string
	for _, v := range everyKind()[0] {
		if s, ok := v.(string); ok && s != "" {
			out = append(out, s)
		}
	}
	return out
}

// oddReview is benchReview(n) with odd text in its accounts, people and
// findings: XML specials, control characters, white space at the ends,
// _xHHHH_ look-alikes, text at Excel's limit, and findings whose rows wrap
// to several lines.
func oddReview(n int) *model.Review {
	r := benchReview(n)
	odd := oddTexts()
	accounts, people := r.Accounts, r.People
	r.Accounts = func(fn func(*model.AccountRow) error) error {
		i := 0
		return accounts(func(a *model.AccountRow) error {
			if i%3 == 0 {
				a.DisplayName = cellText(odd[i%len(odd)])
				a.Teams = odd[(i/3)%len(odd)]
				a.ID = 0
				a.DaysSince = nil
			}
			if i%7 == 0 {
				a.UserGroups, a.Quarantined, a.UserType = "Group <A> & \"B\"", model.Yes, " padded "
			}
			i++
			return fn(a)
		})
	}
	r.People = func(fn func(*model.PersonRow) error) error {
		i := 0
		return people(func(p *model.PersonRow) error {
			if i%5 == 0 {
				p.Name = odd[i%len(odd)]
			}
			i++
			return fn(p)
		})
	}
	for i := range r.Findings {
		if i%4 == 0 {
			f := &r.Findings[i]
			f.Detail = odd[i%len(odd)] + strings.Repeat(" words that wrap", i%40)
			f.DisplayName = odd[(i/4)%len(odd)]
		}
	}
	return r
}

// writeBoth writes a workbook with the rows encoded by review and with the
// rows given to excelize's SetRow, as before, and returns the parts of each.
func writeBoth(t *testing.T, write func(io.Writer) error) (ours, excelizes map[string][]byte) {
	t.Helper()
	dir := t.TempDir()
	parts := func(byExcelize bool) map[string][]byte {
		defer func(v bool) { rowsByExcelize = v }(rowsByExcelize)
		rowsByExcelize = byExcelize
		path := filepath.Join(dir, fmt.Sprintf("excelize-%v.xlsx", byExcelize))
		if err := writeFile(path, write); err != nil {
			t.Fatalf("write (rows by excelize: %v): %v", byExcelize, err)
		}
		return zipParts(t, path)
	}
	return parts(false), parts(true)
}

// The workbook whose rows review encodes and splices is, part by part, the
// workbook excelize's StreamWriter wrote: every sheet, with continuation
// sheets, footers, wrapped rows' heights, styled and formula cells, sheets
// written two at a time, and a reviewer's workbook.
func TestWorkbookRowsMatchExcelize(t *testing.T) {
	defer func(rows, conc int64) { maxDataRows, concurrentRows = rows, conc }(maxDataRows, concurrentRows)
	withActivity := testReview()
	withActivity.Activity = activityOf(250000, 100000, leaverSession, openSession)
	changes := withAccessChanges([]model.AccessChange{
		{Source: "pra-prod", Product: "pra", ID: 42, Username: "jdoe", DisplayName: "Jane <Doe>", Change: "disabled", Before: "yes", After: "no"},
		{Source: "rs-prod", Product: "rs", Username: "=cmd", Change: "team added", Item: " Night shift"},
	}, true)
	cases := []struct {
		name      string
		r         *model.Review
		rows      int64 // maxDataRows
		reviewer  []int // a reviewer's workbook of these findings
		concurrnt int64
	}{
		{"test review", testReview(), maxDataRows, nil, concurrentRows},
		{"previous run", previousReview(), maxDataRows, nil, concurrentRows},
		{"controls", controlsReview(true), maxDataRows, nil, concurrentRows},
		{"sessions cut", withActivity, maxDataRows, nil, concurrentRows},
		{"access changes", changes, maxDataRows, nil, concurrentRows},
		{"continuation sheets", testReview(), 2, nil, concurrentRows},
		{"odd text, two at a time", oddReview(3000), 1200, nil, 100},
		{"reviewer", oddReview(200), maxDataRows, []int{0, 1, 2, 3, 4, 5, 8, 12, 13}, concurrentRows},
		{"reviewer, continued", testReview(), 2, []int{0, 2, 4, 5, 6}, concurrentRows},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			maxDataRows, concurrentRows = tc.rows, tc.concurrnt
			write := func(w io.Writer) error { return Write(w, tc.r, "") }
			if tc.reviewer != nil {
				write = func(w io.Writer) error {
					return WriteReviewerWorkbook(w, tc.r, ReviewerBook{Campaign: "c0ffee", Reviewer: "amy@corp.example", Findings: tc.reviewer}, "")
				}
			}
			ours, theirs := writeBoth(t, write)
			if names, want := slices.Sorted(maps.Keys(ours)), slices.Sorted(maps.Keys(theirs)); !slices.Equal(names, want) {
				t.Fatalf("parts\n got %q\nwant %q", names, want)
			}
			sheets := 0
			for name, want := range theirs {
				if got := ours[name]; !bytes.Equal(got, want) {
					i := firstDiff(got, want)
					t.Errorf("%s differs at byte %d:\n got …%s…\nwant …%s…", name, i, around(got, i), around(want, i))
				}
				if strings.HasPrefix(name, "xl/worksheets/sheet") {
					sheets++
				}
			}
			if sheets < 2 {
				t.Errorf("%d sheets compared", sheets)
			}
		})
	}
}

// A streamed sheet's part is named after the sheetId excelize gave the
// sheet (sheetPart), as the workbook and its relationships say: that is
// where its rows are spliced.
func TestSheetPartsAreNamedBySheetID(t *testing.T) {
	defer func(n int64) { maxDataRows = n }(maxDataRows)
	maxDataRows = 2 // continuation sheets too
	path, f := writeTest(t, testReview())
	parts := zipParts(t, path)
	var wb struct {
		Sheets []struct {
			Name    string `xml:"name,attr"`
			SheetID int    `xml:"sheetId,attr"`
			RID     string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal(parts["xl/workbook.xml"], &wb); err != nil {
		t.Fatal(err)
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal(parts["xl/_rels/workbook.xml.rels"], &rels); err != nil {
		t.Fatal(err)
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		targets[r.ID] = "xl/" + strings.TrimPrefix(r.Target, "/xl/")
	}
	byID := f.GetSheetMap()
	if len(wb.Sheets) < 10 || len(wb.Sheets) != len(byID) {
		t.Fatalf("%d sheets in workbook.xml, %d in the sheet map", len(wb.Sheets), len(byID))
	}
	for _, s := range wb.Sheets {
		if got := targets[s.RID]; got != sheetPart(s.SheetID) {
			t.Errorf("sheet %q (sheetId %d): part %s, sheetPart says %s", s.Name, s.SheetID, got, sheetPart(s.SheetID))
		}
		if byID[s.SheetID] != s.Name {
			t.Errorf("sheet map: %d is %q, workbook.xml says %q", s.SheetID, byID[s.SheetID], s.Name)
		}
		if _, ok := parts[sheetPart(s.SheetID)]; !ok {
			t.Errorf("no part %s for sheet %q", sheetPart(s.SheetID), s.Name)
		}
	}
}
