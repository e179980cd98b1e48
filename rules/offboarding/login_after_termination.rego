# METADATA
# title: Login after termination
# description: An account (enabled or not today) whose last authentication falls on a later day (UTC) than its person's termination date in the roster. The user export, the User Account Report or Password Safe's LastLoginDate says it; no activity report is needed. A person marked terminated without a termination date cannot be compared and gets no finding.
# custom:
#   id: login-after-termination
#   family: offboarding
#   severity: high
#   remediation: Treat it as a possible incident - find out who signed in after the person left and what they did (session and activity reports), disable the account, end its sessions and rotate every credential it could reach.
#   input: account
#   requires: [roster, user.last_authentication]
#   controls:
#     soc2: [CC6.2]
#     iso27001: [A.5.18]
#     nist800-53: [AC-2(3), PS-4]
#     pci-dss: [8.2.6]
package review.rules.login_after_termination

termination_date := substring(input.roster.termination_date, 0, 10) if is_string(input.roster.termination_date)

login_date := substring(input.last_authentication, 0, 10) if is_string(input.last_authentication)

finding := {
	"detail": sprintf("last authenticated %s, %d days after the person left on %s", [login_date, days, termination_date]),
	"evidence": {
		"termination_date": termination_date,
		"last_authentication": input.last_authentication,
		"days_after_termination": days,
	},
} if {
	input.roster.matched == true
	regex.match(`^\d{4}-\d{2}-\d{2}$`, termination_date)
	regex.match(`^\d{4}-\d{2}-\d{2}$`, login_date)
	login_date > termination_date
	days := (time.parse_ns("2006-01-02", login_date) - time.parse_ns("2006-01-02", termination_date)) / ((24 * 3600) * 1000000000)
}
