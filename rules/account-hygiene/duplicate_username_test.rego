package review.rules.duplicate_username_test

import data.review.rules.duplicate_username

as_of := "2025-11-22"

replace(base, patch) := object.union(object.remove(base, object.keys(patch)), patch)

fact := {"source": "rs-prod", "product": "rs", "username": "jdoe", "providers": ["Corp LDAP", "Local"], "accounts": 2}

test_fires[tc.note] if {
	some tc in [
		{
			"note": "two providers",
			"input": fact,
			"detail": "username jdoe is in 2 security providers: Corp LDAP, Local",
			"evidence": {"providers": ["Corp LDAP", "Local"], "accounts": 2},
		},
		{
			"note": "three providers",
			"input": replace(fact, {"username": "JDoe", "providers": ["Corp LDAP", "Local", "SAML"], "accounts": 3}),
			"detail": "username JDoe is in 3 security providers: Corp LDAP, Local, SAML",
			"evidence": {"providers": ["Corp LDAP", "Local", "SAML"], "accounts": 3},
		},
	]
	f := duplicate_username.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
	f.detail == tc.detail
	f.evidence == tc.evidence
}

test_does_not_fire[tc.note] if {
	some tc in [
		{"note": "one provider", "input": replace(fact, {"providers": ["Corp LDAP"], "accounts": 1})},
		{"note": "one provider, two accounts", "input": replace(fact, {"providers": ["Corp LDAP"], "accounts": 2})},
		{"note": "no providers", "input": replace(fact, {"providers": []})},
		{"note": "providers null", "input": replace(fact, {"providers": null})},
	]
	not duplicate_username.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
}
