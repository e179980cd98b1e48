# METADATA
# title: Enabled account
# description: Any enabled account; its METADATA names a control the catalogue does not have.
# custom:
#   id: enabled-account
#   family: account-hygiene
#   severity: low
#   remediation: None.
#   input: account
#   controls:
#     soc2: [CC6.1]
#     pci-dss: [8.2.6, 8.2.9]
package custom.enabled_account

finding := {"detail": "enabled", "evidence": {}} if {
	input.enabled == true
}
