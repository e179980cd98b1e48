package xlsx

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/internal/layout"
)

// styleOf returns the style of sheet!ref.
func styleOf(t *testing.T, f *excelize.File, sheet, ref string) *excelize.Style {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatalf("%s!%s: %v", sheet, ref, err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatalf("%s!%s style %d: %v", sheet, ref, id, err)
	}
	return st
}

// colRef is the cell of the column headed header in row (1-based) of sheet.
func colRef(t *testing.T, f *excelize.File, sheet, header string, row int) string {
	t.Helper()
	col := slices.Index(rows(t, f, sheet)[0], header)
	if col < 0 {
		t.Fatalf("%s: no column %q", sheet, header)
	}
	ref, _ := excelize.CoordinatesToCellName(col+1, row)
	return ref
}

// A date is an Excel date: a number (days since 1899-12-30) with the one
// date format, a date-time the same with the one date-time format, so that
// a spreadsheet sorts and filters them as dates.
func TestDatesAreDateCells(t *testing.T) {
	_, f := writeTest(t, testReview())
	tests := []struct {
		sheet, header, entity string
		entityCol             int
		raw, shown, format    string
	}{
		{"Accounts", "Created (UTC)", "jdoe", 3, "45667", "2025-01-10", dateFormat},
		{"Accounts", "Last Authentication (UTC)", "jdoe", 3, "45749.375", "2025-04-02 09:00", dateTimeFormat},
		{"Stale Seats", "Last Authentication (UTC)", formulaEntity, 5, "45809.4375", "2025-06-01 10:30", dateTimeFormat},
		{"Admin Sprawl", "Last Authentication (UTC)", "admin1", 5, "45981.2916666666", "2025-11-20 07:00", dateTimeFormat},
		{"Account Hygiene", "Account Expiration", "vendor7", 5, "45931", "2025-10-01", dateFormat},
	}
	for _, tt := range tests {
		ref := colRef(t, f, tt.sheet, tt.header, findRow(t, rows(t, f, tt.sheet), tt.entityCol, tt.entity))
		if typ, _ := f.GetCellType(tt.sheet, ref); typ != excelize.CellTypeUnset {
			t.Errorf("%s!%s (%s): cell type %v, want a number", tt.sheet, ref, tt.header, typ)
		}
		raw, _ := f.GetCellValue(tt.sheet, ref, excelize.Options{RawCellValue: true})
		if raw != tt.raw {
			t.Errorf("%s!%s (%s): serial %s, want %s", tt.sheet, ref, tt.header, raw, tt.raw)
		}
		if shown := cell(t, f, tt.sheet, ref); shown != tt.shown {
			t.Errorf("%s!%s (%s) shows %q, want %q", tt.sheet, ref, tt.header, shown, tt.shown)
		}
		if st := styleOf(t, f, tt.sheet, ref); st.CustomNumFmt == nil || *st.CustomNumFmt != tt.format {
			t.Errorf("%s!%s (%s): number format %v, want %s", tt.sheet, ref, tt.header, st.CustomNumFmt, tt.format)
		}
	}
	// A date-time header says the zone its values are in.
	for _, sheet := range []string{"Accounts", "Stale Seats", "Admin Sprawl"} {
		if !slices.Contains(rows(t, f, sheet)[0], "Last Authentication (UTC)") {
			t.Errorf("%s: no Last Authentication (UTC) header", sheet)
		}
	}
	// Never authenticated: no cell, not a zero date.
	ref := colRef(t, f, "Accounts", "Last Authentication (UTC)", 3)
	if raw, _ := f.GetCellValue("Accounts", ref, excelize.Options{RawCellValue: true}); raw != "" {
		t.Errorf("Accounts!%s (newbie, never): %q, want empty", ref, raw)
	}
}

