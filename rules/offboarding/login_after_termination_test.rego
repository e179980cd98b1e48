package review.rules.login_after_termination_test

import data.review.rules.login_after_termination
import data.review.testdata.facts

roster := facts.replace(facts.account_roster, {"status": "terminated", "terminated": true, "termination_date": "2025-10-15"})

account(last, r) := facts.replace(facts.account, {"enabled": false, "last_authentication": last, "roster": facts.replace(roster, r)})

eval(a) := f if {
	f := login_after_termination.finding with input as a with data.params as {} with data.review.as_of as "2025-11-22"
}

test_fires if {
	f := eval(account("2025-10-20T08:00:00Z", {}))
	f.detail == "last authenticated 2025-10-20, 5 days after the person left on 2025-10-15"
	f.evidence == {"termination_date": "2025-10-15", "last_authentication": "2025-10-20T08:00:00Z", "days_after_termination": 5}
}

test_fires_for_an_active_status_with_a_past_date if {
	eval(account("2025-10-16T00:00:00Z", {"status": "active", "terminated": true}))
}

test_does_not_fire[note] if {
	some [note, a] in [
		["the termination day itself", account("2025-10-15T23:59:59Z", {})],
		["before", account("2025-10-01T08:00:00Z", {})],
		["never authenticated", account(null, {})],
		["terminated without a date: not comparable", account("2025-10-20T08:00:00Z", {"termination_date": null})],
		["not matched", account("2025-10-20T08:00:00Z", {"matched": false})],
		["no roster", facts.replace(account("2025-10-20T08:00:00Z", {}), {"roster": null})],
	]
	not eval(a)
}
