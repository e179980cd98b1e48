package xlsxprint

import (
	"strings"
	"unicode/utf8"
)

// How tall a row of wrapped text is, for every workbook review writes:
// neither LibreOffice nor Excel grows a row to its wrapped text when the
// file is opened, so the writer sets the height itself.
const (
	// CellPad is the space either side of a value, in width units.
	CellPad = 1.5
	// LineHeight is the points per line of 11-point text.
	LineHeight = 15.0
	// CharsPerUnit is how many characters of text a unit of column width
	// holds: the unit is the width of a digit, and text is narrower on
	// average. Rows are sized with it; widths are not (a column of digits
	// or capitals must not be cut).
	CharsPerUnit = 1.1
	// MaxRowLines caps a row: a 40,000-character detail makes a tall row,
	// not a page-long one.
	MaxRowLines = 12
)

// WrappedLines is how many lines s takes wrapped at width characters, word
// by word as a spreadsheet wraps (a word longer than a line is broken).
// It stops counting at MaxRowLines.
func WrappedLines(s string, width float64) int {
	if s == "" {
		return 1
	}
	w := max(int(width), 1)
	// A line holds at most w characters, so MaxRowLines*w of them fill
	// the cap: the rest of a long text need not be read (a 32,767-character
	// detail on every tenth row of a large sheet would otherwise cost more
	// than writing it). Bytes bound characters from above.
	if limit := MaxRowLines * w * utf8.UTFMax; len(s) > limit {
		s = s[:limit]
	}
	lines := 0
	for para := range strings.SplitSeq(s, "\n") {
		lines++
		used := 0
		for word := range strings.FieldsSeq(para) {
			n := utf8.RuneCountInString(word)
			switch {
			case used == 0:
				used = n
			case used+1+n <= w:
				used += 1 + n
			default:
				lines++
				used = n
			}
			for used > w { // a word wider than the line
				lines++
				used -= w
			}
			if lines >= MaxRowLines {
				return MaxRowLines
			}
		}
	}
	return lines
}

// RowHeight is the height in points of a row whose text texts[i] sits in a
// wrapped column widths[i] units wide: 0 (the default height) when every
// text fits on one line.
func RowHeight(texts []string, widths []float64) float64 {
	lines := 1
	for i, s := range texts {
		if i < len(widths) {
			lines = max(lines, WrappedLines(s, (widths[i]-2*CellPad)*CharsPerUnit))
		}
	}
	if lines == 1 {
		return 0
	}
	return float64(lines) * LineHeight
}
