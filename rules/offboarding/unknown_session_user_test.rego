package review.rules.unknown_session_user_test

import data.review.rules.unknown_session_user
import data.review.testdata.facts

eval(u) := f if {
	f := unknown_session_user.finding with input as u with data.params as {} with data.review.as_of as "2025-11-22"
}

test_fires if {
	f := eval(facts.session_user)
	f.detail == "ghost.user (id 99) matches no account of pra-prod: 1 session, 0 Vault events, 2025-11-12T08:00:00Z to 2025-11-12T08:00:00Z"
	f.evidence.lsids == ["a000000000000000000000000000000a"]
	f.evidence.id == 99
}

test_fires_without_a_username if {
	f := eval(facts.replace(facts.session_user, {"username": null}))
	startswith(f.detail, "id 99 matches no account")
}

test_does_not_fire_when_ambiguous if {
	not eval(facts.replace(facts.session_user, {"match": "ambiguous"}))
}
