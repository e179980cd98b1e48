# METADATA
# title: Group policy without active members
# description: A group policy whose members are only users and none of them is enabled (each is disabled, expired or missing from the user export), so it grants nothing in practice.
# custom:
#   id: group-policy-no-active-members
#   family: orphaned-groups
#   severity: low
#   remediation: Remove the disabled members and delete the group policy, or add the enabled users or directory groups that should hold it.
#   input: group_policy
#   requires: [group_policies, users, "group_policy_members|user_group_policies|user.group_policies"]
#   controls:
#     soc2: [CC6.3]
#     iso27001: [A.5.15]
#     nist800-53: [AC-2]
package review.rules.group_policy_no_active_members

finding := {
	"detail": detail,
	"evidence": {
		"members": object.get(input.members, "total", null),
		"users": input.members.users,
		"enabled_users": input.members.enabled_users,
		"directory_groups": input.members.directory_groups,
	},
} if {
	is_number(input.members.users)
	input.members.users > 0
	input.members.directory_groups == 0
	input.members.enabled_users == 0
}

detail := "its only member is a user who is not enabled (disabled, expired or missing from the user export), and it has no directory group" if {
	input.members.users == 1
} else := sprintf(
	"its %v members are all users and none is enabled (disabled, expired or missing from the user export), and it has no directory group",
	[input.members.users],
)
