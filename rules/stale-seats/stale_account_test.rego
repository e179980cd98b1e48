package review.rules.stale_account_test

import data.review.rules.stale_account
import data.review.testdata.facts

as_of := "2025-11-22"

params := {"stale_days": 90}

# An enabled account last authenticated 234 days before the as-of date.
account := facts.account

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
			"input": facts.replace(account, {"last_authentication": "2025-08-23T23:59:59Z", "days_since_last_authentication": 91}),
			"detail": "last authenticated 2025-08-23, 91 days before 2025-11-22",
			"evidence": {"last_authentication": "2025-08-23T23:59:59Z", "days_since": 91},
		},
		{
			"note": "date-only timestamp",
			"input": facts.replace(account, {"last_authentication": "2025-01-01", "days_since_last_authentication": 325}),
			"detail": "last authenticated 2025-01-01, 325 days before 2025-11-22",
			"evidence": {"last_authentication": "2025-01-01", "days_since": 325},
		},
		{
			"note": "vendor user",
			"input": facts.replace(account, {"kind": "vendor-user", "vendor": {"id": 3, "name": "Acme IT"}}),
			"detail": "last authenticated 2025-04-02, 234 days before 2025-11-22",
			"evidence": {"last_authentication": "2025-04-02T09:00:00Z", "days_since": 234},
		},
		{
			"note": "Password Safe user, not quarantined",
			"input": facts.replace(account, {"product": "password-safe", "password_safe": facts.account_password_safe}),
			"detail": "last authenticated 2025-04-02, 234 days before 2025-11-22",
			"evidence": {"last_authentication": "2025-04-02T09:00:00Z", "days_since": 234},
		},
		{
			"note": "Password Safe user, quarantined not stated",
			"input": facts.replace(account, {"password_safe": facts.replace(facts.account_password_safe, {"quarantined": null})}),
			"detail": "last authenticated 2025-04-02, 234 days before 2025-11-22",
			"evidence": {"last_authentication": "2025-04-02T09:00:00Z", "days_since": 234},
		},
		{
			"note": "lower stale_days parameter",
			"params": {"stale_days": 30},
			"input": facts.replace(account, {"last_authentication": "2025-10-22T10:00:00Z", "days_since_last_authentication": 31}),
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
		{"note": "exactly stale_days", "input": facts.replace(account, {"last_authentication": "2025-08-24T08:00:00Z", "days_since_last_authentication": 90})},
		{"note": "authenticated today", "input": facts.replace(account, {"last_authentication": "2025-11-22T08:00:00Z", "days_since_last_authentication": 0})},
		{"note": "disabled", "input": facts.replace(account, {"enabled": false})},
		{"note": "enabled null", "input": facts.replace(account, {"enabled": null})},
		{"note": "never authenticated (never-logged-in)", "input": facts.replace(account, {"last_authentication": null, "days_since_last_authentication": null})},
		{"note": "days_since null", "input": facts.replace(account, {"days_since_last_authentication": null})},
		{"note": "days_since not a number", "input": facts.replace(account, {"days_since_last_authentication": "234"})},
		{"note": "higher stale_days parameter", "params": {"stale_days": 365}, "input": account},
		{"note": "quarantined Password Safe user", "input": facts.replace(account, {"password_safe": facts.replace(facts.account_password_safe, {"quarantined": true})})},
	]
	p := object.get(tc, "params", params)
	not stale_account.finding with input as tc.input with data.params as p with data.review.as_of as as_of
}

test_not_stale_with_a_session_in_the_window if {
	not stale_account.finding with input as facts.replace(facts.account, {
		"enabled": true, "last_authentication": "2025-06-01T08:00:00Z", "days_since_last_authentication": 174,
		"activity": facts.account_activity,
	})
		with data.params as {"stale_days": 90}
		with data.review.as_of as "2025-11-22"
}

test_stale_without_activity_in_the_window if {
	stale_account.finding with input as facts.replace(facts.account, {
		"enabled": true, "last_authentication": "2025-06-01T08:00:00Z", "days_since_last_authentication": 174,
		"activity": facts.replace(facts.account_activity, {"active_in_window": false, "sessions_in_window": 0}),
	})
		with data.params as {"stale_days": 90}
		with data.review.as_of as "2025-11-22"
}
