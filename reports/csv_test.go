package reports

import (
	"bytes"
	"encoding/csv"
	"slices"
	"testing"
)

func TestWriteCSVGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, goldenFindings()); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "findings.csv", buf.Bytes())
}

func TestWriteCSV(t *testing.T) {
	var buf bytes.Buffer
	fs := testFindings()
	if err := WriteCSV(&buf, fs); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(recs[0], wantHeaders["Findings"]) {
		t.Errorf("header %q, want the Findings sheet's", recs[0])
	}
	if len(recs) != len(fs)+1 {
		t.Fatalf("%d records for %d findings", len(recs), len(fs))
	}
	for i, f := range fs {
		rec := recs[i+1]
		if rec[0] != f.ID || rec[11] != csvSafe(f.Detail) {
			t.Errorf("record %d: id %s, detail of %d bytes", i+1, rec[0], len(rec[11]))
		}
		if f.Entity == formulaEntity {
			if got := rec[8:11]; !slices.Equal(got, []string{"'" + formulaEntity, "'+Evil Display", "'@evil.example"}) {
				t.Errorf("formula-looking fields %q, want them prefixed with '", got)
			}
		}
		if len(rec[11]) < len(f.Detail) {
			t.Errorf("record %d: detail cut to %d bytes", i+1, len(rec[11]))
		}
	}
}

func TestCSVSafe(t *testing.T) {
	tests := map[string]string{
		"":              "",
		"jdoe":          "jdoe",
		"=1+1":          "'=1+1",
		"+49 30 1234":   "'+49 30 1234",
		"-report-only":  "'-report-only",
		"@SUM(A1)":      "'@SUM(A1)",
		"\tindented":    "'\tindented",
		"\rreturn":      "'\rreturn",
		"a=b":           "a=b",
		" =not leading": " =not leading",
	}
	for in, want := range tests {
		if got := csvSafe(in); got != want {
			t.Errorf("csvSafe(%q) = %q, want %q", in, got, want)
		}
	}
}
