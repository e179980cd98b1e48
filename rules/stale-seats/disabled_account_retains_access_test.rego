package review.rules.disabled_account_retains_access_test

import data.review.rules.disabled_account_retains_access

as_of := "2025-11-22"

# replace overrides top-level keys of base (object.union would merge nested objects).
replace(base, patch) := object.union(object.remove(base, object.keys(patch)), patch)

account := {
	"source": "pra-prod", "product": "pra", "kind": "user", "id": 42,
	"username": "jdoe", "display_name": "Jane Doe", "email": "jane.doe@corp.example",
	"provider": {"id": 1, "name": "Corp LDAP", "type": "ldap"},
	"enabled": false, "administrator": false, "two_factor_enabled": false, "passwordless_credentials": 0,
	"last_authentication": "2025-04-02T09:00:00Z", "days_since_last_authentication": 234,
	"created_at": "2025-01-10T08:00:00Z", "days_since_created": 316,
	"account_expiration": null, "account_expired": false,
	"group_policies": ["Support Tier 1"], "unknown_group_policies": [], "default_policy": null,
	"memberships": {"group_policies": 1, "teams": 0, "jump_groups": 0, "vault_account_groups": 0},
	"roster": null, "source_has_directory_provider": true, "vendor": null,
}

memberships(gp, teams, jgs, vags) := {"group_policies": gp, "teams": teams, "jump_groups": jgs, "vault_account_groups": vags}

test_fires[tc.note] if {
	some tc in [
		{
			"note": "one group policy",
			"input": account,
			"detail": "disabled, but still a direct member of 1 group policy",
			"evidence": {"memberships": memberships(1, 0, 0, 0)},
		},
		{
			"note": "several kinds",
			"input": replace(account, {"memberships": memberships(2, 1, 3, 1)}),
			"detail": "disabled, but still a direct member of 2 group policies, 1 team, 3 Jump Groups, 1 Vault account group",
			"evidence": {"memberships": memberships(2, 1, 3, 1)},
		},
		{
			"note": "vault account groups only",
			"input": replace(account, {"memberships": memberships(0, 0, 0, 2)}),
			"detail": "disabled, but still a direct member of 2 Vault account groups",
			"evidence": {"memberships": memberships(0, 0, 0, 2)},
		},
		{
			"note": "a null count does not hide a known one",
			"input": replace(account, {"memberships": memberships(null, 0, 1, null)}),
			"detail": "disabled, but still a direct member of 1 Jump Group",
			"evidence": {"memberships": memberships(null, 0, 1, null)},
		},
		{
			"note": "disabled vendor user",
			"input": replace(account, {"kind": "vendor-user", "vendor": {"id": 3, "name": "Acme IT"}}),
			"detail": "disabled, but still a direct member of 1 group policy",
			"evidence": {"memberships": memberships(1, 0, 0, 0)},
		},
	]
	f := disabled_account_retains_access.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
	f.detail == tc.detail
	f.evidence == tc.evidence
}

test_does_not_fire[tc.note] if {
	some tc in [
		{"note": "enabled", "input": replace(account, {"enabled": true})},
		{"note": "enabled null", "input": replace(account, {"enabled": null})},
		{"note": "no direct memberships", "input": replace(account, {"memberships": memberships(0, 0, 0, 0)})},
		{"note": "only inherited group policies", "input": replace(account, {"group_policies": ["Everyone"], "memberships": memberships(0, 0, 0, 0)})},
		{"note": "membership counts null", "input": replace(account, {"memberships": memberships(null, null, null, null)})},
		{"note": "memberships null", "input": replace(account, {"memberships": null})},
	]
	not disabled_account_retains_access.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
}
