package tabular

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/review-tool/review/schema"
)

// memSink keeps rows in memory, by table.
type memSink struct {
	rows map[*schema.Table][][]any
}

func newSink() *memSink { return &memSink{rows: map[*schema.Table][][]any{}} }

func (s *memSink) Append(t *schema.Table, row []any) error {
	if len(row) != len(t.Columns) {
		return fmt.Errorf("%s: %d values for %d columns", t.Name, len(row), len(t.Columns))
	}
	s.rows[t] = append(s.rows[t], append([]any(nil), row...))
	return nil
}

// show renders t's rows one per line: the line, then every column that is
// not NULL, bar the common prefix.
func (s *memSink) show(t *schema.Table) []string {
	var out []string
	for _, row := range s.rows[t] {
		parts := []string{fmt.Sprint(row[2])}
		if row[0] != "" {
			parts = append(parts, fmt.Sprintf("source=%v", row[0]))
		}
		for i := 3; i < len(row); i++ {
			if row[i] == nil {
				continue
			}
			v := row[i]
			switch x := v.(type) {
			case time.Time:
				if t.Columns[i].Type == schema.Date {
					v = x.Format(time.DateOnly)
				} else {
					v = x.Format(time.RFC3339Nano)
				}
			case string, bool, int64, float64:
			default:
				v = fmt.Sprintf("%T(%v)", v, v)
			}
			parts = append(parts, fmt.Sprintf("%s=%v", t.Columns[i].Name, v))
		}
		out = append(out, strings.Join(parts, " | "))
	}
	return out
}

// input reads a file of testdata, transformed (nil: as is).
func input(t *testing.T, name string, transform func([]byte) []byte) Input {
	t.Helper()
	path := filepath.Join("testdata", name)
	if transform == nil {
		return Input{Path: name, Source: "pra-prod", FileID: 7, Open: func() (io.ReadCloser, error) { return os.Open(path) }}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return bytesInput(name, transform(b))
}

// bytesInput reads b as the file name.
func bytesInput(name string, b []byte) Input {
	return Input{Path: name, Source: "pra-prod", FileID: 7, Open: func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(b)), nil
	}}
}

// The file forms of docs/inputs.md §2.
func crlf(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")) }

func bom(b []byte) []byte { return append([]byte{0xEF, 0xBB, 0xBF}, b...) }

func utf16LE(b []byte) []byte {
	out := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(string(b))) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

func utf16BE(b []byte) []byte {
	out := []byte{0xFE, 0xFF}
	for _, u := range utf16.Encode([]rune(string(b))) {
		out = append(out, byte(u>>8), byte(u))
	}
	return out
}

// cr writes old Mac line ends: a lone CR.
func cr(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r")) }

var forms = []struct {
	name      string
	transform func([]byte) []byte
}{
	{"utf-8 lf", nil},
	{"utf-8 bom crlf", func(b []byte) []byte { return bom(crlf(b)) }},
	{"utf-16le bom crlf", func(b []byte) []byte { return utf16LE(crlf(b)) }},
	{"utf-16be bom lf", utf16BE},
	{"utf-8 cr", cr},
	{"utf-16le bom cr", func(b []byte) []byte { return utf16LE(cr(b)) }},
}

func sameLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\ngot:\n\t%s\nwant:\n\t%s", what, strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}
