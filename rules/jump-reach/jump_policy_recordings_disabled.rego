# METADATA
# title: Jump Policy disables recording
# description: A Jump Policy with recordings_disabled that is in force on at least one Jump Item someone can reach (set on the item, or by a Jump Group membership that overrides the item's policy), so sessions to those items leave no recording to review. Remote Support's Jump Policies have no recording setting, so it is not checked there.
# custom:
#   id: jump-policy-recordings-disabled
#   family: jump-reach
#   severity: medium
#   remediation: Turn recording back on in the Jump Policy, or move the items and memberships that use it to a policy that records; if a system must not be recorded, record the exception and who approved it.
#   input: jump_policy
#   requires: [jump_policies, jump_policy.recordings, jump_items, "group_policy_jump_groups|jump_group_users"]
#   controls:
#     soc2: [CC6.1]
#     iso27001: [A.8.2]
#     nist800-53: [AU-6]
package review.rules.jump_policy_recordings_disabled

finding := {
	"detail": sprintf("Jump Policy %s disables session recording and is in force on %s that %s reach: %s%s", [input.name, counted(input.items, "Jump Item"), counted(input.accounts, "account"), concat(", ", shown), more]),
	"evidence": {
		"items": input.items,
		"accounts": input.accounts,
		"in_force": input.in_force,
	},
} if {
	input.recordings_disabled == true
	input.items > 0
}

# The first items by name, each with who sets the policy on it.
shown := [sprintf("%s (%s; %s)", [i.item, concat(", ", i.set_by), counted(i.accounts, "account")]) |
	some n, i in input.in_force
	n < 5
]

more := sprintf(" and %d more", [input.items - count(shown)]) if {
	is_number(input.items)
	input.items > count(shown)
} else := ""

counted(n, noun) := sprintf("1 %s", [noun]) if n == 1

counted(n, noun) := sprintf("%d %ss", [n, noun]) if n != 1
