package review.rules.orphaned_group_policy_test

import data.review.rules.orphaned_group_policy

as_of := "2025-11-22"

# replace overrides top-level keys of base (object.union would merge nested objects).
replace(base, patch) := object.union(object.remove(base, object.keys(patch)), patch)

policy := {
	"source": "pra-prod", "product": "pra", "id": 3, "name": "Vendors",
	"members": {"users": 0, "enabled_users": 0, "directory_groups": 0, "total": 0},
	"default_policy_of": [],
}

test_fires[tc.note] if {
	some tc in [{
		"note": "no members, not a default policy",
		"input": policy,
		"detail": "no members (no user, no directory group), and no security provider or vendor uses it as its default policy",
		"evidence": {"members": 0, "default_policy_of": []},
	}]
	f := orphaned_group_policy.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
	f.detail == tc.detail
	f.evidence == tc.evidence
}

test_does_not_fire[tc.note] if {
	some tc in [
		{"note": "a user member", "input": replace(policy, {"members": {"users": 1, "enabled_users": 0, "directory_groups": 0, "total": 1}})},
		{"note": "a directory group member", "input": replace(policy, {"members": {"users": 0, "enabled_users": 0, "directory_groups": 1, "total": 1}})},
		{"note": "default policy of a security provider", "input": replace(policy, {"default_policy_of": ["security provider Corp LDAP"]})},
		{"note": "default policy of a vendor", "input": replace(policy, {"default_policy_of": ["vendor Acme IT"]})},
		{"note": "members null", "input": replace(policy, {"members": null})},
		{"note": "members.total null", "input": replace(policy, {"members": {"users": 0, "enabled_users": 0, "directory_groups": 0, "total": null}})},
		{"note": "default_policy_of null", "input": replace(policy, {"default_policy_of": null})},
	]
	not orphaned_group_policy.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
}
