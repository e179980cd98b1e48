# METADATA
# title: Orphaned group policy
# description: A group policy with no members at all (no user, no directory group) that no security provider or vendor uses as its default policy, so it grants nothing to anyone.
# custom:
#   id: orphaned-group-policy
#   family: orphaned-groups
#   severity: low
#   remediation: Delete the group policy, or add the users or directory groups it was meant for.
#   input: group_policy
#   requires: [group_policies, group_policy_members]
#   controls:
#     soc2: [CC6.3]
#     iso27001: [A.5.15]
#     nist800-53: [AC-2]
package review.rules.orphaned_group_policy

finding := {
	"detail": "no members (no user, no directory group), and no security provider or vendor uses it as its default policy",
	"evidence": {
		"members": input.members.total,
		"default_policy_of": input.default_policy_of,
	},
} if {
	input.members.total == 0
	is_array(input.default_policy_of)
	count(input.default_policy_of) == 0
}
