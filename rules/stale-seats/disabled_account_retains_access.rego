# METADATA
# title: Disabled account retains access
# description: A disabled account that is still a direct member of a group policy, team, Jump Group or Vault account group, so re-enabling it would silently restore its access.
# custom:
#   id: disabled-account-retains-access
#   family: stale-seats
#   severity: low
#   remediation: Remove the disabled account from its group policies, teams, Jump Groups and Vault account groups, or delete the account.
#   input: account
#   evidence: [last_authentication, seat_cost]
#   requires: [users, user.enabled]
#   controls:
#     soc2: [CC6.2, CC6.3]
#     iso27001: [A.5.18]
#     nist800-53: [AC-2]
#     pci-dss: [7.2.4]
package review.rules.disabled_account_retains_access

# Direct memberships only (member rows, team/Jump Group/Vault user rows and the
# report's columns); the facts count them in `memberships`.
kinds := [
	["group_policies", "group policy", "group policies"],
	["teams", "team", "teams"],
	["jump_groups", "Jump Group", "Jump Groups"],
	["vault_account_groups", "Vault account group", "Vault account groups"],
]

counts := [n |
	some k in kinds
	n := input.memberships[k[0]]
	is_number(n)
]

held := [phrase |
	some k in kinds
	n := input.memberships[k[0]]
	is_number(n)
	n > 0
	phrase := plural(n, k[1], k[2])
]

plural(1, one, _) := sprintf("1 %s", [one])

plural(n, _, many) := sprintf("%v %s", [n, many]) if n != 1

finding := {
	"detail": sprintf("disabled, but still a direct member of %s", [concat(", ", held)]),
	"evidence": {"memberships": input.memberships},
} if {
	input.enabled == false
	sum(counts) > 0
}
