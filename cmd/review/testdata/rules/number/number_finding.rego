# METADATA
# title: Number finding
# description: Gives a number instead of an object.
# custom:
#   id: number-finding
#   family: account-hygiene
#   severity: low
#   remediation: Fix the rule.
#   input: account
package custom.number_finding

finding := 1 if {
	input.enabled == true
}
