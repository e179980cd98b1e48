package xlsx

import (
	"fmt"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/internal/layout"
)

// The Summary is the one page a reviewer reads first, of a bounded length
// whatever the size of the review: every list on it is capped, and the
// sheet behind it holds the rest. Two panes sit side by side under the
// title (counts on the left; the chart, the act-first list and the license
// headline on the right), and the coverage sentences run across the page
// under both. Printed at 75% (print.go), the title and panes fill an A4
// landscape page and the sentences, when they do not fit under them, the
// next (summaryPageBreak).
var (
	// summaryWidths are the widths of columns A…K: the left pane is A…E,
	// F is the gutter, the right pane is G…K.
	summaryWidths = []float64{32, 11, 11, 11, 11, 3, 26, 15, 15, 15, 15}
	leftPane      = 1 // column A
	rightPane     = 7 // column G
	paneTop       = 5 // the first row of both panes
	// summaryCols is how many columns the coverage sentences span.
	summaryCols = len(summaryWidths)
)

// Caps of the Summary's lists, so that it stays as long at a million
// accounts as at a hundred.
const (
	maxSummarySources = 10
	maxSummaryRules   = 10
	maxActFirst       = 10
	maxCoverage       = 8
)

// link is a cell that opens a place in the workbook ("Findings!A5").
type link struct {
	text, location string
}

// cursor writes rows one under the other from a first column, on a sheet
// written cell by cell (the Summary: small, and it carries a chart).
type cursor struct {
	f     *excelize.File
	sheet string
	col   int // first column, 1-based
	row   int // next row, 1-based
	used  *usedRange
	// linkStyle is the style of link cells.
	linkStyle int
}

// usedRange is the extent of what the cursors of a sheet wrote.
type usedRange struct{ maxRow, maxCol int }

// put writes one row; nil values leave their cell empty.
func (c *cursor) put(values ...any) error {
	for i, v := range values {
		if v == nil {
			continue
		}
		cell, err := excelize.CoordinatesToCellName(c.col+i, c.row)
		if err != nil {
			return err
		}
		style := 0
		if sv, ok := v.(excelize.Cell); ok {
			style, v = sv.StyleID, sv.Value
		}
		if l, ok := v.(link); ok {
			v, style = l.text, c.linkStyle
			display := l.text
			if err := c.f.SetCellHyperLink(c.sheet, cell, l.location, "Location",
				excelize.HyperlinkOpts{Display: &display}); err != nil {
				return fmt.Errorf("%s!%s: %w", c.sheet, cell, err)
			}
		}
		if err := c.f.SetCellValue(c.sheet, cell, v); err != nil {
			return fmt.Errorf("%s!%s: %w", c.sheet, cell, err)
		}
		if style != 0 {
			if err := c.f.SetCellStyle(c.sheet, cell, cell, style); err != nil {
				return err
			}
		}
		c.used.maxRow, c.used.maxCol = max(c.used.maxRow, c.row), max(c.used.maxCol, c.col+i)
	}
	c.row++
	return nil
}

func (c *cursor) skip() { c.row++ }

// dimension records the used range in the sheet's <dimension>.
func (u *usedRange) dimension(f *excelize.File, sheet string) error {
	if u.maxRow == 0 {
		return nil
	}
	last, err := excelize.CoordinatesToCellName(u.maxCol, u.maxRow)
	if err != nil {
		return err
	}
	return f.SetSheetDimension(sheet, "A1:"+last)
}

// summary writes the Summary sheet section by section into the pane of its
// cursor c; the first error sticks.
type summary struct {
	*book
	c   *cursor
	st2 *summaryStyles
	err error
}

func (s *summary) put(values ...any) {
	if s.err == nil {
		s.err = s.c.put(values...)
	}
}

// head writes a table's header row: text headers left-aligned, the
// headers of number columns (named in numeric) right-aligned like the
// numbers under them.
func (s *summary) head(h ...string) {
	s.headNumeric(nil, h...)
}

func (s *summary) headNumeric(numeric map[string]bool, h ...string) {
	row := make([]any, len(h))
	for i, v := range h {
		style := s.st2.headText
		if numeric[v] {
			style = s.st2.headNum
		}
		row[i] = styled(text(v), style)
	}
	s.put(row...)
}

