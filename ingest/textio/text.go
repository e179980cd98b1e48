package textio

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/review-tool/review/ingest/located"
)

// DecodeText returns a reader of UTF-8 text without a byte order mark. UTF-16
// is told by its BOM (Excel's "Unicode Text" writes one) or, without one, by
// the zero bytes ASCII gets in UTF-16 (sniffUTF16); everything else is taken
// as UTF-8. The text is checked as it is read: bytes that are not UTF-8, a
// UTF-16 surrogate without its pair, or a NUL (which no text export has, and
// which UTF-16 without a BOM is full of) stop it with a *TextError.
func DecodeText(r io.Reader) (io.Reader, Encoding, error) {
	return Decode(r, "")
}

// Decode is DecodeText for a file whose encoding the user stated
// (--encoding): a byte order mark still decides, since it cannot be
// mistaken; without one the text is read as stated. "" and UTF8 state
// nothing beyond the default; UTF16 without a BOM is little-endian, as
// Windows writes it. The result names the encoding the text was read as.
func Decode(r io.Reader, stated Encoding) (io.Reader, Encoding, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(3)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, "", err
	}
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		br.Discard(3)
		// No Windows-1252 advice here: the BOM says UTF-8, and would win
		// over --encoding.
		return &textChecker{r: br, at: Start()}, UTF8BOM, nil
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		br.Discard(2)
		return &textChecker{r: &utf16Reader{r: br}, at: Start()}, UTF16LE, nil
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		br.Discard(2)
		return &textChecker{r: &utf16Reader{r: br, big: true}, at: Start()}, UTF16BE, nil
	}
	if stated == "" {
		// UTF-16 written without a byte order mark, told by its zero bytes.
		sample, _ := br.Peek(512)
		switch enc, ok := sniffUTF16(sample); {
		case ok && enc == UTF16LE:
			return &textChecker{r: &utf16Reader{r: br}, at: Start()}, UTF16LE, nil
		case ok:
			return &textChecker{r: &utf16Reader{r: br, big: true}, at: Start()}, UTF16BE, nil
		}
	}
	switch stated {
	case UTF16, UTF16LE:
		return &textChecker{r: &utf16Reader{r: br}, at: Start()}, UTF16LE, nil
	case UTF16BE:
		return &textChecker{r: &utf16Reader{r: br, big: true}, at: Start()}, UTF16BE, nil
	case Windows1252, Latin1:
		return &textChecker{r: newByteDecoder(br, stated), at: Start()}, stated, nil
	}
	return &textChecker{r: br, at: Start(), utf8: true}, UTF8, nil
}

// ErrNotUTF8 is what a *TextError wraps: the file is not text that can be
// read, as UTF-8 or as UTF-16 with a BOM.
var ErrNotUTF8 = errors.New("bytes that are not UTF-8")

// What a TextError says was expected.
const (
	expectText    = "UTF-8 or UTF-16 text with a byte order mark"
	expectNoNUL   = "text without NUL bytes (UTF-16 needs a byte order mark)"
	foundNUL      = "a NUL byte"
	foundOddByte  = "a single byte at the end of UTF-16 text"
	foundNotUTF8  = "bytes that are not UTF-8 (0x%02X)"
	foundBadUTF16 = "a UTF-16 surrogate without its pair (0x%04X)"
)

// TextError is text that cannot be read, at a place in the decoded text.
// Line and Column are 1-based; a line ends at LF, CRLF or a lone CR, and
// columns count characters.
type TextError struct {
	Offset   int64 // bytes of decoded text before the problem
	Line     int64
	Column   int64
	Found    string
	Expected string
	// Looks, when set, is the character the bad byte is in Windows-1252,
	// whose text the bytes around it look like: the message then says how
	// to read the file as that, rather than leaving the user to guess.
	Looks rune
}

func (e *TextError) Error() string {
	return fmt.Sprintf("line %d, column %d: found %s, expected %s", e.Line, e.Column, e.Found, e.Expected+e.advice("NAME"))
}

func (e *TextError) Unwrap() error { return ErrNotUTF8 }

// InputError marks the error as the user's file to fix (internal/inputerr).
func (e *TextError) InputError() bool { return true }

// In is the error as a positioned *located.Error of the file.
func (e *TextError) In(file string) *located.Error {
	return &located.Error{File: file, Line: e.Line, Column: e.Column, Found: e.Found, Expected: e.Expected + e.advice(located.BaseName(file))}
}

// advice says how to read a file that looks like Windows-1252, named in
// the --encoding flag as name.
func (e *TextError) advice(name string) string {
	if e.Looks == 0 {
		return ""
	}
	return fmt.Sprintf("; the file looks like Windows-1252, where the byte is %s: read it with %s (or --encoding windows-1252 for every table file), or save it as UTF-8",
		strconv.Quote(string(e.Looks)), located.FlagArg("--encoding", name, string(Windows1252)))
}

// textChecker passes UTF-8 text through, fails on invalid UTF-8 and NUL
// bytes (an error instead of mojibake), and keeps count of lines and columns
// so that the error can say where. A rune split across two reads of the
// underlying reader is carried over to the next chunk.
type textChecker struct {
	r      io.Reader
	buf    []byte // checked bytes not yet handed out are buf[pos:ready]
	pos    int
	ready  int
	offset int64 // offset of buf[0] in the decoded text
	at     Place // the place of buf[ready]
	err    error
	utf8   bool // the text is read as UTF-8: a bad byte may be Windows-1252
	last   byte // the byte before buf[0], for the Windows-1252 look
}

