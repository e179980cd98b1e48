# METADATA
# title: Account not in roster
# description: An enabled user that matches no person in the HR roster and does not look like a service account (service_account_patterns). Vendor users are reviewed through their vendor, and Password Safe application users (UserType Application) are non-human accounts; neither is expected in the roster.
# custom:
#   id: account-not-in-roster
#   family: stale-seats
#   severity: medium
#   remediation: Find the account's owner and fix its email to match the roster; if nobody owns it, disable it, or rename it to a service account pattern if it is one.
#   input: account
#   evidence: [last_authentication, seat_cost]
#   requires: [roster, "users|ps_users", user.enabled]
#   controls:
#     soc2: [CC6.2]
#     iso27001: [A.5.16, A.5.18]
#     nist800-53: [AC-2, AC-2(3)]
#     pci-dss: [7.2.4, 8.2.2]
#   params:
#     service_account_patterns: ["svc-*", "svc_*", "*-svc", "api-*"]
package review.rules.account_not_in_roster

finding := {
	"detail": detail,
	"evidence": {
		"email": input.email,
		"roster_matched": false,
	},
} if {
	input.kind == "user"
	input.enabled == true
	input.roster.matched == false
	is_string(input.username)
	not service_account
	not application
}

application if input.password_safe.application == true

# Patterns match the whole lower-cased username; null delimiters let `*`
# match any character, dots included.
service_account if {
	is_string(input.username)
	some pattern in data.params.service_account_patterns
	is_string(pattern)
	glob.match(lower(pattern), null, lower(input.username))
}

detail := sprintf("no person in the roster has the email %s", [input.email]) if {
	is_string(input.email)
	input.email != ""
} else := sprintf("the account has no email, and no person in the roster matches the username %s", [input.username])