// Ids are numbers; counts and money are numbers with a thousands separator.
func TestIDsCountsAndMoneyAreNumbers(t *testing.T) {
	r := testReview()
	r.GroupPolicies[1].UserMembers = 12345
	_, f := writeTest(t, r)
	tests := []struct {
		sheet, header string
		row           int
		raw, shown    string
		numFmt        int
	}{
		{"Accounts", "ID", 2, "42", "42", numFmtInteger},
		{"Group Policies", "ID", 2, "3", "3", numFmtInteger},
		{"Accounts", "Days Since", 2, "234", "234", numFmtCount},
		{"Accounts", "Finding Count", 2, "1", "1", numFmtCount},
		{"Group Policies", "User Members", 3, "12345", "12,345", numFmtCount},
		{"Rules", "Findings", 3, "2", "2", numFmtCount},
		{"Stale Seats", "Days Since", 0, "234", "234", numFmtCount}, // row 0: jdoe's
		{"Stale Seats", "Annual Cost", 0, "1200", "1,200.00", numFmtMoney},
	}
	for _, tt := range tests {
		if tt.row == 0 {
			tt.row = findRow(t, rows(t, f, tt.sheet), 5, "jdoe")
		}
		ref := colRef(t, f, tt.sheet, tt.header, tt.row)
		if typ, _ := f.GetCellType(tt.sheet, ref); typ != excelize.CellTypeUnset {
			t.Errorf("%s!%s (%s): cell type %v, want a number", tt.sheet, ref, tt.header, typ)
		}
		raw, _ := f.GetCellValue(tt.sheet, ref, excelize.Options{RawCellValue: true})
		if raw != tt.raw || cell(t, f, tt.sheet, ref) != tt.shown {
			t.Errorf("%s!%s (%s): %q shown %q, want %q shown %q", tt.sheet, ref, tt.header, raw, cell(t, f, tt.sheet, ref), tt.raw, tt.shown)
		}
		if st := styleOf(t, f, tt.sheet, ref); st.NumFmt != tt.numFmt {
			t.Errorf("%s!%s (%s): number format %d, want %d", tt.sheet, ref, tt.header, st.NumFmt, tt.numFmt)
		}
		// The header sits over its numbers: right-aligned as they are.
		head := colRef(t, f, tt.sheet, tt.header, 1)
		if st := styleOf(t, f, tt.sheet, head); st.Alignment == nil || st.Alignment.Horizontal != "right" {
			t.Errorf("%s!%s (%s header): alignment %+v, want right", tt.sheet, head, tt.header, st.Alignment)
		}
	}
	if st := styleOf(t, f, "Accounts", "D1"); st.Alignment != nil && st.Alignment.Horizontal == "right" {
		t.Errorf("Accounts!D1 (Username header) is right-aligned")
	}
	// An account only the report knew has no id: an empty cell, not 0.
	if raw, _ := f.GetCellValue("Accounts", "C4", excelize.Options{RawCellValue: true}); raw != "" {
		t.Errorf("Accounts!C4 (-report-only): %q, want empty", raw)
	}
}

