# METADATA
# title: Type error
# description: upper() of a boolean, before a condition the SQL prefilter would check.
# custom:
#   id: type-error
#   family: account-hygiene
#   severity: low
#   remediation: Fix the rule.
#   input: account
package custom.type_error

finding := {"detail": "shouting", "evidence": {}} if {
	upper(input.enabled) == "TRUE"
	input.days_since_last_authentication > 100000
}
