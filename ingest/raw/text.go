package raw

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Encoding names what a text file was written in.
type Encoding string

const (
	UTF8    Encoding = "utf-8"
	UTF8BOM Encoding = "utf-8-bom"
	UTF16LE Encoding = "utf-16le"
	UTF16BE Encoding = "utf-16be"
)

// DecodeText returns a reader of UTF-8 text without a byte order mark. UTF-16
// needs a BOM (Excel's "Unicode Text" writes one); everything else is taken as
// UTF-8 and checked as it is read.
func DecodeText(r io.Reader) (io.Reader, Encoding, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(3)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, "", err
	}
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		br.Discard(3)
		return &utf8Checker{r: br}, UTF8BOM, nil
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		return transform.NewReader(br, dec), UTF16LE, nil
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		dec := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()
		return transform.NewReader(br, dec), UTF16BE, nil
	}
	return &utf8Checker{r: br}, UTF8, nil
}

// ErrNotUTF8 is returned by readers from DecodeText when the text is neither
// UTF-8 nor UTF-16 with a BOM.
var ErrNotUTF8 = errors.New("bytes that are not UTF-8")

// utf8Checker passes text through and fails on invalid UTF-8, so that a
// Latin-1 file is an error instead of mojibake. A rune split across two reads
// of the underlying reader is carried over to the next chunk.
type utf8Checker struct {
	r      io.Reader
	buf    []byte // checked bytes not yet handed out are buf[pos:ready]
	pos    int
	ready  int
	offset int64 // offset of buf[0] in the decoded text
	err    error
}

func (c *utf8Checker) Read(p []byte) (int, error) {
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

func (c *utf8Checker) fill() {
	// Keep the unchecked tail (an incomplete rune) at the front.
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
	if !utf8.Valid(c.buf[:end]) {
		for i := 0; i < end; {
			r, size := utf8.DecodeRune(c.buf[i:end])
			if r == utf8.RuneError && size <= 1 {
				c.ready = 0
				c.err = &TextError{Offset: c.offset + int64(i)}
				return
			}
			i += size
		}
	}
	c.ready = end
	if err != nil {
		c.err = err
	}
}

// TextError is invalid UTF-8 at a byte offset of the decoded text.
type TextError struct{ Offset int64 }

func (e *TextError) Error() string { return ErrNotUTF8.Error() }
func (e *TextError) Unwrap() error { return ErrNotUTF8 }
