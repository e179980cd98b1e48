package jsonscan

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/review-tool/review/ingest/textio"
)

// reference is Value read byte by byte, as the readers did before they
// shared this package: each byte past max is an error once it is there,
// the place moves one byte at a time.
func reference(text []byte, max, maxDepth int) (data []byte, inString bool, err error, rest []byte, at textio.Place) {
	at = textio.Start()
	open := text[0]
	at.Step(open)
	data = []byte{open}
	depth := 0
	in, escaped := open == '"', false
	if !in {
		depth = 1
	}
	for i := 1; ; i++ {
		if i >= len(text) {
			return nil, in, io.EOF, nil, at
		}
		if len(data) >= max {
			return nil, in, ErrTooLong, nil, at
		}
		b := text[i]
		data = append(data, b)
		at.Step(b)
		if in {
			switch {
			case escaped:
				escaped = false
			case b == '\\':
				escaped = true
			case b == '"':
				in = false
				if depth == 0 {
					return data, false, nil, text[i+1:], at
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
				return nil, false, ErrTooDeep, nil, at
			}
		case '}', ']':
			depth--
			if depth == 0 {
				return data, false, nil, text[i+1:], at
			}
		}
	}
}

// sameValue reads text with Value, through a buffer of size bytes, and
// wants what reference gives: the value, the error, whether it ended in
// a string, and, after a value, the same place and the rest of the text.
func sameValue(t *testing.T, text []byte, size, max, maxDepth int) {
	t.Helper()
	if len(text) == 0 || text[0] != '{' && text[0] != '[' && text[0] != '"' {
		return
	}
	wantData, wantIn, wantErr, wantRest, wantAt := reference(text, max, maxDepth)
	s := New(bytes.NewReader(text), size)
	b, err := s.ReadByte()
	if err != nil {
		t.Fatal(err)
	}
	data, in, err := s.Value(b, max, maxDepth)
	if err != wantErr || !bytes.Equal(data, wantData) || (err == io.EOF && in != wantIn) {
		t.Fatalf("%q (size %d, max %d, depth %d): Value = %q, %v, %v; want %q, %v, %v", text, size, max, maxDepth, data, in, err, wantData, wantIn, wantErr)
	}
	if err != nil && err != io.EOF {
		return
	}
	if s.Here() != wantAt {
		t.Fatalf("%q: at %+v after the value, want %+v", text, s.Here(), wantAt)
	}
	if err == io.EOF {
		return
	}
	rest, _ := io.ReadAll(readerOf(s))
	if !bytes.Equal(rest, wantRest) {
		t.Fatalf("%q: rest %q, want %q", text, rest, wantRest)
	}
}

// readerOf reads the scanner on, byte by byte.
func readerOf(s *Scanner) io.Reader { return byteReader{s} }

type byteReader struct{ s *Scanner }

func (r byteReader) Read(p []byte) (int, error) {
	for i := range p {
		b, err := r.s.ReadByte()
		if err != nil {
			return i, err
		}
		p[i] = b
	}
	return len(p), nil
}

var valueCases = []string{
	`{}`, `[]`, `""`, `"a"`, `{"a": [1, 2, {"b": "c"}]} tail`, `["]", "}", "\"", "\\"] x`,
	`"a\"b" rest`, `"\\" rest`, `{"a": "\u00e9 é"}` + "\r\n\r\n{", "{\n\"a\":\r\n1\r}\n", `{"a": 1`, `"abc`, `"ab\`,
	`[[[[[]]]]]`, `[[[[[[`, `{"a": {"b": {"c": {}}}}`, `{"x": "` + string(bytes.Repeat([]byte("y"), 100)) + `"}`,
}

func TestValue(t *testing.T) {
	for _, c := range valueCases {
		for _, size := range []int{16, 17, 32, 4096} {
			for _, max := range []int{1, 2, 3, 5, 8, 20, 64, 1 << 20} {
				for _, depth := range []int{0, 1, 2, 3, 64} {
					sameValue(t, []byte(c), size, max, depth)
				}
			}
		}
	}
}

// An error of the text under the scanner (bytes that are not UTF-8, say)
// comes back as it is, after the bytes before it.
func TestValueReadError(t *testing.T) {
	bad := errors.New("bad text")
	s := New(io.MultiReader(bytes.NewReader([]byte(`{"a": "b`)), errReader{bad}), 16)
	b, _ := s.ReadByte()
	if _, in, err := s.Value(b, 1<<20, 0); err != bad || !in {
		t.Errorf("Value: %v, in string %v", err, in)
	}
	if got := s.Here(); got.Line != 1 || got.Col != 9 {
		t.Errorf("at %+v", got)
	}
}

type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }

func FuzzValue(f *testing.F) {
	for _, c := range valueCases {
		f.Add([]byte(c), uint8(16), uint16(20), uint8(3))
	}
	f.Fuzz(func(t *testing.T, text []byte, size uint8, max uint16, depth uint8) {
		sameValue(t, text, 16+int(size), 1+int(max), int(depth%8))
	})
}
