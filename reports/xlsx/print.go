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

// printKeys are, by sheet, the headers of the columns, side by side, that
// say what a row is about: they print at the left of every page across
// after the one they first print on. Findings (and so a reviewer's
// Findings) repeat the title to the entity, so that the page with Decision
// and Comment also says what was found on what; the family sheets
// (familyPrintKeys) the source to the entity.
var printKeys = map[string][]string{
	layout.SheetFindings:      {layout.FindingsTitle, layout.FindingsSource, layout.FindingsProduct, layout.FindingsEntityType, layout.FindingsEntity},
	layout.SheetResolved:      {layout.FindingsTitle, layout.FindingsSource, layout.FindingsProduct, layout.FindingsEntityType, layout.FindingsEntity},
	layout.SheetLicenses:      {"Source", "Product", "Seat Type"},
	layout.SheetAccounts:      {layout.AccountsSource, layout.AccountsProduct, layout.AccountsID, layout.AccountsUsername},
	layout.SheetGroupPolicies: {"Source", "ID", "Name"},
	layout.SheetJumpReach:     {layout.JumpReachSource, layout.JumpReachJumpGroup, layout.JumpReachItem},
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
var familyPrintKeys = []string{layout.FindingsSource, layout.FindingsEntityType, layout.FindingsEntity}

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
// keys, or whose keys are not its columns side by side in that order, is
// a bug.
func tablePlan(spec *sheetSpec) xlsxprint.Plan {
	keys, ok := printKeys[spec.Name]
	if !ok {
		for _, s := range layout.Sheets {
			if s.Name == spec.Name && s.Family != "" {
				keys, ok = familyPrintKeys, true
			}
		}
	}
	if !ok || len(keys) == 0 {
		panic("reports/xlsx: no print keys for the sheet " + spec.Name)
	}
	first := columnIndex(spec.Columns, keys[0])
	for i, k := range keys {
		if first < 0 || first+i >= len(spec.Columns) || spec.Columns[first+i].Header != k {
			panic(fmt.Sprintf("reports/xlsx: print keys %q are not columns of %s side by side", keys, spec.Name))
		}
	}
	plan := xlsxprint.Table(first+1, first+len(keys))
	if h, ok := printBreaks[spec.Name]; ok {
		plan.BreakBefore = columnIndex(spec.Columns, h) + 1
	}
	return plan
}

// printBreaks are, by sheet, the header of the column that starts a page
// across: a Findings page (the full workbook's and a reviewer's) holds
// Decision and Comment together, beside the key columns, so that the page
// a reviewer writes on says what each decision is about.
var printBreaks = map[string]string{
	layout.SheetFindings: layout.FindingsDecision,
}

// printSetup sets up the printing of sheet by plan.
func (b *book) printSetup(sheet string, plan xlsxprint.Plan) error {
	return xlsxprint.Setup(b.f, sheet, b.r.AsOf, plan)
}
