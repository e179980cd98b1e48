# METADATA
# title: Orphaned Vault account group
# description: A Vault account group that has no users and that no group policy assigns, so it gives nobody access.
# custom:
#   id: orphaned-vault-account-group
#   family: orphaned-groups
#   severity: medium
#   remediation: Delete the Vault account group, or add the users or group policies that should use it.
#   input: vault_account_group
#   requires: [vault_account_groups, "vault_account_group_users|user.vault_account_groups", group_policy_vault_account_groups]
#   controls:
#     soc2: [CC6.3]
#     iso27001: [A.5.15]
#     nist800-53: [AC-2]
package review.rules.orphaned_vault_account_group

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
