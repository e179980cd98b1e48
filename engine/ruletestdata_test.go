package engine

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The example facts (rules/testdata/facts.rego) load with the built-in
// rules as test data, neither a rule nor a test, and a custom rule's test
// under --rules imports them as the built-in tests do.
func TestCustomRuleTestsImportTheExampleFacts(t *testing.T) {
	dir := t.TempDir()
	rule := `# METADATA
# title: Disabled
# description: A disabled account.
# custom:
#   id: disabled
#   family: account-hygiene
#   severity: low
#   remediation: none
#   input: account
package review.rules.disabled

finding := {"detail": sprintf("%s is disabled", [input.username]), "evidence": {}} if {
	input.enabled == false
}
`
	test := `package review.rules.disabled_test

import data.review.rules.disabled
import data.review.testdata.facts

test_fires if {
	f := disabled.finding with input as facts.replace(facts.account, {"enabled": false})
	f.detail == "jdoe is disabled"
}

test_does_not_fire if {
	not disabled.finding with input as facts.account
}
`
	for name, text := range map[string]string{"disabled.rego": rule, "disabled_test.rego": test} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rs := builtins(t, dir)
	if _, ok := rs.Tests["rules/testdata/facts.rego"]; !ok {
		t.Error("rules/testdata/facts.rego is not loaded for the tests")
	}
	for _, r := range rs.Rules {
		if strings.Contains(r.File, "testdata") {
			t.Errorf("%s is taken for a rule", r.File)
		}
	}
	results, err := RunTests(context.Background(), rs)
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, r := range results {
		if strings.HasPrefix(r.Name, "data.review.rules.disabled_test.") {
			ran++
			if !r.Pass {
				t.Errorf("%s: %s", r.Name, r.Message)
			}
		}
	}
	if ran != 2 {
		t.Errorf("%d tests of the custom rule ran, want 2", ran)
	}
}
