# METADATA
# title: Jump Item without a Jump Policy
# description: A Jump Item in a shared Jump Group with no Jump Policy of its own and none from any Jump Group membership that reaches it, reached by at least one enabled non-administrator, so its sessions have no approval, schedule, notification or recording rule of their own. Personal Jump Items (their owner's alone) are not reported. Remote Support's memberships carry no Jump Policy, so it is not checked there.
# custom:
#   id: jump-item-without-policy
#   family: jump-reach
#   severity: low
#   remediation: Set a Jump Policy on the item (or on the Jump Group memberships that reach it) that says when and how it may be used.
#   input: jump_item
#   requires: [jump_items, group_policy_jump_groups, group_policy_jump_group.jump_policy, jump_group_users, jump_group_user.jump_policy, user.administrator]
#   controls:
#     soc2: [CC6.3]
#     iso27001: [A.5.15]
#     nist800-53: [AC-2]
package review.rules.jump_item_without_policy

finding := {
	"detail": sprintf("%s (%s %v) in shared Jump Group %s has no Jump Policy from the item or any membership, and %s reach it (%s) through %s", [input.name, input.type_name, input.id, input.jump_group, counted(input.without_policy.non_administrators, "non-administrator"), concat(", ", input.without_policy.names), concat(", ", input.without_policy.paths)]),
	"evidence": {
		"jump_group": input.jump_group,
		"item_type": input.type_name,
		"item_id": input.id,
		"host": input.host,
		"non_administrators": input.without_policy.non_administrators,
		"accounts": input.without_policy.names,
		"paths": input.without_policy.paths,
	},
} if {
	input.jump_group_type == "shared"
	input.without_policy.non_administrators > 0
	input.policy == null
	count(input.policies) == 0
}

counted(n, noun) := sprintf("1 %s", [noun]) if n == 1

counted(n, noun) := sprintf("%d %ss", [n, noun]) if n != 1
