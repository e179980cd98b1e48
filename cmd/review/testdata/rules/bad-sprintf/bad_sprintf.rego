# METADATA
# title: Bad sprintf
# description: sprintf given a string where it needs an array.
# custom:
#   id: bad-sprintf
#   family: account-hygiene
#   severity: low
#   remediation: Fix the rule.
#   input: account
package custom.bad_sprintf

finding := {"detail": sprintf("%s is enabled", input.username), "evidence": {}} if {
	input.enabled == true
}
