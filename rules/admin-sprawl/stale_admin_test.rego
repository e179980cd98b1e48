package review.rules.stale_admin_test

import data.review.rules.stale_admin
import data.review.testdata.facts

as_of := "2025-11-22"

params := {"admin_stale_days": 30}

# An enabled administrator last authenticated 52 days before the as-of date.
account := facts.replace(facts.account, {
	"administrator": true, "two_factor_enabled": true,
	"last_authentication": "2025-10-01T09:00:00Z", "days_since_last_authentication": 52,
})

test_fires[tc.note] if {
	some tc in [
		{
			"note": "52 days",
			"input": account,
			"detail": "enabled administrator last authenticated 2025-10-01, 52 days before 2025-11-22",
			"evidence": {"administrator": true, "last_authentication": "2025-10-01T09:00:00Z", "days_since": 52},
		},
		{
			"note": "admin_stale_days + 1",
			"input": facts.replace(account, {"last_authentication": "2025-10-22T23:00:00Z", "days_since_last_authentication": 31}),
			"detail": "enabled administrator last authenticated 2025-10-22, 31 days before 2025-11-22",
			"evidence": {"administrator": true, "last_authentication": "2025-10-22T23:00:00Z", "days_since": 31},
		},
		{
			"note": "never authenticated",
			"input": facts.replace(account, {"last_authentication": null, "days_since_last_authentication": null}),
			"detail": "enabled administrator that never authenticated",
			"evidence": {"administrator": true, "last_authentication": null, "days_since": null},
		},
		{
			"note": "lower admin_stale_days parameter",
			"params": {"admin_stale_days": 7},
			"input": facts.replace(account, {"last_authentication": "2025-11-14T09:00:00Z", "days_since_last_authentication": 8}),
			"detail": "enabled administrator last authenticated 2025-11-14, 8 days before 2025-11-22",
			"evidence": {"administrator": true, "last_authentication": "2025-11-14T09:00:00Z", "days_since": 8},
		},
	]
	p := object.get(tc, "params", params)
	f := stale_admin.finding with input as tc.input with data.params as p with data.review.as_of as as_of
	f.detail == tc.detail
	f.evidence == tc.evidence
}

test_does_not_fire[tc.note] if {
	some tc in [
		{"note": "exactly admin_stale_days", "input": facts.replace(account, {"last_authentication": "2025-10-23T09:00:00Z", "days_since_last_authentication": 30})},
		{"note": "recent", "input": facts.replace(account, {"last_authentication": "2025-11-21T09:00:00Z", "days_since_last_authentication": 1})},
		{"note": "days_since null with a date", "input": facts.replace(account, {"days_since_last_authentication": null})},
		{"note": "not an administrator", "input": facts.replace(account, {"administrator": false})},
		{"note": "administrator null", "input": facts.replace(account, {"administrator": null})},
		{"note": "not an administrator, never authenticated", "input": facts.replace(account, {"administrator": false, "last_authentication": null, "days_since_last_authentication": null})},
		{"note": "disabled", "input": facts.replace(account, {"enabled": false})},
		{"note": "enabled null", "input": facts.replace(account, {"enabled": null})},
		{"note": "higher admin_stale_days parameter", "params": {"admin_stale_days": 60}, "input": account},
	]
	p := object.get(tc, "params", params)
	not stale_admin.finding with input as tc.input with data.params as p with data.review.as_of as as_of
}
