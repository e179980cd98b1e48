package xlsx

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// rowEncoder writes the data rows of a streamed sheet as SpreadsheetML, the
// very bytes excelize's StreamWriter.SetRow writes for the same values: a
// cell takes its own style, else its column's; strings are inline strings,
// cut to Excel's limit, escaped, with xml:space="preserve" when they start
// or end with white space; numbers are written as excelize formats them;
// a formula cell carries its cached value. SetRow spends most of its time
// in reflection-free but allocating helpers (a cell reference, an xlsxC and
// an escaped copy per cell); this appends straight into the block the rows
// are compressed from. TestRowEncoderMatchesExcelize holds the two to the
// same bytes.
type rowEncoder struct {
	refs   [][]byte // the column letters of each column, as far as seen
	styles []int    // the style each column has (SetColStyle); 0 for none
	num    []byte   // the row number of the row being written
}

// newRowEncoder encodes rows for a sheet whose columns have styles (0 for
// a column without a style).
func newRowEncoder(styles []int) *rowEncoder {
	e := &rowEncoder{styles: styles}
	for i := range styles {
		e.ref(i)
	}
	return e
}

// ref is the letters of the column of index i (0 is A).
func (e *rowEncoder) ref(i int) []byte {
	if i < len(e.refs) {
		return e.refs[i]
	}
	for len(e.refs) <= i {
		name, _ := excelize.ColumnNumberToName(len(e.refs) + 1)
		e.refs = append(e.refs, []byte(name))
	}
	return e.refs[i]
}

func (e *rowEncoder) style(i int) int {
	if i < len(e.styles) {
		return e.styles[i]
	}
	return 0
}

// appendRow appends row number row with values, one cell per value but
// nil, and height (0 for the default) to dst.
func (e *rowEncoder) appendRow(dst []byte, row int64, values []any, height float64) ([]byte, error) {
	if row < 1 || row > excelize.TotalRows {
		return dst, excelize.ErrMaxRows
	}
	if height > excelize.MaxRowHeight {
		return dst, excelize.ErrMaxRowHeight
	}
	e.num = strconv.AppendInt(e.num[:0], row, 10)
	dst = append(dst, `<row r="`...)
	dst = append(dst, e.num...)
	dst = append(dst, '"')
	if height > 0 {
		dst = append(dst, ` ht="`...)
		dst = strconv.AppendFloat(dst, height, 'f', -1, 64)
		dst = append(dst, `" customHeight="1"`...)
	}
	dst = append(dst, '>')
	var err error
	for i, v := range values {
		if v == nil {
			continue
		}
		if i >= excelize.MaxColumns {
			return dst, excelize.ErrColumnNumber
		}
		if dst, err = e.appendCell(dst, i, v); err != nil {
			return dst, err
		}
	}
	return append(dst, `</row>`...), nil
}

// The t attributes the encoder writes.
const (
	typeNone   = ""
	typeInline = "inlineStr"
	typeStr    = "str" // a formula's string result
	typeBool   = "b"
)

