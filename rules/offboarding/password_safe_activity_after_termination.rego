# METADATA
# title: Password Safe activity after termination
# description: A Password Safe user with a UserAudits record (a login or any action) or a Sessions row on a later day (UTC) than its person's termination date in the roster. A person marked terminated without a termination date cannot be compared and gets no finding.
# custom:
#   id: password-safe-activity-after-termination
#   family: offboarding
#   severity: high
#   remediation: Treat it as a possible incident - review what the user did after the person left (audits, session recordings), rotate the managed accounts it reached, and disable or delete the user.
#   input: account
#   requires: [roster, "ps_user_audits|ps_sessions"]
#   controls:
#     soc2: [CC6.2]
#     iso27001: [A.5.18]
#     nist800-53: [AC-2(3), AU-6, PS-4]
#     pci-dss: [8.2.6]
package review.rules.password_safe_activity_after_termination

records := input.after_termination.password_safe

finding := {
	"detail": sprintf("%d Password Safe records after the person left on %s: first %s, last %s", [records.count, input.roster.termination_date, describe(records.first), describe(records.last)]),
	"evidence": {
		"termination_date": input.roster.termination_date,
		"password_safe_records_after_termination": records.count,
		"records": records.ids,
		"first_record": records.first,
		"last_record": records.last,
	},
} if {
	input.product == "password-safe"
	is_string(input.roster.termination_date)
	records.count > 0
}

describe(r) := sprintf("%s (%s) at %s", [r.record, what(r), r.at])

what(r) := sprintf("%s on %s", [r.event, r.asset]) if {
	is_string(r.asset)
} else := r.event if {
	is_string(r.event)
} else := r.kind
