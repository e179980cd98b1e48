package textio

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// Stated encodings decode as stated unless a BOM says otherwise; the
// result names what the text was read as.
func TestDecodeStated(t *testing.T) {
	tests := []struct {
		name   string
		in     []byte
		stated Encoding
		want   string
		enc    Encoding
	}{
		{"windows-1252", []byte("Ren\xe9 O\x92Brien \x80 \x96 \x9f\n"), Windows1252, "René O’Brien € – Ÿ\n", Windows1252},
		{"latin-1", []byte("Ren\xe9 \xff\n"), Latin1, "René ÿ\n", Latin1},
		{"ascii as windows-1252", []byte("alice,bob\n"), Windows1252, "alice,bob\n", Windows1252},
		{"utf-8 stated", []byte("René\n"), UTF8, "René\n", UTF8},
		{"utf-16le without bom", le("René\n")[2:], UTF16LE, "René\n", UTF16LE},
		{"utf-16be without bom", be("René\n")[2:], UTF16BE, "René\n", UTF16BE},
		{"utf-16 without bom is little-endian", le("a\n")[2:], UTF16, "a\n", UTF16LE},
		{"a bom wins over windows-1252", append([]byte{0xEF, 0xBB, 0xBF}, "René"...), Windows1252, "René", UTF8BOM},
		{"a bom wins over utf-16le", be("ab"), UTF16LE, "ab", UTF16BE},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, r := range []io.Reader{bytes.NewReader(tt.in), iotest.OneByteReader(bytes.NewReader(tt.in))} {
				text, enc, err := Decode(r, tt.stated)
				if err != nil {
					t.Fatal(err)
				}
				got, err := io.ReadAll(text)
				if err != nil || string(got) != tt.want || enc != tt.enc {
					t.Errorf("got %q, %s, %v; want %q, %s", got, enc, err, tt.want, tt.enc)
				}
			}
		})
	}
}

// Stated 8-bit text that is not what was stated stops with a *TextError at
// its place: a byte Windows-1252 leaves undefined (never U+FFFD), UTF-8
// (which would become "Ã©"), a NUL.
func TestDecodeStatedErrors(t *testing.T) {
	tests := []struct {
		name   string
		in     []byte
		before string
		want   string
	}{
		{"undefined byte", []byte("a\nb\x81c"), "a\nb",
			"line 2, column 2: found the byte 0x81, which windows-1252 does not define, expected windows-1252 text, as --encoding says"},
		{"utf-8 after all", []byte("name\nRené\n"), "name\nRen",
			`line 2, column 4: found UTF-8 text ("é"), expected windows-1252 text, as --encoding says (do not give --encoding windows-1252 for a file that is UTF-8)`},
		{"nul", []byte("a,\x00"), "a,",
			"line 1, column 3: found a NUL byte, expected text without NUL bytes (UTF-16 needs a byte order mark)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, r := range []io.Reader{bytes.NewReader(tt.in), iotest.OneByteReader(bytes.NewReader(tt.in))} {
				text, _, _ := Decode(r, Windows1252)
				got, err := io.ReadAll(text)
				var te *TextError
				if !errors.As(err, &te) || string(got) != tt.before || te.Error() != tt.want {
					t.Errorf("got %q, %v\nwant %q, %s", got, err, tt.before, tt.want)
				}
			}
		})
	}
	// Past the first non-ASCII byte, UTF-8-like pairs are Windows-1252.
	text, _, _ := Decode(strings.NewReader("\xe9t\xe9 \xc3\xa9"), Windows1252)
	if got, err := io.ReadAll(text); err != nil || string(got) != "été Ã©" {
		t.Errorf("got %q, %v", got, err)
	}
}

// Text read as UTF-8 whose bad byte looks like Windows-1252 says so and how
// to read it; bytes that do not look so (binary, a byte Windows-1252 does
// not define, a bad byte after a UTF-8 BOM, which --encoding cannot
// override) get no advice.
func TestDecodeTextLooksWindows1252(t *testing.T) {
	tests := []struct {
		name  string
		in    []byte
		looks rune
	}{
		{"letter between letters", []byte("Username\nren\xe9e\n"), 'é'},
		{"letter at a line's start", []byte("a\n\xc9ric\n"), 'É'},
		{"curly apostrophe", []byte("don\x92t"), '’'},
		{"dash between spaces", []byte("a \x96 b"), '–'},
		{"euro sign, a byte at a time", []byte("\n\n\x80100"), '€'},
		{"an old .xls", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), 0},
		{"a zip's bytes", []byte("\x01\x02\xe9\x03"), 0},
		{"undefined in windows-1252", []byte("a\x81b"), 0},
		{"after a utf-8 bom", append([]byte{0xEF, 0xBB, 0xBF}, "ren\xe9e"...), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, r := range []io.Reader{bytes.NewReader(tt.in), iotest.OneByteReader(bytes.NewReader(tt.in))} {
				text, _, _ := DecodeText(r)
				_, err := io.ReadAll(text)
				var te *TextError
				if !errors.As(err, &te) {
					t.Fatalf("err = %v, want a *TextError", err)
				}
				if te.Looks != tt.looks {
					t.Errorf("%s: looks like %q, want %q", te, te.Looks, tt.looks)
				}
				advice := strings.Contains(te.In("dir/users.csv").Error(), "read it with --encoding users.csv=windows-1252 (or --encoding windows-1252 for every table file)")
				if advice != (tt.looks != 0) {
					t.Errorf("%s: advice %v", te.In("dir/users.csv"), advice)
				}
			}
		})
	}
}

func TestParseEncoding(t *testing.T) {
	for in, want := range map[string]Encoding{
		"windows-1252": Windows1252, "CP1252": Windows1252, "latin1": Latin1, "ISO-8859-1": Latin1, "latin-1": Latin1,
		"utf-8": UTF8, "UTF8": UTF8, "utf-16": UTF16, "utf-16le": UTF16LE, "UTF-16BE": UTF16BE,
	} {
		if got, err := ParseEncoding(in); err != nil || got != want {
			t.Errorf("ParseEncoding(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	_, err := ParseEncoding("ebcdic")
	want := `unknown encoding "ebcdic": expected one of windows-1252, cp1252, iso-8859-1, latin1, latin-1, utf-8, utf8, utf-16, utf-16le, utf-16be`
	if err == nil || err.Error() != want {
		t.Errorf("ParseEncoding(ebcdic) error %v, want %s", err, want)
	}
}

// The head of a file decodes for recognising it even when it is not UTF-8:
// a legacy byte becomes U+FFFD, and the names after it are still there.
func TestDecodeHead(t *testing.T) {
	tests := []struct {
		in   []byte
		want string
		err  bool
	}{
		{[]byte("[{\"username\": \"ren\xe9\", \"security_provider_id\": 1}]"), "[{\"username\": \"ren\uFFFD\", \"security_provider_id\": 1}]", false},
		{append([]byte{0xEF, 0xBB, 0xBF}, "Username\xe9,Email"...), "Username\uFFFD,Email", false},
		{[]byte("Username,Caf\xc3"), "Username,Caf\uFFFD", false}, // a character cut at the end of the head
		{le("Username,Email"), "Username,Email", false},
		{[]byte("a,b\x00c"), "a,b", true},
	}
	for _, tt := range tests {
		got, err := DecodeHead(tt.in)
		if string(got) != tt.want || (err != nil) != tt.err {
			t.Errorf("DecodeHead(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}
