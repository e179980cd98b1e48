# METADATA
# title: Password Safe self-approval
# description: An enabled Password Safe user who can both request and approve on the same Smart Rule, through role 3 (Requestor/Approver) or through roles 1 (Requestor) and 2 (Approver) held through any of its user groups, so it can release credentials to itself. Requestor on one Smart Rule and Approver on another is not self-approval.
# custom:
#   id: password-safe-self-approval
#   family: account-hygiene
#   severity: high
#   remediation: Keep requesting and approving apart on each Smart Rule - remove the user from the approver group, or from the requestor group, or replace role 3 with role 1 - so that someone else approves their requests.
#   input: account
#   requires: [ps_users, user.enabled, "ps_entitlements|ps_user_group_smart_rule_roles", "ps_entitlements|ps_user_group_users"]
#   controls:
#     soc2: [CC6.3]
#     iso27001: [A.5.3]
#     nist800-53: [AC-5]
package review.rules.password_safe_self_approval

finding := {
	"detail": sprintf("can both request and approve on the Smart %s %s", [noun, concat(", ", rules)]),
	"evidence": {
		"smart_rules": rules,
		"user_groups": input.password_safe.user_groups,
	},
} if {
	input.enabled == true
	is_array(input.password_safe.self_approval)
	count(input.password_safe.self_approval) > 0
}

# Written out in the conditions above, so that the SQL prefilter passes
# only accounts with a self-approved Smart Rule.
rules := input.password_safe.self_approval

noun := "Rule" if {
	count(rules) == 1
} else := "Rules"
