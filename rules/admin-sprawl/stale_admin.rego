# METADATA
# title: Stale administrator
# description: An enabled administrator whose last authentication is more than admin_stale_days days before the as-of date, or who never authenticated.
# custom:
#   id: stale-admin
#   family: admin-sprawl
#   severity: high
#   remediation: Remove the administrator permission (or disable the account) unless its owner confirms it is still needed.
#   input: account
#   requires: ["users|ps_users", user.administrator, user.last_authentication]
#   controls:
#     soc2: [CC6.3]
#     iso27001: [A.8.2]
#     nist800-53: [AC-2(3), AC-6(7)]
#     pci-dss: [7.2.4, 8.2.6]
#   params:
#     admin_stale_days: 30
package review.rules.stale_admin

# A null last_authentication means the account never authenticated.
last_authentication := object.get(input, "last_authentication", null)

days_since := object.get(input, "days_since_last_authentication", null)

finding := {
	"detail": detail,
	"evidence": {
		"administrator": true,
		"last_authentication": last_authentication,
		"days_since": days_since,
	},
} if {
	input.enabled == true
	input.administrator == true
	stale
}

stale if last_authentication == null

stale if {
	is_string(last_authentication)
	is_number(days_since)
	days_since > data.params.admin_stale_days
}

detail := "enabled administrator that never authenticated" if {
	last_authentication == null
} else := sprintf(
	"enabled administrator last authenticated %s, %v days before %s",
	[substring(last_authentication, 0, 10), days_since, data.review.as_of],
) if {
	is_string(last_authentication)
}
