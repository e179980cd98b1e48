// Package jsonscan splits JSON text into values without decoding them,
// keeping the line and column where each starts: the byte reading under
// the Configuration API reader (ingest/configapi) and the Password Safe
// readers (ingest/activity), each of which knows its own shape of file
// and says what is wrong in its own words. A value is read in the runs
// the buffer holds, not byte by byte: this is where a large export spends
// its reading time.
package jsonscan

import (
	"bufio"
	"errors"
	"io"

	"github.com/review-tool/review/ingest/textio"
)

// The bounds of Value, which the caller words.
var (
	ErrTooLong = errors.New("a JSON value longer than its bound")
	ErrTooDeep = errors.New("a JSON value nested deeper than its bound")
)

// Scanner reads JSON text, keeping the place of the next byte.
type Scanner struct {
	r      *bufio.Reader
	at     textio.Place // the place of the next byte
	before textio.Place // the place before the last byte ReadByte read, for Unread
	buf    []byte
}

// New reads r through a buffer of size bytes.
func New(r io.Reader, size int) *Scanner {
	return &Scanner{r: bufio.NewReaderSize(r, size), at: textio.Start()}
}

// Here is the place of the next byte.
func (s *Scanner) Here() textio.Place { return s.at }

// ReadByte reads one byte.
func (s *Scanner) ReadByte() (byte, error) {
	b, err := s.r.ReadByte()
	if err != nil {
		return 0, err
	}
	s.before = s.at
	s.at.Step(b)
	return b, nil
}

// Unread takes back the byte ReadByte just returned.
func (s *Scanner) Unread() {
	s.r.UnreadByte()
	s.at = s.before
}

// SkipSpace returns the next byte that is not white space and its place;
// io.EOF at the end.
func (s *Scanner) SkipSpace() (byte, textio.Place, error) {
	for {
		p := s.at
		b, err := s.ReadByte()
		if err != nil {
			return 0, p, err
		}
		switch b {
		case ' ', '\t', '\n', '\r':
			continue
		}
		return b, p, nil
	}
}

// Ahead is what the buffer holds past the next byte, to look ahead
// without reading: as much as it has, up to its size.
func (s *Scanner) Ahead() []byte {
	ahead, _ := s.r.Peek(s.r.Size())
	return ahead
}

// Value reads the rest of the string, object or array whose first byte
// open ('"', '{' or '[') ReadByte just returned, and returns it whole,
// open included; it is valid until the next Value. It checks only that
// its strings and brackets end: what it holds is decoded by the caller.
//
// A value longer than max bytes is ErrTooLong, found once the byte past
// max is read; a bracket opened more than maxDepth deep (0: no bound) is
// ErrTooDeep. The end of the text inside it is io.EOF, inString saying
// whether it came inside a string; other errors of the text are returned
// as they are. After an error the scanner is not to be used further.
func (s *Scanner) Value(open byte, max, maxDepth int) (data []byte, inString bool, err error) {
	s.buf = append(s.buf[:0], open)
	depth := 0
	in, escaped := open == '"', false
	if !in {
		depth = 1
	}
	for {
		chunk, err := s.r.Peek(1)
		if err != nil {
			return nil, in, err
		}
		if len(s.buf) >= max {
			return nil, in, ErrTooLong
		}
		chunk, _ = s.r.Peek(s.r.Buffered())
		if room := max - len(s.buf); len(chunk) > room {
			chunk = chunk[:room]
		}
		n, done := 0, false
	scan:
		for n < len(chunk) {
			b := chunk[n]
			n++
			if in {
				switch {
				case escaped:
					escaped = false
				case b == '\\':
					escaped = true
				case b == '"':
					in = false
					if depth == 0 {
						done = true
						break scan
					}
				}
				continue
			}
			switch b {
			case '"':
				in = true
			case '{', '[':
				depth++
				if maxDepth > 0 && depth > maxDepth {
					s.step(chunk[:n])
					return nil, false, ErrTooDeep
				}
			case '}', ']':
				depth--
				if depth == 0 {
					done = true
					break scan
				}
			}
		}
		s.step(chunk[:n])
		if done {
			return s.buf, false, nil
		}
	}
}

// step takes the bytes of a run of Value, which Peek returned.
func (s *Scanner) step(run []byte) {
	s.buf = append(s.buf, run...)
	s.at.Advance(run)
	if len(run) > 0 {
		// ReadByte's Unread does not apply across a run.
		s.before = s.at
	}
	s.r.Discard(len(run))
}
