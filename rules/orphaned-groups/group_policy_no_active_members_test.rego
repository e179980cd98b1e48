package review.rules.group_policy_no_active_members_test

import data.review.rules.group_policy_no_active_members

as_of := "2025-11-22"

# replace overrides top-level keys of base (object.union would merge nested objects).
replace(base, patch) := object.union(object.remove(base, object.keys(patch)), patch)

policy := {
	"source": "pra-prod", "product": "pra", "id": 3, "name": "Vendors",
	"members": {"users": 2, "enabled_users": 0, "directory_groups": 0, "total": 2},
	"default_policy_of": [],
}

members(users, enabled, groups) := {"users": users, "enabled_users": enabled, "directory_groups": groups, "total": total} if {
	is_number(users)
	is_number(groups)
	total := users + groups
} else := {"users": users, "enabled_users": enabled, "directory_groups": groups, "total": null}

test_fires[tc.note] if {
	some tc in [
		{
			"note": "two users, none enabled",
			"input": policy,
			"detail": "its 2 members are all users and none is enabled (disabled, expired or missing from the user export), and it has no directory group",
			"evidence": {"members": 2, "users": 2, "enabled_users": 0, "directory_groups": 0},
		},
		{
			"note": "one user, not enabled",
			"input": replace(policy, {"members": members(1, 0, 0)}),
			"detail": "its only member is a user who is not enabled (disabled, expired or missing from the user export), and it has no directory group",
			"evidence": {"members": 1, "users": 1, "enabled_users": 0, "directory_groups": 0},
		},
	]
	f := group_policy_no_active_members.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
	f.detail == tc.detail
	f.evidence == tc.evidence
}

test_does_not_fire[tc.note] if {
	some tc in [
		{"note": "one member enabled", "input": replace(policy, {"members": members(2, 1, 0)})},
		{"note": "a directory group member", "input": replace(policy, {"members": members(2, 0, 1)})},
		{"note": "only a directory group", "input": replace(policy, {"members": members(0, 0, 1)})},
		{"note": "no members at all (orphaned-group-policy)", "input": replace(policy, {"members": members(0, 0, 0)})},
		{"note": "users null", "input": replace(policy, {"members": members(null, 0, 0)})},
		{"note": "enabled_users null", "input": replace(policy, {"members": members(2, null, 0)})},
		{"note": "directory_groups null", "input": replace(policy, {"members": members(2, 0, null)})},
		{"note": "members null", "input": replace(policy, {"members": null})},
	]
	not group_policy_no_active_members.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
}
