package review.rules.local_admin_account_test

import data.review.rules.local_admin_account
import data.review.testdata.facts

as_of := "2025-11-22"

params := {"break_glass_accounts": []}

# An enabled administrator of the local provider, in a source with a directory provider.
account := facts.replace(facts.account, {
	"username": "admin", "administrator": true, "two_factor_enabled": true,
	"provider": {"id": 2, "name": "Local", "type": "local"},
})

test_fires[tc.note] if {
	some tc in [
		{
			"note": "local administrator next to a directory provider",
			"input": account,
			"detail": "enabled administrator from the local security provider Local, while the source also has a directory provider",
			"evidence": {"administrator": true, "provider": "Local", "provider_type": "local"},
		},
		{
			"note": "break-glass list names someone else",
			"params": {"break_glass_accounts": ["breakglass"]},
			"input": account,
			"detail": "enabled administrator from the local security provider Local, while the source also has a directory provider",
			"evidence": {"administrator": true, "provider": "Local", "provider_type": "local"},
		},
		{
			"note": "provider without a name",
			"input": facts.replace(account, {"provider": {"id": 2, "name": null, "type": "local"}}),
			"detail": "enabled administrator from the local security provider (unnamed), while the source also has a directory provider",
			"evidence": {"administrator": true, "provider": null, "provider_type": "local"},
		},
	]
	p := object.get(tc, "params", params)
	f := local_admin_account.finding with input as tc.input with data.params as p with data.review.as_of as as_of
	f.detail == tc.detail
	f.evidence == tc.evidence
}

test_does_not_fire[tc.note] if {
	some tc in [
		{"note": "listed break-glass account", "params": {"break_glass_accounts": ["admin"]}, "input": account},
		{"note": "break-glass match is case-insensitive", "params": {"break_glass_accounts": ["ADMIN"]}, "input": facts.replace(account, {"username": "Admin"})},
		{"note": "directory provider", "input": facts.replace(account, {"provider": {"id": 1, "name": "Corp LDAP", "type": "ldap"}})},
		{"note": "provider null", "input": facts.replace(account, {"provider": null})},
		{"note": "provider type null", "input": facts.replace(account, {"provider": {"id": 2, "name": "Local", "type": null}})},
		{"note": "no directory provider on the source", "input": facts.replace(account, {"source_has_directory_provider": false})},
		{"note": "source_has_directory_provider null", "input": facts.replace(account, {"source_has_directory_provider": null})},
		{"note": "not an administrator", "input": facts.replace(account, {"administrator": false})},
		{"note": "administrator null", "input": facts.replace(account, {"administrator": null})},
		{"note": "disabled", "input": facts.replace(account, {"enabled": false})},
		{"note": "enabled null", "input": facts.replace(account, {"enabled": null})},
		{"note": "username null", "input": facts.replace(account, {"username": null})},
	]
	p := object.get(tc, "params", params)
	not local_admin_account.finding with input as tc.input with data.params as p with data.review.as_of as as_of
}
