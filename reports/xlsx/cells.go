package xlsx

import (
	"bytes"
	"cmp"
	"encoding/json"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/internal/cellcap"
	"github.com/review-tool/review/internal/model"
)

// truncMarker ends a value cut to Excel's cell limit.
const truncMarker = cellcap.Marker

// cellText cuts s to Excel's limit of 32,767 characters per cell (counted, as
// Excel does, in UTF-16 code units) so that the cut is visible.
func cellText(s string) string { return cellcap.Cut(s) }

// text is a string cell: nil (no cell) when empty, else the cut value. The
// stream writer stores strings as inline strings, so text that looks like a
// formula (=, +, -, @) stays text.
func text(s string) any {
	if s == "" {
		return nil
	}
	return cellText(s)
}

// excelizeCell is a formula cell with its cached value, which readers that
// do not calculate show.
func excelizeCell(style int, formula string, value any) excelize.Cell {
	return excelize.Cell{StyleID: style, Formula: formula, Value: value}
}

// styled is a cell with a style; nil stays nil.
func styled(v any, style int) any {
	if v == nil {
		return nil
	}
	return excelize.Cell{StyleID: style, Value: v}
}

// evidenceCell turns an evidence value into a cell: numbers stay numbers,
// booleans become yes/no, lists are joined with "; ", objects that carry a
// name show the name and other objects show their sorted key=value pairs.
func evidenceCell(v any) any {
	if v == nil {
		return nil
	}
	if n, ok := evidenceNumber(v); ok {
		return n
	}
	return text(EvidenceText(v))
}

// evidenceNumber returns v as an int64 or float64 cell value when it is a
// number.
func evidenceNumber(v any) (any, bool) {
	switch n := v.(type) {
	case int:
		return int64(n), true
	case int8:
		return int64(n), true
	case int16:
		return int64(n), true
	case int32:
		return int64(n), true
	case int64:
		return n, true
	case uint:
		return uint64(n), true
	case uint8:
		return int64(n), true
	case uint16:
		return int64(n), true
	case uint32:
		return int64(n), true
	case uint64:
		return n, true
	case float32:
		return finite(float64(n))
	case float64:
		return finite(n)
	case json.Number:
		if i, err := n.Int64(); err == nil {
			return i, true
		}
		if f, err := n.Float64(); err == nil {
			return finite(f)
		}
	}
	return nil, false
}

func finite(f float64) (any, bool) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, false
	}
	if f == math.Trunc(f) && math.Abs(f) < 1<<53 {
		return int64(f), true
	}
	return f, true
}

// evidenceFloat returns v as a float64 when it is a number.
func evidenceFloat(v any) (float64, bool) {
	n, ok := evidenceNumber(v)
	if !ok {
		return 0, false
	}
	switch n := n.(type) {
	case int64:
		return float64(n), true
	case uint64:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}

// EvidenceText renders an evidence value as text, as the workbook shows it
// in a text cell and the CSV writes it.
func EvidenceText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		return yesNo(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64) // also NaN and ±Inf, which JSON lacks
	case []string:
		return strings.Join(x, "; ")
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = EvidenceText(e)
		}
		return strings.Join(parts, "; ")
	case map[string]any:
		if name, ok := x["name"].(string); ok && name != "" {
			return name
		}
		keys := slices.Sorted(maps.Keys(x))
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + "=" + EvidenceText(x[k])
		}
		return strings.Join(parts, "; ")
	}
	if n, ok := evidenceNumber(v); ok {
		switch n := n.(type) {
		case int64:
			return strconv.FormatInt(n, 10)
		case uint64:
			return strconv.FormatUint(n, 10)
		case float64:
			return strconv.FormatFloat(n, 'f', -1, 64)
		}
	}
	return jsonText(v)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// flagCell shows a model.Flag as yes or no; an unknown one stays empty.
func flagCell(v model.Flag) any {
	switch v {
	case model.Yes:
		return "yes"
	case model.No:
		return "no"
	}
	return nil
}

// kindCell is an evidence value as a cell of a column of kind k: a date or
// date-time column turns an ISO 8601 string into an Excel date; anything
// else is evidenceCell's.
func kindCell(k cellKind, v any) any {
	if s, ok := v.(string); ok && (k == kindDate || k == kindDateTime) {
		if t, ok := parseTime(s); ok {
			if k == kindDate {
				return dateCell(t)
			}
			return dateTimeCell(t)
		}
	}
	return evidenceCell(v)
}

