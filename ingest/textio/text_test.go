package textio

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf16"
)

// le and be write s as UTF-16 with a byte order mark.
func le(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

func be(s string) []byte {
	out := []byte{0xFE, 0xFF}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u>>8), byte(u))
	}
	return out
}

// Text that reads: both UTF-16 byte orders, characters outside the BMP
// (surrogate pairs), and every line end.
func TestDecodeTextReads(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want string
		enc  Encoding
	}{
		{"utf-16le pair", le("a,😀\r\nb\n"), "a,😀\r\nb\n", UTF16LE},
		{"utf-16be pair", be("a,😀\r\nb\n"), "a,😀\r\nb\n", UTF16BE},
		{"utf-16le bom only", le(""), "", UTF16LE},
		{"cr only", []byte("a\rb\r"), "a\rb\r", UTF8},
		{"empty", nil, "", UTF8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, enc, err := DecodeText(bytes.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(r)
			if err != nil || string(got) != tt.want || enc != tt.enc {
				t.Errorf("got %q, %s, %v; want %q, %s", got, enc, err, tt.want, tt.enc)
			}
		})
	}
}

// looks is the advice of an error whose byte looks like Windows-1252,
// where it is char, for a file not named yet.
func looks(char string) string {
	return `; the file looks like Windows-1252, where the byte is "` + char +
		`": read it with --encoding NAME=windows-1252 (or --encoding windows-1252 for every table file), or save it as UTF-8`
}

// Text that does not read stops with a *TextError that says where: the text
// before the problem is handed out first, never replaced by U+FFFD.
func TestDecodeTextErrors(t *testing.T) {
	tests := []struct {
		name   string
		in     []byte
		before string // the text read before the error
		want   string // the error
		offset int64
	}{
		{"latin-1", []byte("name\ncaf\xe9\n"), "name\ncaf",
			"line 2, column 4: found bytes that are not UTF-8 (0xE9), expected UTF-8 or UTF-16 text with a byte order mark" + looks("é"), 8},
		{"latin-1 after bom", append([]byte{0xEF, 0xBB, 0xBF}, "é\xe9"...), "é",
			"line 1, column 2: found bytes that are not UTF-8 (0xE9), expected UTF-8 or UTF-16 text with a byte order mark", 2},
		{"cut rune at the end", []byte("ab\xc3"), "ab",
			"line 1, column 3: found bytes that are not UTF-8 (0xC3), expected UTF-8 or UTF-16 text with a byte order mark" + looks("Ã"), 2},
		{"columns count characters", []byte("héllo wörld\x80"), "héllo wörld",
			"line 1, column 12: found bytes that are not UTF-8 (0x80), expected UTF-8 or UTF-16 text with a byte order mark" + looks("€"), 13},
		{"nul", []byte("a,b\nc,\x00d\n"), "a,b\nc,",
			"line 2, column 3: found a NUL byte, expected text without NUL bytes (UTF-16 needs a byte order mark)", 6},
		{"utf-16 without bom", []byte("a\x00,\x00b\x00"), "a",
			"line 1, column 2: found a NUL byte, expected text without NUL bytes (UTF-16 needs a byte order mark)", 1},
		{"cr lines", []byte("a\rb\r\nc\rd\xff"), "a\rb\r\nc\rd",
			"line 4, column 2: found bytes that are not UTF-8 (0xFF), expected UTF-8 or UTF-16 text with a byte order mark" + looks("ÿ"), 8},
		{"utf-16le nul", le("a\nb\x00"), "a\nb",
			"line 2, column 2: found a NUL byte, expected text without NUL bytes (UTF-16 needs a byte order mark)", 3},
		{"utf-16le lone high surrogate", append(le("a\nbc"), 0x00, 0xD8, 'd', 0x00), "a\nbc",
			"line 2, column 3: found a UTF-16 surrogate without its pair (0xD800), expected UTF-8 or UTF-16 text with a byte order mark", 4},
		{"utf-16be lone low surrogate", append(be("x"), 0xDC, 0x00), "x",
			"line 1, column 2: found a UTF-16 surrogate without its pair (0xDC00), expected UTF-8 or UTF-16 text with a byte order mark", 1},
		{"utf-16le high surrogate at the end", append(le("x"), 0x3D, 0xD8), "x",
			"line 1, column 2: found a UTF-16 surrogate without its pair (0xD83D), expected UTF-8 or UTF-16 text with a byte order mark", 1},
		{"utf-16le high surrogate, then an odd byte", append(le("x"), 0x3D, 0xD8, 'c'), "x",
			"line 1, column 2: found a UTF-16 surrogate without its pair (0xD83D), expected UTF-8 or UTF-16 text with a byte order mark", 1},
		{"utf-16le odd byte", append(le("ab"), 'c'), "ab",
			"line 1, column 3: found a single byte at the end of UTF-16 text, expected UTF-8 or UTF-16 text with a byte order mark", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Whole reads and one byte at a time give the same answer.
			for _, r := range []io.Reader{bytes.NewReader(tt.in), iotest.OneByteReader(bytes.NewReader(tt.in))} {
				text, _, err := DecodeText(r)
				if err != nil {
					t.Fatal(err)
				}
				got, err := io.ReadAll(text)
				var te *TextError
				if !errors.As(err, &te) {
					t.Fatalf("got %q, err %v; want a *TextError", got, err)
				}
				if string(got) != tt.before || te.Error() != tt.want || te.Offset != tt.offset {
					t.Errorf("got %q, %s (offset %d)\nwant %q, %s (offset %d)", got, te, te.Offset, tt.before, tt.want, tt.offset)
				}
				if !errors.Is(err, ErrNotUTF8) {
					t.Errorf("%v does not wrap ErrNotUTF8", err)
				}
			}
		})
	}
}

// A bad byte far into a file is found at its line and column, past many
// chunks of the checker.
func TestDecodeTextErrorFarIn(t *testing.T) {
	line := strings.Repeat("é", 50) + "\r\n"
	in := strings.Repeat(line, 10000) + "ab\xe9"
	text, _, _ := DecodeText(iotest.HalfReader(strings.NewReader(in)))
	_, err := io.ReadAll(text)
	var te *TextError
	if !errors.As(err, &te) || te.Line != 10001 || te.Column != 3 {
		t.Errorf("err = %v, want line 10001, column 3", err)
	}
	want := "x.csv:10001:3: found bytes that are not UTF-8 (0xE9), expected UTF-8 or UTF-16 text with a byte order mark" +
		`; the file looks like Windows-1252, where the byte is "é": read it with --encoding x.csv=windows-1252 (or --encoding windows-1252 for every table file), or save it as UTF-8`
	if got := te.In("x.csv").Error(); got != want {
		t.Errorf("In: %s", got)
	}
}
