package textio

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestDecodeText(t *testing.T) {
	utf16le := []byte{0xFF, 0xFE, 'a', 0, ';', 0, 0xE9, 0, '\n', 0}
	tests := []struct {
		name string
		in   []byte
		want string
		enc  Encoding
	}{
		{"utf-8", []byte("a;é\n"), "a;é\n", UTF8},
		{"utf-8 bom", append([]byte{0xEF, 0xBB, 0xBF}, "a;é\n"...), "a;é\n", UTF8BOM},
		{"utf-16le bom", utf16le, "a;é\n", UTF16LE},
		{"utf-16be bom", []byte{0xFE, 0xFF, 0, 'a', 0, ';', 0, 0xE9, 0, '\n'}, "a;é\n", UTF16BE},
	}
	for _, tt := range tests {
		r, enc, err := DecodeText(bytes.NewReader(tt.in))
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(r)
		if err != nil || string(got) != tt.want || enc != tt.enc {
			t.Errorf("%s: got %q, %s, %v", tt.name, got, enc, err)
		}
	}
	// Latin-1 é is not UTF-8: an error, never mojibake.
	r, _, _ := DecodeText(bytes.NewReader([]byte("name\ncaf\xe9\n")))
	_, err := io.ReadAll(r)
	var te *TextError
	if !errors.As(err, &te) || te.Offset != 8 {
		t.Errorf("Latin-1 input: err = %v, want TextError at offset 8", err)
	}
	// A multi-byte rune split across reads is fine.
	long := strings.Repeat("é", 100000)
	r, _, _ = DecodeText(io.MultiReader(strings.NewReader(long[:3]), strings.NewReader(long[3:])))
	got, err := io.ReadAll(r)
	if err != nil || string(got) != long {
		t.Errorf("split runes: %v", err)
	}
}
