package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/review-tool/review/fixtures/generate"
)

// TestGeneratedSetFindsTheExpectedCounts runs review over a generated
// export set and compares the findings per rule and source with the counts
// the generator derived from the data it wrote: the same check make bench
// makes at 10k to 1M accounts, here small enough for every test run.
func TestGeneratedSetFindsTheExpectedCounts(t *testing.T) {
	t.Parallel()
	for _, seed := range []uint64{1, 7} {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			set := filepath.Join(dir, "set")
			if code, msg := runCLI(t, "fixtures", "generate", "--accounts", "3000", "--seed", fmt.Sprint(seed), "--out", set); code != exitOK {
				t.Fatalf("generate exited %d: %s", code, msg)
			}
			exp, err := generate.ReadExpected(set)
			if err != nil {
				t.Fatal(err)
			}
			jsonl := filepath.Join(dir, "findings.jsonl")
			code, msg := runCLI(t, "run", "--quiet", "--as-of", exp.AsOf,
				"--roster", filepath.Join(set, "roster.csv"), "--licenses", filepath.Join(set, "licenses.csv"),
				"--json", jsonl, "--out", filepath.Join(dir, "findings.xlsx"), filepath.Join(set, "pra-prod"), filepath.Join(set, "rs-prod"))
			if code != exitOK {
				t.Fatalf("review run exited %d: %s", code, msg)
			}
			counts := map[string]int{}
			for _, f := range readJSONL(t, jsonl) {
				counts[f.Rule+"\t"+f.Source]++
			}
			var got []string
			for k, n := range counts {
				got = append(got, fmt.Sprintf("%s\t%d", k, n))
			}
			sort.Strings(got)
			if d := diffLines(builtRules(t, exp.RuleCounts()), got); d != "" {
				t.Errorf("findings per rule and source differ from expected-counts.json (-want +got):\n%s", d)
			}
			if len(exp.Findings) < 18 {
				t.Errorf("the generated set exercises only %d rules", len(exp.Findings))
			}
		})
	}
}

// builtRules keeps the expected counts of the rules that rules/ holds: the
// generator plants the cases of the offboarding rules (issue 20) ahead of
// them, and they are compared as each rule lands.
func builtRules(t *testing.T, counts []string) []string {
	t.Helper()
	var text strings.Builder
	err := filepath.WalkDir("../../rules", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") || strings.HasSuffix(p, "_test.rego") {
			return err
		}
		b, err := os.ReadFile(p)
		text.Write(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range counts {
		rule, _, _ := strings.Cut(c, "\t")
		if strings.Contains(text.String(), "id: "+rule+"\n") {
			out = append(out, c)
		}
	}
	return out
}
