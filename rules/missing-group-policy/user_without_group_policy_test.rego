package review.rules.user_without_group_policy_test

import data.review.rules.user_without_group_policy
import data.review.testdata.facts

as_of := "2025-11-22"

# An enabled user without a group policy, whose provider has no default policy.
account := facts.replace(facts.account, {
	"group_policies": [],
	"memberships": facts.replace(facts.account_memberships, {"group_policies": 0}),
})

test_fires[tc.note] if {
	some tc in [
		{
			"note": "no group policy, provider without default",
			"input": account,
			"detail": "enabled user with no group policy, and its security provider Corp LDAP has no default policy",
			"evidence": {"group_policies": [], "default_policy": null, "provider": "Corp LDAP"},
		},
		{
			"note": "provider unknown",
			"input": facts.replace(account, {"provider": null}),
			"detail": "enabled user with no group policy, and no default policy from a security provider",
			"evidence": {"group_policies": [], "default_policy": null, "provider": null},
		},
		{
			"note": "default_policy key absent counts as none",
			"input": object.remove(account, ["default_policy"]),
			"detail": "enabled user with no group policy, and its security provider Corp LDAP has no default policy",
			"evidence": {"group_policies": [], "default_policy": null, "provider": "Corp LDAP"},
		},
	]
	f := user_without_group_policy.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
	f.detail == tc.detail
	f.evidence == tc.evidence
}

# A Password Safe user: access comes from user groups; group policies and
# default policies are not Password Safe's.
ps_account := facts.replace(facts.account, {
	"product": "password-safe",
	"group_policies": [],
	"default_policy": null,
	"provider": {"id": null, "name": "CORP", "type": "password-safe"},
	"password_safe": facts.replace(facts.account_password_safe, {"user_groups": [], "roles": [], "smart_rules": []}),
})

test_password_safe_fires if {
	f := user_without_group_policy.finding with input as ps_account with data.params as {} with data.review.as_of as as_of
	f.detail == "enabled Password Safe user in no active user group: cannot log in, but still an account to review"
	f.evidence == {"group_policies": [], "user_groups": [], "provider": "CORP"}
}

test_password_safe_does_not_fire[tc.note] if {
	some tc in [
		{"note": "in a user group", "input": facts.replace(ps_account, {"password_safe": facts.account_password_safe})},
		{"note": "disabled", "input": facts.replace(ps_account, {"enabled": false})},
		{"note": "user_groups null", "input": facts.replace(ps_account, {"password_safe": facts.replace(facts.account_password_safe, {"user_groups": null})})},
	]
	not user_without_group_policy.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
}

test_does_not_fire[tc.note] if {
	some tc in [
		{"note": "has a group policy", "input": facts.replace(account, {"group_policies": ["Support Tier 1"]})},
		{"note": "unnamed group policy", "input": facts.replace(account, {"group_policies": ["#7"]})},
		{"note": "provider has a default policy", "input": facts.replace(account, {"default_policy": "Everyone"})},
		{"note": "group_policies null", "input": facts.replace(account, {"group_policies": null})},
		{"note": "disabled", "input": facts.replace(account, {"enabled": false})},
		{"note": "enabled null", "input": facts.replace(account, {"enabled": null})},
	]
	not user_without_group_policy.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
}

# An enabled vendor user of Acme IT, whose vendor group names no default
# policy (vendor users are never group policy members themselves).
vendor_user := facts.replace(account, {
	"kind": "vendor-user", "username": "acme.tech",
	"provider": {"id": null, "name": "Acme IT", "type": "vendor"},
	"default_policy": null,
	"vendor": facts.account_vendor,
})

test_vendor_user_fires[tc.note] if {
	some tc in [
		{
			"note": "vendor group without default policy",
			"input": vendor_user,
			"detail": "enabled vendor user with no group policy, and its vendor group Acme IT has no default policy",
			"evidence": {
				"group_policies": [], "default_policy": null, "provider": "Acme IT",
				"vendor": "Acme IT", "account_expiration_days": 30, "approval_required": true,
			},
		},
		{
			"note": "unnamed vendor group, approval not stated",
			"input": facts.replace(vendor_user, {"vendor": object.union(facts.account_vendor, {"name": null, "user_approval_enabled": null})}),
			"detail": "enabled vendor user with no group policy, and its vendor group #3 has no default policy",
			"evidence": {
				"group_policies": [], "default_policy": null, "provider": "#3",
				"vendor": "#3", "account_expiration_days": 30, "approval_required": null,
			},
		},
	]
	f := user_without_group_policy.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
	f.detail == tc.detail
	f.evidence == tc.evidence
}

test_vendor_user_does_not_fire[tc.note] if {
	some tc in [
		{"note": "vendor group has a default policy", "input": facts.replace(vendor_user, {"default_policy": "Vendor Access"})},
		{"note": "vendor group's default policy missing from the export", "input": facts.replace(vendor_user, {"default_policy": "#99"})},
		# Nothing is known of the policy of a vendor group the export lacks.
		{"note": "vendor group not in the export", "input": facts.replace(vendor_user, {"vendor": object.union(facts.account_vendor, {"id": null, "name": null, "user_approval_enabled": null, "account_expiration_days": null})})},
		{"note": "vendor null", "input": facts.replace(vendor_user, {"vendor": null})},
		{"note": "disabled", "input": facts.replace(vendor_user, {"enabled": false})},
		{"note": "enabled null", "input": facts.replace(vendor_user, {"enabled": null})},
	]
	not user_without_group_policy.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
}

# A user (not a vendor user) is never judged by a vendor group, even one
# the fact carries.
test_user_not_judged_by_vendor if {
	f := user_without_group_policy.finding with input as facts.replace(account, {"vendor": facts.account_vendor})
		with data.params as {} with data.review.as_of as as_of
	f.detail == "enabled user with no group policy, and its security provider Corp LDAP has no default policy"
}
