# METADATA
# title: String known at run time
# description: Gives a string that only evaluation can see.
# custom:
#   id: late-string
#   family: account-hygiene
#   severity: low
#   remediation: Fix the rule.
#   input: account
package custom.late_string

finding := message if {
	input.enabled == true
	message := sprintf("%s is enabled", [input.username])
}
