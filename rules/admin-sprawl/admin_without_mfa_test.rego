package review.rules.admin_without_mfa_test

import data.review.rules.admin_without_mfa

as_of := "2025-11-22"

replace(base, patch) := object.union(object.remove(base, object.keys(patch)), patch)

account := {
	"source": "pra-prod", "product": "pra", "kind": "user", "id": 1,
	"username": "admin", "display_name": "Ada Admin", "email": "ada@corp.example",
	"provider": {"id": 1, "name": "Corp LDAP", "type": "ldap"},
	"enabled": true, "administrator": true, "two_factor_enabled": false, "passwordless_credentials": 0,
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
			"note": "two-factor off, no passwordless credential",
			"input": account,
			"detail": "enabled administrator with two-factor authentication disabled and no passwordless (FIDO2) credential",
			"evidence": {"administrator": true, "two_factor_enabled": false, "passwordless_credentials": 0},
		},
		{
			"note": "two-factor null (only a passwordless column)",
			"input": replace(account, {"two_factor_enabled": null}),
			"detail": "enabled administrator with no two-factor authentication recorded and no passwordless (FIDO2) credential",
			"evidence": {"administrator": true, "two_factor_enabled": null, "passwordless_credentials": 0},
		},
		{
			"note": "passwordless null (only a two-factor column)",
			"input": replace(account, {"passwordless_credentials": null}),
			"detail": "enabled administrator with two-factor authentication disabled and no passwordless (FIDO2) credential recorded",
			"evidence": {"administrator": true, "two_factor_enabled": false, "passwordless_credentials": null},
		},
		{
			"note": "both null",
			"input": replace(account, {"two_factor_enabled": null, "passwordless_credentials": null}),
			"detail": "enabled administrator with no two-factor authentication recorded and no passwordless (FIDO2) credential recorded",
			"evidence": {"administrator": true, "two_factor_enabled": null, "passwordless_credentials": null},
		},
	]
	f := admin_without_mfa.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
	f.detail == tc.detail
	f.evidence == tc.evidence
}

test_does_not_fire[tc.note] if {
	some tc in [
		{"note": "two-factor enabled", "input": replace(account, {"two_factor_enabled": true})},
		{"note": "two-factor enabled, passwordless null", "input": replace(account, {"two_factor_enabled": true, "passwordless_credentials": null})},
		{"note": "one passwordless credential", "input": replace(account, {"passwordless_credentials": 1})},
		{"note": "passwordless credential, two-factor null", "input": replace(account, {"two_factor_enabled": null, "passwordless_credentials": 2})},
		{"note": "not an administrator", "input": replace(account, {"administrator": false})},
		{"note": "administrator null", "input": replace(account, {"administrator": null})},
		{"note": "disabled", "input": replace(account, {"enabled": false})},
		{"note": "enabled null", "input": replace(account, {"enabled": null})},
	]
	not admin_without_mfa.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
}
