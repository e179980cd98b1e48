package review.rules.user_without_group_policy_test

import data.review.rules.user_without_group_policy

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
	"group_policies": [], "unknown_group_policies": [], "default_policy": null,
	"memberships": {"group_policies": 0, "teams": 0, "jump_groups": 0, "vault_account_groups": 0},
	"roster": null, "source_has_directory_provider": true, "vendor": null,
}

test_fires[tc.note] if {
	some tc in [
		{
			"note": "no group policy, provider without default",
			"input": account,
			"detail": "enabled user with no group policy, and its security provider Corp LDAP has no default policy",
			"evidence": {"group_policies": [], "default_policy": null, "provider": "Corp LDAP"},
		},
		{
			"note": "provider unknown",
			"input": replace(account, {"provider": null}),
			"detail": "enabled user with no group policy, and no default policy from a security provider",
			"evidence": {"group_policies": [], "default_policy": null, "provider": null},
		},
		{
			"note": "default_policy key absent counts as none",
			"input": object.remove(account, ["default_policy"]),
			"detail": "enabled user with no group policy, and its security provider Corp LDAP has no default policy",
			"evidence": {"group_policies": [], "default_policy": null, "provider": "Corp LDAP"},
		},
	]
	f := user_without_group_policy.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
	f.detail == tc.detail
	f.evidence == tc.evidence
}

test_does_not_fire[tc.note] if {
	some tc in [
		{"note": "has a group policy", "input": replace(account, {"group_policies": ["Support Tier 1"]})},
		{"note": "unnamed group policy", "input": replace(account, {"group_policies": ["#7"]})},
		{"note": "provider has a default policy", "input": replace(account, {"default_policy": "Everyone"})},
		{"note": "group_policies null", "input": replace(account, {"group_policies": null})},
		{"note": "vendor user", "input": replace(account, {"kind": "vendor-user", "vendor": {"id": 3, "name": "Acme IT"}})},
		{"note": "disabled", "input": replace(account, {"enabled": false})},
		{"note": "enabled null", "input": replace(account, {"enabled": null})},
	]
	not user_without_group_policy.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
}
