package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"math"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// encRow is a row for the encoder tests: its number, height and values.
type encRow struct {
	n      int64
	height float64
	values []any
}

// excelizeSheetData is the content of <sheetData> that excelize's
// StreamWriter writes for rows in a sheet whose columns have colStyles.
func excelizeSheetData(t testing.TB, colStyles []int, rows []encRow) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i := 0; i < 4; i++ { // styles 1 to 4 exist
		if _, err := f.NewStyle(&excelize.Style{NumFmt: i + 1}); err != nil {
			t.Fatal(err)
		}
	}
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range colStyles {
		if s != 0 {
			if err := sw.SetColStyle(i+1, i+1, s); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, int(r.n))
		if r.height > 0 {
			err = sw.SetRow(cell, r.values, excelize.RowOpts{Height: r.height})
		} else {
			err = sw.SetRow(cell, r.values)
		}
		if err != nil {
			t.Fatalf("SetRow %d: %v", r.n, err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if zf.Name != "xl/worksheets/sheet1.xml" {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		start := bytes.Index(data, []byte("<sheetData>"))
		end := bytes.Index(data, sheetDataEnd)
		if start < 0 || end < start {
			t.Fatalf("no <sheetData> in %s", data)
		}
		return data[start+len("<sheetData>") : end]
	}
	t.Fatal("no sheet1.xml")
	return nil
}

// encoderSheetData is what the rowEncoder writes for the same rows.
func encoderSheetData(t testing.TB, colStyles []int, rows []encRow) []byte {
	t.Helper()
	e := newRowEncoder(colStyles)
	var out []byte
	var err error
	for _, r := range rows {
		if out, err = e.appendRow(out, r.n, r.values, r.height); err != nil {
			t.Fatalf("row %d: %v", r.n, err)
		}
	}
	return out
}

type named string

// everyKind is a row of each kind of value the encoder takes, and of the
// text that needs care: XML specials, control characters, characters XML
// cannot hold, bytes that are not UTF-8, white space at either end, text
// that looks like SpreadsheetML's own _xHHHH_ escapes, and text at and
// past Excel's 32,767 characters.
func everyKind() [][]any {
	long := strings.Repeat("é", excelize.TotalCellChars)
	pairAtEnd := strings.Repeat("a", excelize.TotalCellChars-1) + "😀tail" // the pair does not fit
	texts := []any{
		"plain", "", " lead", "trail ", "\ttab", "nl\n", "\r", " ", "in  side", "a\nb\r\nc\td",
		`<b>&"quotes" 'and' </b>`, "=SUM(A1)", "+1", "-1", "@x", "ctl\x00\x01\x08\x0b\x0c\x1f\x7f", "bad\xff\xfeutf8\xc3",
		"\uFFFE\uFFFF\uFFFD", "emoji 😀 ß 中文", "_x0041_", "a_x005F_b", "_x005F_x0041_", "_x005F_x00", "_xD800_ and _xdfff_",
		"_x00e9__x0009_", "_X0041_", "_x12G4_", "&#xA;", "trailing nl\n", long, long + "x", pairAtEnd, strings.Repeat("<&>", 12000),
		named("a named string"), []byte("bytes <b>"),
	}
	numbers := []any{
		0, 1, -1, math.MaxInt64, math.MinInt64, int8(-8), int16(16), int32(-32), int64(64), uint(7), uint8(8), uint16(16),
		uint32(32), uint64(math.MaxUint64), 0.1 + 0.2, 1e20, 1e21, 123456789012345678.0, 12345678901234567890.0,
		-0.000001234567890123456789, 3.141592653589793, 45000.5, float32(1.1), float32(16777217), math.MaxFloat64,
		-math.MaxFloat64, math.SmallestNonzeroFloat64, math.NaN(), math.Inf(1), math.Inf(-1), float32(math.Inf(-1)),
		true, false,
	}
	cells := []any{
		excelize.Cell{StyleID: 2, Value: "styled"}, excelize.Cell{StyleID: 0, Value: "column's style"},
		excelize.Cell{StyleID: 3, Value: int64(44000)}, excelize.Cell{StyleID: 4, Value: 0.25},
		excelize.Cell{StyleID: 1}, // a styled empty cell, as a reviewer's Decision
		excelize.Cell{StyleID: 2, Formula: `HYPERLINK("#'Findings'!A2","F-1")`, Value: "F-1"},
		excelize.Cell{Formula: `HYPERLINK("#'Sheet & <1>'!A2","a ""q""")`, Value: " spaced\n"},
		excelize.Cell{Formula: "1+1", Value: 2}, excelize.Cell{Formula: "TRUE()", Value: true},
		excelize.Cell{Formula: "NA()"}, excelize.Cell{Formula: "X", Value: math.NaN()},
		excelize.Cell{Formula: "X", Value: "_x0041_ & \x01"},
		&excelize.Cell{StyleID: 3, Value: "pointer"}, (*excelize.Cell)(nil),
		excelize.Cell{StyleID: 2, Value: excelize.Cell{Value: "nested"}},
		excelize.Cell{StyleID: 1, Value: time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)},
		excelize.Cell{StyleID: 1, Value: time.Date(2025, 11, 22, 13, 45, 30, 0, time.UTC)},
		excelize.Cell{StyleID: 1, Value: time.Date(2025, 11, 22, 13, 45, 30, 0, time.FixedZone("x", -5*3600))},
		excelize.Cell{StyleID: 1, Value: time.Date(1900, 1, 15, 0, 0, 0, 0, time.UTC)},
		excelize.Cell{StyleID: 1, Value: time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)},
		excelize.Cell{StyleID: 1, Value: time.Date(1812, 6, 1, 0, 0, 0, 0, time.UTC)},
		excelize.Cell{StyleID: 1, Value: time.Date(9999, 12, 31, 23, 59, 59, 999, time.UTC)},
	}
	return [][]any{texts, numbers, cells}
}

