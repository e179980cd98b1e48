package engine

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/storage/inmem"

	"github.com/review-tool/review/facts"
	"github.com/review-tool/review/rules"
)

// Forms of finding that evaluation could not read as one object per entity
// are refused at load, at the finding rule's line and column.
func TestLoadRefusesFindingsThatAreNotOneObject(t *testing.T) {
	bad := []struct{ body, want string }{
		{"finding(x) := {\"detail\": x, \"evidence\": {}}\n", "stale.rego:12:1: rule stale-account: finding(...) is a function"},
		{"finding[k] := 1 if { some k in [\"a\"] }\n", "stale.rego:12:1: rule stale-account: finding[k] makes finding an object built key by key"},
		{"finding := [1] if input.enabled == true\n", "finding is an array ([1])"},
		{"finding := {\"detail\": \"x\", \"evidence\": {}} if {\n\tinput.enabled == false\n} else := \"no\"\n", "stale.rego:14:3: rule stale-account: finding is a string (\"no\")"},
		{"detail := \"x\"\n", "stale.rego: rule stale-account has no finding rule, so it could never report anything"},
	}
	for _, b := range bad {
		dir := t.TempDir()
		writeRule(t, dir, "stale.rego", customHeader+"\n"+b.body)
		_, err := LoadRules(rules.FS, []string{dir})
		if err == nil || !strings.Contains(err.Error(), b.want) || !strings.Contains(err.Error(), findingForm) {
			t.Errorf("%q: err = %v, want %q and the form to use", b.body, err, b.want)
		}
	}
	// A finding built in a variable can only be checked when it runs.
	dir := t.TempDir()
	writeRule(t, dir, "stale.rego", customHeader+"\nfinding := f if {\n\tinput.enabled == true\n\tf := {\"detail\": \"x\", \"evidence\": {}}\n}\n")
	if _, err := LoadRules(rules.FS, []string{dir}); err != nil {
		t.Errorf("a finding in a variable: %v", err)
	}
}

// With several workers, the error reported is the one on the earliest
// failing fact, every time: the same input gives the same message.
func TestRuleErrorIsTheEarliestFacts(t *testing.T) {
	dir := t.TempDir()
	writeRule(t, dir, "stale.rego", customHeader+"\nfinding := {\"detail\": \"x\", \"evidence\": {}} if {\n\tinput.enabled == true\n\tupper(input.days_since_last_authentication) == \"X\"\n}\n")
	rs := builtins(t, dir)
	var fs []*facts.Fact
	for i := range 400 {
		enabled := i >= 137 // the first 137 accounts do not reach upper()
		fs = append(fs, account("s", fmt.Sprintf("u%03d", i), fmt.Sprintf(`{"source": "s", "kind": "user", "enabled": %t, "days_since_last_authentication": 5}`, enabled)))
	}
	caps := map[string]map[string]bool{"s": {"users": true, "user.enabled": true, "user.last_authentication": true}}
	for range 5 {
		_, err := Evaluate(context.Background(), rs, memFacts(fs...), Settings{AsOf: asOf, Params: defaults(rs), Capabilities: caps, Workers: 4})
		var re *RuleError
		if !errors.As(err, &re) || re.Rule.Builtin {
			t.Fatalf("err = %v, want a custom rule's *RuleError", err)
		}
		want := `stale.rego:14:2: custom rule stale-account failed on account "u137" of s: upper: operand 1 must be string but got number`
		if !strings.HasSuffix(err.Error(), want) {
			t.Fatalf("err = %q, want it to end %q", err, want)
		}
	}
}

// A built-in rule's failure says it is a built-in rule's.
func TestBuiltinRuleErrorSaysSo(t *testing.T) {
	r := &Rule{ID: "stale-account", Builtin: true, File: "rules/stale-seats/stale_account.rego"}
	f := &facts.Fact{EntityType: "account", Entity: "old", Source: "s"}
	_, err := checkFinding(r, f, map[string]any{"detail": 7})
	want := `rules/stale-seats/stale_account.rego: built-in rule stale-account failed on account "old" of s: finding's detail is a number 7, not text`
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("err = %v, want %q", err, want)
	}
}

// The prefilter keeps the facts a rule would fail on: conditions after an
// expression that may fail are not used, a count keeps NULL fields unless
// an earlier condition rules them out, and a rule that fails whatever the
// fact is not narrowed at all (evaluation then names the fact).
func TestPrefilterKeepsFactsARuleFailsOn(t *testing.T) {
	store := inmem.NewFromObject(map[string]any{"params": map[string]any{}, "review": map[string]any{"as_of": "2025-11-22"}})
	tests := []struct {
		body string
		want string // "" when the rule is not narrowed
	}{
		{"input.enabled == true\n\tupper(input.username) == \"X\"\n\tinput.days_since_last_authentication > 90", "((f['enabled']) = true)"},
		{"input.enabled == true\n\tneq(object.get(input, \"kind\", null), \"user\")\n\tinput.days_since_last_authentication > 90",
			"((f['enabled']) = true AND (f['days_since_last_authentication']) > 90)"},
		{"count(input.group_policies) > 0", "(((f['group_policies']) IS NULL OR len((f['group_policies'])) > 0))"},
		{"is_array(input.group_policies)\n\tcount(input.group_policies) > 0", "((f['group_policies']) IS NOT NULL AND len((f['group_policies'])) > 0)"},
		{"x := 1 / 0\n\tinput.enabled == x", ""},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		writeRule(t, dir, "stale.rego", customHeader+"\nfinding := {\"detail\": \"x\", \"evidence\": {}} if {\n\t"+tt.body+"\n}\n")
		rs := builtins(t, dir)
		var r *Rule
		for _, ru := range rs.Rules {
			if ru.ID == "stale-account" {
				r = ru
			}
		}
		got, ok, err := prefilter(context.Background(), rs, r, store)
		if err != nil || ok != (tt.want != "") || got != tt.want {
			t.Errorf("%s:\n got %q (ok %v, err %v)\nwant %q", tt.body, got, ok, err, tt.want)
		}
	}
}