// appendCell appends the cell of column i holding v.
func (e *rowEncoder) appendCell(dst []byte, i int, v any) ([]byte, error) {
	style := e.style(i)
	var formula string
	switch c := v.(type) {
	case excelize.Cell:
		if c.StyleID > 0 {
			style = c.StyleID
		}
		formula, v = c.Formula, c.Value
	case *excelize.Cell:
		if c != nil {
			if c.StyleID > 0 {
				style = c.StyleID
			}
			formula, v = c.Formula, c.Value
		}
	}
	// What the value makes of the cell: its type, and either a value
	// (number text, or a formula's string result) or an inline string.
	typ := typeNone
	if formula != "" {
		typ = typeStr
	}
	var (
		num     []byte // a number, as written
		str     string // a string value
		isStr   bool   // str is the value
		numBuf  [32]byte
		boolVal string
	)
	switch x := v.(type) {
	case nil:
	case int:
		typ, num = typeNone, strconv.AppendInt(numBuf[:0], int64(x), 10)
	case int8:
		typ, num = typeNone, strconv.AppendInt(numBuf[:0], int64(x), 10)
	case int16:
		typ, num = typeNone, strconv.AppendInt(numBuf[:0], int64(x), 10)
	case int32:
		typ, num = typeNone, strconv.AppendInt(numBuf[:0], int64(x), 10)
	case int64:
		typ, num = typeNone, strconv.AppendInt(numBuf[:0], x, 10)
	case uint:
		typ, num = typeNone, strconv.AppendUint(numBuf[:0], uint64(x), 10)
	case uint8:
		typ, num = typeNone, strconv.AppendUint(numBuf[:0], uint64(x), 10)
	case uint16:
		typ, num = typeNone, strconv.AppendUint(numBuf[:0], uint64(x), 10)
	case uint32:
		typ, num = typeNone, strconv.AppendUint(numBuf[:0], uint64(x), 10)
	case uint64:
		typ, num = typeNone, strconv.AppendUint(numBuf[:0], x, 10)
	case float32:
		f := float64(x)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			typ, str, isStr = typeInline, fmt.Sprint(f), true
		} else {
			typ, num = typeNone, appendCellFloat(numBuf[:0], f, 32)
		}
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			typ, str, isStr = typeInline, fmt.Sprint(x), true
		} else {
			typ, num = typeNone, appendCellFloat(numBuf[:0], x, 64)
		}
	case string:
		str, isStr = x, true
	case []byte:
		str, isStr = string(x), true
	case bool:
		typ, boolVal = typeBool, "0"
		if x {
			boolVal = "1"
		}
	case time.Time:
		// excelize gives a date without a style one of its own making;
		// review's dates all have one (licenses.go).
		if style == 0 {
			return dst, fmt.Errorf("a date cell without a style is not written by the row encoder")
		}
		if serial, ok := excelTime(x); ok {
			typ, num = typeNone, strconv.AppendFloat(numBuf[:0], serial, 'f', -1, 64)
		} else {
			typ, str, isStr = typeInline, x.Add(zoneOffset(x)).Format(time.RFC3339Nano), true
		}
	case time.Duration, []excelize.RichTextRun:
		// excelize gives durations a style of its own making and writes
		// rich text as runs: review writes neither into a streamed sheet.
		return dst, fmt.Errorf("a cell of type %T is not written by the row encoder", v)
	default:
		str, isStr = fmt.Sprint(x), true
	}
	if isStr && typ != typeInline {
		if formula != "" {
			typ = typeStr // the formula's cached result, in <v>
		} else {
			typ = typeInline
		}
	}
	if isStr {
		str = cutCellChars(str)
	}
	dst = append(dst, `<c`...)
	if isStr && typ == typeStr && spaceAtEdge(str) {
		dst = append(dst, ` xml:space="preserve"`...)
	}
	dst = append(dst, ` r="`...)
	dst = append(dst, e.ref(i)...)
	dst = append(dst, e.num...)
	dst = append(dst, '"')
	if style != 0 {
		dst = append(dst, ` s="`...)
		dst = strconv.AppendInt(dst, int64(style), 10)
		dst = append(dst, '"')
	}
	if typ != typeNone {
		dst = append(dst, ` t="`...)
		dst = append(dst, typ...)
		dst = append(dst, '"')
	}
	dst = append(dst, '>')
	if formula != "" {
		dst = append(dst, `<f>`...)
		dst = appendEscaped(dst, formula, true)
		dst = append(dst, `</f>`...)
	}
	switch {
	case num != nil:
		dst = append(dst, `<v>`...)
		dst = append(dst, num...)
		dst = append(dst, `</v>`...)
	case boolVal != "":
		dst = append(dst, `<v>`...)
		dst = append(dst, boolVal...)
		dst = append(dst, `</v>`...)
	case isStr && typ == typeStr:
		// excelize escapes the <v> of a formula's string after marking
		// its literal escapes, newlines included.
		if str != "" {
			dst = append(dst, `<v>`...)
			dst = appendEscaped(dst, bstrMark(str), true)
			dst = append(dst, `</v>`...)
		}
	case isStr:
		// An inline string is escaped first, newlines kept, then its
		// literal escapes are marked.
		dst = append(dst, `<is><t`...)
		if spaceAtEdge(str) {
			dst = append(dst, ` xml:space="preserve"`...)
		}
		dst = append(dst, '>')
		start := len(dst)
		var sawX bool
		dst, sawX = escapeText(dst, str, false, &xmlSpecialOrX)
		if sawX {
			marked := bstrMark(string(dst[start:]))
			dst = append(dst[:start], marked...)
		}
		dst = append(dst, `</t></is>`...)
	}
	return append(dst, `</c>`...), nil
}

