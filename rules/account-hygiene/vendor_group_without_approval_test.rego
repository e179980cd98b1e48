package review.rules.vendor_group_without_approval_test

import data.review.rules.vendor_group_without_approval
import data.review.testdata.facts

as_of := "2025-11-22"

# Acme IT lets new users in without approval.
vendor := facts.replace(facts.vendor, {"user_approval_enabled": false})

test_fires[tc.note] if {
	some tc in [
		{
			"note": "approval off",
			"input": vendor,
			"detail": "vendor group Acme IT activates new users without approval (3 enabled vendor users; new users expire after 30 days)",
			"evidence": {"vendor": "Acme IT", "account_expiration_days": 30, "approval_required": false, "enabled_users": 3},
		},
		{
			"note": "approval off, one enabled user, expiry not exported",
			"input": facts.replace(vendor, {"enabled_users": 1, "account_expiration_days": null}),
			"detail": "vendor group Acme IT activates new users without approval (1 enabled vendor user; expiry of new users not stated)",
			"evidence": {"vendor": "Acme IT", "account_expiration_days": null, "approval_required": false, "enabled_users": 1},
		},
		{
			# An empty vendor group still lets the next user in unapproved.
			"note": "approval off, no users yet",
			"input": facts.replace(vendor, {"users": 0, "enabled_users": 0}),
			"detail": "vendor group Acme IT activates new users without approval (0 enabled vendor users; new users expire after 30 days)",
			"evidence": {"vendor": "Acme IT", "account_expiration_days": 30, "approval_required": false, "enabled_users": 0},
		},
	]
	f := vendor_group_without_approval.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
	f.detail == tc.detail
	f.evidence == tc.evidence
}

test_does_not_fire[tc.note] if {
	some tc in [
		{"note": "approval required", "input": facts.replace(vendor, {"user_approval_enabled": true})},
		# Absent is not false: the API's default (false) is not assumed.
		{"note": "approval not stated (null)", "input": facts.replace(vendor, {"user_approval_enabled": null})},
		{"note": "approval not stated (key absent)", "input": object.remove(vendor, ["user_approval_enabled"])},
	]
	not vendor_group_without_approval.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
}
