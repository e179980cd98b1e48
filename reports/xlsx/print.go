package xlsx

import (
	"fmt"

	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/xlsxprint"
)

// paperA4 is the paper size code of A4 in a sheet's page setup.
const paperA4 = xlsxprint.PaperA4

// The print plan of every sheet, in one place (docs/outputs.md, Print
// setup). Tables print at xlsxprint.Scale (11-point text at 8.8 points) on
// as many pages across as they take, pages across before pages down, their
// header row and their key columns (printKeys) on every page. The Summary
// prints at summaryScale, its panes on a page and the coverage sentences
// on the next when they do not fit under them; a reviewer's Instructions
// on one upright page.
//
// tools/printcheck measures the result, printed by LibreOffice: make paper
// on the demo, and cmd/review's TestDemoPrintsReadably.

// printKeys are, by sheet, the headers of its first columns that say
// which row a page shows: they print at the left of every page across.
// Findings and the family sheets (familyPrintKeys) lead with the finding's
// ID, which the reviewer's workbook and the decisions share.
var printKeys = map[string][]string{
	layout.SheetFindings:      {layout.FindingID},
	layout.SheetResolved:      {layout.FindingID},
	layout.SheetLicenses:      {"Source", "Product", "Seat Type"},
	layout.SheetAccounts:      {layout.AccountsSource, layout.AccountsProduct, layout.AccountsID, layout.AccountsUsername},
	layout.SheetGroupPolicies: {"Source", "ID", "Name"},
	layout.SheetRules:         {"ID"},
	layout.SheetExceptions:    {"Rule", "Entity"},
	layout.SheetAccessChanges: {"Source", "Product", "ID", "Username"},
	layout.SheetSessions:      {"Source", "Product", "Kind", "Session ID"},
	layout.SheetPeople:        {"Person", "Name"},
	layout.SheetControls:      {"Framework", "Control"},
	layout.SheetEvidence:      {"Item"},
	layout.SheetIngestIssues:  {"File", "Line"},
}

// familyPrintKeys are a family sheet's keys.
var familyPrintKeys = []string{layout.FindingID}

// summaryScale is the Summary's print scale: its 11-point text at 8.25
// points, the chart's at the same (summary_chart.go), so that its panes
// fit one landscape page at the demo's size.
const summaryScale = xlsxprint.MinScale

// summaryPlan is the Summary's print plan: no header row, no key columns.
var summaryPlan = xlsxprint.Plan{Scale: summaryScale}

// instructionsPlan prints a reviewer's Instructions on one upright page:
// two columns, 96 characters across, that fit it at full size.
var instructionsPlan = xlsxprint.Plan{Portrait: true, OnePage: true}

// tablePlan is the print plan of the table spec describes, on each of its
// sheets: its header row and key columns on every page. A sheet without
// keys, or whose keys are not its first columns in order, is a bug.
func tablePlan(spec *sheetSpec) xlsxprint.Plan {
	keys, ok := printKeys[spec.Name]
	if !ok {
		for _, s := range layout.Sheets {
			if s.Name == spec.Name && s.Family != "" {
				keys, ok = familyPrintKeys, true
			}
		}
	}
	if !ok {
		panic("reports/xlsx: no print keys for the sheet " + spec.Name)
	}
	for i, k := range keys {
		if i >= len(spec.Columns) || spec.Columns[i].Header != k {
			panic(fmt.Sprintf("reports/xlsx: print key %q is not column %d of %s", k, i+1, spec.Name))
		}
	}
	return xlsxprint.Table(len(keys))
}

// printSetup sets up the printing of sheet by plan.
func (b *book) printSetup(sheet string, plan xlsxprint.Plan) error {
	return xlsxprint.Setup(b.f, sheet, b.r.AsOf, plan)
}
