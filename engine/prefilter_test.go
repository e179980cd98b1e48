package engine

import (
	"context"
	"testing"

	"github.com/open-policy-agent/opa/v1/storage/inmem"
)

// TestPrefilterSQL pins what partial evaluation makes of some built-in rules:
// the conditions DuckDB checks before Rego sees a fact.
func TestPrefilterSQL(t *testing.T) {
	rs := builtins(t)
	params := defaults(rs)
	store := inmem.NewFromObject(map[string]any{"params": params, "review": map[string]any{"as_of": "2025-11-22"}})
	want := map[string]string{
		"stale-account":        "((f['enabled']) = true AND (f['last_authentication']) IS NOT NULL AND (f['days_since_last_authentication']) IS NOT NULL AND (f['days_since_last_authentication']) > 90)",
		"orphaned-team":        "((f['users']) = 0 AND (f['group_policies']) = 0)",
		"unknown-group-policy": "((f['unknown_group_policies']) IS NOT NULL AND len((f['unknown_group_policies'])) > 0)",
		// Only Password Safe accounts with a self-approved Smart Rule reach Rego.
		"password-safe-self-approval": "((f['enabled']) = true AND (f['password_safe']['self_approval']) IS NOT NULL AND len((f['password_safe']['self_approval'])) > 0)",
	}
	for _, r := range rs.Rules {
		w, ok := want[r.ID]
		if !ok {
			continue
		}
		got, ok, err := prefilter(context.Background(), rs, r, store)
		if err != nil || !ok || got != w {
			t.Errorf("%s:\n got %s (ok %v, err %v)\nwant %s", r.ID, got, ok, err, w)
		}
	}
}
