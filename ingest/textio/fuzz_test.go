package textio

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// The fuzz targets below check invariants of the text decoder on any input;
// their seeds (f.Add and testdata/fuzz) run as ordinary tests. make fuzz
// runs each for a while.

func FuzzDecodeText(f *testing.F) {
	for _, b := range [][]byte{
		[]byte("Username,Email\nalice,a@corp.example\n"),
		append([]byte{0xEF, 0xBB, 0xBF}, "a;é\r\nb;ü\r\n"...),
		le("Username\tEmail\r\nzoë\t😀\r\n"),
		be("[{\"id\": 1}]\n"),
		[]byte("name\ncaf\xe9\n"),
		[]byte("a\rb\rc\x00"),
		append(le("ab"), 0x00, 0xD8),
		append(be("ab"), 'c'),
		{0xFF}, {0xFE, 0xFF, 0xD8, 0x00, 0xDC, 0x00}, {0xEF, 0xBB},
	} {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		want := referenceDecode(data)
		for name, r := range map[string]io.Reader{
			"whole":    bytes.NewReader(data),
			"one byte": iotest.OneByteReader(bytes.NewReader(data)),
			"halves":   iotest.HalfReader(bytes.NewReader(data)),
		} {
			text, enc, err := DecodeText(r)
			if err != nil {
				t.Fatalf("%s: DecodeText: %v", name, err)
			}
			got, err := io.ReadAll(text)
			if enc != want.enc || !bytes.Equal(got, want.text) {
				t.Fatalf("%s: read %q as %s, want %q as %s", name, got, enc, want.text, want.enc)
			}
			if !utf8.Valid(got) || bytes.IndexByte(got, 0) >= 0 {
				t.Fatalf("%s: read %q: not UTF-8 text", name, got)
			}
			var te *TextError
			switch {
			case want.err == "" && err != nil:
				t.Fatalf("%s: error %v, want none", name, err)
			case want.err != "" && !errors.As(err, &te):
				t.Fatalf("%s: error %v, want a *TextError", name, err)
			case want.err != "":
				if got := fmt.Sprintf("%d:%d:%d: %s", te.Offset, te.Line, te.Column, te.Found); got != want.err {
					t.Fatalf("%s: error %s, want %s", name, got, want.err)
				}
				if !errors.Is(err, ErrNotUTF8) || !strings.Contains(te.In("f.csv").Error(), ", expected "+te.Expected) {
					t.Fatalf("%s: error %v", name, err)
				}
				// The Windows-1252 advice, when the bytes look like it, names the file.
				if te.Looks != want.looks || strings.Contains(te.In("f.csv").Error(), "--encoding f.csv=windows-1252") != (want.looks != 0) {
					t.Fatalf("%s: error %v looks like %q, want %q", name, te.In("f.csv"), te.Looks, want.looks)
				}
			}
		}
	})
}

type decoded struct {
	text []byte
	enc  Encoding
	err  string // "offset:line:column: found", "" when the text reads
	// looks is the bad byte in Windows-1252 when a printable ASCII byte
	// is next to it, or 0.
	looks rune
}

// referenceDecode decodes data the slow, obvious way, for FuzzDecodeText.
func referenceDecode(data []byte) decoded {
	var d decoded
	var runes []rune
	var bad string
	bom := bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) || bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF})
	// Without a BOM, UTF-16 is told by its zero bytes (sniffUTF16, tested on
	// its own); the decoding is what is checked here.
	sniffed, isUTF16 := sniffUTF16(data[:min(len(data), 512)])
	isUTF16 = isUTF16 && !bom
	if isUTF16 { // decoded below as after its byte order mark
		mark := []byte{0xFF, 0xFE}
		if sniffed == UTF16BE {
			mark = []byte{0xFE, 0xFF}
		}
		data = append(mark, data...)
	}
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		d.enc, data = UTF8BOM, data[3:]
		fallthrough
	default:
		if d.enc == "" {
			d.enc = UTF8
		}
		for i := 0; i < len(data); {
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size <= 1 {
				bad = fmt.Sprintf("bytes that are not UTF-8 (0x%02X)", data[i])
				if d.enc == UTF8 { // a BOM says UTF-8: no advice to read it otherwise
					d.looks = referenceLooks(data, i)
				}
				break
			}
			runes = append(runes, r)
			i += size
		}
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		d.enc = UTF16LE
		if data[0] == 0xFE {
			d.enc = UTF16BE
		}
		data = data[2:]
		units := make([]uint16, 0, len(data)/2)
		for i := 0; i+1 < len(data); i += 2 {
			if d.enc == UTF16LE {
				units = append(units, uint16(data[i])|uint16(data[i+1])<<8)
			} else {
				units = append(units, uint16(data[i])<<8|uint16(data[i+1]))
			}
		}
		for i := 0; i < len(units); i++ {
			u := rune(units[i])
			switch {
			case utf16.IsSurrogate(u) && u < 0xDC00 && i+1 < len(units) && units[i+1] >= 0xDC00 && units[i+1] < 0xE000:
				u = utf16.DecodeRune(u, rune(units[i+1]))
				i++
			case utf16.IsSurrogate(u):
				bad = fmt.Sprintf("a UTF-16 surrogate without its pair (0x%04X)", u)
			}
			if bad != "" {
				break
			}
			runes = append(runes, u)
		}
		if bad == "" && len(data)%2 == 1 {
			bad = "a single byte at the end of UTF-16 text"
		}
	}
	for i, r := range runes {
		if r == 0 {
			runes, bad, d.looks = runes[:i], "a NUL byte", 0
			break
		}
	}
	d.text = []byte(string(runes))
	if d.text == nil {
		d.text = []byte{}
	}
	if bad != "" {
		line, col := int64(1), int64(1)
		for i, r := range runes {
			switch {
			case r == '\n' && i > 0 && runes[i-1] == '\r':
			case r == '\n' || r == '\r':
				line, col = line+1, 1
			default:
				col++
			}
		}
		d.err = fmt.Sprintf("%d:%d:%d: %s", len(d.text), line, col, bad)
	}
	return d
}

// referenceLooks is data[i] in Windows-1252 when that defines it and a
// byte next to it is printable ASCII, else 0.
func referenceLooks(data []byte, i int) rune {
	undefined := map[byte]bool{0x81: true, 0x8D: true, 0x8F: true, 0x90: true, 0x9D: true}
	if undefined[data[i]] {
		return 0
	}
	printable := func(j int) bool { return j >= 0 && j < len(data) && data[j] >= 0x20 && data[j] < 0x7F }
	if !printable(i-1) && !printable(i+1) {
		return 0
	}
	return charmap.Windows1252.DecodeByte(data[i])
}
