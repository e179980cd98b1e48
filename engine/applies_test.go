package engine

import "testing"

// A rule applies to a source unless one of its requirements names only
// what the source's product cannot have: a vendor rule on Remote Support
// is not a gap in its coverage, a missing vendor export on PRA is.
func TestRuleAppliesTo(t *testing.T) {
	r := &Rule{Requires: [][]string{{"users", "ps_users"}, {"vendor_users"}}}
	for _, c := range []struct {
		name       string
		impossible map[string]bool
		want       bool
	}{
		{"pra: vendors possible", map[string]bool{"ps_users": true}, true},
		{"rs: no vendors in the product", map[string]bool{"vendor_users": true, "ps_users": true}, false},
		{"password safe: no users, no vendors", map[string]bool{"users": true, "vendor_users": true}, false},
		{"unknown product", nil, true},
	} {
		if got := r.AppliesTo(c.impossible); got != c.want {
			t.Errorf("%s: AppliesTo = %v, want %v", c.name, got, c.want)
		}
	}
}

// A missing requirement names only what the source's product could give.
func TestPossibleAlternatives(t *testing.T) {
	got := possible([][]string{{"group_policy_members", "ps_user_group_users"}}, map[string]bool{"ps_user_group_users": true})
	if len(got) != 1 || len(got[0]) != 1 || got[0][0] != "group_policy_members" {
		t.Errorf("possible = %q, want [[group_policy_members]]", got)
	}
}
