package review.rules.password_safe_admin_sprawl_test

import data.review.rules.password_safe_admin_sprawl
import data.review.testdata.facts

as_of := "2025-11-22"

params := {"max_admins": 5}

# An enabled Password Safe administrator of a source with 6 of them.
admin := facts.replace(facts.account, {
	"product": "password-safe",
	"administrator": true,
	"password_safe": facts.replace(facts.account_password_safe, {
		"administrator_groups": ["PS Administrators"],
		"roles": [5],
		"source_admins": 6,
	}),
})

test_fires[tc.note] if {
	some tc in [
		{
			"note": "administrator group",
			"input": admin,
			"detail": "one of 6 enabled Password Safe administrators, more than max_admins (5): administrator group PS Administrators",
			"evidence": {"administrator": true, "administrator_groups": ["PS Administrators"], "roles": [5], "source_admins": 6},
		},
		{
			"note": "role 4 only",
			"input": facts.replace(admin, {"password_safe": facts.replace(admin.password_safe, {"administrator_groups": [], "roles": [1, 4]})}),
			"detail": "one of 6 enabled Password Safe administrators, more than max_admins (5): Information Security Administrator (role 4) on a Smart Rule",
			"evidence": {"administrator": true, "administrator_groups": [], "roles": [1, 4], "source_admins": 6},
		},
		{
			"note": "both",
			"input": facts.replace(admin, {"password_safe": facts.replace(admin.password_safe, {"administrator_groups": ["A", "B"], "roles": [4]})}),
			"detail": "one of 6 enabled Password Safe administrators, more than max_admins (5): administrator group A, B; Information Security Administrator (role 4) on a Smart Rule",
			"evidence": {"administrator": true, "administrator_groups": ["A", "B"], "roles": [4], "source_admins": 6},
		},
		{
			"note": "lower max_admins",
			"params": {"max_admins": 1},
			"input": facts.replace(admin, {"password_safe": facts.replace(admin.password_safe, {"source_admins": 2})}),
			"detail": "one of 2 enabled Password Safe administrators, more than max_admins (1): administrator group PS Administrators",
			"evidence": {"administrator": true, "administrator_groups": ["PS Administrators"], "roles": [5], "source_admins": 2},
		},
	]
	p := object.get(tc, "params", params)
	f := password_safe_admin_sprawl.finding with input as tc.input with data.params as p with data.review.as_of as as_of
	f.detail == tc.detail
	f.evidence == tc.evidence
}

test_does_not_fire[tc.note] if {
	some tc in [
		{"note": "exactly max_admins", "input": facts.replace(admin, {"password_safe": facts.replace(admin.password_safe, {"source_admins": 5})})},
		{"note": "not an administrator", "input": facts.replace(admin, {"administrator": false})},
		{"note": "administrator not stated", "input": facts.replace(admin, {"administrator": null})},
		{"note": "disabled", "input": facts.replace(admin, {"enabled": false})},
		{"note": "not a Password Safe user", "input": facts.replace(admin, {"password_safe": null})},
		{"note": "higher max_admins", "params": {"max_admins": 10}, "input": admin},
	]
	p := object.get(tc, "params", params)
	not password_safe_admin_sprawl.finding with input as tc.input with data.params as p with data.review.as_of as as_of
}
