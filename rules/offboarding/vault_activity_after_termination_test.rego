package review.rules.vault_activity_after_termination_test

import data.review.rules.vault_activity_after_termination
import data.review.testdata.facts

roster := facts.replace(facts.account_roster, {"status": "terminated", "terminated": true, "termination_date": "2025-09-30"})

e := {"event": "Credentials Used", "at": "2025-10-02T10:00:00Z", "vault_account": "vault account 31", "lsid": "a1"}

account(n) := facts.replace(facts.account, {
	"roster": roster,
	"after_termination": facts.replace(facts.account_after_termination, {"vault": {"count": n, "ids": ["a1"], "first": e, "last": e}}),
})

eval(a) := f if {
	f := vault_activity_after_termination.finding with input as a with data.params as {} with data.review.as_of as "2025-11-22"
}

test_fires if {
	f := eval(account(1))
	f.detail == "1 Vault events after the person left on 2025-09-30: first Credentials Used of vault account 31 at 2025-10-02T10:00:00Z, last Credentials Used of vault account 31 at 2025-10-02T10:00:00Z"
	f.evidence == {"termination_date": "2025-09-30", "vault_events_after_termination": 1, "records": ["a1"], "first_event": e, "last_event": e}
}

test_does_not_fire[note] if {
	some [note, a] in [
		["events only on or before the termination day", account(0)],
		["terminated without a date: not comparable", facts.replace(account(1), {"roster": facts.replace(roster, {"termination_date": null}), "after_termination": null})],
		["no activity report", facts.replace(account(1), {"after_termination": null})],
	]
	not eval(a)
}
