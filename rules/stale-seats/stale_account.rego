# METADATA
# title: Stale account
# description: An enabled account (user, vendor user or Password Safe user) whose last authentication is more than stale_days days before the as-of date, so its seat is probably unused. An account that never authenticated is reported by never-logged-in instead; a quarantined Password Safe user is already locked out and is not reported. A session or audited activity in the last stale_days days (session and activity reports) counts as use, so such an account is not stale.
# custom:
#   id: stale-account
#   family: stale-seats
#   severity: medium
#   remediation: Confirm with the account's owner or manager that it is no longer needed, then disable it (or remove its group policies) and reclaim the seat.
#   input: account
#   evidence: [last_authentication, seat_cost]
#   requires: ["users|vendor_users|ps_users", user.enabled, user.last_authentication]
#   controls:
#     soc2: [CC6.2]
#     iso27001: [A.5.18]
#     nist800-53: [AC-2, AC-2(3)]
#     pci-dss: [7.2.4, 8.2.6]
#   params:
#     stale_days: 90
package review.rules.stale_account

finding := {
	"detail": sprintf(
		"last authenticated %s, %v days before %s",
		[substring(input.last_authentication, 0, 10), input.days_since_last_authentication, data.review.as_of],
	),
	"evidence": {
		"last_authentication": input.last_authentication,
		"days_since": input.days_since_last_authentication,
	},
} if {
	input.enabled == true
	is_string(input.last_authentication)
	is_number(input.days_since_last_authentication)
	input.days_since_last_authentication > data.params.stale_days
	not quarantined
	not used_in_window
}

# A session, Vault event or Password Safe record in the window is use,
# whatever the last-authentication field says.
used_in_window if input.activity.active_in_window == true

quarantined if input.password_safe.quarantined == true
