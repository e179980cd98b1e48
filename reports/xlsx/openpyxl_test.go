package xlsx

import (
	"encoding/json"
	"os"
	"os/exec"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"
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

func TestOpenpyxlReadsWorkbook(t *testing.T) {
	var python string
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(p, "-c", "import openpyxl").Run() == nil {
			python = p
			break
		}
	}
	if python == "" {
		// CI installs it (.ci/run), so there the test always runs; make test
		// says so on a machine without it.
		if os.Getenv("CI") != "" {
			t.Fatal("no python3 with openpyxl: apt-get install python3-openpyxl (.ci/run does)")
		}
		t.Skip("no python3 with openpyxl: apt-get install python3-openpyxl to run this test")
	}
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
