package xlsx

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/model"
)

// openpyxlScript opens the workbook the way streaming readers do (read-only,
// trusting <dimension>) and fully, and reports what it saw.
const openpyxlScript = `
import json, sys, openpyxl
path = sys.argv[1]
out = {}
ro = openpyxl.load_workbook(path, read_only=True)
out["sheets"] = ro.sheetnames
out["max_row"] = {ws.title: ws.max_row for ws in ro.worksheets}
out["read_only_rows"] = {ws.title: sum(1 for _ in ws.iter_rows()) for ws in ro.worksheets}
ro.close()
wb = openpyxl.load_workbook(path)
ws = wb["Findings"]
out["tables"] = sorted(ws.tables.keys())
out["validations"] = [str(dv.sqref) for dv in ws.data_validations.dataValidation]
out["freeze"] = ws.freeze_panes
entity = [c for c in ws["I"] if c.value == sys.argv[2]]
out["entity_type"] = entity[0].data_type if entity else None
formulas = [c.value for s in wb.worksheets for row in s.iter_rows() for c in row if c.data_type == "f"]
out["formulas"] = sum(1 for f in formulas if not f.startswith('=HYPERLINK("#\'Findings\'!A'))
out["links"] = len(formulas) - out["formulas"]
print(json.dumps(out))
`

// openpyxlPython is a python3 that has openpyxl; the test is skipped
// without one, but not on CI.
func openpyxlPython(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(p, "-c", "import openpyxl").Run() == nil {
			return p
		}
	}
	// CI installs it (.ci/run), so there the test always runs; make test
	// says so on a machine without it.
	if os.Getenv("CI") != "" {
		t.Fatal("no python3 with openpyxl: apt-get install python3-openpyxl (.ci/run does)")
	}
	t.Skip("no python3 with openpyxl: apt-get install python3-openpyxl to run this test")
	return ""
}

