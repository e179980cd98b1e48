package review.rules.unknown_group_policy_test

import data.review.rules.unknown_group_policy

as_of := "2025-11-22"

replace(base, patch) := object.union(object.remove(base, object.keys(patch)), patch)

account := {
	"source": "pra-prod", "product": "pra", "kind": "user", "id": 42,
	"username": "jdoe", "display_name": "Jane Doe", "email": "jane.doe@corp.example",
	"provider": {"id": 1, "name": "Corp LDAP", "type": "ldap"},
	"enabled": true, "administrator": false, "two_factor_enabled": false, "passwordless_credentials": 0,
	"last_authentication": "2025-11-20T09:00:00Z", "days_since_last_authentication": 2,
	"created_at": "2025-01-10T08:00:00Z", "days_since_created": 316,
	"account_expiration": null, "account_expired": false,
	"group_policies": ["Support Tier 1", "Tier 9"], "unknown_group_policies": ["Tier 9"], "default_policy": null,
	"memberships": {"group_policies": 1, "teams": 0, "jump_groups": 0, "vault_account_groups": 0},
	"roster": null, "source_has_directory_provider": true, "vendor": null,
}

test_fires[tc.note] if {
	some tc in [
		{
			"note": "one unknown policy",
			"input": account,
			"detail": "names group policy Tier 9, which the group policy export does not contain",
			"evidence": {"unknown_group_policies": ["Tier 9"], "group_policies": ["Support Tier 1", "Tier 9"]},
		},
		{
			"note": "two unknown policies",
			"input": replace(account, {"group_policies": ["Tier 9", "#77"], "unknown_group_policies": ["Tier 9", "#77"]}),
			"detail": "names group policies Tier 9, #77, which the group policy export does not contain",
			"evidence": {"unknown_group_policies": ["Tier 9", "#77"], "group_policies": ["Tier 9", "#77"]},
		},
		{
			"note": "disabled accounts too",
			"input": replace(account, {"enabled": false}),
			"detail": "names group policy Tier 9, which the group policy export does not contain",
			"evidence": {"unknown_group_policies": ["Tier 9"], "group_policies": ["Support Tier 1", "Tier 9"]},
		},
		{
			"note": "vendor users too",
			"input": replace(account, {"kind": "vendor-user", "group_policies": null}),
			"detail": "names group policy Tier 9, which the group policy export does not contain",
			"evidence": {"unknown_group_policies": ["Tier 9"], "group_policies": null},
		},
	]
	f := unknown_group_policy.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
	f.detail == tc.detail
	f.evidence == tc.evidence
}

test_does_not_fire[tc.note] if {
	some tc in [
		{"note": "all policies known", "input": replace(account, {"group_policies": ["Support Tier 1"], "unknown_group_policies": []})},
		{"note": "unknown_group_policies null", "input": replace(account, {"unknown_group_policies": null})},
	]
	not unknown_group_policy.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
}
