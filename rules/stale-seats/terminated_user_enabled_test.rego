package review.rules.terminated_user_enabled_test

import data.review.rules.terminated_user_enabled

as_of := "2025-11-22"

# replace overrides top-level keys of base (object.union would merge nested objects).
replace(base, patch) := object.union(object.remove(base, object.keys(patch)), patch)

roster := {
	"matched": true, "status": "terminated", "terminated": true, "termination_date": "2025-10-31",
	"employee_type": "Regular", "manager": "boss@corp.example", "name": "Jane Doe",
}

account := {
	"source": "pra-prod", "product": "pra", "kind": "user", "id": 42,
	"username": "jdoe", "display_name": "Jane Doe", "email": "jane.doe@corp.example",
	"provider": {"id": 1, "name": "Corp LDAP", "type": "ldap"},
	"enabled": true, "administrator": false, "two_factor_enabled": false, "passwordless_credentials": 0,
	"last_authentication": "2025-11-20T09:00:00Z", "days_since_last_authentication": 2,
	"created_at": "2025-01-10T08:00:00Z", "days_since_created": 316,
	"account_expiration": null, "account_expired": false,
	"group_policies": ["Support Tier 1"], "unknown_group_policies": [], "default_policy": null,
	"memberships": {"group_policies": 1, "teams": 0, "jump_groups": 0, "vault_account_groups": 0},
	"roster": roster, "source_has_directory_provider": true, "vendor": null,
}

with_roster(r) := replace(account, {"roster": replace(roster, r)})

test_fires[tc.note] if {
	some tc in [
		{
			"note": "terminated status and date",
			"input": account,
			"detail": "still enabled, but the roster marks the person as terminated (status terminated, termination date 2025-10-31)",
			"evidence": {"roster_status": "terminated", "termination_date": "2025-10-31"},
		},
		{
			"note": "active status, termination date reached",
			"input": with_roster({"status": "active", "termination_date": "2025-11-22T00:00:00Z"}),
			"detail": "still enabled, but the roster marks the person as terminated (status active, termination date 2025-11-22)",
			"evidence": {"roster_status": "active", "termination_date": "2025-11-22T00:00:00Z"},
		},
		{
			"note": "status and date null",
			"input": with_roster({"status": null, "termination_date": null}),
			"detail": "still enabled, but the roster marks the person as terminated (status not given, termination date not given)",
			"evidence": {"roster_status": null, "termination_date": null},
		},
		{
			"note": "status and date keys absent",
			"input": replace(account, {"roster": {"matched": true, "terminated": true}}),
			"detail": "still enabled, but the roster marks the person as terminated (status not given, termination date not given)",
			"evidence": {"roster_status": null, "termination_date": null},
		},
	]
	f := terminated_user_enabled.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
	f.detail == tc.detail
	f.evidence == tc.evidence
}

test_does_not_fire[tc.note] if {
	some tc in [
		{"note": "not terminated", "input": with_roster({"status": "active", "terminated": false, "termination_date": "2026-01-31"})},
		{"note": "terminated null", "input": with_roster({"terminated": null})},
		{"note": "not matched", "input": replace(account, {"roster": {"matched": false}})},
		{"note": "matched null", "input": with_roster({"matched": null})},
		{"note": "no roster given", "input": replace(account, {"roster": null})},
		{"note": "disabled", "input": replace(account, {"enabled": false})},
		{"note": "enabled null", "input": replace(account, {"enabled": null})},
	]
	not terminated_user_enabled.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
}
