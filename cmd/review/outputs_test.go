package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every mistake in an output path stops the run with exit 2 and a message
// that names the flag and says what to do, before any input is read (the
// source here does not exist: reading it would be another error), and
// nothing is written.
func TestOutputMistakesStopBeforeReading(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	existing := filepath.Join(dir, "reports")
	os.Mkdir(existing, 0o755)
	notes := filepath.Join(dir, "notes.duckdb")
	os.WriteFile(notes, []byte("my notes\n"), 0o644)
	rules := filepath.Join(dir, "rules")
	os.Mkdir(rules, 0o755)
	rule := filepath.Join(rules, "mine.rego")
	os.WriteFile(rule, []byte("package mine\n"), 0o644)
	src := filepath.Join(dir, "src")
	os.Mkdir(src, 0o755)
	missing := filepath.Join(dir, "missing")
	in := func(name string) string { return filepath.Join(dir, name) }
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"workbook in a missing folder", []string{"--out", filepath.Join(missing, "x.xlsx")},
			[]string{"--out " + filepath.Join(missing, "x.xlsx") + ": the folder " + missing + " does not exist: create it first"}},
		{"database in a missing folder", []string{"--db", filepath.Join(missing, "x.duckdb")},
			[]string{"--db ", "the folder " + missing + " does not exist"}},
		{"workbook is a folder", []string{"--out", existing},
			[]string{"--out " + existing + " is a folder: name a file in it, e.g. " + filepath.Join(existing, "review-findings.xlsx")}},
		{"workbook not .xlsx", []string{"--out", in("findings.xls")},
			[]string{"--out " + in("findings.xls") + ": expected a name ending in .xlsx (an Excel workbook)"}},
		{"JSON not .jsonl", []string{"--json", in("findings.txt")},
			[]string{"expected a name ending in .jsonl (JSON Lines; .ndjson and .json are accepted too)"}},
		{"CSV not .csv", []string{"--csv", in("findings.xlsx")}, []string{"--csv", "expected a name ending in .csv"}},
		{"manifest not .json", []string{"--manifest", in("manifest.jsonl")},
			[]string{"--manifest " + in("manifest.jsonl") + ": expected a name ending in .json (a JSON manifest)"}},
		{"manifest is the JSON Lines file", []string{"--json", in("run.json"), "--manifest", in("run.json")},
			[]string{"--json and --manifest are the same file " + in("run.json"), "give each output its own file"}},
		{"empty manifest path", []string{"--manifest", ""}, []string{"--manifest is empty: name a file, e.g. findings.json"}},
		{"database not .duckdb", []string{"--db", in("review.sqlite")}, []string{"--db", "expected a name ending in .duckdb"}},
		{"empty workbook path", []string{"--out", ""}, []string{"--out is empty: name a file, e.g. findings.xlsx"}},
		{"empty JSON path", []string{"--json", ""}, []string{"--json is empty"}},
		{"database to standard output", []string{"--db", "-"}, []string{"--db -: a DuckDB database cannot go to standard output"}},
		{"two outputs, one file", []string{"--lenient", "--json", in("f.jsonl"), "--issues", filepath.Join(existing, "..", "f.jsonl")},
			[]string{"--json and --issues are the same file", "give each output its own file"}},
		{"database is not a database", []string{"--db", notes},
			[]string{"--db " + notes + " exists and is not a DuckDB database", "name a new file"}},
		{"output over a rule", []string{"--rules", rules, "--json", rule},
			[]string{"--json " + rule + " would be a rule of --rules " + rules + ", an input: write it elsewhere"}},
		{"database inside a source", []string{"--db", filepath.Join(src, "x.duckdb")},
			[]string{"--db " + filepath.Join(src, "x.duckdb") + " is inside the source " + src + ", an input folder"}},
		{"profile over the notes", []string{"--exceptions", notes, "--cpuprofile", notes},
			[]string{"--cpuprofile " + notes + " names --exceptions " + notes + ", an input"}},
		{"workbook over the notes", []string{"--exceptions", notes, "--out", notes},
			[]string{"--out " + notes + " names --exceptions " + notes + ", an input: review never writes over what it reads"}},
		{"as-of before 1900", []string{"--as-of", "1899-12-31"}, []string{"--as-of 1899-12-31: expected a date from 1900-01-01 to 2200-12-31"}},
		{"as-of after 2200", []string{"--as-of", "2500-01-01"}, []string{"--as-of 2500-01-01: expected a date from 1900-01-01 to 2200-12-31"}},
	}
	before := listDir(t, dir)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"run", "--quiet"}, tt.args...)
			if !contains(tt.args, "--out") {
				args = append(args, "--out", in("findings.xlsx"))
			}
			code, msg := runCLI(t, append(args, src, filepath.Join(dir, "not-read"))...)
			if code != exitBadInput {
				t.Errorf("exit %d, want 2 (message %q)", code, msg)
			}
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q does not contain %q", msg, w)
				}
			}
			if strings.Contains(msg, "not-read") {
				t.Errorf("an input was read before the outputs were checked: %q", msg)
			}
			if after := listDir(t, dir); after != before {
				t.Errorf("the run changed %s:\nbefore %s\nafter  %s", dir, before, after)
			}
		})
	}
	if b, _ := os.ReadFile(rule); string(b) != "package mine\n" {
		t.Errorf("the rule was overwritten: %q", b)
	}
	if b, _ := os.ReadFile(notes); string(b) != "my notes\n" {
		t.Errorf("the notes were overwritten: %q", b)
	}
}

// listDir lists every path under dir with its size, to tell that a run
// left a folder as it was.
func listDir(t *testing.T, dir string) string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, _ := d.Info()
		rel, _ := filepath.Rel(dir, p)
		out = append(out, rel+":"+itoa(info.Size()))
		return nil
	})
	return strings.Join(out, " ")
}
