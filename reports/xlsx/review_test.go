package xlsx

import (
	"io"
	"os"

	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/reports/reportstest"
)

// Values of the test review that tests look for.
const (
	formulaEntity = reportstest.FormulaEntity
	longDetailLen = reportstest.LongDetailLen
)

func testReview() *model.Review     { return reportstest.Review() }
func testFindings() []model.Finding { return reportstest.Findings() }

var finding = reportstest.Finding

func previousReview() *model.Review { return reportstest.PreviousReview() }

// writeFile writes a file with write.
func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
