# METADATA
# title: Too many administrators
# description: A source with more enabled administrators than max_admins, or whose enabled administrators are more than max_admin_ratio of its enabled accounts. One finding per source, listing the administrators.
# custom:
#   id: admin-count-exceeds-threshold
#   family: admin-sprawl
#   severity: medium
#   remediation: Review the listed administrators and remove the administrator permission from everyone who does not need it daily, using narrower group policies instead.
#   input: source
#   requires: [users, user.administrator, user.enabled]
#   controls:
#     soc2: [CC6.3]
#     iso27001: [A.8.2]
#     nist800-53: [AC-6(7)]
#     pci-dss: [7.2.4]
#   params:
#     max_admins: 5
#     max_admin_ratio: 0.05
package review.rules.admin_count_exceeds_threshold

admins := input.admins if {
	is_array(input.admins)
} else := []

finding := {
	"detail": detail,
	"evidence": {
		"admins": admins,
		"enabled_admins": input.enabled_admins,
		"enabled_accounts": input.enabled_accounts,
	},
} if {
	is_number(input.enabled_admins)
	count(reasons) > 0
}

over_count if {
	is_number(input.enabled_admins)
	input.enabled_admins > data.params.max_admins
}

over_ratio if {
	is_number(input.enabled_admins)
	is_number(input.enabled_accounts)
	input.enabled_accounts > 0
	input.enabled_admins / input.enabled_accounts > data.params.max_admin_ratio
}

count_reason := [sprintf("more than max_admins (%v)", [data.params.max_admins])] if {
	over_count
} else := []

ratio_reason := [sprintf("more than max_admin_ratio (%v)", [data.params.max_admin_ratio])] if {
	over_ratio
} else := []

reasons := array.concat(count_reason, ratio_reason)

# "7 enabled administrators of 100 enabled accounts (7%)"
population := sprintf(
	"%s of %s (%v%%)",
	[
		plural(input.enabled_admins, "enabled administrator", "enabled administrators"),
		plural(input.enabled_accounts, "enabled account", "enabled accounts"),
		round((input.enabled_admins * 1000) / input.enabled_accounts) / 10,
	],
) if {
	is_number(input.enabled_admins)
	is_number(input.enabled_accounts)
	input.enabled_accounts > 0
} else := plural(input.enabled_admins, "enabled administrator", "enabled administrators")

plural(1, one, _) := sprintf("1 %s", [one])

plural(n, _, many) := sprintf("%v %s", [n, many]) if n != 1

detail := sprintf("%s, %s: %s", [population, concat(" and ", reasons), concat(", ", [sprintf("%v", [a]) | some a in admins])]) if {
	count(admins) > 0
} else := sprintf("%s, %s", [population, concat(" and ", reasons)])
