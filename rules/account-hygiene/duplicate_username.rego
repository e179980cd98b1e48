# METADATA
# title: Duplicate username
# description: One username (compared case-insensitively) exists in more than one security provider of a source, so logs and reviews can confuse two different identities.
# custom:
#   id: duplicate-username
#   family: account-hygiene
#   severity: medium
#   remediation: Keep the account in the provider that should own the identity and disable or rename the others.
#   input: username
#   requires: [users]
#   controls:
#     soc2: [CC6.1]
#     iso27001: [A.5.16]
#     nist800-53: [IA-2]
#     pci-dss: [8.2.1]
package review.rules.duplicate_username

providers := [sprintf("%v", [p]) | some p in input.providers]

finding := {
	"detail": sprintf(
		"username %v is in %d security providers: %s",
		[object.get(input, "username", null), count(providers), concat(", ", providers)],
	),
	"evidence": {
		"providers": input.providers,
		"accounts": object.get(input, "accounts", null),
	},
} if {
	is_array(input.providers)
	count(input.providers) > 1
}
