package review.rules.never_logged_in_test

import data.review.rules.never_logged_in

as_of := "2025-11-22"

# replace overrides top-level keys of base (object.union would merge nested objects).
replace(base, patch) := object.union(object.remove(base, object.keys(patch)), patch)

params := {"new_account_grace_days": 30}

account := {
	"source": "pra-prod", "product": "pra", "kind": "user", "id": 42,
	"username": "jdoe", "display_name": "Jane Doe", "email": "jane.doe@corp.example",
	"provider": {"id": 1, "name": "Corp LDAP", "type": "ldap"},
	"enabled": true, "administrator": false, "two_factor_enabled": false, "passwordless_credentials": 0,
	"last_authentication": null, "days_since_last_authentication": null,
	"created_at": "2025-01-10T08:00:00Z", "days_since_created": 316,
	"account_expiration": null, "account_expired": false,
	"group_policies": ["Support Tier 1"], "unknown_group_policies": [], "default_policy": null,
	"memberships": {"group_policies": 1, "teams": 0, "jump_groups": 0, "vault_account_groups": 0},
	"roster": null, "source_has_directory_provider": true, "vendor": null,
}

test_fires[tc.note] if {
	some tc in [
		{
			"note": "created 316 days ago",
			"input": account,
			"detail": "never authenticated; created 2025-01-10, 316 days before 2025-11-22",
			"evidence": {"last_authentication": null, "created_at": "2025-01-10T08:00:00Z", "days_since_created": 316},
		},
		{
			"note": "grace + 1",
			"input": replace(account, {"created_at": "2025-10-22T12:00:00Z", "days_since_created": 31}),
			"detail": "never authenticated; created 2025-10-22, 31 days before 2025-11-22",
			"evidence": {"last_authentication": null, "created_at": "2025-10-22T12:00:00Z", "days_since_created": 31},
		},
		{
			"note": "no creation date",
			"input": replace(account, {"created_at": null, "days_since_created": null}),
			"detail": "never authenticated, and has no creation date",
			"evidence": {"last_authentication": null, "created_at": null, "days_since_created": null},
		},
		{
			"note": "vendor user",
			"input": replace(account, {"kind": "vendor-user", "vendor": {"id": 3, "name": "Acme IT"}}),
			"detail": "never authenticated; created 2025-01-10, 316 days before 2025-11-22",
			"evidence": {"last_authentication": null, "created_at": "2025-01-10T08:00:00Z", "days_since_created": 316},
		},
		{
			"note": "last_authentication key absent counts as never",
			"input": object.remove(account, ["last_authentication"]),
			"detail": "never authenticated; created 2025-01-10, 316 days before 2025-11-22",
			"evidence": {"last_authentication": null, "created_at": "2025-01-10T08:00:00Z", "days_since_created": 316},
		},
		{
			"note": "shorter grace parameter",
			"params": {"new_account_grace_days": 7},
			"input": replace(account, {"created_at": "2025-11-14", "days_since_created": 8}),
			"detail": "never authenticated; created 2025-11-14, 8 days before 2025-11-22",
			"evidence": {"last_authentication": null, "created_at": "2025-11-14", "days_since_created": 8},
		},
	]
	p := object.get(tc, "params", params)
	f := never_logged_in.finding with input as tc.input with data.params as p with data.review.as_of as as_of
	f.detail == tc.detail
	f.evidence == tc.evidence
}

test_does_not_fire[tc.note] if {
	some tc in [
		{"note": "exactly grace days", "input": replace(account, {"created_at": "2025-10-23T08:00:00Z", "days_since_created": 30})},
		{"note": "created today", "input": replace(account, {"created_at": "2025-11-22T08:00:00Z", "days_since_created": 0})},
		{"note": "has authenticated", "input": replace(account, {"last_authentication": "2025-04-02T09:00:00Z", "days_since_last_authentication": 234})},
		{"note": "disabled", "input": replace(account, {"enabled": false})},
		{"note": "enabled null", "input": replace(account, {"enabled": null})},
		{"note": "created_at known but days_since_created null", "input": replace(account, {"days_since_created": null})},
		{"note": "longer grace parameter", "params": {"new_account_grace_days": 400}, "input": account},
	]
	p := object.get(tc, "params", params)
	not never_logged_in.finding with input as tc.input with data.params as p with data.review.as_of as as_of
}
