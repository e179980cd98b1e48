# METADATA
# title: Set form
# description: Written as a set, the usual Rego form, which review cannot read.
# custom:
#   id: set-form
#   family: account-hygiene
#   severity: low
#   remediation: Fix the rule.
#   input: account
package custom.set_form

finding contains {"detail": "enabled", "evidence": {}} if {
	input.enabled == true
}
