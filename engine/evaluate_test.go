package engine

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"

	"github.com/review-tool/review/facts"
	"github.com/review-tool/review/internal/crash"
	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/rules"
)

func builtins(t *testing.T, dirs ...string) *RuleSet {
	t.Helper()
	rs, err := LoadRules(rules.FS, dirs)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// memFacts serves facts from memory, so the engine is tested without DuckDB.
func memFacts(fs ...*facts.Fact) FactSource {
	return func(_ context.Context, kind string, _ []string, fn func(*facts.Fact) error) error {
		for _, f := range fs {
			if f.Kind == kind {
				c := *f // a new fact each time, as from DuckDB: evaluation drops its JSON
				if err := fn(&c); err != nil {
					return err
				}
			}
		}
		return nil
	}
}

func account(source, username, json string) *facts.Fact {
	return &facts.Fact{Kind: "account", Source: source, Product: "pra", EntityType: "account", Entity: username, JSON: []byte(json)}
}

func defaults(rs *RuleSet) map[string]any {
	p := map[string]any{}
	for _, r := range rs.Rules {
		for k, v := range r.Params {
			p[k] = v
		}
	}
	return p
}

var asOf = time.Date(2025, 11, 22, 0, 0, 0, 0, time.UTC)

const staleJSON = `{"source": "%s", "product": "pra", "kind": "user", "username": "old", "enabled": true,
 "last_authentication": "2025-04-02T09:00:00Z", "days_since_last_authentication": 234,
 "group_policies": ["A"], "unknown_group_policies": [], "memberships": {"group_policies": 1, "teams": 0, "jump_groups": 0, "vault_account_groups": 0}}`

func TestEvaluateGatesRulesBySourceCapabilities(t *testing.T) {
	rs := builtins(t)
	full := map[string]bool{"users": true, "user.enabled": true, "user.last_authentication": true}
	partial := map[string]bool{"users": true, "user.enabled": true} // a report without a last-login column
	facts := memFacts(
		account("full", "old", strings.ReplaceAll(staleJSON, "%s", "full")),
		account("partial", "old", strings.ReplaceAll(staleJSON, "%s", "partial")),
	)
	ev, err := Evaluate(context.Background(), rs, facts, Settings{
		AsOf: asOf, Params: defaults(rs), Capabilities: map[string]map[string]bool{"full": full, "partial": partial},
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range ev.Findings {
		got = append(got, f.Rule+"@"+f.Source)
	}
	if strings.Join(got, ",") != "stale-account@full" {
		t.Errorf("findings = %v, want only stale-account@full", got)
	}
	nc := strings.Join(ev.NotChecked["stale-account"], "; ")
	if nc != "partial: no Last Authentication column or field of the users" {
		t.Errorf("NotChecked[stale-account] = %q", nc)
	}
	f := ev.Findings[0]
	if f.ID != model.FindingID("stale-account", "full", "account", "old") || f.Severity != model.Medium ||
		f.Detail != "last authenticated 2025-04-02, 234 days before 2025-11-22" || f.Status != "new" {
		t.Errorf("finding = %+v", f)
	}
}

func TestEvaluateParamsAndSeverityOverrides(t *testing.T) {
	rs := builtins(t)
	caps := map[string]map[string]bool{"s": {"users": true, "user.enabled": true, "user.last_authentication": true}}
	params := defaults(rs)
	params["stale_days"] = 300
	ev, err := Evaluate(context.Background(), rs, memFacts(account("s", "old", strings.ReplaceAll(staleJSON, "%s", "s"))),
		Settings{AsOf: asOf, Params: params, Capabilities: caps})
	if err != nil {
		t.Fatal(err)
	}
	if len(ev.Findings) != 0 {
		t.Errorf("stale_days=300: findings %v, want none", ev.Findings)
	}
	params["stale_days"] = 90
	rs.OverrideSeverities(map[string]model.Severity{"stale-account": model.High})
	ev, err = Evaluate(context.Background(), rs, memFacts(account("s", "old", strings.ReplaceAll(staleJSON, "%s", "s"))),
		Settings{AsOf: asOf, Params: params, Capabilities: caps})
	if err != nil {
		t.Fatal(err)
	}
	if len(ev.Findings) != 1 || ev.Findings[0].Severity != model.High {
		t.Errorf("severity override: %+v", ev.Findings)
	}
}

func TestDuplicateIdentitiesGetDistinctIDs(t *testing.T) {
	rs := builtins(t)
	caps := map[string]map[string]bool{"s": {"users": true, "user.enabled": true, "user.last_authentication": true}}
	a := strings.ReplaceAll(staleJSON, `"kind"`, `"provider": {"id": 1, "name": "Local", "type": "local"}, "kind"`)
	b := strings.ReplaceAll(staleJSON, `"kind"`, `"provider": {"id": 2, "name": "LDAP", "type": "ldap"}, "kind"`)
	ev, err := Evaluate(context.Background(), rs, memFacts(account("s", "old", strings.ReplaceAll(a, "%s", "s")), account("s", "old", strings.ReplaceAll(b, "%s", "s"))),
		Settings{AsOf: asOf, Params: defaults(rs), Capabilities: caps})
	if err != nil {
		t.Fatal(err)
	}
	if len(ev.Findings) != 2 || ev.Findings[0].ID == ev.Findings[1].ID {
		t.Errorf("findings = %+v", ev.Findings)
	}
}

// Two Jump Items of one name and id but of different types (ids are unique
// within a type only) get distinct finding ids.
func TestJumpItemsOfOneNameGetDistinctIDs(t *testing.T) {
	rs := builtins(t)
	caps := map[string]map[string]bool{"s": {"jump_items": true, "group_policy_jump_groups": true, "group_policy_jump_group.jump_policy": true,
		"jump_group_users": true, "jump_group_user.jump_policy": true, "user.administrator": true}}
	item := func(typ string) *facts.Fact {
		js := `{"source": "s", "product": "pra", "type": "` + typ + `", "type_name": "` + typ + `", "id": 1, "name": "dc01", "host": null, "jump_group_type": "shared",
			"jump_group_id": 3, "jump_group": "Web Apps", "owner": null, "policy": null, "session_policy": null,
			"reached_by": {"accounts": 1, "non_administrators": 1, "vendor_users": 0}, "policies": [],
			"without_policy": {"accounts": 1, "non_administrators": 1, "names": ["dev.carol"], "paths": ["direct"]}, "vendor_access": []}`
		return &facts.Fact{Kind: "jump_item", Source: "s", Product: "pra", EntityType: "jump-item", Entity: "dc01", JSON: []byte(js)}
	}
	ev, err := Evaluate(context.Background(), rs, memFacts(item("remote_rdp"), item("shell_jump")),
		Settings{AsOf: asOf, Params: defaults(rs), Capabilities: caps})
	if err != nil {
		t.Fatal(err)
	}
	if len(ev.Findings) != 2 || ev.Findings[0].ID == ev.Findings[1].ID {
		t.Errorf("findings = %+v", ev.Findings)
	}
}

func writeRule(t *testing.T, dir, name, body string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

const customHeader = `# METADATA
# title: Custom stale
# description: A stricter stale-account.
# custom:
#   id: stale-account
#   family: stale-seats
#   severity: high
#   remediation: Disable it.
#   input: account
package custom.stale
`

func TestLoadRules(t *testing.T) {
	rs := builtins(t)
	if len(rs.Rules) != 35 || len(rs.Digest) != 64 {
		t.Fatalf("%d built-in rules, digest %q", len(rs.Rules), rs.Digest)
	}
	dir := t.TempDir()
	writeRule(t, dir, "stale.rego", customHeader+"\nfinding := {\"detail\": \"custom\", \"evidence\": {}} if input.enabled == true\n")
	custom := builtins(t, dir)
	if len(custom.Rules) != 35 || custom.Digest == rs.Digest {
		t.Errorf("custom rule should replace the built-in one and change the digest")
	}
	for _, r := range custom.Rules {
		if r.ID == "stale-account" && (r.Severity != model.High || !strings.HasSuffix(r.File, "stale.rego")) {
			t.Errorf("stale-account = %+v", r)
		}
	}

	bad := []struct{ body, want string }{
		{customHeader + "\nfinding := x if { x := net.lookup_ip_addr(\"example.com\") }\n", "stale.rego:12: rule calls net.lookup_ip_addr, which is not allowed"},
		{customHeader + "\nfinding := opa.runtime()\n", "rule calls opa.runtime"},
		{"package nometa\n\nfinding := 1\n", "no # METADATA block"},
		{strings.Replace(customHeader, "severity: high", "severity: urgent", 1) + "finding := 1\n", `custom.severity "urgent"`},
	}
	for _, b := range bad {
		dir := t.TempDir()
		writeRule(t, dir, "stale.rego", b.body)
		_, err := LoadRules(rules.FS, []string{dir})
		if err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("LoadRules: err = %v, want %q", err, b.want)
		}
	}
}

func TestRunTestsReportsFailures(t *testing.T) {
	dir := t.TempDir()
	writeRule(t, dir, "stale.rego", customHeader+"\nfinding := {\"detail\": \"custom\", \"evidence\": {}} if input.enabled == true\n")
	writeRule(t, dir, "stale_test.rego", "package custom.stale_test\n\ntest_fires if data.custom.stale.finding with input as {\"enabled\": false}\n")
	results, err := RunTests(context.Background(), builtins(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	var failed []string
	for _, r := range results {
		if !r.Pass {
			failed = append(failed, r.Name)
		}
	}
	if strings.Join(failed, ",") != "data.custom.stale_test.test_fires" {
		t.Errorf("failed = %v", failed)
	}
}

// A license row that applies to two sources of its product is one fact of
// source "*"; it is not gated away for being no source of the run.
func TestEvaluateLicenseOverSeveralSources(t *testing.T) {
	rs := builtins(t)
	caps := map[string]map[string]bool{"rs-eu": {"users": true, "licenses": true}, "rs-us": {"users": true, "licenses": true}}
	lic := &facts.Fact{Kind: "license", Source: "*", Product: "rs", EntityType: "product", Entity: "rs",
		JSON: []byte(`{"source": "*", "product": "rs", "seat_type": "named", "purchased": 10, "enabled_accounts": 14,
 "sources": ["rs-eu", "rs-us"], "annual_cost_per_seat": 980, "currency": "EUR"}`)}
	ev, err := Evaluate(context.Background(), rs, memFacts(lic), Settings{AsOf: asOf, Params: defaults(rs), Capabilities: caps})
	if err != nil {
		t.Fatal(err)
	}
	if len(ev.Findings) != 1 || ev.Findings[0].Rule != "license-over-assigned" || ev.Findings[0].Source != "*" {
		t.Fatalf("findings = %+v, want license-over-assigned on *", ev.Findings)
	}
	if d := ev.Findings[0].Detail; !strings.Contains(d, "14 enabled accounts on rs-eu, rs-us, 4 more than the 10") {
		t.Errorf("detail %q", d)
	}
}

// A panic while evaluating (here: a query that was never prepared) is the
// kind's error, with the stack kept for --debug, not a crash of the
// process from a worker goroutine.
func TestEvaluationPanicIsAnError(t *testing.T) {
	rs := builtins(t)
	var stale *Rule
	for _, r := range rs.Rules {
		if r.ID == "stale-account" {
			stale = r
		}
	}
	facts := memFacts(account("s", "old", strings.ReplaceAll(staleJSON, "%s", "s")))
	store := inmem.New()
	_, err := evalKind(context.Background(), []*Rule{stale}, make([]rego.PreparedEvalQuery, 1), nil, "account", facts, store, Settings{AsOf: asOf, Workers: 2}, make([]atomic.Pointer[evaluation], 2))
	var pe *crash.Error
	if !errors.As(err, &pe) || len(pe.Stack) == 0 || !strings.Contains(err.Error(), "internal error while evaluating the rules") {
		t.Fatalf("err = %v, want a *crash.Error with its stack", err)
	}
}
