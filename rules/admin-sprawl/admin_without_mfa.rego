# METADATA
# title: Administrator without MFA
# description: An enabled administrator with neither two-factor authentication enabled nor a passwordless (FIDO2) credential, so one stolen password gives full control.
# custom:
#   id: admin-without-mfa
#   family: admin-sprawl
#   severity: high
#   remediation: Enable two-factor authentication or enroll a passwordless (FIDO2) credential for the administrator, or remove the administrator permission.
#   input: account
#   requires: ["users|ps_users", user.administrator, user.two_factor]
#   controls:
#     soc2: [CC6.1]
#     iso27001: [A.8.2, A.8.5]
#     nist800-53: [IA-2(1)]
#     pci-dss: [8.4.1]
package review.rules.admin_without_mfa

# The source exports a two-factor or a passwordless column (user.two_factor);
# a null value on the account means no such factor is recorded.
two_factor_enabled := object.get(input, "two_factor_enabled", null)

passwordless_credentials := object.get(input, "passwordless_credentials", null)

finding := {
	"detail": sprintf("enabled administrator with %s and %s", [two_factor_text, passwordless_text]),
	"evidence": {
		"administrator": true,
		"two_factor_enabled": two_factor_enabled,
		"passwordless_credentials": passwordless_credentials,
	},
} if {
	input.enabled == true
	input.administrator == true
	two_factor_enabled != true
	no_passwordless
}

no_passwordless if passwordless_credentials == null

no_passwordless if passwordless_credentials == 0

two_factor_text := "two-factor authentication disabled" if {
	two_factor_enabled == false
} else := "no two-factor authentication recorded"

passwordless_text := "no passwordless (FIDO2) credential" if {
	passwordless_credentials == 0
} else := "no passwordless (FIDO2) credential recorded"
