package tabular

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/review-tool/review/ingest/located"
	"github.com/review-tool/review/ingest/textio"
)

// rows is a table read row by row: delimited text or a worksheet.
type rows interface {
	// next returns the next row's cells, io.EOF after the last. The slice
	// is reused by the following call.
	next() ([]string, error)
	// line is the line (sheet row) where the current row starts.
	line() int64
	// pos is where cell i of the current row is: for text, the line where
	// the cell starts (a multi-line cell before it moves it down).
	pos(i int) int64
	close() error
}

// table is an opened table whose header has been read.
type table struct {
	rows
	path       string
	header     []string // trimmed
	headerLine int64
	comma      rune            // to render a bad row
	dates      dates           // how the cells write dates
	encoding   textio.Encoding // what the text was read as; "" for a workbook
	cur        []string
}

// zipMagic starts every .xlsx file.
var zipMagic = []byte("PK\x03\x04")

// openTable opens in as delimited text or, when it is a zip, as a
// workbook; want picks the workbook's sheet by its header.
func openTable(in Input, want func(header []string) bool) (*table, error) {
	rc, err := in.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", in.Path, err)
	}
	br := bufio.NewReaderSize(rc, 64<<10)
	var t *table
	if magic, _ := br.Peek(len(zipMagic)); bytes.Equal(magic, zipMagic) {
		if t, err = openSheet(in, rc, br, want); err != nil {
			return nil, err
		}
	} else if t, err = openText(in, rc, br); err != nil {
		rc.Close()
		return nil, err
	}
	t.dates.order, t.dates.file = dateOrder(in), in.Path
	if in.DateOrder == "" { // month first by default, not by the user's word
		t.dates.tally = newDateTally()
	}
	return t, nil
}

// each calls fn with every row of t that is not blank. A bad row (a
// *rowError from t or from fn) goes to in.BadRow when it is set.
func (t *table) each(in Input, fn func(rec []string) error) error {
	for {
		rec, err := t.next()
		if err == io.EOF {
			return nil
		}
		if err == nil {
			if blank(rec) {
				continue
			}
			t.cur = rec
			if err = fn(rec); err == nil {
				continue
			}
		}
		var re *rowError
		if errors.As(err, &re) && in.BadRow != nil {
			if err := in.BadRow(re.err); err != nil {
				return err
			}
			continue
		}
		return plain(err)
	}
}

// name is how column i is called in messages and JSON keys.
func (t *table) name(i int) string {
	if i < len(t.header) && t.header[i] != "" {
		return t.header[i]
	}
	return fmt.Sprintf("column %d", i+1)
}

// bad is the error for cell i of the current row.
func (t *table) bad(i int, found, expected string) error {
	return &rowError{&located.Error{File: t.path, Line: t.pos(i), Column: int64(i + 1),
		Found: found, Expected: expected, Raw: t.render(t.cur)}}
}

// render writes a row as a line of the file, for the Ingest Issues sheet.
func (t *table) render(rec []string) string {
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Comma = t.comma
	w.Write(rec)
	w.Flush()
	if line := strings.TrimRight(b.String(), "\r\n"); line != "" {
		return line
	}
	return `""` // one empty field, which encoding/csv writes as an empty line
}

// cell returns cell i of rec, "" past its end.
func cell(rec []string, i int) string {
	if i < len(rec) {
		return rec[i]
	}
	return ""
}

func blank(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

func trimAll(rec []string) []string {
	out := make([]string, len(rec))
	for i, v := range rec {
		out[i] = strings.TrimSpace(v)
	}
	return out
}