// jsonText is v as compact JSON, without HTML escaping.
func jsonText(v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "<" + err.Error() + ">"
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

// styles are the cell styles of the workbook.
type styles struct {
	header int
	// headerRight heads a column of numbers or dates, aligned as they are.
	headerRight int
	title       int
	bold        int
	money       int
	boldCash    int
	severity    map[model.Severity]int
	// link is a cell that links to another (a family sheet's Finding ID).
	link int
	// column holds the style of each kind of column (kindStyle), alone and
	// top-aligned for the sheets whose rows wrap.
	column map[cellKind][2]int
}

// Number formats: one for dates, one for date-times (in UTC, as the headers
// say), counts with a thousands separator, money with cents, ids plain.
const (
	dateFormat     = "yyyy-mm-dd"
	dateTimeFormat = "yyyy-mm-dd hh:mm"
	// durationFormat shows hours past 24 as hours, not as days.
	durationFormat = "[h]:mm:ss"
	numFmtInteger  = 1 // 0
	numFmtCount    = 3 // #,##0
	numFmtMoney    = 4 // #,##0.00
)

func newStyles(f *excelize.File) (*styles, error) {
	var st styles
	var err error
	add := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		if s.Font != nil {
			// A font without a name or size is drawn in the reader's own
			// default (LibreOffice: a serif), not the workbook's.
			s.Font.Family = cmp.Or(s.Font.Family, "Calibri")
			s.Font.Size = cmp.Or(s.Font.Size, 11)
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	top := &excelize.Alignment{Vertical: "top"}
	st.header = add(&excelize.Style{Font: &excelize.Font{Bold: true}})
	// A number's column keeps a character's room at its right edge, its
	// header too, so that on paper a right-aligned number or header never
	// runs into the next column's left-aligned text ("Findings CoveredExpired").
	st.headerRight = add(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Horizontal: "right", Indent: 1}})
	st.title = add(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	st.bold = add(&excelize.Style{Font: &excelize.Font{Bold: true}})
	st.money = add(&excelize.Style{NumFmt: numFmtMoney})
	st.boldCash = add(&excelize.Style{NumFmt: numFmtMoney, Font: &excelize.Font{Bold: true}})
	st.link = add(&excelize.Style{Font: &excelize.Font{Color: "0563C1", Underline: "single"}, Alignment: top})
	fill := func(bg, fg string) *excelize.Style {
		return &excelize.Style{
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{bg}},
			Font:      &excelize.Font{Color: fg},
			Alignment: top, // beside wrapped text, as the rest of the row
		}
	}
	st.severity = map[model.Severity]int{}
	for _, sev := range []model.Severity{model.High, model.Medium, model.Low} {
		st.severity[sev] = add(fill(severityColours[sev].fill, severityColours[sev].font))
	}
	st.column = map[cellKind][2]int{}
	for _, k := range cellKinds {
		plain, topped := kindStyle(k), kindStyle(k)
		if topped.Alignment == nil {
			topped.Alignment = &excelize.Alignment{}
		}
		topped.Alignment.Vertical = "top"
		ids := [2]int{0, add(topped)}
		if k != kindText { // plain text needs no style
			ids[0] = add(plain)
		}
		st.column[k] = ids
	}
	return &st, err
}

// kindStyle is the style of the cells of a column of kind k.
func kindStyle(k cellKind) *excelize.Style {
	wrap := &excelize.Alignment{WrapText: true}
	right := func() *excelize.Alignment { return &excelize.Alignment{Horizontal: "right", Indent: 1} }
	switch k {
	case kindWrap, kindComment:
		return &excelize.Style{Alignment: wrap}
	case kindDate:
		return &excelize.Style{CustomNumFmt: ptr(dateFormat), Alignment: right()}
	case kindDateTime:
		return &excelize.Style{CustomNumFmt: ptr(dateTimeFormat), Alignment: right()}
	case kindCount:
		return &excelize.Style{NumFmt: numFmtCount, Alignment: right()}
	case kindMoney:
		return &excelize.Style{NumFmt: numFmtMoney, Alignment: right()}
	case kindID:
		return &excelize.Style{NumFmt: numFmtInteger, Alignment: right()}
	case kindDuration:
		return &excelize.Style{CustomNumFmt: ptr(durationFormat), Alignment: right()}
	}
	return &excelize.Style{}
}

func ptr[T any](v T) *T { return &v }

// severityCell is a severity coloured by its level.
func (st *styles) severityCell(s model.Severity) any {
	if id, ok := st.severity[s]; ok {
		return styled(text(string(s)), id)
	}
	return text(string(s))
}
