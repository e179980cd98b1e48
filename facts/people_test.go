package facts

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/review-tool/review/internal/model"
)

// Findings are grouped per account as a finding names it (source, entity
// in any case), each rule listed once; findings about anything but an
// account belong to no person.
func TestGroupAccountFindings(t *testing.T) {
	group := acct("orphaned-group-policy", "pra", "Vendors")
	group.EntityType = model.EntityGroupPolicy
	withID := func(f model.Finding, id string) model.Finding { f.ID = id; return f }
	got := groupAccountFindings([]model.Finding{
		withID(acct("terminated-user-enabled", "pra", "Pat.Lee"), "a1"),
		withID(acct("stale-account", "rs", "pat.lee"), "b1"),
		group,
		withID(acct("stale-account", "pra", "pat.lee"), "a2"),
		withID(acct("stale-account", "pra", "PAT.LEE"), "a3"),
	})
	want := []accountFindings{
		{Source: "pra", Entity: "pat.lee", IDs: []string{"a1", "a2", "a3"}, Rules: []string{"terminated-user-enabled", "stale-account"}},
		{Source: "rs", Entity: "pat.lee", IDs: []string{"b1"}, Rules: []string{"stale-account"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("grouped:\n got %+v\nwant %+v", got, want)
	}
}

// No account finding is an empty list for DuckDB, not null.
func TestGroupAccountFindingsNone(t *testing.T) {
	if got, _ := json.Marshal(groupAccountFindings(nil)); string(got) != "[]" {
		t.Errorf("no findings marshal as %s, want []", got)
	}
}
