package xlsx

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/model"
)

// activityOf is an Activity whose Sessions iterator yields rows as given.
func activityOf(records int64, sheetMax int64, rows ...model.SessionRow) *model.Activity {
	return &model.Activity{
		Sessions: func(fn func(*model.SessionRow) error) error {
			for i := range rows {
				if err := fn(&rows[i]); err != nil {
					return err
				}
			}
			return nil
		},
		SessionRows: int64(len(rows)), Records: records, SheetMax: sheetMax, Cut: records > sheetMax,
		Windows: []model.ActivityWindow{{Source: "pra-prod", Kind: "session-report", Files: 2, Rows: 3,
			Earliest: time.Date(2025, 9, 1, 8, 0, 0, 0, time.UTC), Latest: time.Date(2025, 11, 20, 17, 30, 0, 0, time.UTC)},
			{Source: "rs-prod", Kind: "empty-report", Files: 1}},
	}
}

var leaverSession = model.SessionRow{Source: "pra-prod", Product: "pra", Kind: "session", ID: "0fb0a3000000000000000000000000a3",
	Start: time.Date(2025, 11, 12, 8, 0, 0, 0, time.UTC), End: time.Date(2025, 11, 12, 9, 30, 0, 0, time.UTC),
	Seconds: ptr(int64(5400)), Account: "carla.rey", Actor: "carla.rey", Person: "carla.rey@corp.example",
	PersonStatus: "terminated", TerminationDate: time.Date(2025, 11, 10, 0, 0, 0, 0, time.UTC),
	Endpoint: "=cmd|' /C calc'!A0", JumpGroup: "Web & API", Role: "member", AfterTermination: "yes"}

var openSession = model.SessionRow{Source: "pra-prod", Product: "pra", Kind: "session", ID: "0fb0ac000000000000000000000000ac",
	Start: time.Date(2025, 11, 21, 7, 0, 0, 0, time.UTC), Open: true, Account: "unknown", Actor: "temp.helper", Endpoint: "kiosk-3"}

// The Sessions sheet lists each session and representative as the view
// gives them, with dates, durations and yes/no as a spreadsheet reads
// them; the Evidence sheet gives each report's window.
func TestSessionsSheet(t *testing.T) {
	r := testReview()
	r.Activity = activityOf(2, 100000, leaverSession, openSession)
	_, f := writeTest(t, r)
	sheets := f.GetSheetList()
	if i := slices.Index(sheets, layout.SheetSessions); i < 0 || sheets[i+1] != layout.SheetPeople {
		t.Fatalf("sheets %q: want Sessions before People", sheets)
	}
	rs := rows(t, f, layout.SheetSessions)
	wantHeader := []string{"Source", "Product", "Kind", "Session ID", "Start (UTC)", "End (UTC)", "Open", "Duration", "Account",
		"User As Reported", "Person", "Person Status", "Termination Date", "Endpoint Or Asset", "Jump Group", "Role", "Event",
		"After Termination"}
	if !slices.Equal(rs[0], wantHeader) {
		t.Errorf("header\n got %q\nwant %q", rs[0], wantHeader)
	}
	want := [][]string{
		{"pra-prod", "pra", "session", "0fb0a3000000000000000000000000a3", "2025-11-12 08:00", "2025-11-12 09:30", "no", "1:30:00",
			"carla.rey", "carla.rey", "carla.rey@corp.example", "terminated", "2025-11-10", "=cmd|' /C calc'!A0", "Web & API", "member", "", "yes"},
		{"pra-prod", "pra", "session", "0fb0ac000000000000000000000000ac", "2025-11-21 07:00", "", "yes", "",
			"unknown", "temp.helper", "", "", "", "kiosk-3"},
	}
	if len(rs) != 3 || !slices.EqualFunc(rs[1:], want, slices.Equal) {
		t.Errorf("rows\n got %q\nwant %q", rs[1:], want)
	}
	for ref, typ := range map[string]excelize.CellType{"E2": excelize.CellTypeUnset, "H2": excelize.CellTypeUnset,
		"M2": excelize.CellTypeUnset, "N2": excelize.CellTypeInlineString, "G2": excelize.CellTypeInlineString} {
		if got, _ := f.GetCellType(layout.SheetSessions, ref); got != typ {
			t.Errorf("Sessions %s: type %v, want %v", ref, got, typ)
		}
	}
	if formula, _ := f.GetCellFormula(layout.SheetSessions, "N2"); formula != "" {
		t.Errorf("N2 is a formula %q: text must stay text", formula)
	}
	if tables, _ := f.GetTables(layout.SheetSessions); len(tables) != 1 || tables[0].Range != "A1:R3" {
		t.Errorf("Sessions tables %+v", tables)
	}
	ev := rows(t, f, layout.SheetEvidence)
	at := findRow(t, ev, 0, "Source")
	for ; at < len(ev) && (len(ev[at]) < 2 || ev[at][1] != "Report Kind"); at++ {
	}
	if at == len(ev) {
		t.Fatalf("Evidence has no table of report windows")
	}
	wantWindows := [][]string{
		{"Source", "Report Kind", "Files", "Rows Read", "Earliest Start (UTC)", "Latest Start (UTC)"},
		{"pra-prod", "session-report", "2", "3", "2025-09-01 08:00", "2025-11-20 17:30"},
		{"rs-prod", "empty-report", "1", "0"},
	}
	for i, w := range wantWindows {
		if got := ev[at+i]; !slices.Equal(got[:min(len(got), len(w))], w) {
			t.Errorf("Evidence window row %d: got %q, want %q", i, got, w)
		}
	}
}

// Above sessions_sheet_max the sheet lists what it was given (the view
// keeps the records that matter) and says under its table where the rest
// are; no sheet without reports.
func TestSessionsSheetCut(t *testing.T) {
	r := testReview()
	r.Activity = activityOf(250000, 100000, leaverSession)
	_, f := writeTest(t, r)
	rs := rows(t, f, layout.SheetSessions)
	if len(rs) != 4 || rs[2] != nil && len(rs[2]) != 0 {
		t.Fatalf("Sessions rows %q: want header, one row, a blank row and the note", rs)
	}
	if note := rs[3][0]; !strings.Contains(note, "250,000 records, more than sessions_sheet_max (100,000)") ||
		!strings.Contains(note, "--db") || !strings.Contains(note, "--parquet") {
		t.Errorf("note %q", note)
	}
	if tables, _ := f.GetTables(layout.SheetSessions); len(tables) != 1 || tables[0].Range != "A1:R2" {
		t.Errorf("Sessions tables %+v: the note is not in the table", tables)
	}
	if dim, _ := f.GetSheetDimension(layout.SheetSessions); dim != "A1:R4" {
		t.Errorf("Sessions dimension %s, want A1:R4", dim)
	}

	_, f = writeTest(t, testReview())
	if slices.Contains(f.GetSheetList(), layout.SheetSessions) {
		t.Errorf("a review without session reports has a Sessions sheet")
	}
}
