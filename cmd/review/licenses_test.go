package main

import (
	"os"
	"path/filepath"
	"testing"
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
