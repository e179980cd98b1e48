package review.rules.session_after_termination_test

import data.review.rules.session_after_termination
import data.review.testdata.facts

roster := facts.replace(facts.account_roster, {"status": "terminated", "terminated": true, "termination_date": "2025-10-15"})

first := {"lsid": "a3", "start": "2025-10-17T09:00:00Z", "end": "2025-10-17T10:00:00Z", "endpoint": "db-01", "jump_group": "Databases"}

last := {"lsid": "a4", "start": "2025-10-18T22:30:00Z", "end": null, "endpoint": null, "jump_group": "Databases"}

account(n, r) := facts.replace(facts.account, {
	"roster": facts.replace(roster, r),
	"after_termination": facts.replace(facts.account_after_termination, {"sessions": {"count": n, "ids": ["a2", "a3"], "first": first, "last": last}}),
})

eval(a) := f if {
	f := session_after_termination.finding with input as a with data.params as {} with data.review.as_of as "2025-11-22"
}

test_fires if {
	f := eval(account(2, {}))
	f.detail == "2 sessions after the person left on 2025-10-15: first a3 at 2025-10-17T09:00:00Z on db-01, last a4 at 2025-10-18T22:30:00Z on Jump Group Databases"
	f.evidence == {"termination_date": "2025-10-15", "sessions_after_termination": 2, "lsids": ["a2", "a3"], "first_session": first, "last_session": last}
}

test_does_not_fire[note] if {
	some [note, a] in [
		# The SQL counts only sessions on a later day: one on the termination day leaves the count at 0.
		["no session after the termination day", facts.replace(facts.account, {"roster": roster, "after_termination": facts.account_after_termination})],
		["terminated without a date: not comparable", facts.replace(account(2, {"termination_date": null}), {"after_termination": null})],
		["no activity report", facts.replace(facts.account, {"roster": roster, "after_termination": null})],
		["no roster", facts.replace(facts.account, {"roster": null, "after_termination": null})],
	]
	not eval(a)
}
