# METADATA
# title: Session open on a disabled account
# description: A session still open when the report was made (no end) whose account is disabled, or whose person the roster marks terminated, today. Active sessions are not ended automatically when an account is disabled.
# custom:
#   id: session-open-on-disabled-account
#   family: offboarding
#   severity: high
#   remediation: End the open sessions now (by lsid, from the session's console or /login > Status), then find out why they were still running and rotate the credentials used in them.
#   input: account
#   requires: [sessions, user.enabled]
#   controls:
#     soc2: [CC6.2]
#     iso27001: [A.5.18]
#     nist800-53: [AC-2(3), PS-4]
#     pci-dss: [8.2.6]
package review.rules.session_open_on_disabled_account

open_sessions := input.activity.open_sessions

finding := {
	"detail": sprintf("%s still open on an account that is %s: %s", [counted(count(open_sessions), "session"), reason, concat(", ", lsids)]),
	"evidence": {
		"open_sessions": open_sessions,
		"enabled": input.enabled,
		"terminated": object.get(input, ["roster", "terminated"], null),
	},
} if {
	# activity is null on a source without session reports: an array test
	# first, so that the SQL prefilter leaves those accounts out instead of
	# handing every account to Rego.
	is_array(open_sessions)
	count(open_sessions) > 0
	reason
}

lsids := [sprintf("%s since %s", [s.lsid, s.start]) | some s in open_sessions]

reason := "disabled" if {
	input.enabled == false
} else := "of a terminated person" if {
	input.roster.terminated == true
}

# counted is a count and its noun, in the singular for one: "1 session",
# "2 sessions".
counted(n, noun) := sprintf("1 %s", [noun]) if n == 1

counted(n, noun) := sprintf("%d %ss", [n, noun]) if n != 1
