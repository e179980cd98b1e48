package reports

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// paperA4 is the paper size code of A4 in a sheet's page setup.
const paperA4 = 9

// printSetup makes a sheet print readably: A4 landscape, one page wide
// (the Summary: one page in all), its header row on every page, and a
// footer with the sheet's name, the page number and the as-of date, so
// that a loose printed page says where it came from.
func (b *book) printSetup(sheet string) error {
	onePage := sheet == sheetSummary
	size, landscape := paperA4, "landscape"
	wide, tall := 1, 0 // 0: as many pages down as it takes
	if onePage {
		tall = 1
	}
	fit := true
	if err := b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return fmt.Errorf("sheet %s: %w", sheet, err)
	}
	if err := b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &landscape, FitToWidth: &wide, FitToHeight: &tall,
	}); err != nil {
		return fmt.Errorf("sheet %s: %w", sheet, err)
	}
	footer := "&L&A&CPage &P of &N"
	if b.r.AsOf != "" {
		footer += "&RAs of " + b.r.AsOf
	}
	if err := b.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: footer}); err != nil {
		return fmt.Errorf("sheet %s: %w", sheet, err)
	}
	if onePage {
		return nil
	}
	return b.f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", RefersTo: sheetRef(sheet) + "!$1:$1", Scope: sheet,
	})
}
