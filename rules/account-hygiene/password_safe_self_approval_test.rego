package review.rules.password_safe_self_approval_test

import data.review.rules.password_safe_self_approval
import data.review.testdata.facts

as_of := "2025-11-22"

# A Password Safe user who can request and approve on Windows Servers.
user := facts.replace(facts.account, {
	"product": "password-safe",
	"password_safe": facts.replace(facts.account_password_safe, {
		"user_groups": ["Server Approvers", "Server Requestors"],
		"roles": [1, 2],
		"smart_rules": ["Windows Servers"],
		"self_approval": ["Windows Servers"],
	}),
})

test_fires[tc.note] if {
	some tc in [
		{
			"note": "one Smart Rule",
			"input": user,
			"detail": "can both request and approve on the Smart Rule Windows Servers",
			"evidence": {"smart_rules": ["Windows Servers"], "user_groups": ["Server Approvers", "Server Requestors"]},
		},
		{
			"note": "two Smart Rules",
			"input": facts.replace(user, {"password_safe": facts.replace(user.password_safe, {"self_approval": ["Databases", "Windows Servers"]})}),
			"detail": "can both request and approve on the Smart Rules Databases, Windows Servers",
			"evidence": {"smart_rules": ["Databases", "Windows Servers"], "user_groups": ["Server Approvers", "Server Requestors"]},
		},
	]
	f := password_safe_self_approval.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
	f.detail == tc.detail
	f.evidence == tc.evidence
}

test_does_not_fire[tc.note] if {
	some tc in [
		# The SQL lists a Smart Rule in self_approval only for role 3, or
		# roles 1 and 2 on that same rule: Requestor on one and Approver on
		# another leaves it empty.
		{"note": "requestor on one rule, approver on another", "input": facts.replace(user, {"password_safe": facts.replace(user.password_safe, {"smart_rules": ["Databases", "Windows Servers"], "self_approval": []})})},
		{"note": "disabled", "input": facts.replace(user, {"enabled": false})},
		{"note": "enabled null", "input": facts.replace(user, {"enabled": null})},
		{"note": "not a Password Safe user", "input": facts.replace(user, {"password_safe": null})},
	]
	not password_safe_self_approval.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
}
