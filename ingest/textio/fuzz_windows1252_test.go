package textio

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"testing/iotest"
	"unicode/utf8"
)

// FuzzDecodeWindows1252 checks the 8-bit decoder on any input: the text is
// UTF-8 without U+FFFD (an undefined byte is an error instead), read the
// same whole or a byte at a time.
func FuzzDecodeWindows1252(f *testing.F) {
	for _, b := range []string{"Ren\xe9 O\x92Brien\r\n", "a\x81b", "Ren\xc3\xa9", "\xe9t\xe9 \xc3\xa9", "\xef\xbb\xbfbom", "a\x00b", ""} {
		f.Add([]byte(b))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var first []byte
		var firstErr error
		for i, r := range []io.Reader{bytes.NewReader(data), iotest.OneByteReader(bytes.NewReader(data))} {
			text, enc, err := Decode(r, Windows1252)
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(text)
			if !utf8.Valid(got) || (enc == Windows1252 && bytes.ContainsRune(got, utf8.RuneError)) {
				t.Fatalf("read %q as %s", got, enc)
			}
			if err != nil && !errors.Is(err, ErrNotUTF8) {
				t.Fatalf("error %v is not a text error", err)
			}
			if i == 0 {
				first, firstErr = got, err
			} else if !bytes.Equal(got, first) || (err == nil) != (firstErr == nil) {
				t.Fatalf("whole: %q, %v; a byte at a time: %q, %v", first, firstErr, got, err)
			}
		}
	})
}
