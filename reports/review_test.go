package reports

import (
	"flag"

	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/reports/reportstest"
)

// update rewrites the golden files under testdata/: go test ./reports -update
var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// formulaEntity is the test review's entity a spreadsheet would take for a
// formula.
const formulaEntity = reportstest.FormulaEntity

func testReview() *model.Review     { return reportstest.Review() }
func testFindings() []model.Finding { return reportstest.Findings() }
