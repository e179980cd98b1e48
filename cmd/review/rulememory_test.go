package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A custom rule that builds a set of a hundred million numbers per
// account reached 1.7 GB before --rule-timeout stopped it. The rules'
// share of --memory-limit stops it first: exit 2, the message names the
// rule's file and id and the account it was on, and nothing is written.
func TestRuleMemoryLimitStopsAHugeSet(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	rule := `# METADATA
# title: Huge set
# description: Builds a set of a hundred million numbers.
# custom:
#   id: huge-set
#   family: account-hygiene
#   severity: low
#   remediation: none
#   input: account
package review.rules.huge_set

finding := {"detail": "x", "evidence": {}} if {
	input.enabled
	s := {x | some x in numbers.range(1, 100000000); x != count(input.username)}
	count(s) == 1
}
`
	rules := filepath.Join(dir, "rules")
	if err := os.Mkdir(rules, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(rules, "huge.rego"), []byte(rule), 0o644); err != nil {
		t.Fatal(err)
	}
	out, js := filepath.Join(dir, "findings.xlsx"), filepath.Join(dir, "findings.jsonl")
	code, msg := runCLI(t, "run", "--quiet", "--memory-limit", "300MB", "--rule-timeout", "20s", "--rules", rules,
		"--out", out, "--json", js, "../../fixtures/pra-json/pra-prod")
	want := filepath.Join(rules, "huge.rego") + ": rule huge-set took the rules' memory past 200 MiB (their share of --memory-limit 300MB) on account "
	if code != exitBadInput || !strings.Contains(msg, want) || !strings.Contains(msg, `" of pra-prod and was stopped`) {
		t.Errorf("exit %d, want 2 and %q… of pra-prod:\n%s", code, want, msg)
	}
	for _, p := range []string{out, js} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s written after the rule was stopped", p)
		}
	}
}
