package textio

import (
	"bufio"
	"fmt"
	"strconv"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// byteDecoder decodes an 8-bit encoding (Windows-1252, Latin-1) to UTF-8.
// Unlike charmap's decoder, which writes U+FFFD for the five bytes
// Windows-1252 leaves undefined, it fails with a *decodeError. It also
// refuses a file whose first non-ASCII bytes are UTF-8 ("é" would become
// "Ã©"): --encoding given for every table must not garble the one that is
// UTF-8 after all.
type byteDecoder struct {
	r       *bufio.Reader
	enc     Encoding
	cm      *charmap.Charmap
	checked bool   // the first non-ASCII byte has been looked at
	out     []byte // decoded, not yet handed out: out[pos:]
	pos     int
	err     error
}

func newByteDecoder(r *bufio.Reader, enc Encoding) *byteDecoder {
	cm := charmap.Windows1252
	if enc == Latin1 {
		cm = charmap.ISO8859_1
	}
	return &byteDecoder{r: r, enc: enc, cm: cm}
}

func (d *byteDecoder) Read(p []byte) (int, error) {
	for d.pos == len(d.out) {
		if d.err != nil {
			return 0, d.err
		}
		d.fill()
	}
	n := copy(p, d.out[d.pos:])
	d.pos += n
	return n, nil
}

func (d *byteDecoder) fill() {
	d.out, d.pos = d.out[:0], 0
	for len(d.out) < 32<<10 {
		b, err := d.r.ReadByte()
		if err != nil {
			d.err = err
			return
		}
		if b < utf8.RuneSelf {
			d.out = append(d.out, b)
			continue
		}
		if !d.checked {
			d.checked = true
			d.r.UnreadByte()
			seq, _ := d.r.Peek(utf8.UTFMax)
			if r, size := utf8.DecodeRune(seq); size > 1 {
				d.err = &decodeError{found: "UTF-8 text (" + strconv.Quote(string(r)) + ")",
					expected: fmt.Sprintf("%s text, as --encoding says (do not give --encoding %s for a file that is UTF-8)", d.enc, d.enc)}
				return
			}
			d.r.ReadByte()
		}
		r := d.cm.DecodeByte(b)
		if r == utf8.RuneError {
			d.err = &decodeError{found: fmt.Sprintf("the byte 0x%02X, which %s does not define", b, d.enc),
				expected: string(d.enc) + " text, as --encoding says"}
			return
		}
		d.out = utf8.AppendRune(d.out, r)
	}
}

// looksWindows1252 tells whether the bad byte b[i] of text read as UTF-8
// looks like Windows-1252, and returns the character it is there (0 when
// it does not look so): a byte Windows-1252 defines (its punctuation at
// 0x80–0x9F, Latin-1 letters above) next to printable ASCII, as in
// "caf\xe9," or "don\x92t". prev is the byte before b[0]. Binary data, a
// run of high bytes among control bytes, does not look so.
func looksWindows1252(b []byte, i int, prev byte) rune {
	c := b[i]
	r := charmap.Windows1252.DecodeByte(c)
	if c < utf8.RuneSelf || r == utf8.RuneError {
		return 0
	}
	if i > 0 {
		prev = b[i-1]
	}
	var next byte
	if i+1 < len(b) {
		next = b[i+1]
	}
	printable := func(x byte) bool { return x >= 0x20 && x < 0x7F }
	if printable(prev) || printable(next) {
		return r
	}
	return 0
}