// Dates as excelize's StreamWriter writes a time.Time, in the 1900 date
// system (excelize.NewFile's, and review's workbooks'): the wall clock of
// the time's zone read as UTC, in days since 31 December 1899 (plus one
// from March 1900, for Excel's 29 February 1900), computed in runs of
// 290×364 days as excelize does, so the float is the same to the last bit.
var (
	excelTimeStart  = time.Date(1899, time.December, 31, 0, 0, 0, 0, time.UTC)
	excelLeapFollow = time.Date(1900, time.March, 1, 0, 0, 0, 0, time.UTC).Add(-time.Nanosecond)
)

const (
	nanosPerDay   = 24 * time.Hour
	excelTimeSpan = 290 * 364 * nanosPerDay
)

func zoneOffset(t time.Time) time.Duration {
	_, offset := t.Zone()
	return time.Duration(offset) * time.Second
}

// excelTime is t as an Excel serial; false when excelize would write the
// time as text (RFC 3339) instead: before the epoch, or on it.
func excelTime(t time.Time) (float64, bool) {
	t = t.Add(zoneOffset(t))
	if t.Before(excelTimeStart) {
		return 0, false
	}
	rest, diff, serial := t, t.Sub(excelTimeStart), 0.0
	for diff >= excelTimeSpan {
		serial += float64(excelTimeSpan / nanosPerDay)
		rest = rest.Add(-excelTimeSpan)
		diff = rest.Sub(excelTimeStart)
	}
	frac := diff % nanosPerDay
	serial += float64(diff-frac)/float64(nanosPerDay) + float64(frac)/float64(nanosPerDay)
	if t.After(excelLeapFollow) {
		serial++
	}
	return serial, serial > 0
}

// cutCellChars cuts s to Excel's 32,767 characters (UTF-16 code units), as
// excelize does to every string it writes: after the last whole character
// that fits. review's text is cut before (cellText, with a marker), so this
// is a guard.
func cutCellChars(s string) string {
	if len(s) <= excelize.TotalCellChars { // a code unit takes a byte at least
		return s
	}
	units := 0
	for i, r := range s {
		units += utf16.RuneLen(r)
		if units > excelize.TotalCellChars {
			return s[:i]
		}
	}
	return s
}

// spaceAtEdge reports whether s starts or ends with a tab, newline,
// carriage return or space, which XML readers would drop without
// xml:space="preserve".
func spaceAtEdge(s string) bool {
	return s != "" && (xmlSpace(s[0]) || xmlSpace(s[len(s)-1]))
}

func xmlSpace(c byte) bool { return c == '\t' || c == '\n' || c == '\r' || c == ' ' }

// xmlSpecial marks the bytes appendEscaped must look at: the five XML
// specials, tab, carriage return, newline, the other control characters
// (not allowed in XML) and every byte of a multi-byte sequence.
var xmlSpecial = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	for _, c := range `"'&<>` {
		t[c] = true
	}
	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] = true
	}
	return t
}()

// xmlSpecialOrX is xmlSpecial and the underscore, for escapeText to tell
// whether the text has an "_x", which may start an _xHHHH_ sequence.
var xmlSpecialOrX = func() [256]bool {
	t := xmlSpecial
	t['_'] = true
	return t
}()

// appendEscaped appends s escaped as encoding/xml's EscapeText does, which
// excelize uses: &#34; &#39; &amp; &lt; &gt; &#x9; &#xD;, &#xA; when
// newlines is set, and U+FFFD for a character XML 1.0 does not allow and
// for a byte that is not UTF-8.
func appendEscaped(dst []byte, s string, newlines bool) []byte {
	dst, _ = escapeText(dst, s, newlines, &xmlSpecial)
	return dst
}

