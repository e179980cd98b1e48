// Package reports writes a review's results, each format behind one
// Writer (writer.go): the findings workbook (reports/xlsx), JSON Lines
// (jsonl.go), CSV (csv.go), the rows --lenient kept out (jsonl.go) and the
// manifest (manifest.go); and it commits a run's outputs together, each
// whole or not at all (atomic.go). Every writer is deterministic: the same
// review gives the same bytes.
package reports

import (
	"fmt"
	"io"
	"sort"

	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/reports/xlsx"
)

// Writer writes a review in one output format. Each format is one file of
// this package and one entry of writers; a command picks a writer by its
// format name and never needs to know the others.
type Writer interface {
	// Format is the name the writer is picked by (xlsx, jsonl, csv, issues,
	// manifest).
	Format() string
	// Describe names what the file holds, for messages ("an Excel workbook").
	Describe() string
	// Extensions are the file name endings accepted for it, the usual one
	// first.
	Extensions() []string
	// Write writes r to w; tempDir holds what a writer spools (the
	// workbook's large parts).
	Write(w io.Writer, r *model.Review, tempDir string) error
}

// writers are the output formats, by name.
var writers = map[string]Writer{}

func register(w Writer) {
	if _, dup := writers[w.Format()]; dup {
		panic("reports: two writers of format " + w.Format())
	}
	writers[w.Format()] = w
}

func init() {
	for _, w := range []Writer{xlsxWriter{}, jsonlWriter{}, csvWriter{}, issuesWriter{}, manifestWriter{}} {
		register(w)
	}
}

// Lookup returns the writer of a format.
func Lookup(format string) (Writer, error) {
	w, ok := writers[format]
	if !ok {
		return nil, fmt.Errorf("no writer of format %q (formats: %v)", format, Formats())
	}
	return w, nil
}

// MustLookup is Lookup for formats named in code, which must exist.
func MustLookup(format string) Writer {
	w, err := Lookup(format)
	if err != nil {
		panic(err)
	}
	return w
}

// Formats are the format names, sorted.
func Formats() []string {
	out := make([]string, 0, len(writers))
	for f := range writers {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// xlsxWriter is the findings workbook (reports/xlsx: workbook.go and one
// file per sheet).
type xlsxWriter struct{}

func (xlsxWriter) Format() string       { return "xlsx" }
func (xlsxWriter) Describe() string     { return "an Excel workbook" }
func (xlsxWriter) Extensions() []string { return []string{".xlsx"} }
func (xlsxWriter) Write(w io.Writer, r *model.Review, tempDir string) error {
	return xlsx.Write(w, r, tempDir)
}

// WriteWorkbook writes the findings workbook of r to path ("-" for
// standard output). The file appears whole or not at all: it is written to
// a temporary file beside path and renamed over it. Large sheets and the
// compressed parts are spooled to tempDir ("" for the system's temporary
// folder).
func WriteWorkbook(path string, r *model.Review, tempDir string) error {
	return WriteFileAtomic(path, func(w io.Writer) error { return xlsx.Write(w, r, tempDir) })
}

// jsonlWriter is the findings as JSON Lines (jsonl.go).
type jsonlWriter struct{}

func (jsonlWriter) Format() string       { return "jsonl" }
func (jsonlWriter) Describe() string     { return "JSON Lines" }
func (jsonlWriter) Extensions() []string { return []string{".jsonl", ".ndjson", ".json"} }
func (jsonlWriter) Write(w io.Writer, r *model.Review, _ string) error {
	return writeJSONL(w, r.Findings, r.Previous != nil)
}

// csvWriter is the findings as CSV (csv.go).
type csvWriter struct{}

func (csvWriter) Format() string       { return "csv" }
func (csvWriter) Describe() string     { return "CSV" }
func (csvWriter) Extensions() []string { return []string{".csv"} }
func (csvWriter) Write(w io.Writer, r *model.Review, _ string) error {
	return writeCSV(w, r.Findings, r.Previous != nil)
}

// issuesWriter is the rows --lenient kept out, as JSON Lines (jsonl.go).
type issuesWriter struct{}

func (issuesWriter) Format() string       { return "issues" }
func (issuesWriter) Describe() string     { return "JSON Lines" }
func (issuesWriter) Extensions() []string { return []string{".jsonl", ".ndjson", ".json"} }
func (issuesWriter) Write(w io.Writer, r *model.Review, _ string) error {
	return WriteIssuesJSONL(w, r.IngestIssues)
}
