package review.rules.api_account_full_access_test

import data.review.rules.api_account_full_access

as_of := "2025-11-22"

replace(base, patch) := object.union(object.remove(base, object.keys(patch)), patch)

api := {
	"source": "pra-prod", "product": "pra", "id": 2, "name": "Backup job", "enabled": true,
	"perm_command": "full_access", "perm_configuration": false, "perm_backup": true, "perm_vault_backup": false,
}

quiet := replace(api, {"perm_command": "read_only", "perm_configuration": false, "perm_backup": false})

test_fires[tc.note] if {
	some tc in [
		{
			"note": "command full access and backup",
			"input": api,
			"detail": "enabled API account with perm_backup, perm_command full_access",
			"evidence": {"perm_configuration": false, "perm_command": "full_access", "perm_backup": true},
		},
		{
			"note": "configuration only",
			"input": replace(quiet, {"perm_configuration": true}),
			"detail": "enabled API account with perm_configuration",
			"evidence": {"perm_configuration": true, "perm_command": "read_only", "perm_backup": false},
		},
		{
			"note": "command full access only",
			"input": replace(quiet, {"perm_command": "full_access"}),
			"detail": "enabled API account with perm_command full_access",
			"evidence": {"perm_configuration": false, "perm_command": "full_access", "perm_backup": false},
		},
		{
			"note": "backup only, others null",
			"input": replace(quiet, {"perm_backup": true, "perm_command": null, "perm_configuration": null}),
			"detail": "enabled API account with perm_backup",
			"evidence": {"perm_configuration": null, "perm_command": null, "perm_backup": true},
		},
		{
			"note": "all three",
			"input": replace(api, {"perm_configuration": true}),
			"detail": "enabled API account with perm_backup, perm_command full_access, perm_configuration",
			"evidence": {"perm_configuration": true, "perm_command": "full_access", "perm_backup": true},
		},
	]
	f := api_account_full_access.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
	f.detail == tc.detail
	f.evidence == tc.evidence
}

test_does_not_fire[tc.note] if {
	some tc in [
		{"note": "no powerful permission", "input": quiet},
		{"note": "vault backup is not backup", "input": replace(quiet, {"perm_vault_backup": true})},
		{"note": "permissions null", "input": replace(api, {"perm_command": null, "perm_configuration": null, "perm_backup": null})},
		{"note": "disabled", "input": replace(api, {"enabled": false})},
		{"note": "enabled null", "input": replace(api, {"enabled": null})},
	]
	not api_account_full_access.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
}