// escapeText is appendEscaped looking at the bytes special marks; with
// xmlSpecialOrX it also tells whether s holds "_x", in the same pass.
func escapeText(dst []byte, s string, newlines bool, special *[256]bool) ([]byte, bool) {
	sawX := false
	last := 0
	for i := 0; i < len(s); {
		for i < len(s) && !special[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		var esc string
		width := 1
		switch c := s[i]; c {
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\t':
			esc = "&#x9;"
		case '\r':
			esc = "&#xD;"
		case '\n':
			if newlines {
				esc = "&#xA;"
			}
		case '_':
			sawX = sawX || i+1 < len(s) && s[i+1] == 'x'
		default:
			if c < utf8.RuneSelf {
				esc = "\uFFFD" // a control character
				break
			}
			var r rune
			r, width = utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && width == 1 || !xmlChar(r) {
				esc = "\uFFFD"
			}
		}
		if esc != "" {
			dst = append(dst, s[last:i]...)
			dst = append(dst, esc...)
			last = i + width
		}
		i += width
	}
	return append(dst, s[last:]...), sawX
}

// xmlChar reports whether XML 1.0 allows r (the Char production).
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// bstrEscape is how SpreadsheetML writes a character XML cannot hold:
// _xHHHH_, the character's code in hex. A reader turns such text back into
// the character, so excelize marks a literal one in a string by escaping
// its underscore (_x005F_xHHHH_) before writing it.
var bstrEscape = regexp.MustCompile(`_x[0-9A-Fa-f]{4}_`)

// bstrMark marks the literal _xHHHH_ sequences of s as excelize's
// bstrMarshal does, quirks included: _x005F_ becomes _x005F_x005F_, or
// _x005F_x005F_x005F_ when another xHHHH_ follows it; another _xHHHH_
// gains the _x005F prefix when HHHH is a character, and is dropped when it
// is half of a surrogate pair. Readers see review's text as excelize would
// have written it.
func bstrMark(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	matches := bstrEscape.FindAllStringIndex(s, -1)
	if matches == nil {
		return s
	}
	var b strings.Builder
	cursor := 0
	for _, m := range matches {
		b.WriteString(s[cursor:m[0]])
		cursor = m[1]
		seq := s[m[0]:m[1]]
		if seq == "_x005F_" {
			if next := s[m[1]:min(m[1]+6, len(s))]; len(next) == 6 && next[0] == 'x' && next[5] == '_' &&
				isHex4(next[1:5]) && !surrogate(next[1:5]) {
				b.WriteString("_x005F_x005F_x005F_")
			} else {
				b.WriteString("_x005F_x005F_")
			}
			continue
		}
		if !surrogate(seq[2:6]) {
			b.WriteString("_x005F")
			b.WriteString(seq)
		}
	}
	b.WriteString(s[cursor:])
	return b.String()
}

func isHex4(h string) bool {
	if len(h) != 4 {
		return false
	}
	for i := range 4 {
		c := h[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// surrogate reports whether the four hex digits h name half of a UTF-16
// surrogate pair, which is no character.
func surrogate(h string) bool {
	v, err := strconv.ParseUint(h, 16, 32)
	return err == nil && v >= 0xD800 && v <= 0xDFFF
}

// appendCellFloat appends f as excelize writes a float cell: the shortest
// decimal that reads back as f (no exponent), cut to Excel's 15
// significant digits; digits past the 15th before the point become zeros.
func appendCellFloat(dst []byte, f float64, bitSize int) []byte {
	start := len(dst)
	dst = strconv.AppendFloat(dst, f, 'f', -1, bitSize)
	if math.Abs(f) == math.MaxFloat64 {
		return dst
	}
	s := dst[start:]
	point := -1
	significant := 0
	for i, c := range s {
		if c == '.' {
			point = i
		}
		if c < '0' || c > '9' || significant == 0 && c == '0' {
			continue
		}
		significant++
		if significant <= 15 {
			continue
		}
		// The 16th significant digit, at i.
		if point >= 0 { // past the point: cut there
			end := i
			if s[end-1] == '.' {
				end--
			}
			return dst[:start+end]
		}
		intEnd := len(s)
		if p := strings.IndexByte(string(s), '.'); p >= 0 {
			intEnd = p
		}
		for j := i; j < intEnd; j++ {
			s[j] = '0'
		}
		return dst[:start+intEnd]
	}
	return dst
}
