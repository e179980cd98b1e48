package review.rules.account_not_in_roster_test

import data.review.rules.account_not_in_roster
import data.review.testdata.facts

as_of := "2025-11-22"

params := {"service_account_patterns": ["svc-*", "svc_*", "*-svc", "api-*"]}

# An account whose email is not in the roster.
account := facts.replace(facts.account, {"roster": {"matched": false}})

named(username) := facts.replace(account, {"username": username})

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
			"input": facts.replace(account, {"email": null, "username": "jdoe@corp.example"}),
			"detail": "the account has no email, and no person in the roster matches the username jdoe@corp.example",
			"evidence": {"email": null, "roster_matched": false},
		},
		{
			"note": "empty email",
			"input": facts.replace(account, {"email": ""}),
			"detail": "the account has no email, and no person in the roster matches the username jdoe",
			"evidence": {"email": "", "roster_matched": false},
		},
		{
			"note": "human Password Safe user",
			"input": facts.replace(account, {"product": "password-safe", "password_safe": facts.account_password_safe}),
			"detail": "no person in the roster has the email jane.doe@corp.example",
			"evidence": {"email": "jane.doe@corp.example", "roster_matched": false},
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
		{"note": "matched in roster", "input": facts.replace(account, {"roster": {"matched": true, "status": "active", "terminated": false}})},
		{"note": "no roster given", "input": facts.replace(account, {"roster": null})},
		{"note": "roster.matched null", "input": facts.replace(account, {"roster": {"matched": null}})},
		{"note": "vendor user", "input": facts.replace(account, {"kind": "vendor-user", "vendor": {"id": 3, "name": "Acme IT"}})},
		{"note": "Password Safe application user", "input": facts.replace(account, {"password_safe": facts.replace(facts.account_password_safe, {"user_type": "Application", "application": true})})},
		{"note": "disabled", "input": facts.replace(account, {"enabled": false})},
		{"note": "enabled null", "input": facts.replace(account, {"enabled": null})},
		{"note": "username null", "input": named(null)},
	]
	p := object.get(tc, "params", params)
	not account_not_in_roster.finding with input as tc.input with data.params as p with data.review.as_of as as_of
}