// Detail, Remediation and the Rules sheet's descriptions wrap, top-aligned,
// and a row is as tall as its longest wrapped text needs (within a cap); a
// row of short text keeps the default height.
func TestLongTextWraps(t *testing.T) {
	r := testReview()
	r.Findings[0].Remediation = "Enrol a second factor for the administrator, or remove the administrator permission " +
		"from the account and give it to a named person's account that has one."
	_, f := writeTest(t, r)
	for _, c := range []struct{ sheet, header string }{
		{"Findings", "Detail"}, {"Findings", "Remediation"}, {"Findings", "Title"}, {"Findings", "Comment"},
		{"Stale Seats", "Detail"}, {"Rules", "Description"}, {"Rules", "Remediation"}, {"Rules", "Not Checked"},
	} {
		ref := colRef(t, f, c.sheet, c.header, 2)
		if st := styleOf(t, f, c.sheet, ref); st.Alignment == nil || !st.Alignment.WrapText || st.Alignment.Vertical != "top" {
			t.Errorf("%s!%s (%s): alignment %+v, want wrapped, top", c.sheet, ref, c.header, st.Alignment)
		}
	}
	// The other cells of a wrapped row sit at the top too.
	if st := styleOf(t, f, "Findings", colRef(t, f, "Findings", "Entity", 2)); st.Alignment == nil || st.Alignment.Vertical != "top" {
		t.Errorf("Findings Entity: alignment %+v, want top", st.Alignment)
	}
	height := func(sheet string, row int) float64 {
		h, err := f.GetRowHeight(sheet, row)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	fs := rows(t, f, "Findings")
	long := findRow(t, fs, 8, "vendor7") // a 40,000-character detail
	if h := height("Findings", long); h != maxRowLines*lineHeight {
		t.Errorf("Findings row %d (long detail): height %v, want the cap %v", long, h, maxRowLines*lineHeight)
	}
	if h := height("Findings", 2); h < 2*lineHeight || h >= maxRowLines*lineHeight {
		t.Errorf("Findings row 2 (two-line remediation): height %v, want a few lines", h)
	}
	short := findRow(t, fs, 8, "jsmith")
	if h := height("Findings", short); h != 15 { // excelize reports the default height
		t.Errorf("Findings row %d (short text): height %v, want the default", short, h)
	}
}

// Columns are as wide as their content, within their cap; a header is never
// cut; Decision and Comment, empty until the reviewer fills them, have room.
func TestColumnWidthsFromContent(t *testing.T) {
	r := testReview()
	_, f := writeTest(t, r)
	width := func(sheet, header string) float64 {
		ref := colRef(t, f, sheet, header, 1)
		col, _, _ := excelize.SplitCellName(ref)
		w, err := f.GetColWidth(sheet, col)
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	tests := []struct {
		sheet, header string
		min, max      float64
	}{
		{"Accounts", "Email", float64(len("jane.doe@corp.example")), 30},
		{"Accounts", "ID", float64(len("ID")), 8},
		{"Accounts", "Last Authentication (UTC)", float64(len("Last Authentication (UTC)")), 30},
		{"Findings", "Detail", 60, 60}, // the long detail: the cap
		{"Findings", "Severity", float64(len("Severity")), 12},
		{"Findings", layout.FindingsDecision, 14, 14},
		{"Findings", "Comment", 40, 40},
		{"Group Policies", "Name", float64(len("Support Tier 1")), 20},
	}
	for _, tt := range tests {
		if w := width(tt.sheet, tt.header); w < tt.min || w > tt.max {
			t.Errorf("%s %s: width %v, want %v to %v", tt.sheet, tt.header, w, tt.min, tt.max)
		}
	}
}

func TestDateCells(t *testing.T) {
	tests := []struct {
		in          time.Time
		date, dtime any
	}{
		{time.Time{}, nil, nil},
		{time.Date(2025, 1, 10, 0, 0, 0, 0, time.UTC), int64(45667), int64(45667)},
		{time.Date(2025, 4, 2, 9, 0, 0, 0, time.UTC), int64(45749), 45749.375},
		// Another zone: the UTC date and time.
		{time.Date(2025, 4, 2, 1, 0, 0, 0, time.FixedZone("CEST", 2*3600)), int64(45748), 45748.958333333336},
		{time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC), int64(61), int64(61)},
		// Before Excel's dates are right, and past its last: ISO text.
		{time.Date(1900, 2, 28, 12, 0, 0, 0, time.UTC), "1900-02-28", "1900-02-28T12:00:00Z"},
		{time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), "10000-01-01", "10000-01-01T00:00:00Z"},
	}
	for _, tt := range tests {
		if got := dateCell(tt.in); got != tt.date {
			t.Errorf("dateCell(%v) = %#v, want %#v", tt.in, got, tt.date)
		}
		if got := dateTimeCell(tt.in); got != tt.dtime {
			t.Errorf("dateTimeCell(%v) = %#v, want %#v", tt.in, got, tt.dtime)
		}
	}
	// Evidence dates are read in a date column; other text stays text.
	for in, want := range map[string]any{
		"2025-04-02T09:00:00Z":      45749.375,
		"2025-04-02T11:00:00+02:00": 45749.375,
		"2025-10-01":                int64(45931),
		"soon":                      "soon",
	} {
		if got := kindCell(kindDateTime, in); got != want {
			t.Errorf("kindCell(date-time, %q) = %#v, want %#v", in, got, want)
		}
	}
}

func TestWrappedLines(t *testing.T) {
	tests := []struct {
		s     string
		width float64
		want  int
	}{
		{"", 10, 1},
		{"short", 10, 1},
		{"exactly ten", 11, 1},
		{"two words", 5, 2},
		{"one\ntwo\nthree", 40, 3},
		{"aaaaaaaaaaaaaaaaaaaaaaaaa", 10, 3}, // a word wider than the line is broken
		{"x " + strings.Repeat("y", 1000), 10, maxRowLines}, // stops at the cap
	}
	for _, tt := range tests {
		if got := wrappedLines(tt.s, tt.width); got != tt.want {
			t.Errorf("wrappedLines(%.20q, %v) = %d, want %d", tt.s, tt.width, got, tt.want)
		}
	}
}
