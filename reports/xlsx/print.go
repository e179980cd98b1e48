package xlsx

import (
	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/xlsxprint"
)

// paperA4 is the paper size code of A4 in a sheet's page setup.
const paperA4 = xlsxprint.PaperA4

// printSetup makes a sheet print readably (xlsxprint.Setup); the Summary
// prints on one page in all.
func (b *book) printSetup(sheet string) error {
	return xlsxprint.Setup(b.f, sheet, b.r.AsOf, sheet == layout.SheetSummary)
}
