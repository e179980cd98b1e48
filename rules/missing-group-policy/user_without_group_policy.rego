# METADATA
# title: User without group policy
# description: An enabled user with no group policy from any input (user-group-policies, direct membership, the report) and no default policy from its security provider, so it can log in but its access is undefined. A PRA vendor user is checked through its vendor group, whose default policy counts as its group policy; a vendor user whose vendor group is not in the export is not checked. A Password Safe user in no active user group cannot log in, but is still an account to review.
# custom:
#   id: user-without-group-policy
#   family: missing-group-policy
#   severity: medium
#   remediation: Assign the user the group policy that matches their role, or disable the account if nobody needs it.
#   input: account
#   requires: ["users|ps_users", user.enabled, "group_policy_members|user_group_policies|user.group_policies|ps_user_group_users|ps_entitlements"]
#   controls:
#     soc2: [CC6.3]
#     iso27001: [A.5.15, A.5.18]
#     nist800-53: [AC-2]
package review.rules.user_without_group_policy

finding := {
	"detail": detail,
	"evidence": {
		"group_policies": input.group_policies,
		"default_policy": null,
		"provider": provider_name,
	},
} if {
	input.kind == "user"
	object.get(input, "password_safe", null) == null
	input.enabled == true
	is_array(input.group_policies)
	count(input.group_policies) == 0
	object.get(input, "default_policy", null) == null
}

# Password Safe: access comes from user groups, not group policies.
finding := {
	"detail": "enabled Password Safe user in no active user group: cannot log in, but still an account to review",
	"evidence": {
		"group_policies": [],
		"user_groups": input.password_safe.user_groups,
		"provider": provider_name,
	},
} if {
	input.enabled == true
	is_array(input.password_safe.user_groups)
	count(input.password_safe.user_groups) == 0
}

provider_name := input.provider.name if {
	is_string(input.provider.name)
} else := null

# A PRA vendor user gets its access from its vendor group's default policy
# (it is never a member of a group policy itself). A vendor group the export
# lacks says nothing about that policy: no finding (dangling-reference names
# the missing vendor).
finding := {
	"detail": sprintf("enabled vendor user with no group policy, and its vendor group %s has no default policy", [vendor_label]),
	"evidence": {
		"group_policies": input.group_policies,
		"default_policy": null,
		"provider": vendor_label,
		"vendor": vendor_label,
		"account_expiration_days": input.vendor.account_expiration_days,
		"approval_required": input.vendor.user_approval_enabled,
	},
} if {
	input.kind == "vendor-user"
	input.enabled == true
	is_array(input.group_policies)
	count(input.group_policies) == 0
	object.get(input, "default_policy", null) == null
	is_number(input.vendor.id)
}

# vendor_label names the vendor group as vendor_facts does: #id when unnamed.
vendor_label := input.vendor.name if {
	is_string(input.vendor.name)
} else := sprintf("#%d", [input.vendor.id])

detail := sprintf("enabled user with no group policy, and its security provider %s has no default policy", [provider_name]) if {
	provider_name != null
} else := "enabled user with no group policy, and no default policy from a security provider"
