# METADATA
# title: Local administrator account
# description: An enabled administrator from a local security provider on a source that also has a directory provider, so it escapes the directory's joiner-mover-leaver controls. Accounts listed in break_glass_accounts are exempt.
# custom:
#   id: local-admin-account
#   family: admin-sprawl
#   severity: medium
#   remediation: Move the administrator to a directory account and disable the local one, or add it to break_glass_accounts if it is the documented emergency account.
#   input: account
#   requires: [users, user.administrator, security_providers]
#   controls:
#     soc2: [CC6.2]
#     iso27001: [A.5.16, A.8.2]
#     nist800-53: [AC-2, AC-6(7)]
#   params:
#     break_glass_accounts: []
package review.rules.local_admin_account

finding := {
	"detail": sprintf(
		"enabled administrator from the local security provider %s, while the source also has a directory provider",
		[provider_name],
	),
	"evidence": {
		"administrator": true,
		"provider": object.get(input.provider, "name", null),
		"provider_type": "local",
	},
} if {
	input.enabled == true
	input.administrator == true
	input.provider.type == "local"
	input.source_has_directory_provider == true
	is_string(input.username)
	not break_glass
}

break_glass if {
	is_string(input.username)
	some name in data.params.break_glass_accounts
	is_string(name)
	lower(name) == lower(input.username)
}

provider_name := input.provider.name if {
	is_string(input.provider.name)
} else := "(unnamed)"
