# METADATA
# title: Vendor session after expiry
# description: A PRA vendor user with a session that started after the vendor user's own account expiration.
# custom:
#   id: vendor-session-after-expiry
#   family: offboarding
#   severity: high
#   remediation: Disable the vendor user, ask its vendor group's sponsor who used it after it expired and why, and review the sessions by lsid.
#   input: account
#   requires: [vendor_users, sessions]
#   controls:
#     soc2: [CC6.2]
#     iso27001: [A.5.18]
#     nist800-53: [AC-2(3)]
#     pci-dss: [8.2.6]
package review.rules.vendor_session_after_expiry

after := input.activity.sessions_after_expiry

finding := {
	"detail": sprintf("%s after the vendor user expired on %s: first %s at %s, last %s at %s", [counted(after.count, "session"), substring(input.account_expiration, 0, 10), after.first.lsid, after.first.start, after.last.lsid, after.last.start]),
	"evidence": {
		"account_expiration": input.account_expiration,
		"vendor": object.get(input, ["vendor", "name"], null),
		"sessions_after_expiry": after.count,
		"lsids": after.ids,
		"first_session": after.first,
		"last_session": after.last,
	},
} if {
	input.kind == "vendor-user"
	is_string(input.account_expiration)
	after.count > 0
}

# counted is a count and its noun, in the singular for one: "1 session",
# "2 sessions".
counted(n, noun) := sprintf("1 %s", [noun]) if n == 1

counted(n, noun) := sprintf("%d %ss", [n, noun]) if n != 1
