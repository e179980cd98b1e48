// Package xlsxread reads a sheet back by its header row: the one reader
// of the workbooks review wrote and gets back, a previous run's (previous)
// and a reviewer's returned workbook (campaign). Columns are found by
// header, ignoring case and surrounding space, so that a workbook a
// reviewer re-sorted, filtered or re-saved in another program still reads.
package xlsxread

import (
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/internal/inputerr"
)

// Header maps each header of a sheet's first row, lower-cased and
// trimmed, to its column (the first, when a header is there twice).
type Header map[string]int

// HeaderOf reads a header row.
func HeaderOf(cells []string) Header {
	h := Header{}
	for i, c := range cells {
		k := strings.ToLower(strings.TrimSpace(c))
		if _, dup := h[k]; !dup && k != "" {
			h[k] = i
		}
	}
	return h
}

// Index is the column headed header.
func (h Header) Index(header string) (int, bool) {
	i, ok := h[strings.ToLower(header)]
	return i, ok
}

// Has says the sheet has a column headed header.
func (h Header) Has(header string) bool {
	_, ok := h.Index(header)
	return ok
}

// Cell is the cell of a row under header, as stored (untrimmed); "" when
// the sheet has no such column or the row no such cell.
func (h Header) Cell(cells []string, header string) string {
	i, ok := h.Index(header)
	if !ok || i >= len(cells) {
		return ""
	}
	return cells[i]
}

// missing is the first of required the header lacks, "" when it has them
// all.
func (h Header) missing(required []string) string {
	for _, r := range required {
		if !h.Has(r) {
			return r
		}
	}
	return ""
}

// Read streams the rows of sheet under its header row (row 1), which must
// hold every required header, and returns that header. fn gets every
// later row with its 1-based number, blank ones too. Cells are read raw,
// as stored: an id or a count reads the same whatever number format a
// spreadsheet program gave it since. Errors are the user's, and start with
// where (the file, as the command names it).
func Read(f *excelize.File, where, sheet string, required []string, fn func(h Header, num int, cells []string) error) (Header, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, inputerr.New("%s: sheet %s: %v", where, sheet, err)
	}
	defer rows.Close()
	var h Header
	for num := 1; rows.Next(); num++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, inputerr.New("%s: sheet %s, row %d: %v", where, sheet, num, err)
		}
		if h == nil {
			h = HeaderOf(cells)
			if m := h.missing(required); m != "" {
				return nil, inputerr.New("%s: sheet %s has no column headed %q in row 1, expected the headers %s",
					where, sheet, m, strings.Join(required, ", "))
			}
			continue
		}
		if err := fn(h, num, cells); err != nil {
			return nil, err
		}
	}
	if err := rows.Error(); err != nil {
		return nil, inputerr.New("%s: sheet %s: %v", where, sheet, err)
	}
	if h == nil {
		return nil, inputerr.New("%s: sheet %s is empty, expected the headers %s in row 1",
			where, sheet, strings.Join(required, ", "))
	}
	return h, nil
}

// Blank says a row has no cell filled (a reviewer's blank line).
func Blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// Date is a raw cell value as a date, YYYY-MM-DD: typed so, or a date
// cell's serial number (what a typed date is stored as). ok is false when
// it is neither.
func Date(raw string) (date string, ok bool) {
	v := strings.TrimSpace(raw)
	if _, err := time.Parse(time.DateOnly, v); err == nil {
		return v, true
	}
	n, err := strconv.ParseFloat(v, 64)
	if err != nil || n <= 0 {
		return "", false
	}
	t, err := excelize.ExcelDateToTime(n, false)
	if err != nil {
		return "", false
	}
	return t.Format(time.DateOnly), true
}
