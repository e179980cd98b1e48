package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A rule asks for the engine's evidence in its METADATA (custom.evidence),
// whatever its family: a custom rule outside stale-seats asking for
// seat_cost gets each account's seat and cost; an unknown name is refused
// when the rules load.
func TestRuleAsksForEvidence(t *testing.T) {
	t.Parallel()
	rule := func(evidence string) string {
		return `# METADATA
# title: Every enabled account
# description: Fires on every enabled account, to see the evidence the engine adds.
# custom:
#   id: every-enabled-account
#   family: account-hygiene
#   severity: low
#   remediation: None.
#   input: account
#   evidence: ` + evidence + `
package custom.every_enabled_account

finding := {"detail": "enabled", "evidence": {}} if input.enabled == true
`
	}
	dir := t.TempDir()
	good := filepath.Join(dir, "good")
	os.MkdirAll(good, 0o755)
	os.WriteFile(filepath.Join(good, "every.rego"), []byte(rule("[seat_cost]")), 0o644)
	fx := fixtures[2]
	fx.args = append([]string{"--rules", good}, fx.args...)
	_, jsonl := runFixture(t, fx, t.TempDir())
	priced := 0
	for _, f := range readJSONLFull(t, jsonl) {
		if f["rule"] != "every-enabled-account" {
			continue
		}
		ev := f["evidence"].(map[string]any)
		if ev["annual_cost"] != nil && ev["currency"] != nil && ev["seat_product"] != nil {
			priced++
		}
		if _, ok := ev["last_authentication"]; ok {
			t.Errorf("%v: last_authentication added without being asked for", f["entity"])
		}
	}
	if priced != 20 { // the mixed fixture's 20 enabled accounts, all priced
		t.Errorf("%d findings carry the seat cost, want 20", priced)
	}

	bad := filepath.Join(dir, "bad")
	os.MkdirAll(bad, 0o755)
	os.WriteFile(filepath.Join(bad, "every.rego"), []byte(rule("[seat_costs]")), 0o644)
	code, msg := runCLI(t, append([]string{"run", "--quiet", "--out", filepath.Join(dir, "x.xlsx"), "--rules", bad}, fixtures[2].args...)...)
	if code != exitBadInput || !strings.Contains(msg, "every.rego: METADATA custom.evidence seat_costs: expected one of last_authentication, seat_cost") {
		t.Errorf("exit %d, %q", code, msg)
	}
}

// readJSONLFull reads a JSON Lines file as generic objects, evidence and all.
func readJSONLFull(t *testing.T, path string) []map[string]any {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var f map[string]any
		if err := json.Unmarshal([]byte(line), &f); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, f)
	}
	return out
}
