# METADATA
# title: Unknown group policy
# description: An account that names a group policy (in the report's column or in user-group-policies) that the group policy export does not contain.
# custom:
#   id: unknown-group-policy
#   family: missing-group-policy
#   severity: medium
#   remediation: Re-export the group policies if the export is incomplete; otherwise correct or remove the account's reference to the missing group policy.
#   input: account
#   requires: [group_policies]
#   controls:
#     iso27001: [A.5.15]
#     nist800-53: [AC-2]
package review.rules.unknown_group_policy

unknown := [sprintf("%v", [p]) | some p in input.unknown_group_policies]

finding := {
	"detail": detail,
	"evidence": {
		"unknown_group_policies": input.unknown_group_policies,
		"group_policies": object.get(input, "group_policies", null),
	},
} if {
	is_array(input.unknown_group_policies)
	count(input.unknown_group_policies) > 0
}

detail := sprintf("names group policy %s, which the group policy export does not contain", [unknown[0]]) if {
	count(unknown) == 1
} else := sprintf("names group policies %s, which the group policy export does not contain", [concat(", ", unknown)])
