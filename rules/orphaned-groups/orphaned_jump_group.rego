# METADATA
# title: Orphaned Jump Group
# description: A Jump Group that has no users and that no group policy assigns, so it gives nobody access.
# custom:
#   id: orphaned-jump-group
#   family: orphaned-groups
#   severity: medium
#   remediation: Delete the Jump Group, or add the users or group policies that should use it.
#   input: jump_group
#   requires: [jump_groups, "jump_group_users|user.jump_groups", group_policy_jump_groups]
#   controls:
#     soc2: [CC6.3]
#     iso27001: [A.5.15]
#     nist800-53: [AC-2]
package review.rules.orphaned_jump_group

finding := {
	"detail": "no users, and no group policy assigns it",
	"evidence": {
		"users": input.users,
		"group_policies": input.group_policies,
	},
} if {
	input.users == 0
	input.group_policies == 0
}
