package review.rules.session_open_on_disabled_account_test

import data.review.rules.session_open_on_disabled_account
import data.review.testdata.facts

open := {"lsid": "a4", "start": "2025-10-18T22:30:00Z", "end": null, "endpoint": "db-02", "jump_group": "Databases"}

account(enabled, terminated, sessions) := facts.replace(facts.account, {
	"enabled": enabled,
	"roster": facts.replace(facts.account_roster, {"terminated": terminated}),
	"activity": facts.replace(facts.account_activity, {"open_sessions": sessions}),
})

eval(a) := f if {
	f := session_open_on_disabled_account.finding with input as a with data.params as {} with data.review.as_of as "2025-11-22"
}

test_fires_on_a_disabled_account if {
	f := eval(account(false, false, [open]))
	f.detail == "1 session still open on an account that is disabled: a4 since 2025-10-18T22:30:00Z"
	f.evidence == {"open_sessions": [open], "enabled": false, "terminated": false}
}

test_fires_on_a_terminated_person if {
	f := eval(account(true, true, [open]))
	f.detail == "1 session still open on an account that is of a terminated person: a4 since 2025-10-18T22:30:00Z"
}

test_does_not_fire[note] if {
	some [note, a] in [
		["open on an enabled account of an active person", account(true, false, [open])],
		["disabled, nothing open", account(false, true, [])],
		["no session report", facts.replace(account(false, true, []), {"activity": null})],
	]
	not eval(a)
}