// The rows the encoder writes are the bytes excelize's SetRow writes, for
// every kind of value, with and without column styles and row heights.
func TestRowEncoderMatchesExcelize(t *testing.T) {
	colStyles := []int{0, 1, 0, 2, 3, 0, 4}
	var rows []encRow
	n := int64(2)
	for _, values := range everyKind() {
		// Each value alone in each of a few columns, then all in a row.
		for _, v := range values {
			for col := range 3 {
				row := make([]any, col*3+1) // columns A, D, G
				row[col*3] = v
				rows = append(rows, encRow{n: n, values: row})
				n++
			}
		}
		rows = append(rows, encRow{n: n, values: values, height: 45})
		n += 2 // a gap, as before a footer
	}
	rows = append(rows,
		encRow{n: n, values: nil},                        // an empty row
		encRow{n: n + 1, values: []any{nil, nil}},        // no cell at all
		encRow{n: n + 2, values: []any{"x"}, height: 15}, // heights as excelize formats them
		encRow{n: n + 3, values: []any{"x"}, height: 409},
		encRow{n: n + 4, values: []any{"x"}, height: 12.345678},
		encRow{n: excelize.TotalRows, values: []any{"last", 1}},
	)
	want := excelizeSheetData(t, colStyles, rows)
	got := encoderSheetData(t, colStyles, rows)
	if !bytes.Equal(got, want) {
		t.Fatalf("the encoder's rows differ from excelize's at byte %d:\n got …%s…\nwant …%s…",
			firstDiff(got, want), around(got, firstDiff(got, want)), around(want, firstDiff(got, want)))
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func around(b []byte, i int) []byte { return b[max(0, i-120):min(len(b), i+120)] }

func TestRowEncoderRejects(t *testing.T) {
	e := newRowEncoder(nil)
	for name, tc := range map[string]struct {
		n      int64
		height float64
		values []any
	}{
		"row 0":          {0, 0, []any{"x"}},
		"too many rows":  {excelize.TotalRows + 1, 0, []any{"x"}},
		"too high":       {2, excelize.MaxRowHeight + 1, []any{"x"}},
		"too many cols":  {2, 0, append(make([]any, excelize.MaxColumns), "x")},
		"unstyled date":  {2, 0, []any{time.Now()}},
		"duration":       {2, 0, []any{time.Second}},
		"rich text runs": {2, 0, []any{[]excelize.RichTextRun{{Text: "x"}}}},
	} {
		if _, err := e.appendRow(nil, tc.n, tc.values, tc.height); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// FuzzRowEncoder holds the encoder to excelize's bytes for any text, alone
// and as a formula's cached value.
func FuzzRowEncoder(f *testing.F) {
	for _, row := range everyKind() {
		for _, v := range row {
			if s, ok := v.(string); ok && len(s) < 1000 {
				f.Add(s)
			}
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		rows := []encRow{{n: 1, values: []any{s, excelize.Cell{StyleID: 1, Formula: s, Value: s}}}}
		if want, got := excelizeSheetData(t, []int{2}, rows), encoderSheetData(t, []int{2}, rows); !bytes.Equal(got, want) {
			t.Errorf("%q:\n got %s\nwant %s", s, got, want)
		}
	})
}

func TestAppendEscapedIsValidUTF8(t *testing.T) {
	for _, s := range []string{"\xff", "a\xc3", "\xed\xa0\x80", "\U0010FFFF", "\uFFFE"} {
		if out := appendEscaped(nil, s, true); !utf8.Valid(out) {
			t.Errorf("%q → %q, not UTF-8", s, out)
		}
	}
}

// BenchmarkRowEncoder encodes Accounts rows as the sheet has them.
func BenchmarkRowEncoder(b *testing.B) {
	row := accountLikeRow()
	e := newRowEncoder(make([]int, len(row)))
	buf := make([]byte, 0, 1<<20)
	cells := 0
	for b.Loop() {
		buf = buf[:0]
		for n := range int64(500) {
			buf, _ = e.appendRow(buf, n+2, row, 0)
		}
		cells += 500 * len(row)
	}
	b.ReportMetric(float64(cells)/b.Elapsed().Seconds(), "cells/s")
}

// BenchmarkExcelizeSetRow is the same rows through excelize's StreamWriter.
func BenchmarkExcelizeSetRow(b *testing.B) {
	row := accountLikeRow()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	n, cells := 1, 0
	for b.Loop() {
		for range 500 {
			cell, _ := excelize.CoordinatesToCellName(1, n)
			if err := sw.SetRow(cell, row); err != nil {
				b.Fatal(err)
			}
			n++
			if n == excelize.TotalRows {
				b.Fatal("out of rows")
			}
		}
		cells += 500 * len(row)
	}
	b.ReportMetric(float64(cells)/b.Elapsed().Seconds(), "cells/s")
}

func accountLikeRow() []any {
	return []any{"pra-prod", "pra", int64(1234567), "user0001234", "Aiden Ahmed", "user0001234@corp.example",
		"user0001234@corp.example", "Corp AD", nil, "yes", "no", "yes", int64(45000), 45900.21627314815, int64(35), nil, nil,
		"Access Policy 1726; Access Policy 1918", "Team 1162", nil, nil, "yes", "active", nil, nil, nil, 0}
}
