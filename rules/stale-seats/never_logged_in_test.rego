package review.rules.never_logged_in_test

import data.review.rules.never_logged_in
import data.review.testdata.facts

as_of := "2025-11-22"

params := {"new_account_grace_days": 30}

# An enabled account created 316 days before the as-of date, never authenticated.
account := facts.replace(facts.account, {"last_authentication": null, "days_since_last_authentication": null})

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
			"input": facts.replace(account, {"created_at": "2025-10-22T12:00:00Z", "days_since_created": 31}),
			"detail": "never authenticated; created 2025-10-22, 31 days before 2025-11-22",
			"evidence": {"last_authentication": null, "created_at": "2025-10-22T12:00:00Z", "days_since_created": 31},
		},
		{
			"note": "no creation date",
			"input": facts.replace(account, {"created_at": null, "days_since_created": null}),
			"detail": "never authenticated, and has no creation date",
			"evidence": {"last_authentication": null, "created_at": null, "days_since_created": null},
		},
		{
			"note": "vendor user",
			"input": facts.replace(account, {"kind": "vendor-user", "vendor": {"id": 3, "name": "Acme IT"}}),
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
			"input": facts.replace(account, {"created_at": "2025-11-14", "days_since_created": 8}),
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
		{"note": "exactly grace days", "input": facts.replace(account, {"created_at": "2025-10-23T08:00:00Z", "days_since_created": 30})},
		{"note": "created today", "input": facts.replace(account, {"created_at": "2025-11-22T08:00:00Z", "days_since_created": 0})},
		{"note": "has authenticated", "input": facts.replace(account, {"last_authentication": "2025-04-02T09:00:00Z", "days_since_last_authentication": 234})},
		{"note": "disabled", "input": facts.replace(account, {"enabled": false})},
		{"note": "enabled null", "input": facts.replace(account, {"enabled": null})},
		{"note": "created_at known but days_since_created null", "input": facts.replace(account, {"days_since_created": null})},
		{"note": "longer grace parameter", "params": {"new_account_grace_days": 400}, "input": account},
	]
	p := object.get(tc, "params", params)
	not never_logged_in.finding with input as tc.input with data.params as p with data.review.as_of as as_of
}
