package reports

import (
	"bytes"
	"encoding/csv"
	"slices"
	"testing"

	"github.com/review-tool/review/internal/layout"
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
	// The Findings sheet's columns, then the family sheets' evidence
	// columns in sheet order (Offboarding first), each once.
	wantHeader := append(slices.Clone(layout.FindingsHeaders), "Termination Date", "Roster Status",
		"Last Authentication (UTC)", "Sessions After Termination", "Members", "Default Policy Of",
		"Days Since", "Seat Product", "Annual Cost", "Currency", "Administrator",
		"Two Factor Enabled", "Passwordless Credentials", "Provider Type", "Group Policies",
		"Unknown Group Policies", "Provider", "Smart Rules", "Providers", "Account Expiration", "Vendor", "Vendor Expiry (Days)", "Vendor Approval Required",
		"Jump Group", "Item Type", "Host", "Vendors")
	if !slices.Equal(recs[0], wantHeader) {
		t.Errorf("header %q,\nwant %q", recs[0], wantHeader)
	}
	col := func(rec []string, h string) string { return rec[slices.Index(recs[0], h)] }
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
		if col(rec, "Reviewer") != f.Reviewer || col(rec, "Remediation") != f.Remediation {
			t.Errorf("record %d: reviewer %q, remediation %q", i+1, col(rec, "Reviewer"), col(rec, "Remediation"))
		}
		if f.Entity == "jdoe" {
			want := map[string]string{"Last Authentication (UTC)": "2025-04-02T09:00:00Z", "Days Since": "234",
				"Seat Product": "pra", "Annual Cost": "1200", "Members": "", "Providers": ""}
			for h, v := range want {
				if got := col(rec, h); got != v {
					t.Errorf("jdoe %s = %q, want %q", h, got, v)
				}
			}
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
