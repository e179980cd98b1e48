# METADATA
# title: Orphaned team
# description: A team that has no users and that no group policy assigns, so it gives nobody access.
# custom:
#   id: orphaned-team
#   family: orphaned-groups
#   severity: low
#   remediation: Delete the team, or add the users or group policies that should use it.
#   input: team
#   requires: [teams, "team_users|user.teams", group_policy_teams]
#   controls:
#     soc2: [CC6.3]
#     iso27001: [A.5.15]
#     nist800-53: [AC-2]
package review.rules.orphaned_team

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
