package tabular

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"

	"github.com/review-tool/review/ingest/bounds"
	"github.com/review-tool/review/ingest/located"
	"github.com/review-tool/review/ingest/textio"
)

// textRows reads delimited text with encoding/csv, one record at a time.
type textRows struct {
	in    Input
	r     *csv.Reader
	c     io.Closer
	width int
	start int64
}

// openText reads the header of delimited text: UTF-8 with or without a BOM
// or UTF-16 with one; comma, semicolon or tab, whichever the header line
// has most of outside quotes; records may span lines inside quotes. Lines
// end with LF or CRLF, or with a lone CR (old Mac files), which the header
// line tells.
func openText(in Input, c io.Closer, r io.Reader) (*table, error) {
	text, enc, err := textio.Decode(r, in.Encoding)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", in.Path, err)
	}
	br := bufio.NewReaderSize(text, 64<<10)
	head, err := br.Peek(64 << 10)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, readError(in, err)
	}
	if crLineEnds(head, err == io.EOF) {
		br = bufio.NewReaderSize(&crReader{r: br}, 64<<10)
		head, _ = br.Peek(64 << 10)
	}
	if len(bytes.TrimSpace(head)) == 0 {
		return nil, emptyFile(in.Path)
	}
	comma := sniffComma(head)
	cr := csv.NewReader(&bounds.LineLimit{R: br, File: in.Path, Max: maxLine, Expected: "rows of a report, roster or license file, which are short"})
	cr.Comma = comma
	cr.ReuseRecord = true
	t := &textRows{in: in, r: cr, c: c}
	header, err := cr.Read()
	if err == io.EOF {
		return nil, emptyFile(in.Path)
	}
	if err != nil {
		return nil, readError(in, err)
	}
	line, _ := cr.FieldPos(0)
	t.width = len(header)
	return &table{rows: t, path: in.Path, header: trimAll(header), headerLine: int64(line), comma: comma, encoding: enc}, nil
}

// crLineEnds tells whether text's first line ends with a lone CR. atEOF
// says that text is the whole file.
func crLineEnds(text []byte, atEOF bool) bool {
	i := firstRecordEnd(text)
	if i == 0 || text[i-1] != '\r' {
		return false
	}
	return i < len(text) || atEOF
}

// crReader turns lone CRs and CRLFs into LFs, for encoding/csv, which
// knows no other line end.
type crReader struct {
	r  io.Reader
	cr bool // the last byte read was a CR
}

func (c *crReader) Read(p []byte) (int, error) {
	for {
		n, err := c.r.Read(p)
		w := 0
		for _, b := range p[:n] {
			switch {
			case b == '\n' && c.cr:
				c.cr = false
				continue
			case b == '\r':
				b = '\n'
				c.cr = true
			default:
				c.cr = false
			}
			p[w] = b
			w++
		}
		if w > 0 || err != nil || n == 0 {
			return w, err
		}
	}
}

func (t *textRows) next() ([]string, error) {
	rec, err := t.r.Read()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount) {
			return nil, &rowError{&located.Error{File: t.in.Path, Line: int64(pe.StartLine),
				Found:    plural(len(rec), "field"),
				Expected: fmt.Sprintf("%d, one per header column", t.width),
				Raw:      renderText(rec, t.r.Comma)}}
		}
		if err == io.EOF {
			return nil, err
		}
		return nil, readError(t.in, err)
	}
	line, _ := t.r.FieldPos(0)
	t.start = int64(line)
	return rec, nil
}

func (t *textRows) line() int64 { return t.start }

func (t *textRows) pos(i int) int64 {
	if i >= t.width {
		return t.start
	}
	line, _ := t.r.FieldPos(i)
	return int64(line)
}

func (t *textRows) close() error { return t.c.Close() }

func renderText(rec []string, comma rune) string {
	return (&table{comma: comma}).render(rec)
}

// sniffComma picks the delimiter of the first line of text: the one of
// ',', ';' and '\t' it has most of outside quotes (',' on a tie).
func sniffComma(text []byte) rune {
	var n [3]int
	quoted := false
	for _, b := range text[:firstRecordEnd(text)] {
		switch {
		case b == '"':
			quoted = !quoted
		case quoted:
		case b == ',':
			n[0]++
		case b == ';':
			n[1]++
		case b == '\t':
			n[2]++
		}
	}
	best, comma := n[0], ','
	if n[1] > best {
		best, comma = n[1], ';'
	}
	if n[2] > best {
		comma = '\t'
	}
	return comma
}

// firstRecordEnd is the length of the first record of UTF-8 (or ASCII
// compatible) text: up to and including the first line break (LF, CR or
// CRLF) outside quotes, or all of it.
func firstRecordEnd(text []byte) int {
	quoted := false
	for i, b := range text {
		switch b {
		case '"':
			quoted = !quoted
		case '\n':
			if !quoted {
				return i + 1
			}
		case '\r':
			if !quoted {
				if i+1 < len(text) && text[i+1] == '\n' {
					return i + 2
				}
				return i + 1
			}
		}
	}
	return len(text)
}

// plural writes a count of things: "1 field", "3 fields".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

// maxLine is bounds.MaxLine, lowered by a test.
var maxLine = bounds.MaxLine
