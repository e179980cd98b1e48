package previous

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/internal/inputerr"
	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/xlsxread"
)

// The sheets of a workbook review wrote, read back by header: the
// Findings and Resolved sheets (findings_xlsx.go) and the Accounts sheets
// (accounts_xlsx.go), each with its continuations.

// parts are the sheets of name and its continuations, in part order. A
// continuation missing between two others is an input error: its rows
// would otherwise look gone (resolved findings, removed accounts).
func parts(file string, sheets []string, name string) ([]string, error) {
	byPart := map[int]string{}
	last := 0
	for _, s := range sheets {
		if listing, n := layout.PartOf(s); listing == name && n > 0 {
			byPart[n] = s
			last = max(last, n)
		}
	}
	out := make([]string, 0, len(byPart))
	for n := 1; n <= last; n++ {
		s, ok := byPart[n]
		if !ok {
			return nil, inputerr.New("--previous %s: no sheet %q, though the workbook has %q: a continuation sheet was removed, and its rows would look gone",
				file, layout.PartName(name, n), byPart[last])
		}
		out = append(out, s)
	}
	return out, nil
}

// row is one data row of a sheet, its cells looked up by header.
type row struct {
	file, sheet string
	num         int // 1-based row number
	cols        xlsxread.Header
	cells       []string
}

// get is the trimmed cell under header, "" when the sheet has no such
// column or the row no such cell.
func (r row) get(header string) string {
	return strings.TrimSpace(r.cols.Cell(r.cells, header))
}

// errorAt is an input error naming the file, sheet and cell under header.
func (r row) errorAt(header, format string, a ...any) error {
	i, _ := r.cols.Index(header)
	cell, _ := excelize.CoordinatesToCellName(i+1, r.num)
	return inputerr.New("--previous %s: sheet %s, cell %s (%s): %s", r.file, r.sheet, cell, header, fmt.Sprintf(format, a...))
}

// has says the sheet has a column headed header.
func (r row) has(header string) bool { return r.cols.Has(header) }

// readSheet streams the rows of a sheet under its header row (row 1),
// which must hold every required header, and returns that header
// (xlsxread.Read). Rows with no cell filled are passed over (a reviewer's
// blank lines).
func readSheet(f *excelize.File, file, sheet string, required []string, fn func(row) error) (xlsxread.Header, error) {
	return xlsxread.Read(f, "--previous "+file, sheet, required, func(h xlsxread.Header, num int, cells []string) error {
		if xlsxread.Blank(cells) {
			return nil
		}
		return fn(row{file: file, sheet: sheet, num: num, cols: h, cells: cells})
	})
}
