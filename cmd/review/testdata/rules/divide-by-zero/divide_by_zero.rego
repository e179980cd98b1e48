# METADATA
# title: Divides by zero
# description: A built-in error that must not make the rule silently undefined.
# custom:
#   id: divide-by-zero
#   family: account-hygiene
#   severity: low
#   remediation: Fix the rule.
#   input: account
package custom.divide_by_zero

finding := {"detail": "enabled", "evidence": {"ratio": ratio}} if {
	input.enabled == true
	ratio := 1 / 0
}
