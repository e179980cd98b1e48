package review.rules.expired_vendor_account_enabled_test

import data.review.rules.expired_vendor_account_enabled

as_of := "2025-11-22"

replace(base, patch) := object.union(object.remove(base, object.keys(patch)), patch)

vendor_user := {
	"source": "pra-prod", "product": "pra", "kind": "vendor-user", "id": 7,
	"username": "acme.tech", "display_name": "Acme Tech", "email": "tech@acme.example",
	"provider": null,
	"enabled": true, "administrator": false, "two_factor_enabled": null, "passwordless_credentials": null,
	"last_authentication": "2025-09-01T09:00:00Z", "days_since_last_authentication": 82,
	"created_at": "2025-01-10T08:00:00Z", "days_since_created": 316,
	"account_expiration": "2025-10-31T00:00:00Z", "account_expired": true,
	"group_policies": ["Vendors"], "unknown_group_policies": [], "default_policy": "Vendors",
	"memberships": {"group_policies": 0, "teams": 0, "jump_groups": 0, "vault_account_groups": 0},
	"roster": null, "source_has_directory_provider": true, "vendor": {"id": 3, "name": "Acme IT"},
}

test_fires[tc.note] if {
	some tc in [
		{
			"note": "expired last month",
			"input": vendor_user,
			"detail": "vendor user of Acme IT is enabled, but its account expired (account expiration 2025-10-31, as of 2025-11-22)",
			"evidence": {"account_expiration": "2025-10-31T00:00:00Z", "vendor": "Acme IT"},
		},
		{
			"note": "expires on the as-of date",
			"input": replace(vendor_user, {"account_expiration": "2025-11-22"}),
			"detail": "vendor user of Acme IT is enabled, but its account expired (account expiration 2025-11-22, as of 2025-11-22)",
			"evidence": {"account_expiration": "2025-11-22", "vendor": "Acme IT"},
		},
		{
			"note": "marked expired without a date",
			"input": replace(vendor_user, {"account_expiration": null}),
			"detail": "vendor user of Acme IT is enabled, but its account expired (no expiration date, marked expired, as of 2025-11-22)",
			"evidence": {"account_expiration": null, "vendor": "Acme IT"},
		},
		{
			"note": "vendor unknown",
			"input": replace(vendor_user, {"vendor": null}),
			"detail": "vendor user is enabled, but its account expired (account expiration 2025-10-31, as of 2025-11-22)",
			"evidence": {"account_expiration": "2025-10-31T00:00:00Z", "vendor": null},
		},
	]
	f := expired_vendor_account_enabled.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
	f.detail == tc.detail
	f.evidence == tc.evidence
}

test_does_not_fire[tc.note] if {
	some tc in [
		{"note": "not expired (expires after the as-of date)", "input": replace(vendor_user, {"account_expiration": "2025-11-23", "account_expired": false})},
		{"note": "no expiration", "input": replace(vendor_user, {"account_expiration": null, "account_expired": false})},
		{"note": "account_expired null", "input": replace(vendor_user, {"account_expired": null})},
		{"note": "disabled", "input": replace(vendor_user, {"enabled": false})},
		{"note": "enabled null", "input": replace(vendor_user, {"enabled": null})},
		{"note": "a user, not a vendor user", "input": replace(vendor_user, {"kind": "user", "vendor": null})},
	]
	not expired_vendor_account_enabled.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
}