// title is a section title.
func (s *summary) title(t string) { s.put(styled(text(t), s.st2.section)) }

// note is a line of small grey text (a cap reached, nothing to list).
func (s *summary) note(t string) { s.put(styled(text(t), s.st2.note)) }

func (s *summary) bold(v any) any { return styled(v, s.st2.bold) }

// count is a whole number, right-aligned with a thousands separator.
func (s *summary) count(n int64) any { return styled(n, s.st2.count) }

func (s *summary) boldCount(n int64) any { return styled(n, s.st2.boldCount) }

func (b *book) writeSummary() error {
	st2, err := newSummaryStyles(b.f)
	if err != nil {
		return err
	}
	used := &usedRange{}
	newCursor := func(col, row int) *cursor {
		return &cursor{f: b.f, sheet: layout.SheetSummary, col: col, row: row, used: used, linkStyle: st2.link}
	}
	s := &summary{book: b, st2: st2, c: newCursor(leftPane, 1)}
	s.heading()

	s.c = newCursor(leftPane, paneTop)
	s.leaversWhoGotIn()
	if s.r.Previous != nil {
		s.c.skip()
		s.revokesNotCarriedOut()
	}
	s.c.skip()
	s.sources()
	s.c.skip()
	familyRows, peak := s.bySeverity()
	s.c.skip()
	s.perRule()
	if s.r.Previous != nil {
		s.c.skip()
		s.sincePrevious()
	}
	left := s.c.row

	s.c = newCursor(rightPane, paneTop+chartRows+1)
	s.actFirst()
	s.c.skip()
	s.licenseHeadline()
	right := s.c.row

	coverageTop := max(left, right) + 1
	s.c = newCursor(leftPane, coverageTop)
	s.coverage()
	if s.err != nil {
		return s.err
	}
	// Rows 15 points (20 pixels) high in every program, so that the rows
	// under the chart are where chartRows expects them.
	height, custom := 15.0, true
	if err := b.f.SetSheetProps(layout.SheetSummary, &excelize.SheetPropsOptions{DefaultRowHeight: &height, CustomHeight: &custom}); err != nil {
		return err
	}
	for i, w := range summaryWidths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := b.f.SetColWidth(layout.SheetSummary, col, col, w); err != nil {
			return err
		}
	}
	if err := b.severityChart(familyRows, peak); err != nil {
		return err
	}
	if err := b.summaryPageBreak(paneTop, coverageTop, used.maxRow); err != nil {
		return err
	}
	return used.dimension(b.f, layout.SheetSummary)
}

// summaryPageBreak starts a new page at the coverage sentences when the
// Summary does not fit one page at its scale but the rows above them do:
// the title and both panes on the first page, whole, and the sentences
// on the next, rather than a page that ends inside a table.
func (b *book) summaryPageBreak(paneTop, coverageTop, lastRow int) error {
	height := func(from, to int) (float64, error) {
		sum := 0.0
		for r := from; r <= to; r++ {
			h, err := b.f.GetRowHeight(layout.SheetSummary, r)
			if err != nil {
				return 0, err
			}
			sum += h
		}
		return sum, nil
	}
	all, err := height(1, lastRow)
	if err != nil {
		return err
	}
	above, err := height(1, coverageTop-1)
	if err != nil {
		return err
	}
	page := summaryPlan.PageHeight()
	if all <= page || above > page || coverageTop <= paneTop {
		return nil
	}
	cell, _ := excelize.CoordinatesToCellName(1, coverageTop)
	return b.f.InsertPageBreak(layout.SheetSummary, cell)
}

// heading is the title, the as-of date (a date cell) and the version.
func (s *summary) heading() {
	s.put(styled(text("BeyondTrust access review"), s.st2.title))
	var asOf any = text(s.r.AsOf)
	if t, err := time.Parse(time.DateOnly, s.r.AsOf); err == nil {
		asOf = styled(excelDate(t), s.st2.date)
	}
	s.put(text(layout.SummaryAsOf), asOf)
	s.put(text("Review version"), text(s.r.Tool.Review))
}

// excelDate is t as an Excel date serial (days since 1899-12-30), which a
// date format shows as a date that sorts and filters as one.
func excelDate(t time.Time) float64 {
	epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	return t.Sub(epoch).Hours() / 24
}
