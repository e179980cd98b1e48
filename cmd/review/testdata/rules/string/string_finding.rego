# METADATA
# title: String finding
# description: Gives a string instead of an object.
# custom:
#   id: string-finding
#   family: account-hygiene
#   severity: low
#   remediation: Fix the rule.
#   input: account
package custom.string_finding

finding := "enabled account" if {
	input.enabled == true
}
