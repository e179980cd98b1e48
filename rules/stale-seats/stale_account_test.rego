package review.rules.stale_account_test

import data.review.rules.stale_account

as_of := "2025-11-22"

# replace overrides top-level keys of base (object.union would merge nested objects).
replace(base, patch) := object.union(object.remove(base, object.keys(patch)), patch)

params := {"stale_days": 90}

account := {
	"source": "pra-prod", "product": "pra", "kind": "user", "id": 42,
	"username": "jdoe", "display_name": "Jane Doe", "email": "jane.doe@corp.example",
	"provider": {"id": 1, "name": "Corp LDAP", "type": "ldap"},
	"enabled": true, "administrator": false, "two_factor_enabled": false, "passwordless_credentials": 0,
	"last_authentication": "2025-04-02T09:00:00Z", "days_since_last_authentication": 234,
	"created_at": "2025-01-10T08:00:00Z", "days_since_created": 316,
	"account_expiration": null, "account_expired": false,
	"group_policies": ["Support Tier 1"], "unknown_group_policies": [], "default_policy": null,
	"memberships": {"group_policies": 1, "teams": 0, "jump_groups": 0, "vault_account_groups": 0},
	"roster": null, "source_has_directory_provider": true, "vendor": null,
}

test_fires[tc.note] if {
	some tc in [
		{
			"note": "234 days",
			"input": account,
			"detail": "last authenticated 2025-04-02, 234 days before 2025-11-22",
			"evidence": {"last_authentication": "2025-04-02T09:00:00Z", "days_since": 234},
		},
		{
			"note": "stale_days + 1",
			"input": replace(account, {"last_authentication": "2025-08-23T23:59:59Z", "days_since_last_authentication": 91}),
			"detail": "last authenticated 2025-08-23, 91 days before 2025-11-22",
			"evidence": {"last_authentication": "2025-08-23T23:59:59Z", "days_since": 91},
		},
		{
			"note": "date-only timestamp",
			"input": replace(account, {"last_authentication": "2025-01-01", "days_since_last_authentication": 325}),
			"detail": "last authenticated 2025-01-01, 325 days before 2025-11-22",
			"evidence": {"last_authentication": "2025-01-01", "days_since": 325},
		},
		{
			"note": "vendor user",
			"input": replace(account, {"kind": "vendor-user", "vendor": {"id": 3, "name": "Acme IT"}}),
			"detail": "last authenticated 2025-04-02, 234 days before 2025-11-22",
			"evidence": {"last_authentication": "2025-04-02T09:00:00Z", "days_since": 234},
		},
		{
			"note": "lower stale_days parameter",
			"params": {"stale_days": 30},
			"input": replace(account, {"last_authentication": "2025-10-22T10:00:00Z", "days_since_last_authentication": 31}),
			"detail": "last authenticated 2025-10-22, 31 days before 2025-11-22",
			"evidence": {"last_authentication": "2025-10-22T10:00:00Z", "days_since": 31},
		},
	]
	p := object.get(tc, "params", params)
	f := stale_account.finding with input as tc.input with data.params as p with data.review.as_of as as_of
	f.detail == tc.detail
	f.evidence == tc.evidence
}

test_does_not_fire[tc.note] if {
	some tc in [
		{"note": "exactly stale_days", "input": replace(account, {"last_authentication": "2025-08-24T08:00:00Z", "days_since_last_authentication": 90})},
		{"note": "authenticated today", "input": replace(account, {"last_authentication": "2025-11-22T08:00:00Z", "days_since_last_authentication": 0})},
		{"note": "disabled", "input": replace(account, {"enabled": false})},
		{"note": "enabled null", "input": replace(account, {"enabled": null})},
		{"note": "never authenticated (never-logged-in)", "input": replace(account, {"last_authentication": null, "days_since_last_authentication": null})},
		{"note": "days_since null", "input": replace(account, {"days_since_last_authentication": null})},
		{"note": "days_since not a number", "input": replace(account, {"days_since_last_authentication": "234"})},
		{"note": "higher stale_days parameter", "params": {"stale_days": 365}, "input": account},
	]
	p := object.get(tc, "params", params)
	not stale_account.finding with input as tc.input with data.params as p with data.review.as_of as as_of
}
