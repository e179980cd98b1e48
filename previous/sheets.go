package previous

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/internal/inputerr"
)

// The sheets of a workbook review wrote, read back by header: the
// Findings and Resolved sheets (findings_xlsx.go) and the Accounts sheets
// (accounts_xlsx.go), each with its continuations.

// partPattern matches a continuation sheet's name, "Findings (2)".
var partPattern = regexp.MustCompile(`^(.*) \((\d+)\)$`)

// parts are the sheets of name and its continuations, in part order. A
// continuation missing between two others is an input error: its rows
// would otherwise look gone (resolved findings, removed accounts).
func parts(file string, sheets []string, name string) ([]string, error) {
	byPart := map[int]string{}
	last := 0
	for _, s := range sheets {
		n := 0
		if s == name {
			n = 1
		} else if m := partPattern.FindStringSubmatch(s); m != nil && m[1] == name {
			n, _ = strconv.Atoi(m[2])
		}
		if n > 0 {
			byPart[n] = s
			last = max(last, n)
		}
	}
	out := make([]string, 0, len(byPart))
	for n := 1; n <= last; n++ {
		s, ok := byPart[n]
		if !ok {
			return nil, inputerr.New("--previous %s: no sheet %q, though the workbook has %q: a continuation sheet was removed, and its rows would look gone",
				file, partName(name, n), byPart[last])
		}
		out = append(out, s)
	}
	return out, nil
}

// partName is the name of the n-th sheet of a listing: "Findings",
// "Findings (2)", …
func partName(name string, n int) string {
	if n == 1 {
		return name
	}
	return fmt.Sprintf("%s (%d)", name, n)
}

// row is one data row of a sheet, its cells looked up by header.
type row struct {
	file, sheet string
	num         int // 1-based row number
	cols        map[string]int
	cells       []string
}

// get is the trimmed cell under header, "" when the sheet has no such
// column or the row no such cell.
func (r row) get(header string) string {
	i, ok := r.cols[strings.ToLower(header)]
	if !ok || i >= len(r.cells) {
		return ""
	}
	return strings.TrimSpace(r.cells[i])
}

// errorAt is an input error naming the file, sheet and cell under header.
func (r row) errorAt(header, format string, a ...any) error {
	cell, _ := excelize.CoordinatesToCellName(r.cols[strings.ToLower(header)]+1, r.num)
	return inputerr.New("--previous %s: sheet %s, cell %s (%s): %s", r.file, r.sheet, cell, header, fmt.Sprintf(format, a...))
}

// has says the sheet has a column headed header.
func (r row) has(header string) bool {
	_, ok := r.cols[strings.ToLower(header)]
	return ok
}

// readSheet streams the rows of a sheet under its header row (row 1),
// which must hold every required header, and returns that header's
// columns (headerColumns). Rows with no cell filled are passed over (a
// reviewer's blank lines). Cells are read raw, as stored: an id or a count
// reads the same whatever number format a spreadsheet program gave it
// since.
func readSheet(f *excelize.File, file, sheet string, required []string, fn func(row) error) (map[string]int, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, inputerr.New("--previous %s: sheet %s: %v", file, sheet, err)
	}
	defer rows.Close()
	num := 0
	var cols map[string]int
	for rows.Next() {
		num++
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, inputerr.New("--previous %s: sheet %s, row %d: %v", file, sheet, num, err)
		}
		if cols == nil {
			if cols, err = headerColumns(file, sheet, cells, required); err != nil {
				return nil, err
			}
			continue
		}
		if blank(cells) {
			continue
		}
		if err := fn(row{file: file, sheet: sheet, num: num, cols: cols, cells: cells}); err != nil {
			return nil, err
		}
	}
	if err := rows.Error(); err != nil {
		return nil, inputerr.New("--previous %s: sheet %s: %v", file, sheet, err)
	}
	if cols == nil {
		return nil, inputerr.New("--previous %s: sheet %s is empty, expected the headers %s in row 1",
			file, sheet, strings.Join(required, ", "))
	}
	return cols, nil
}

// headerColumns maps each header of the first row, lower-cased, to its
// column; a required header missing is an input error naming it.
func headerColumns(file, sheet string, cells, required []string) (map[string]int, error) {
	cols := map[string]int{}
	for i, c := range cells {
		k := strings.ToLower(strings.TrimSpace(c))
		if _, dup := cols[k]; !dup && k != "" {
			cols[k] = i
		}
	}
	for _, h := range required {
		if _, ok := cols[strings.ToLower(h)]; !ok {
			return nil, inputerr.New("--previous %s: sheet %s has no column headed %q in row 1, expected the headers %s",
				file, sheet, h, strings.Join(required, ", "))
		}
	}
	return cols, nil
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
