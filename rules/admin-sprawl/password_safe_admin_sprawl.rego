# METADATA
# title: Password Safe administrator sprawl
# description: A Password Safe user holding an administrator group (IsAdministratorGroup) or the Information Security Administrator role (role 4) on a Smart Rule, when the source's enabled administrators are more than max_admins. One finding per enabled administrator, so each can be decided on.
# custom:
#   id: password-safe-admin-sprawl
#   family: admin-sprawl
#   severity: medium
#   remediation: Remove the user from the administrator groups, or the Information Security Administrator role, unless they need it daily; give narrower roles on the Smart Rules they work with instead.
#   input: account
#   requires: [ps_users, user.enabled, user.administrator]
#   controls:
#     soc2: [CC6.3]
#     iso27001: [A.8.2]
#     nist800-53: [AC-6(7)]
#     pci-dss: [7.2.4]
#   params:
#     max_admins: 5
package review.rules.password_safe_admin_sprawl

ps := input.password_safe

admin_groups := ps.administrator_groups if {
	is_array(ps.administrator_groups)
} else := []

roles := ps.roles if {
	is_array(ps.roles)
} else := []

finding := {
	"detail": sprintf("one of %v enabled Password Safe administrators, more than max_admins (%v): %s", [ps.source_admins, data.params.max_admins, concat("; ", reasons)]),
	"evidence": {
		"administrator": true,
		"administrator_groups": admin_groups,
		"roles": roles,
		"source_admins": ps.source_admins,
	},
} if {
	input.enabled == true
	input.administrator == true
	is_number(ps.source_admins)
	ps.source_admins > data.params.max_admins
}

group_reason := [sprintf("administrator group %s", [concat(", ", admin_groups)])] if {
	count(admin_groups) > 0
} else := []

role_reason := ["Information Security Administrator (role 4) on a Smart Rule"] if {
	4 in roles
} else := []

reasons := array.concat(group_reason, role_reason)
