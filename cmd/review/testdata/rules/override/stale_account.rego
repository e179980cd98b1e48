# METADATA
# title: Stale account (our policy)
# description: Our own stale-account rule, replacing the built-in one, fires on every enabled account that ever authenticated.
# custom:
#   id: stale-account
#   family: stale-seats
#   severity: high
#   remediation: Ask the owner.
#   input: account
package custom.stale_account

finding := {"detail": "our stale rule", "evidence": {"days_since": input.days_since_last_authentication}} if {
	input.enabled == true
	is_number(input.days_since_last_authentication)
}
