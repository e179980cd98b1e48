package review.rules.local_admin_account_test

import data.review.rules.local_admin_account

as_of := "2025-11-22"

params := {"break_glass_accounts": []}

replace(base, patch) := object.union(object.remove(base, object.keys(patch)), patch)

account := {
	"source": "pra-prod", "product": "pra", "kind": "user", "id": 1,
	"username": "admin", "display_name": "Local Admin", "email": null,
	"provider": {"id": 2, "name": "Local", "type": "local"},
	"enabled": true, "administrator": true, "two_factor_enabled": true, "passwordless_credentials": 0,
	"last_authentication": "2025-11-20T09:00:00Z", "days_since_last_authentication": 2,
	"created_at": "2025-01-10T08:00:00Z", "days_since_created": 316,
	"account_expiration": null, "account_expired": false,
	"group_policies": ["Administrators"], "unknown_group_policies": [], "default_policy": null,
	"memberships": {"group_policies": 1, "teams": 0, "jump_groups": 0, "vault_account_groups": 0},
	"roster": null, "source_has_directory_provider": true, "vendor": null,
}

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
			"input": replace(account, {"provider": {"id": 2, "name": null, "type": "local"}}),
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
		{"note": "break-glass match is case-insensitive", "params": {"break_glass_accounts": ["ADMIN"]}, "input": replace(account, {"username": "Admin"})},
		{"note": "directory provider", "input": replace(account, {"provider": {"id": 1, "name": "Corp LDAP", "type": "ldap"}})},
		{"note": "provider null", "input": replace(account, {"provider": null})},
		{"note": "provider type null", "input": replace(account, {"provider": {"id": 2, "name": "Local", "type": null}})},
		{"note": "no directory provider on the source", "input": replace(account, {"source_has_directory_provider": false})},
		{"note": "source_has_directory_provider null", "input": replace(account, {"source_has_directory_provider": null})},
		{"note": "not an administrator", "input": replace(account, {"administrator": false})},
		{"note": "administrator null", "input": replace(account, {"administrator": null})},
		{"note": "disabled", "input": replace(account, {"enabled": false})},
		{"note": "enabled null", "input": replace(account, {"enabled": null})},
		{"note": "username null", "input": replace(account, {"username": null})},
	]
	p := object.get(tc, "params", params)
	not local_admin_account.finding with input as tc.input with data.params as p with data.review.as_of as as_of
}
