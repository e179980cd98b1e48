package review.rules.account_not_in_roster_test

import data.review.rules.account_not_in_roster

as_of := "2025-11-22"

# replace overrides top-level keys of base (object.union would merge nested objects).
replace(base, patch) := object.union(object.remove(base, object.keys(patch)), patch)

params := {"service_account_patterns": ["svc-*", "svc_*", "*-svc", "api-*"]}

account := {
	"source": "pra-prod", "product": "pra", "kind": "user", "id": 42,
	"username": "jdoe", "display_name": "Jane Doe", "email": "jane.doe@corp.example",
	"provider": {"id": 1, "name": "Corp LDAP", "type": "ldap"},
	"enabled": true, "administrator": false, "two_factor_enabled": false, "passwordless_credentials": 0,
	"last_authentication": "2025-11-20T09:00:00Z", "days_since_last_authentication": 2,
	"created_at": "2025-01-10T08:00:00Z", "days_since_created": 316,
	"account_expiration": null, "account_expired": false,
	"group_policies": ["Support Tier 1"], "unknown_group_policies": [], "default_policy": null,
	"memberships": {"group_policies": 1, "teams": 0, "jump_groups": 0, "vault_account_groups": 0},
	"roster": {"matched": false}, "source_has_directory_provider": true, "vendor": null,
}

named(username) := replace(account, {"username": username})

test_fires[tc.note] if {
	some tc in [
		{
			"note": "email not in roster",
			"input": account,
			"detail": "no person in the roster has the email jane.doe@corp.example",
			"evidence": {"email": "jane.doe@corp.example", "roster_matched": false},
		},
		{
			"note": "no email",
			"input": replace(account, {"email": null, "username": "jdoe@corp.example"}),
			"detail": "the account has no email, and no person in the roster matches the username jdoe@corp.example",
			"evidence": {"email": null, "roster_matched": false},
		},
		{
			"note": "empty email",
			"input": replace(account, {"email": ""}),
			"detail": "the account has no email, and no person in the roster matches the username jdoe",
			"evidence": {"email": "", "roster_matched": false},
		},
		{
			"note": "svc in the middle is no service account",
			"input": named("mysvc-tool"),
			"detail": "no person in the roster has the email jane.doe@corp.example",
			"evidence": {"email": "jane.doe@corp.example", "roster_matched": false},
		},
		{
			"note": "pattern must match the whole name",
			"input": named("xsvc-tool"),
			"detail": "no person in the roster has the email jane.doe@corp.example",
			"evidence": {"email": "jane.doe@corp.example", "roster_matched": false},
		},
		{
			"note": "no service account patterns",
			"params": {"service_account_patterns": []},
			"input": named("svc-backup"),
			"detail": "no person in the roster has the email jane.doe@corp.example",
			"evidence": {"email": "jane.doe@corp.example", "roster_matched": false},
		},
	]
	p := object.get(tc, "params", params)
	f := account_not_in_roster.finding with input as tc.input with data.params as p with data.review.as_of as as_of
	f.detail == tc.detail
	f.evidence == tc.evidence
}

test_does_not_fire[tc.note] if {
	some tc in [
		{"note": "svc-*", "input": named("svc-backup")},
		{"note": "svc_*", "input": named("svc_backup")},
		{"note": "*-svc", "input": named("backup-svc")},
		{"note": "api-*", "input": named("api-sync")},
		{"note": "case-insensitive username", "input": named("SVC-Backup")},
		{"note": "case-insensitive pattern", "params": {"service_account_patterns": ["SVC-*"]}, "input": named("svc-backup")},
		{"note": "no delimiters: * matches dots", "input": named("svc-backup.prod")},
		{"note": "custom pattern", "params": {"service_account_patterns": ["*.bot"]}, "input": named("build.bot")},
		{"note": "matched in roster", "input": replace(account, {"roster": {"matched": true, "status": "active", "terminated": false}})},
		{"note": "no roster given", "input": replace(account, {"roster": null})},
		{"note": "roster.matched null", "input": replace(account, {"roster": {"matched": null}})},
		{"note": "vendor user", "input": replace(account, {"kind": "vendor-user", "vendor": {"id": 3, "name": "Acme IT"}})},
		{"note": "disabled", "input": replace(account, {"enabled": false})},
		{"note": "enabled null", "input": replace(account, {"enabled": null})},
		{"note": "username null", "input": named(null)},
	]
	p := object.get(tc, "params", params)
	not account_not_in_roster.finding with input as tc.input with data.params as p with data.review.as_of as as_of
}
