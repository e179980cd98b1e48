package review.rules.expired_vendor_account_enabled_test

import data.review.rules.expired_vendor_account_enabled
import data.review.testdata.facts

as_of := "2025-11-22"

# A vendor user of Acme IT, enabled, whose account expired last month.
vendor_user := facts.replace(facts.account, {
	"kind": "vendor-user", "username": "acme.tech",
	"provider": {"id": null, "name": "Acme IT", "type": "vendor"},
	"account_expiration": "2025-10-31T00:00:00Z", "account_expired": true,
	"vendor": facts.account_vendor,
})

test_fires[tc.note] if {
	some tc in [
		{
			"note": "expired last month",
			"input": vendor_user,
			"detail": "vendor user of Acme IT is enabled, but its account expired (account expiration 2025-10-31, as of 2025-11-22)",
			"evidence": {"account_expiration": "2025-10-31T00:00:00Z", "vendor": "Acme IT", "account_expiration_days": 30, "approval_required": true},
		},
		{
			"note": "expires on the as-of date",
			"input": facts.replace(vendor_user, {"account_expiration": "2025-11-22"}),
			"detail": "vendor user of Acme IT is enabled, but its account expired (account expiration 2025-11-22, as of 2025-11-22)",
			"evidence": {"account_expiration": "2025-11-22", "vendor": "Acme IT", "account_expiration_days": 30, "approval_required": true},
		},
		{
			"note": "marked expired without a date",
			"input": facts.replace(vendor_user, {"account_expiration": null}),
			"detail": "vendor user of Acme IT is enabled, but its account expired (no expiration date, marked expired, as of 2025-11-22)",
			"evidence": {"account_expiration": null, "vendor": "Acme IT", "account_expiration_days": 30, "approval_required": true},
		},
		{
			"note": "vendor unknown",
			"input": facts.replace(vendor_user, {"vendor": null}),
			"detail": "vendor user is enabled, but its account expired (account expiration 2025-10-31, as of 2025-11-22)",
			"evidence": {"account_expiration": "2025-10-31T00:00:00Z", "vendor": null, "account_expiration_days": null, "approval_required": null},
		},
		{
			"note": "approval not stated by the vendor export",
			"input": facts.replace(vendor_user, {"vendor": object.union(facts.account_vendor, {"user_approval_enabled": null})}),
			"detail": "vendor user of Acme IT is enabled, but its account expired (account expiration 2025-10-31, as of 2025-11-22)",
			"evidence": {"account_expiration": "2025-10-31T00:00:00Z", "vendor": "Acme IT", "account_expiration_days": 30, "approval_required": null},
		},
	]
	f := expired_vendor_account_enabled.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
	f.detail == tc.detail
	f.evidence == tc.evidence
}

test_does_not_fire[tc.note] if {
	some tc in [
		{"note": "not expired (expires after the as-of date)", "input": facts.replace(vendor_user, {"account_expiration": "2025-11-23", "account_expired": false})},
		{"note": "no expiration", "input": facts.replace(vendor_user, {"account_expiration": null, "account_expired": false})},
		{"note": "account_expired null", "input": facts.replace(vendor_user, {"account_expired": null})},
		{"note": "disabled", "input": facts.replace(vendor_user, {"enabled": false})},
		{"note": "enabled null", "input": facts.replace(vendor_user, {"enabled": null})},
		{"note": "a user, not a vendor user", "input": facts.replace(vendor_user, {"kind": "user", "vendor": null})},
	]
	not expired_vendor_account_enabled.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
}
