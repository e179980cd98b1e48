# METADATA
# title: Session after termination
# description: An account with at least one session (PRA or RS session report, as owner or conference member) that started on a later day (UTC) than its person's termination date in the roster. A session on the termination day itself is not after it; a person marked terminated without a termination date cannot be compared and gets no finding.
# custom:
#   id: session-after-termination
#   family: offboarding
#   severity: high
#   remediation: Treat it as a possible incident - review the sessions' recordings and events (by lsid), disable the account, end its open sessions and rotate every credential reached in them.
#   input: account
#   requires: [roster, sessions]
#   controls:
#     soc2: [CC6.2, CC6.3]
#     iso27001: [A.5.18]
#     nist800-53: [AC-2(3), AU-6, PS-4]
#     pci-dss: [8.2.6]
package review.rules.session_after_termination

sessions := input.after_termination.sessions

finding := {
	"detail": sprintf("%s after the person left on %s: first %s, last %s", [counted(sessions.count, "session"), input.roster.termination_date, describe(sessions.first), describe(sessions.last)]),
	"evidence": {
		"termination_date": input.roster.termination_date,
		"sessions_after_termination": sessions.count,
		"lsids": sessions.ids,
		"first_session": sessions.first,
		"last_session": sessions.last,
	},
} if {
	is_string(input.roster.termination_date)
	sessions.count > 0
}

# describe says a session: its lsid, start and endpoint or Jump Group.
describe(s) := sprintf("%s at %s on %s", [s.lsid, s.start, where(s)])

where(s) := s.endpoint if {
	is_string(s.endpoint)
} else := sprintf("Jump Group %s", [s.jump_group]) if {
	is_string(s.jump_group)
} else := "an unnamed endpoint"

# counted is a count and its noun, in the singular for one: "1 session",
# "2 sessions".
counted(n, noun) := sprintf("1 %s", [noun]) if n == 1

counted(n, noun) := sprintf("%d %ss", [n, noun]) if n != 1
