package schema

import (
	"maps"
	"slices"
	"testing"
)

// Every kind is described once, and what is derived from the descriptions
// is what the readers, the facts and dangling-reference rely on.
func TestInputsDescribeEveryKindOnce(t *testing.T) {
	seen := map[Kind]bool{}
	for _, in := range Inputs {
		if in.Kind == KindUnknown || seen[in.Kind] {
			t.Errorf("kind %q described twice or unnamed", in.Kind)
		}
		seen[in.Kind] = true
		if in.Table == nil && !in.EvidenceOnly {
			t.Errorf("%s: no table, yet not evidence only", in.Kind)
		}
		if in.Parent != "" && in.Table.Index(in.Parent) < 0 {
			t.Errorf("%s: parent %s is no column of %s", in.Kind, in.Parent, in.Table.Name)
		}
		if in.Capability != "" && !slices.Contains(Capabilities, in.Capability) {
			t.Errorf("%s: capability %s is not one a rule may require", in.Kind, in.Capability)
		}
		// user.id is given by users with ids, and required by no rule.
		if in.Referenced != "" && in.Referenced != CapUserID && !slices.Contains(Capabilities, in.Referenced) {
			t.Errorf("%s: referenced by %s, which is not a capability", in.Kind, in.Referenced)
		}
	}
	// Every table a reader loads belongs to a kind, but for the three that
	// go with another kind's rows.
	for _, tb := range Tables {
		if tb == UserMemberships || tb == Parents || tb == SessionEvents {
			continue
		}
		if !slices.ContainsFunc(Inputs, func(in Input) bool { return in.Table == tb }) {
			t.Errorf("table %s belongs to no kind of Inputs", tb.Name)
		}
	}
	var accountTables []string
	for _, tb := range AccountTables() {
		accountTables = append(accountTables, tb.Name)
	}
	if want := []string{"users", "vendor_users", "ps_users"}; !slices.Equal(accountTables, want) {
		t.Errorf("account tables = %v, want %v", accountTables, want)
	}
	targets := ReferenceTargets()
	want := map[string]Kind{CapUserID: KindUsers, "group_policies": KindGroupPolicies, "teams": KindTeams,
		"jump_groups": KindJumpGroups, "vault_account_groups": KindVaultAccountGroups, "vendors": KindVendors,
		"jump_policies": KindJumpPolicies}
	if !maps.Equal(targets, want) {
		t.Errorf("reference targets = %v, want %v", targets, want)
	}
	for _, k := range []Kind{KindRoster, KindLicenses, KindLicenseUsage} {
		if InputOf(k).Export {
			t.Errorf("%s counts as a source's export", k)
		}
	}
	if !InputOf(KindUserReport).Export || !InputOf(KindUserReport).Accounts || InputOf(KindUserReport).UniqueIDs {
		t.Errorf("the User Account Report: %+v", *InputOf(KindUserReport))
	}
	if !CapabilityExists("vendors", "pra") || CapabilityExists("vendors", "rs") || CapabilityExists("users", "password-safe") {
		t.Error("vendors are PRA's alone, and Password Safe has no Configuration API users")
	}
}

// The Jump Item types share one table and one capability, each with its
// own type; the capability exists wherever one of them does, and a
// capability is listed once however many kinds give it.
func TestJumpItemKinds(t *testing.T) {
	types := map[string]Kind{}
	for _, k := range JumpItemKinds() {
		in := InputOf(k)
		if in.Type == "" || types[in.Type] != "" || in.Capability != "jump_items" || !in.UniqueIDs || in.Accounts || !in.Export {
			t.Errorf("%s: %+v", k, *in)
		}
		types[in.Type] = k
	}
	if len(types) != 9 {
		t.Errorf("%d Jump Item types, want 9 (eight /jump-item/{type} and /jump-client)", len(types))
	}
	for _, in := range Inputs {
		if in.Type != "" && in.Table != JumpItems {
			t.Errorf("%s has a type but its table %s has no type column of the reader's", in.Kind, in.Table.Name)
		}
	}
	n := 0
	for _, c := range Capabilities {
		if c == "jump_items" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("jump_items listed %d times among the capabilities", n)
	}
	for _, tt := range []struct {
		capability, product string
		exists              bool
	}{
		{"jump_items", "pra", true}, {"jump_items", "rs", true}, {"jump_items", "password-safe", false},
		{"jump_policies", "rs", true}, {CapJumpPolicyApproval, "rs", false}, {CapJumpPolicyApproval, "pra", true},
		{CapJumpPolicyRecordings, "rs", false}, {CapJumpGroupUserPolicy, "rs", false},
		{CapGroupPolicyJumpGroupPolicy, "rs", false}, {CapGroupPolicyJumpGroupPolicy, "pra", true},
	} {
		if got := CapabilityExists(tt.capability, tt.product); got != tt.exists {
			t.Errorf("CapabilityExists(%s, %s) = %v", tt.capability, tt.product, got)
		}
	}
}

// Every Jump Item type has the name the sheets, explain and the rules'
// details give it and the plural a message counts its items by, and no
// two types share a name.
func TestJumpItemTypesNamed(t *testing.T) {
	seen := map[string]string{}
	for _, in := range Inputs {
		if in.Table != JumpItems {
			continue
		}
		if in.Type == "" || in.TypeName == "" || in.TypePlural == "" {
			t.Errorf("%s: type %q, name %q, plural %q: want all three", in.Kind, in.Type, in.TypeName, in.TypePlural)
		}
		if other, dup := seen[in.TypeName]; dup {
			t.Errorf("%s and %s are both named %q", other, in.Type, in.TypeName)
		}
		seen[in.TypeName] = in.Type
	}
	if len(seen) != 9 {
		t.Errorf("%d Jump Item types, want the 9 of the published schemas", len(seen))
	}
}