func (c *textChecker) Read(p []byte) (int, error) {
	for c.pos == c.ready {
		if c.err != nil {
			return 0, c.err
		}
		c.fill()
	}
	n := copy(p, c.buf[c.pos:c.ready])
	c.pos += n
	return n, nil
}

func (c *textChecker) fill() {
	// Keep the unchecked tail (an incomplete rune) at the front.
	if c.ready > 0 {
		c.last = c.buf[c.ready-1]
	}
	tail := copy(c.buf[:cap(c.buf)], c.buf[c.ready:])
	c.offset += int64(c.ready)
	if cap(c.buf) == 0 {
		c.buf = make([]byte, 0, 64<<10)
	}
	c.buf = c.buf[:cap(c.buf)]
	n, err := c.r.Read(c.buf[tail:])
	c.buf = c.buf[:tail+n]
	c.pos = 0
	end := len(c.buf)
	if err == nil {
		// Hold back a trailing incomplete rune until more bytes arrive.
		for i := 1; i <= utf8.UTFMax && i <= end; i++ {
			if b := c.buf[end-i]; utf8.RuneStart(b) {
				if b >= utf8.RuneSelf && !utf8.FullRune(c.buf[end-i:]) {
					end -= i
				}
				break
			}
		}
	}
	if i, found, expected := firstBad(c.buf[:end]); i >= 0 {
		c.at.Advance(c.buf[:i])
		c.ready = i
		if c.utf8 && i == len(c.buf)-1 && err == nil {
			return // judge the bad byte once the byte after it is read
		}
		te := c.errorAt(i, found, expected)
		if c.utf8 && expected == expectText {
			te.Looks = looksWindows1252(c.buf, i, c.last)
		}
		c.err = te
		return
	}
	c.at.Advance(c.buf[:end])
	c.ready = end
	var de *decodeError
	switch {
	case errors.As(err, &de):
		c.err = c.errorAt(end, de.found, de.expected)
	case err != nil:
		c.err = err
	}
}

func (c *textChecker) errorAt(i int, found, expected string) *TextError {
	return &TextError{Offset: c.offset + int64(i), Line: c.at.Line, Column: c.at.Col, Found: found, Expected: expected}
}

// firstBad finds the first byte of b that is not UTF-8 text, or a NUL; -1
// when there is none.
func firstBad(b []byte) (i int, found, expected string) {
	if utf8.Valid(b) && bytes.IndexByte(b, 0) < 0 {
		return -1, "", ""
	}
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return i, fmt.Sprintf(foundNotUTF8, b[i]), expectText
		case r == 0:
			return i, foundNUL, expectNoNUL
		}
		i += size
	}
	return -1, "", ""
}

// utf16Reader decodes UTF-16 (after its BOM) to UTF-8. Unlike a decoder that
// writes U+FFFD for what it cannot read, it fails with a *decodeError.
type utf16Reader struct {
	r   *bufio.Reader
	big bool
	out []byte // decoded, not yet handed out: out[pos:]
	pos int
	err error
}

// decodeError is text that cannot be decoded (UTF-16, or an 8-bit
// encoding); the textChecker above the reader turns it into a *TextError
// at its place.
type decodeError struct{ found, expected string }

func (e *decodeError) Error() string { return "found " + e.found + ", expected " + e.expected }

func utf16Error(found string) *decodeError { return &decodeError{found, expectText} }

func (u *utf16Reader) Read(p []byte) (int, error) {
	for u.pos == len(u.out) {
		if u.err != nil {
			return 0, u.err
		}
		u.fill()
	}
	n := copy(p, u.out[u.pos:])
	u.pos += n
	return n, nil
}

func (u *utf16Reader) fill() {
	u.out, u.pos = u.out[:0], 0
	for len(u.out) < 32<<10 {
		unit, err := u.unit()
		if err != nil {
			u.err = err
			return
		}
		r := rune(unit)
		switch {
		case 0xD800 <= r && r < 0xDC00:
			low, err := u.unit()
			var de *decodeError
			if err == io.EOF || errors.As(err, &de) || (err == nil && (low < 0xDC00 || low > 0xDFFF)) {
				u.err = utf16Error(fmt.Sprintf(foundBadUTF16, r))
				return
			}
			if err != nil {
				u.err = err
				return
			}
			r = utf16.DecodeRune(r, rune(low))
		case 0xDC00 <= r && r < 0xE000:
			u.err = utf16Error(fmt.Sprintf(foundBadUTF16, r))
			return
		}
		u.out = utf8.AppendRune(u.out, r)
	}
}

// unit reads one 16-bit code unit.
func (u *utf16Reader) unit() (uint16, error) {
	b0, err := u.r.ReadByte()
	if err != nil {
		return 0, err
	}
	b1, err := u.r.ReadByte()
	if err == io.EOF {
		return 0, utf16Error(foundOddByte)
	}
	if err != nil {
		return 0, err
	}
	if u.big {
		return uint16(b0)<<8 | uint16(b1), nil
	}
	return uint16(b1)<<8 | uint16(b0), nil
}
