# METADATA
# title: Terminated user still enabled
# description: An enabled account whose person in the HR roster is terminated (by status, or by a termination date on or before the as-of date).
# custom:
#   id: terminated-user-enabled
#   family: offboarding
#   severity: high
#   remediation: Disable the account now, end its active sessions, and rotate any credentials the person could reach.
#   input: account
#   evidence: [last_authentication, seat_cost]
#   requires: [roster, user.enabled]
#   controls:
#     soc2: [CC6.2]
#     iso27001: [A.5.16, A.5.18]
#     nist800-53: [AC-2, AC-2(3), PS-4]
#     pci-dss: [7.2.4, 8.2.5]
package review.rules.terminated_user_enabled

# A missing status or date on a matched roster entry is shown as null.
status := s if {
	s := input.roster.status
} else := null

termination_date := d if {
	d := input.roster.termination_date
} else := null

finding := {
	"detail": detail,
	"evidence": {
		"roster_status": status,
		"termination_date": termination_date,
	},
} if {
	input.enabled == true
	input.roster.matched == true
	input.roster.terminated == true
}

# A termination date on or before the as-of date says the person left,
# whatever the status still says ("active" until HR updates it): the detail
# gives the date as the reason, not a status that contradicts it.
detail := sprintf("still enabled, but the person left on %s by the roster's termination date (status %s)", [date_text, status_text]) if {
	is_string(termination_date)
	date_text <= data.review.as_of
} else := sprintf(
	"still enabled, but the roster marks the person as terminated (status %s, termination date %s)",
	[status_text, date_text],
)

status_text := status if {
	is_string(status)
} else := "not given"

date_text := substring(termination_date, 0, 10) if {
	is_string(termination_date)
} else := "not given"
