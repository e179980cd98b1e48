# METADATA
# title: API account with full access
# description: An enabled API account that can change the configuration (perm_configuration), run any command (perm_command full_access) or download backups (perm_backup); its client secret is as powerful as an administrator.
# custom:
#   id: api-account-full-access
#   family: admin-sprawl
#   severity: medium
#   remediation: Reduce the API account to the permissions its integration uses, or disable it if nothing uses it, and rotate its client secret.
#   input: api_account
#   requires: [api_accounts]
#   controls:
#     soc2: [CC6.3]
#     iso27001: [A.8.2]
#     nist800-53: [AC-6(7)]
#     pci-dss: [7.2.5]
package review.rules.api_account_full_access

grants contains "perm_backup" if input.perm_backup == true

grants contains "perm_command full_access" if input.perm_command == "full_access"

grants contains "perm_configuration" if input.perm_configuration == true

finding := {
	"detail": sprintf("enabled API account with %s", [concat(", ", sort(grants))]),
	"evidence": {
		"perm_configuration": object.get(input, "perm_configuration", null),
		"perm_command": object.get(input, "perm_command", null),
		"perm_backup": object.get(input, "perm_backup", null),
	},
} if {
	input.enabled == true
	count(grants) > 0
}
