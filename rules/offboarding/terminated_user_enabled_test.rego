package review.rules.terminated_user_enabled_test

import data.review.rules.terminated_user_enabled
import data.review.testdata.facts

as_of := "2025-11-22"

# The roster row of a person terminated on 2025-10-31.
roster := facts.replace(facts.account_roster, {"status": "terminated", "terminated": true, "termination_date": "2025-10-31"})

# An enabled account whose person the roster marks terminated.
account := facts.replace(facts.account, {"roster": roster})

with_roster(r) := facts.replace(account, {"roster": facts.replace(roster, r)})

test_fires[tc.note] if {
	some tc in [
		{
			"note": "terminated status and date",
			"input": account,
			"detail": "still enabled, but the person left on 2025-10-31 by the roster's termination date (status terminated)",
			"evidence": {"roster_status": "terminated", "termination_date": "2025-10-31"},
		},
		{
			"note": "active status, termination date reached",
			"input": with_roster({"status": "active", "termination_date": "2025-11-22T00:00:00Z"}),
			"detail": "still enabled, but the person left on 2025-11-22 by the roster's termination date (status active)",
			"evidence": {"roster_status": "active", "termination_date": "2025-11-22T00:00:00Z"},
		},
		{
			"note": "status and date null",
			"input": with_roster({"status": null, "termination_date": null}),
			"detail": "still enabled, but the roster marks the person as terminated (status not given, termination date not given)",
			"evidence": {"roster_status": null, "termination_date": null},
		},
		{
			"note": "status and date keys absent",
			"input": facts.replace(account, {"roster": {"matched": true, "terminated": true}}),
			"detail": "still enabled, but the roster marks the person as terminated (status not given, termination date not given)",
			"evidence": {"roster_status": null, "termination_date": null},
		},
	]
	f := terminated_user_enabled.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
	f.detail == tc.detail
	f.evidence == tc.evidence
}

test_does_not_fire[tc.note] if {
	some tc in [
		{"note": "not terminated", "input": with_roster({"status": "active", "terminated": false, "termination_date": "2026-01-31"})},
		{"note": "terminated null", "input": with_roster({"terminated": null})},
		{"note": "not matched", "input": facts.replace(account, {"roster": {"matched": false}})},
		{"note": "matched null", "input": with_roster({"matched": null})},
		{"note": "no roster given", "input": facts.replace(account, {"roster": null})},
		{"note": "disabled", "input": facts.replace(account, {"enabled": false})},
		{"note": "enabled null", "input": facts.replace(account, {"enabled": null})},
	]
	not terminated_user_enabled.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
}
