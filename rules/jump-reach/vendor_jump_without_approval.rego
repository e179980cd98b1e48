# METADATA
# title: Vendor reaches a Jump Item without approval
# description: A Jump Item that a PRA vendor user can reach (through its vendor group's default policy, a group policy it holds, or its own Jump Group membership) under a Jump Policy that does not require approval, or under no Jump Policy, so a third party can start a session that nobody in the organisation lets in. The policy in force is the membership's own when it sets one, else the item's. A policy missing from the Jump Policy export is not judged. Remote Support's Jump Policies have no approval, so it is not checked there.
# custom:
#   id: vendor-jump-without-approval
#   family: jump-reach
#   severity: high
#   remediation: Require approval on the Jump Policy in force, or set a Jump Policy that requires it on the vendor's Jump Group membership (it overrides the item's); or take the Jump Group from the vendor's group policy.
#   input: jump_item
#   requires: [jump_items, jump_policies, jump_policy.approval, vendors, vendor_users, group_policy_jump_groups, group_policy_jump_group.jump_policy]
#   controls:
#     soc2: [CC6.1, CC6.3]
#     iso27001: [A.5.15, A.8.2]
#     nist800-53: [AC-2]
#     pci-dss: [8.2.7]
package review.rules.vendor_jump_without_approval

# unapproved are the vendor users' paths to the item under no policy, or
# under one that states it requires no approval (null: not known, not judged;
# set_on "unknown": the membership's policy is not exported, not judged).
unapproved := [access |
	some access in input.vendor_access
	without_approval(access)
]

without_approval(access) if {
	access.policy == null
	access.set_on != "unknown" # the membership's policy is not exported: not judged
}

without_approval(access) if access.approval_required == false

finding := {
	"detail": sprintf("%s (%s in %s) is reached by vendor users without approval: %s%s", [input.name, item_ref, group_text, concat("; ", shown), more]),
	"evidence": {
		"jump_group": input.jump_group,
		"item_type": input.type_name,
		"item_id": input.id,
		"host": input.host,
		"vendors": sort({v | some a in unapproved; v := text(a.vendor, "unknown vendor group")}),
		"vendor_users": sort({a.user | some a in unapproved}),
		"paths": [{"vendor": a.vendor, "user": a.user, "path": a.path, "policy": a.policy, "set_on": a.set_on} | some a in unapproved],
	},
} if {
	is_array(input.vendor_access)
	count(input.vendor_access) > 0
	count(unapproved) > 0
}

item_ref := sprintf("%s %v", [input.type_name, input.id])

group_text := sprintf("Jump Group %s", [input.jump_group]) if {
	is_string(input.jump_group)
} else := "a personal Jump Group"

# The first paths, in the order of the fact (vendor, user, path).
shown := [describe(a) |
	some n, a in unapproved
	n < 5
]

more := sprintf("; and %d more", [count(unapproved) - count(shown)]) if {
	count(unapproved) > count(shown)
} else := ""

describe(a) := sprintf("%s (%s) through %s, %s", [a.user, text(a.vendor, "unknown vendor group"), a.path, policy_text(a)])

policy_text(a) := "under no Jump Policy" if {
	a.policy == null
} else := sprintf("under Jump Policy %s, set by the membership, which does not require approval", [a.policy]) if {
	a.set_on == "membership"
} else := sprintf("under Jump Policy %s, set on the item, which does not require approval", [a.policy])

text(x, alt) := x if is_string(x)

text(x, alt) := alt if not is_string(x)
