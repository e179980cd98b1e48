package xlsx

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/review-tool/review/internal/xlsxprint"
	"github.com/xuri/excelize/v2"
)

// cellKind is what a column holds, which decides its number format, whether
// its text wraps, and how wide its content is.
type cellKind int

// The kinds of column. Text is the default.
const (
	kindText     cellKind = iota
	kindWrap              // long text (a detail, a remediation): wrapped, the row as tall as it needs
	kindDate              // an Excel date, shown yyyy-mm-dd
	kindDateTime          // an Excel date and time in UTC, shown yyyy-mm-dd hh:mm
	kindCount             // a whole number, shown with a thousands separator
	kindMoney             // an amount, shown with cents
	kindID                // an id: a number, shown as is
	kindLink              // a link to another cell (the text is what it shows)
	kindDecision          // left for the reviewer to fill: as wide as its cap
	kindComment           // left for the reviewer to fill, wrapped: as wide as its cap
	kindDuration          // a length of time, a fraction of a day, shown [h]:mm:ss
)

var cellKinds = []cellKind{kindText, kindWrap, kindDate, kindDateTime, kindCount, kindMoney, kindID, kindLink,
	kindDecision, kindComment, kindDuration}

func (k cellKind) wraps() bool { return k == kindWrap || k == kindComment }

// numeric says the column holds numbers (dates included), which a
// spreadsheet aligns right: so does their header.
func (k cellKind) numeric() bool {
	switch k {
	case kindDate, kindDateTime, kindCount, kindMoney, kindID, kindDuration:
		return true
	}
	return false
}

// Layout limits: a column is as wide as its widest value, within these
// bounds; a wrapped row is as tall as its longest wrapped value, within
// maxRowLines lines.
const (
	defaultMaxWidth = 40 // a column's cap when its spec gives none
	minWidth        = 6  // even a one-letter column keeps room for the filter button
	headerPad       = 3  // the header's filter button
	indentPad       = 2  // a number's indent from the right edge (cells.go)
	// How wrapped rows are sized, as in every workbook review writes.
	cellPad      = xlsxprint.CellPad
	lineHeight   = xlsxprint.LineHeight
	charsPerUnit = xlsxprint.CharsPerUnit
	maxRowLines  = xlsxprint.MaxRowLines
)

// sampleRows is how many rows a sheet's column widths are measured over:
// every row of a small sheet, the first ones of a large one (which streams
// and cannot be read twice).
const sampleRows = 1000

// columnLayout is what a sheet's columns look like: their widths and kinds.
type columnLayout struct {
	widths []float64
	kinds  []cellKind
	wraps  bool // some column wraps: rows get heights, cells align to the top
}

// newLayout sizes the columns of spec to the header and the rows given.
func newLayout(spec *sheetSpec, rows [][]any) *columnLayout {
	l := &columnLayout{widths: make([]float64, len(spec.Columns)), kinds: make([]cellKind, len(spec.Columns))}
	for i, c := range spec.Columns {
		k := spec.Kinds[c.Header]
		l.kinds[i] = k
		l.wraps = l.wraps || k.wraps()
		limit := c.Width
		if limit <= 0 {
			limit = defaultMaxWidth
		}
		head := float64(utf8.RuneCountInString(c.Header)) + headerPad
		if k.numeric() {
			head += indentPad
		}
		if k == kindDecision || k == kindComment {
			l.widths[i] = math.Max(head, limit)
			continue
		}
		content := 0.0
		for _, row := range rows {
			if i < len(row) {
				content = math.Max(content, valueWidth(row[i], k))
			}
		}
		if content > 0 {
			content += 2 * cellPad
			if k.numeric() {
				content += indentPad
			}
		}
		l.widths[i] = math.Max(math.Max(head, minWidth), math.Min(math.Ceil(content), limit))
	}
	return l
}

// valueWidth is about how many characters v takes shown in a column of
// kind k: wrapped text counts its longest paragraph.
func valueWidth(v any, k cellKind) float64 {
	switch x := v.(type) {
	case nil, note: // a note spans columns: it sizes none
		return 0
	case excelize.Cell:
		return valueWidth(x.Value, k)
	case string:
		longest := 0
		for line := range strings.SplitSeq(x, "\n") {
			longest = max(longest, utf8.RuneCountInString(line))
		}
		return float64(longest)
	case int:
		return numberWidth(int64(x), k)
	case int64:
		if k == kindDate || k == kindDateTime {
			return float64(len(dateTimeFormatFor(k)))
		}
		return numberWidth(x, k)
	case float64:
		switch k {
		case kindDate, kindDateTime:
			return float64(len(dateTimeFormatFor(k)))
		case kindMoney:
			return numberWidth(int64(x), kindCount) + 3
		case kindDuration: // hours, then :mm:ss
			return numberWidth(int64(x*24), kindID) + 6
		}
		return float64(len(strconv.FormatFloat(x, 'f', -1, 64)))
	}
	return float64(len(EvidenceText(v)))
}

func dateTimeFormatFor(k cellKind) string {
	if k == kindDateTime {
		return dateTimeFormat
	}
	return dateFormat
}

// numberWidth counts digits, sign and, in a count or money column, the
// thousands separators.
func numberWidth(n int64, k cellKind) float64 {
	digits := len(strconv.FormatInt(n, 10))
	if (k == kindCount || k == kindMoney) && n != math.MinInt64 {
		a := n
		if a < 0 {
			a = -a
		}
		digits += (len(strconv.FormatInt(a, 10)) - 1) / 3
	}
	return float64(digits)
}

// rowHeight is the height a row needs for its wrapped cells at the
// column widths, or 0 when one line is enough (the default height).
func (l *columnLayout) rowHeight(row []any) float64 {
	if !l.wraps {
		return 0
	}
	lines := 1
	for i, v := range row {
		if i < len(l.kinds) && l.kinds[i].wraps() {
			lines = max(lines, wrappedLines(cellString(v), (l.widths[i]-2*cellPad)*charsPerUnit))
			if lines >= maxRowLines {
				return maxRowLines * lineHeight
			}
		}
	}
	if lines == 1 {
		return 0
	}
	return float64(lines) * lineHeight
}

func cellString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case excelize.Cell:
		return cellString(x.Value)
	}
	return ""
}

// wrappedLines is how many lines s takes wrapped at width characters
// (xlsxprint.WrappedLines).
func wrappedLines(s string, width float64) int { return xlsxprint.WrappedLines(s, width) }
