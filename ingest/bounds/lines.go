package bounds

import (
	"bufio"
	"bytes"
	"fmt"
	"io"

	"github.com/review-tool/review/ingest/located"
)

// MaxLine bounds a line of every line-oriented input (CSV tables, the
// JSON Lines of --previous, decisions.jsonl): a reader holds a line whole
// (encoding/csv a record, the JSON Lines readers the line they decode),
// so a crafted file of one endless line must not take the memory with it.
// A real line is a few hundred bytes; a million-character cell fits.
const MaxLine = 64 << 20

// LineLimit passes text through, failing with a *located.Error naming File
// and the line once a line grows past Max bytes. Lines end in LF (CRLF
// counts its CR in the line; CR-only text is converted before).
type LineLimit struct {
	R    io.Reader
	File string
	// Line is the number of the line being read: 0 is taken as 1.
	Line int64
	// Max is the bound, MaxLine when 0 (a test sets less).
	Max int
	// Expected says what a line should be, for the message.
	Expected string
	run      int   // bytes since the last line break
	err      error // the line past the bound, once met
}

// Read passes on the lines before one that passes the bound; the next
// Read returns the error, so that a reader of lines gets every line
// before it.
func (l *LineLimit) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	max := l.Max
	if max == 0 {
		max = MaxLine
	}
	if l.Line == 0 {
		l.Line = 1
	}
	n, err := l.R.Read(p)
	for i := 0; i < n; {
		end, brk := n, false
		if j := bytes.IndexByte(p[i:n], '\n'); j >= 0 {
			end, brk = i+j, true
		}
		if l.run+end-i > max {
			l.err = &located.Error{File: l.File, Line: l.Line, Found: "a line of more than " + Size(int64(max)), Expected: l.Expected}
			if i == 0 {
				return 0, l.err
			}
			return i, nil
		}
		l.run += end - i
		if !brk {
			break
		}
		l.Line++
		l.run, i = 0, end+1
	}
	return n, err
}

// Lines reads text line by line through a LineLimit, so that no line
// held is longer than its bound.
type Lines struct {
	br  *bufio.Reader
	num int64
}

// NewLines reads r, named file in messages; max is the bound (0:
// MaxLine), expected what a line should be.
func NewLines(r io.Reader, file string, max int, expected string) *Lines {
	return &Lines{br: bufio.NewReaderSize(&LineLimit{R: r, File: file, Max: max, Expected: expected}, 64<<10)}
}

// Next returns the next line without its line break (LF or CRLF) and its
// number, 1-based; io.EOF once there is none. A line past the bound is a
// *located.Error naming it.
func (l *Lines) Next() ([]byte, int64, error) {
	line, err := l.br.ReadBytes('\n')
	if err == io.EOF && len(line) > 0 {
		err = nil // the last line, without a line break
	}
	if err != nil {
		return nil, l.num + 1, err
	}
	l.num++
	line = bytes.TrimSuffix(line, []byte("\n"))
	return bytes.TrimSuffix(line, []byte("\r")), l.num, nil
}

// Size writes a bound for a message: "64 MiB", "1 KiB", "100 bytes".
func Size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
