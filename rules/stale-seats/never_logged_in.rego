# METADATA
# title: Never logged in
# description: An enabled account (user, vendor user or Password Safe user) that has never authenticated and was created more than new_account_grace_days days before the as-of date, or has no creation date.
# custom:
#   id: never-logged-in
#   family: stale-seats
#   severity: medium
#   remediation: Ask the account's owner or manager whether it is still needed; if not, disable or delete it and reclaim the seat.
#   input: account
#   evidence: [last_authentication, seat_cost]
#   requires: ["users|vendor_users|ps_users", user.enabled, user.last_authentication]
#   controls:
#     soc2: [CC6.2]
#     iso27001: [A.5.16, A.5.18]
#     nist800-53: [AC-2, AC-2(3)]
#     pci-dss: [7.2.4, 8.2.6]
#   params:
#     new_account_grace_days: 30
package review.rules.never_logged_in

# A null last_authentication means the account never authenticated; a null
# created_at means the creation date is unknown, which does not protect it.
last_authentication := object.get(input, "last_authentication", null)

created_at := object.get(input, "created_at", null)

finding := {
	"detail": detail,
	"evidence": {
		"last_authentication": null,
		"created_at": created_at,
		"days_since_created": object.get(input, "days_since_created", null),
	},
} if {
	input.enabled == true
	last_authentication == null
	past_grace
}

past_grace if created_at == null

past_grace if {
	is_string(created_at)
	is_number(input.days_since_created)
	input.days_since_created > data.params.new_account_grace_days
}

detail := "never authenticated, and has no creation date" if {
	created_at == null
} else := sprintf(
	"never authenticated; created %s, %v days before %s",
	[substring(created_at, 0, 10), input.days_since_created, data.review.as_of],
) if {
	is_string(created_at)
}
