package activity

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/review-tool/review/ingest/located"
	"github.com/review-tool/review/ingest/reader"
	"github.com/review-tool/review/schema"
)

// memSink keeps rows by table, each checked against its table.
type memSink struct {
	t    testing.TB
	rows map[*schema.Table][][]any
}

func (s *memSink) Append(t *schema.Table, row []any) error {
	if err := t.CheckRow(row); err != nil {
		s.t.Fatal(err)
	}
	if s.rows == nil {
		s.rows = map[*schema.Table][][]any{}
	}
	s.rows[t] = append(s.rows[t], append([]any(nil), row...))
	return nil
}

// fileOf is a reader.File of bytes, named path, as ingest gives it.
func fileOf(path string, kind schema.Kind, data []byte, bad func(*located.Error) error) reader.File {
	return reader.File{Path: path, Kind: kind, Source: "pra-prod", FileID: 3, BadRow: bad,
		Open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }}
}

func testdata(t testing.TB, name string) []byte {
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// detect is Reader.Detect on the whole of data.
func detect(t testing.TB, name string, data []byte) reader.Detection {
	t.Helper()
	h := reader.NewHead(name, data, true, bytes.NewReader(nil), func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(data)), nil
	}, "")
	defer h.Close()
	d, err := Reader{}.Detect(h)
	if err != nil {
		t.Fatalf("Detect(%s): %v", name, err)
	}
	return d
}

// readFile detects a fixture and reads it; bad, when set, is the lenient
// BadRow.
func readFile(t testing.TB, name string, bad func(*located.Error) error) (*memSink, *reader.Result, error) {
	t.Helper()
	data := testdata(t, name)
	d := detect(t, name, data)
	if d.Confidence != reader.Content && d.Confidence != reader.Name {
		t.Fatalf("%s detected as %+v", name, d)
	}
	return readAs(t, "exports/pra-prod/"+name, d.Kind, data, bad)
}

func readAs(t testing.TB, path string, kind schema.Kind, data []byte, bad func(*located.Error) error) (*memSink, *reader.Result, error) {
	sink := &memSink{t: t}
	res, err := Reader{}.Read(context.Background(), fileOf(path, kind, data, bad), sink)
	return sink, res, err
}

// col is a row's value of the named column.
func col(t *schema.Table, row []any, name string) any {
	i := t.Index(name)
	if i < 0 {
		panic("no column " + name + " in " + t.Name)
	}
	return row[i]
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}
