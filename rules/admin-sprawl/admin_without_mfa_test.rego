package review.rules.admin_without_mfa_test

import data.review.rules.admin_without_mfa
import data.review.testdata.facts

as_of := "2025-11-22"

# An enabled administrator without two-factor authentication.
account := facts.replace(facts.account, {"administrator": true})

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
			"input": facts.replace(account, {"two_factor_enabled": null}),
			"detail": "enabled administrator with no two-factor authentication recorded and no passwordless (FIDO2) credential",
			"evidence": {"administrator": true, "two_factor_enabled": null, "passwordless_credentials": 0},
		},
		{
			"note": "passwordless null (only a two-factor column)",
			"input": facts.replace(account, {"passwordless_credentials": null}),
			"detail": "enabled administrator with two-factor authentication disabled and no passwordless (FIDO2) credential recorded",
			"evidence": {"administrator": true, "two_factor_enabled": false, "passwordless_credentials": null},
		},
		{
			"note": "both null",
			"input": facts.replace(account, {"two_factor_enabled": null, "passwordless_credentials": null}),
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
		{"note": "two-factor enabled", "input": facts.replace(account, {"two_factor_enabled": true})},
		{"note": "two-factor enabled, passwordless null", "input": facts.replace(account, {"two_factor_enabled": true, "passwordless_credentials": null})},
		{"note": "one passwordless credential", "input": facts.replace(account, {"passwordless_credentials": 1})},
		{"note": "passwordless credential, two-factor null", "input": facts.replace(account, {"two_factor_enabled": null, "passwordless_credentials": 2})},
		{"note": "not an administrator", "input": facts.replace(account, {"administrator": false})},
		{"note": "administrator null", "input": facts.replace(account, {"administrator": null})},
		{"note": "disabled", "input": facts.replace(account, {"enabled": false})},
		{"note": "enabled null", "input": facts.replace(account, {"enabled": null})},
	]
	not admin_without_mfa.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
}
