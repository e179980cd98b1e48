# METADATA
# title: Evidence as text
# description: Evidence written as a string, not an object.
# custom:
#   id: evidence-string
#   family: account-hygiene
#   severity: low
#   remediation: Fix the rule.
#   input: account
package custom.evidence_string

finding := {"detail": "enabled", "evidence": "the account is enabled"} if {
	input.enabled == true
}
