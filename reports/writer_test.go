package reports

import (
	"bytes"
	"slices"
	"testing"

	"github.com/review-tool/review/reports/xlsx"
)

// Every output format is one writer, picked by its name; each writes what
// its format's function writes.
func TestWritersByFormat(t *testing.T) {
	if got, want := Formats(), []string{"csv", "issues", "jsonl", "manifest", "xlsx"}; !slices.Equal(got, want) {
		t.Fatalf("formats %q, want %q", got, want)
	}
	if _, err := Lookup("pdf"); err == nil {
		t.Error("Lookup(pdf) found a writer")
	}
	r := testReview()
	for format, direct := range map[string]func(*bytes.Buffer) error{
		"jsonl":    func(b *bytes.Buffer) error { return WriteJSONL(b, r.Findings) },
		"csv":      func(b *bytes.Buffer) error { return WriteCSV(b, r.Findings) },
		"issues":   func(b *bytes.Buffer) error { return WriteIssuesJSONL(b, r.IngestIssues) },
		"manifest": func(b *bytes.Buffer) error { return WriteManifest(b, r) },
		"xlsx":     func(b *bytes.Buffer) error { return xlsx.Write(b, r, t.TempDir()) },
	} {
		w := MustLookup(format)
		var got, want bytes.Buffer
		if err := w.Write(&got, r, t.TempDir()); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if err := direct(&want); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) || got.Len() == 0 && format != "issues" {
			t.Errorf("%s writer wrote %d bytes, its function %d", format, got.Len(), want.Len())
		}
		if len(w.Extensions()) == 0 || w.Describe() == "" {
			t.Errorf("%s: no extension or description", format)
		}
	}
}
