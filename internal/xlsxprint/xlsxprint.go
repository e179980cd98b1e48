// Package xlsxprint is the one print setup of every workbook review
// writes (the findings workbook, a reviewer's workbook, the decisions
// workbook), so that a page printed from any of them looks alike and says
// where it came from.
package xlsxprint

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// PaperA4 is the paper size code of A4 in a sheet's page setup.
const PaperA4 = 9

// Setup makes a sheet print readably: A4 landscape, one page wide (one
// page in all when onePage), its header row on every page, and a footer
// with the sheet's name, the page number and the as-of date (when given).
func Setup(f *excelize.File, sheet, asOf string, onePage bool) error {
	size, landscape := PaperA4, "landscape"
	wide, tall := 1, 0 // 0: as many pages down as it takes
	if onePage {
		tall = 1
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return fmt.Errorf("sheet %s: %w", sheet, err)
	}
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &landscape, FitToWidth: &wide, FitToHeight: &tall,
	}); err != nil {
		return fmt.Errorf("sheet %s: %w", sheet, err)
	}
	footer := "&L&A&CPage &P of &N"
	if asOf != "" {
		footer += "&RAs of " + asOf
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: footer}); err != nil {
		return fmt.Errorf("sheet %s: %w", sheet, err)
	}
	if onePage {
		return nil
	}
	return f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", RefersTo: SheetRef(sheet) + "!$1:$1", Scope: sheet,
	})
}

// SheetRef is a sheet's name as a formula or defined name refers to it:
// quoted, with quotes doubled, unless it is letters, digits and '_'.
func SheetRef(name string) string {
	plain := name != ""
	for _, r := range name {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			plain = false
		}
	}
	if plain {
		return name
	}
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}