func TestOpenpyxlReadsWorkbook(t *testing.T) {
	python := openpyxlPython(t)
	path, _ := writeTest(t, testReview())
	out, err := exec.Command(python, "-c", openpyxlScript, path, formulaEntity).Output()
	if err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, out)
	}
	var got struct {
		Sheets       []string       `json:"sheets"`
		MaxRow       map[string]int `json:"max_row"`
		ReadOnlyRows map[string]int `json:"read_only_rows"`
		Tables       []string       `json:"tables"`
		Validations  []string       `json:"validations"`
		Freeze       string         `json:"freeze"`
		EntityType   string         `json:"entity_type"`
		Formulas     int            `json:"formulas"`
		Links        int            `json:"links"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if !slices.Equal(got.Sheets, wantSheets) {
		t.Errorf("sheets %q", got.Sheets)
	}
	// Streaming readers trust the sheet's <dimension>: they must see every
	// row excelize wrote.
	xf, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer xf.Close()
	for _, sheet := range []string{"Findings", "Accounts", "Stale Seats", "Evidence"} {
		rs, _ := xf.GetRows(sheet)
		want := len(rs)
		if want < 4 || got.MaxRow[sheet] != want || got.ReadOnlyRows[sheet] != want {
			t.Errorf("%s: read-only max_row %d, rows %d, want %d", sheet, got.MaxRow[sheet], got.ReadOnlyRows[sheet], want)
		}
	}
	if !slices.Equal(got.Tables, []string{"Findings"}) || !slices.Equal(got.Validations, []string{"P2:P13"}) || got.Freeze != "A2" {
		t.Errorf("Findings: tables %q, validations %q, freeze %q", got.Tables, got.Validations, got.Freeze)
	}
	// The only formulas are the family sheets' links to Findings, one per
	// finding.
	if got.EntityType != "s" || got.Formulas != 0 || got.Links != 12 {
		t.Errorf("formula-looking entity has type %q; %d formulas other than the %d links in the workbook",
			got.EntityType, got.Formulas, got.Links)
	}
}

// splicedScript reads the Accounts sheet's values streaming, every sheet's
// row count both ways, and fully: the Findings row heights, the tables and
// the drop-down.
const splicedScript = `
import json, sys, datetime, openpyxl
path = sys.argv[1]
def norm(v):
    if isinstance(v, datetime.datetime):
        return (v + datetime.timedelta(microseconds=500000)).replace(microsecond=0).isoformat()
    return v
out = {}
ro = openpyxl.load_workbook(path, read_only=True)
out["accounts"] = [[norm(c) for c in row] for row in ro["Accounts"].iter_rows(values_only=True)]
out["max_row"] = {ws.title: ws.max_row for ws in ro.worksheets}
out["read_only_rows"] = {ws.title: sum(1 for _ in ws.iter_rows()) for ws in ro.worksheets}
ro.close()
wb = openpyxl.load_workbook(path)
ws = wb["Findings"]
out["heights"] = {str(r): d.height for r, d in ws.row_dimensions.items() if d.height}
out["tables"] = {s.title: {n: s.tables[n].ref for n in s.tables} for s in wb.worksheets}
out["validations"] = [str(dv.sqref) for dv in ws.data_validations.dataValidation]
out["rows"] = {s.title: s.max_row for s in wb.worksheets}
print(json.dumps(out))
`

// xmlText is s as a reader sees it: each character XML cannot hold, and
// each byte that is not UTF-8, is U+FFFD.
func xmlText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && w == 1 || !xmlChar(r) {
			r = utf8.RuneError
		}
		b.WriteRune(r)
		i += w
	}
	return b.String()
}

// A workbook whose sheets span many compression blocks, with cells of
// every kind the Accounts sheet has and odd text, reads in openpyxl as
// written: the zip entries' CRCs check out, every row is there, streaming
// or not, values and types are right, the row heights, tables and the
// drop-down too.
func TestOpenpyxlReadsSplicedRows(t *testing.T) {
	python := openpyxlPython(t)
	const n = 1500
	r := oddReview(n)
	path, xf := writeTest(t, r)
	largest := 0
	for name, data := range zipParts(t, path) {
		if strings.HasPrefix(name, "xl/worksheets/sheet") {
			largest = max(largest, len(data))
		}
	}
	if largest < 3*blockSize {
		t.Fatalf("the largest sheet is %d bytes: want several blocks", largest)
	}
	cmd := exec.Command(python, "-c", splicedScript, path)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("openpyxl: %v", err)
	}
	var got struct {
		Accounts     [][]any                      `json:"accounts"`
		MaxRow       map[string]int               `json:"max_row"`
		ReadOnlyRows map[string]int               `json:"read_only_rows"`
		Rows         map[string]int               `json:"rows"`
		Heights      map[string]float64           `json:"heights"`
		Tables       map[string]map[string]string `json:"tables"`
		Validations  []string                     `json:"validations"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %.300s", err, out)
	}
	for _, sheet := range xf.GetSheetList() {
		rs, _ := xf.GetRows(sheet)
		if want := len(rs); got.MaxRow[sheet] != want || got.ReadOnlyRows[sheet] != want || got.Rows[sheet] != want {
			t.Errorf("%s: max_row %d, rows %d streaming, %d loaded; want %d", sheet, got.MaxRow[sheet], got.ReadOnlyRows[sheet], got.Rows[sheet], want)
		}
	}
	if len(got.Accounts) != n+1 || !slices.Equal(toStrings(got.Accounts[0]), layout.AccountsHeaders) {
		t.Fatalf("Accounts: %d rows, header %q", len(got.Accounts), got.Accounts[0])
	}
	// What each account's row should hold, column by column (JSON numbers
	// are float64; nil is no cell).
	i := 0
	err = r.Accounts(func(a *model.AccountRow) error {
		row := got.Accounts[i+1]
		at := func(col int) any {
			if col < len(row) {
				return row[col]
			}
			return nil
		}
		str := func(s string) any {
			if s == "" {
				return nil
			}
			return xmlText(cellText(s))
		}
		var id, days any
		if a.ID != 0 {
			id = float64(a.ID)
		}
		if a.DaysSince != nil {
			days = float64(*a.DaysSince)
		}
		want := map[int]any{
			0: "pra-prod", 2: id, 3: a.Username, 4: str(a.DisplayName), 9: "yes", 10: "no", 11: "yes",
			12: "2023-03-07T00:00:00", 13: "2025-10-18T05:11:22", 14: days, 18: str(a.Teams),
			23: str(a.UserGroups), 24: flagCell(a.Quarantined), 25: str(a.UserType), 26: float64(0),
		}
		for col, w := range want {
			if s, ok := w.(string); ok && strings.Contains(s, "_x") {
				continue // SpreadsheetML's own escapes: readers differ in reading them back
			}
			if g := at(col); g != w {
				t.Errorf("Accounts row %d column %d: %.80v, want %.80v", i+2, col+1, g, w)
			}
		}
		i++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("A1:AA%d", n+1); got.Tables["Accounts"]["Accounts"] != want {
		t.Errorf("Accounts table %v, want %s", got.Tables["Accounts"], want)
	}
	if want := fmt.Sprintf("P2:P%d", len(r.Findings)+1); !slices.Equal(got.Validations, []string{want}) {
		t.Errorf("Findings drop-down %q, want %s", got.Validations, want)
	}
	heights := 0
	for row := 2; row <= len(r.Findings)+1; row++ {
		want, _ := xf.GetRowHeight("Findings", row)
		g, ok := got.Heights[strconv.Itoa(row)]
		if ok && g != want || !ok && want != 15 {
			t.Errorf("Findings row %d: height %v (set: %v), want %v", row, g, ok, want)
		}
		if ok {
			heights++
		}
	}
	if heights < 10 {
		t.Errorf("%d Findings rows with a height: the test has no wrapped rows", heights)
	}
}

func toStrings(row []any) []string {
	out := make([]string, len(row))
	for i, v := range row {
		out[i], _ = v.(string)
	}
	return out
}
