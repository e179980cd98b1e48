package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A license row for a product with several sources counts their enabled
// accounts together and gives one finding of source "*".
func TestLicenseRowOverSeveralSources(t *testing.T) {
	dir := t.TempDir()
	lic := filepath.Join(dir, "licenses.csv")
	os.WriteFile(lic, []byte("product,seat_type,purchased,annual_cost_per_seat,currency\nrs,named,1,980.00,EUR\n"), 0o644)
	fx := fixtures[1]
	fx.args = append([]string{"--licenses", lic}, fx.args...)
	_, jsonl := runFixture(t, fx, dir)
	var got []string
	for _, f := range readJSONL(t, jsonl) {
		if f.Rule == "license-over-assigned" {
			got = append(got, f.Source+" "+f.EntityType+" "+f.Entity)
		}
	}
	if len(got) != 1 || got[0] != "* product rs" {
		t.Errorf("license-over-assigned findings %v, want one on * for product rs", got)
	}
}

// A license row naming a source the run does not have (a misspelling) is
// an error naming the file, the line and the sources that exist; with
// --lenient it is a listed bad row, and the run goes on without it.
func TestLicenseRowNamingNoSource(t *testing.T) {
	dir := t.TempDir()
	lic := filepath.Join(dir, "licenses.csv")
	os.WriteFile(lic, []byte("product,seat_type,purchased,source\npra,named,8,pra\nrs,named,10,rs-prdo\n"), 0o644)
	out := filepath.Join(dir, "findings.xlsx")
	args := []string{"run", "--quiet", "--as-of", "2025-11-22", "--out", out, "--licenses", lic,
		"../../fixtures/mixed/pra", "../../fixtures/mixed/rs"}
	code, msg := runCLI(t, args...)
	want := lic + `:3: found the source "rs-prdo", which is not a source of this run, expected the name of a rs source (sources: pra (pra), rs (rs)), or no source for all of them`
	if code != exitBadInput || !strings.Contains(msg, want) {
		t.Fatalf("exit %d, %q; want 2 and %q", code, msg, want)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a workbook was written on exit 2")
	}
	code, msg = runCLI(t, append([]string{"run", "--lenient"}, args[1:]...)...)
	if code != exitOK {
		t.Fatalf("--lenient: exit %d: %s", code, msg)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Ingest Issues")
	if len(rows) != 2 || rows[1][1] != "3" || !strings.Contains(rows[1][3], `"rs-prdo"`) {
		t.Errorf("Ingest Issues = %q", rows)
	}
}
