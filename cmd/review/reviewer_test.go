package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// reviewersOf runs the mixed fixture (whose roster names managers) with extra
// flags and returns each finding's reviewer from the JSON Lines, keyed
// "rule source entity", and what the workbook's Findings sheet shows.
func reviewersOf(t *testing.T, extra ...string) (json map[string]string, sheet []string, stderrText string) {
	t.Helper()
	dir := t.TempDir()
	xlsx, jsonl := filepath.Join(dir, "findings.xlsx"), filepath.Join(dir, "findings.jsonl")
	args := append([]string{"run", "--quiet", "--as-of", "2025-11-22", "--out", xlsx, "--json", jsonl}, extra...)
	args = append(args, "--roster", "../../fixtures/mixed/roster.csv", "--licenses", "../../fixtures/mixed/licenses.csv",
		"../../fixtures/mixed/pra", "../../fixtures/mixed/rs")
	code, msg := runCLI(t, args...)
	if code != exitOK {
		t.Fatalf("review run exited %d: %s", code, msg)
	}
	json = map[string]string{}
	for _, f := range readJSONL(t, jsonl) {
		json[f.Rule+" "+f.Source+" "+f.Entity] = f.Reviewer
	}
	wb := openWorkbook(t, xlsx)
	rows, err := wb.GetRows("Findings")
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(rows[0], "Reviewer")
	for _, r := range rows[1:] {
		v := ""
		if col < len(r) {
			v = r[col]
		}
		sheet = append(sheet, v)
	}
	return json, sheet, msg
}

// Every finding has a reviewer: the account's manager from the roster, else
// params.default_reviewer, else the source's owner from --config, else
// "unassigned"; the workbook and the JSON Lines agree and none is empty.
func TestEveryFindingHasAReviewer(t *testing.T) {
	t.Parallel()
	config := filepath.Join(t.TempDir(), "review.yaml")
	if err := os.WriteFile(config, []byte("owners:\n  pra: pra-owner@corp.example\n  rs: rs-owner@corp.example\n  typo: x@corp.example\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	managed := "terminated-user-enabled pra chloe.martin" // her manager is in the roster
	unmanaged := []string{
		"account-not-in-roster pra george.hill", "account-not-in-roster rs helpdesk01", // not in the roster
		"admin-count-exceeds-threshold pra pra", // a source, not a person
	}
	tests := []struct {
		name  string
		flags []string
		want  map[string]string // unmanaged finding → reviewer
	}{
		{"nobody named", nil, map[string]string{
			unmanaged[0]: "unassigned", unmanaged[1]: "unassigned", unmanaged[2]: "unassigned"}},
		{"an empty default is no default", []string{"--param", "default_reviewer="}, map[string]string{
			unmanaged[0]: "unassigned", unmanaged[1]: "unassigned", unmanaged[2]: "unassigned"}},
		{"the sources' owners", []string{"--config", config}, map[string]string{
			unmanaged[0]: "pra-owner@corp.example", unmanaged[1]: "rs-owner@corp.example", unmanaged[2]: "pra-owner@corp.example"}},
		{"the default reviewer before the owners", []string{"--config", config, "--param", "default_reviewer=sec@corp.example"}, map[string]string{
			unmanaged[0]: "sec@corp.example", unmanaged[1]: "sec@corp.example", unmanaged[2]: "sec@corp.example"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, sheet, msg := reviewersOf(t, tt.flags...)
			if got[managed] != "anna.schmidt@corp.example" {
				t.Errorf("%s: reviewer %q, want the manager from the roster", managed, got[managed])
			}
			for k, want := range tt.want {
				if got[k] != want {
					t.Errorf("%s: reviewer %q, want %q", k, got[k], want)
				}
			}
			for k, v := range got {
				if v == "" {
					t.Errorf("%s: no reviewer in the JSON Lines", k)
				}
			}
			if len(sheet) != len(got) || slices.Contains(sheet, "") {
				t.Errorf("Findings sheet reviewers %q: want one per finding (%d), none empty", sheet, len(got))
			}
			// An owner for a source the run does not have is named.
			warned := strings.Contains(msg, `--config owners: no source named "typo" in this run (sources: pra, rs)`)
			if want := slices.Contains(tt.flags, config); warned != want {
				t.Errorf("warned about the owner of an unknown source: %v, want %v (stderr %q)", warned, want, msg)
			}
		})
	}
}

// An owners: entry without a reviewer is a mistake in the config file: exit
// 2, naming the file and the source, before anything is read.
func TestConfigOwnerWithoutReviewer(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	config := filepath.Join(dir, "review.yaml")
	if err := os.WriteFile(config, []byte("owners:\n  pra: ''\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "findings.xlsx")
	code, msg := runCLI(t, "run", "--quiet", "--config", config, "--out", out, "../../fixtures/mixed/pra")
	if code != exitBadInput || !strings.Contains(msg, config+`: owners: source "pra" has no owner`) {
		t.Errorf("exit %d, stderr %q; want 2 naming the file and the source", code, msg)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("%s written (%v)", out, err)
	}
}
