// Package xlsxprint is the one print setup of every workbook review
// writes (the findings workbook, a reviewer's workbook, the decisions
// workbook), so that a page printed from any of them looks alike, reads at
// 8 points or more, and says where it came from.
package xlsxprint

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// PaperA4 is the paper size code of A4 in a sheet's page setup.
const PaperA4 = 9

// Scale is the print scale, in percent, of a table (a sheet of a header
// row and rows under it): its 11-point text prints at 8.8 points, and a
// table wider than a page prints on as many pages across as it takes,
// never smaller. Shrinking a table to one page wide printed the
// findings at 3 to 4 points.
const Scale = 80

// MinScale is the smallest scale any sheet prints at: 11-point text at
// 8.25 points, the floor tools/printcheck holds every page to being 8.
const MinScale = 75

// Plan is how one sheet prints.
type Plan struct {
	// Portrait prints upright; landscape otherwise.
	Portrait bool
	// Scale is the print scale in percent (0: the package's Scale).
	Scale int
	// OnePage fits the sheet on one page in all instead, for a sheet whose
	// content is known to fit at MinScale or more (a reviewer's
	// Instructions).
	OnePage bool
	// FirstKey and LastKey are the columns (1-based, 0 for none) that
	// print at the left of every page across once they have printed (a
	// finding's title to its entity, an account's source to its
	// username): what a row continued on the next page is about.
	FirstKey, LastKey int
	// HeaderRow repeats the header row at the top of every page: row 1,
	// or HeaderAt when a sheet's table starts lower (the decisions
	// workbook's Campaign sheet, whose second table runs on).
	HeaderRow bool
	HeaderAt  int
	// BreakBefore is a column (1-based, 0 for none) that starts a page
	// across: the columns from it on print together, beside the key
	// columns, rather than wherever the page's width falls (a finding's
	// Decision and Comment, the cells a reviewer fills in).
	BreakBefore int
}

// Table is the plan of a table whose columns first to last (1-based; 0,
// 0 for none) say what a row is about: its header row and those columns
// on every page, at Scale.
func Table(first, last int) Plan { return Plan{FirstKey: first, LastKey: last, HeaderRow: true} }

// Margins, in inches: narrower than a spreadsheet's defaults (0.7 and
// 0.75), the footer's room kept.
const (
	marginSide   = 0.5
	marginTop    = 0.5
	marginBottom = 0.6
	marginFooter = 0.25
	marginHeader = 0.25
)

// Setup makes a sheet print as plan says: A4 (landscape unless Portrait),
// pages across then down (a row's continuation is the next page), a
// footer with the sheet's name, the page number and the as-of date (when
// given), the header row and key columns repeated.
func Setup(f *excelize.File, sheet, asOf string, plan Plan) error {
	size, orientation, order := PaperA4, "landscape", "overThenDown"
	if plan.Portrait {
		orientation = "portrait"
	}
	layout := &excelize.PageLayoutOptions{Size: &size, Orientation: &orientation, PageOrder: &order}
	fit := plan.OnePage
	if fit {
		one := 1
		layout.FitToWidth, layout.FitToHeight = &one, &one
	} else {
		scale := uint(plan.Scale)
		if scale == 0 {
			scale = Scale
		}
		if scale < MinScale {
			return fmt.Errorf("sheet %s: a print scale of %d%% is under %d%%", sheet, scale, MinScale)
		}
		layout.AdjustTo = &scale
	}
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return fmt.Errorf("sheet %s: %w", sheet, err)
	}
	if err := f.SetPageLayout(sheet, layout); err != nil {
		return fmt.Errorf("sheet %s: %w", sheet, err)
	}
	side, top, bottom, header, footerMargin := marginSide, marginTop, marginBottom, marginHeader, marginFooter
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Left: &side, Right: &side, Top: &top, Bottom: &bottom, Header: &header, Footer: &footerMargin,
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
	if plan.BreakBefore > 1 {
		cell, err := excelize.CoordinatesToCellName(plan.BreakBefore, 1)
		if err == nil {
			err = f.InsertPageBreak(sheet, cell) // in row 1: a column break only
		}
		if err != nil {
			return fmt.Errorf("sheet %s: %w", sheet, err)
		}
	}
	if titles := PrintTitles(sheet, plan); titles != "" {
		return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: titles, Scope: sheet})
	}
	return nil
}

// a4Height is the long side of A4, in points.
const a4Height = 841.89

// a4Width is the short side of A4, in points.
const a4Width = 595.28

// PageHeight is how many points of a sheet's rows one page holds at the
// plan's scale (a fixed scale, not OnePage): the paper's height less the
// margins, over the scale. Rows are 15 points high unless taller.
func (p Plan) PageHeight() float64 {
	height := a4Width
	if p.Portrait {
		height = a4Height
	}
	return (height - (marginTop+marginBottom)*72) * 100 / p.scale()
}

// scale is the plan's print scale in percent.
func (p Plan) scale() float64 {
	if p.Scale == 0 {
		return Scale
	}
	return float64(p.Scale)
}

// PageWidth is how many points of a sheet's columns one page holds at the
// plan's scale (a fixed scale, not OnePage).
func (p Plan) PageWidth() float64 {
	width := a4Height
	if p.Portrait {
		width = a4Width
	}
	return (width - 2*marginSide*72) * 100 / p.scale()
}

// ColumnPoints is how wide, in points, a column of width characters
// prints at full scale: a width counts the digits of the workbook's 11-point
// Calibri, 7 pixels each, and 5 pixels of padding; a pixel is 0.75 point.
func ColumnPoints(width float64) float64 { return (7*width + 5) * 0.75 }

// PrintTitles is what a sheet's Print_Titles name refers to: its key
// columns, then its header row ("Findings!$E:$I,Findings!$1:$1"), as Excel
// writes it; "" when the plan repeats neither. Excel and LibreOffice
// print the key columns where they stand on the page they first fall on,
// and at the left of every page after it.
func PrintTitles(sheet string, plan Plan) string {
	var parts []string
	if plan.FirstKey > 0 {
		first, err1 := excelize.ColumnNumberToName(plan.FirstKey)
		last, err2 := excelize.ColumnNumberToName(max(plan.LastKey, plan.FirstKey))
		if err1 != nil || err2 != nil {
			return ""
		}
		parts = append(parts, SheetRef(sheet)+"!$"+first+":$"+last)
	}
	if plan.HeaderRow {
		row := strconv.Itoa(max(plan.HeaderAt, 1))
		parts = append(parts, SheetRef(sheet)+"!$"+row+":$"+row)
	}
	return strings.Join(parts, ",")
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
