package review.rules.password_safe_activity_after_termination_test

import data.review.rules.password_safe_activity_after_termination
import data.review.testdata.facts

roster := facts.replace(facts.account_roster, {"status": "terminated", "terminated": true, "termination_date": "2025-08-31"})

first := {"kind": "session", "record": "session 2", "event": "2", "at": "2025-09-03T09:00:00Z", "asset": "sql-02"}

last := {"kind": "audit", "record": "audit 1", "event": "Login", "at": "2025-09-04T08:00:00Z", "asset": null}

account(product, n) := facts.replace(facts.account, {
	"product": product,
	"roster": roster,
	"after_termination": facts.replace(facts.account_after_termination, {"password_safe": {"count": n, "ids": ["audit 1", "session 3"], "first": first, "last": last}}),
})

eval(a) := f if {
	f := password_safe_activity_after_termination.finding with input as a with data.params as {} with data.review.as_of as "2025-11-22"
}

test_fires if {
	f := eval(account("password-safe", 2))
	f.detail == "2 Password Safe records after the person left on 2025-08-31: first session 2 (2 on sql-02) at 2025-09-03T09:00:00Z, last audit 1 (Login) at 2025-09-04T08:00:00Z"
	f.evidence == {"termination_date": "2025-08-31", "password_safe_records_after_termination": 2, "records": ["audit 1", "session 3"], "first_record": first, "last_record": last}
}

test_does_not_fire[note] if {
	some [note, a] in [
		["records only on or before the termination day", account("password-safe", 0)],
		["not Password Safe", account("pra", 2)],
		["terminated without a date: not comparable", facts.replace(account("password-safe", 2), {"roster": facts.replace(roster, {"termination_date": null}), "after_termination": null})],
	]
	not eval(a)
}
