# METADATA
# title: Vault activity after termination
# description: A Vault activity event (credentials checked out, used, changed, ...) performed by an account on a later day (UTC) than its person's termination date in the roster. A person marked terminated without a termination date cannot be compared and gets no finding.
# custom:
#   id: vault-activity-after-termination
#   family: offboarding
#   severity: high
#   remediation: Treat it as a possible incident - rotate every Vault credential the account checked out or used after the person left, disable the account and review the sessions the credentials were used in.
#   input: account
#   requires: [roster, vault_activity]
#   controls:
#     soc2: [CC6.2]
#     iso27001: [A.5.18]
#     nist800-53: [AC-2(3), AU-6, PS-4]
#     pci-dss: [8.2.6]
package review.rules.vault_activity_after_termination

events := input.after_termination.vault

finding := {
	"detail": sprintf("%d Vault events after the person left on %s: first %s, last %s", [events.count, input.roster.termination_date, describe(events.first), describe(events.last)]),
	"evidence": {
		"termination_date": input.roster.termination_date,
		"vault_events_after_termination": events.count,
		"records": events.ids,
		"first_event": events.first,
		"last_event": events.last,
	},
} if {
	is_string(input.roster.termination_date)
	events.count > 0
}

describe(e) := sprintf("%s of %s at %s", [object.get(e, "event", "an event"), e.vault_account, e.at])
