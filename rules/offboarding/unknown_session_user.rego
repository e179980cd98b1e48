# METADATA
# title: Unknown session user
# description: A session representative or Vault actor that matches no account of its source (by id when the source has Configuration API users, else by username) and is not an invited external user - a deleted account that was used, or a report from another site.
# custom:
#   id: unknown-session-user
#   family: offboarding
#   severity: low
#   remediation: Find out who the user was (a deleted account, a renamed one, or a report of another site) and whether its sessions were authorised; keep the session reports with the review.
#   input: session_user
#   requires: ["sessions|vault_activity"]
#   controls:
#     soc2: [CC6.2]
#     iso27001: [A.5.16]
#     nist800-53: [AC-2, AU-6]
package review.rules.unknown_session_user

finding := {
	"detail": sprintf("%s matches no account of %s: %s, %s, %s to %s", [who, input.source, counted(input.sessions, "session"), counted(input.vault_events, "Vault event"), input.first_seen, input.last_seen]),
	"evidence": {
		"id": input.id,
		"username": input.username,
		"sessions": input.sessions,
		"vault_events": input.vault_events,
		"first_seen": input.first_seen,
		"last_seen": input.last_seen,
		"lsids": input.lsids,
	},
} if {
	input.match == "unknown"
}

who := sprintf("%s (id %d)", [input.username, input.id]) if {
	is_string(input.username)
	is_number(input.id)
} else := input.username if {
	is_string(input.username)
} else := sprintf("id %d", [input.id])

# counted is a count and its noun, in the singular for one: "1 session",
# "2 sessions".
counted(n, noun) := sprintf("1 %s", [noun]) if n == 1

counted(n, noun) := sprintf("%d %ss", [n, noun]) if n != 1
