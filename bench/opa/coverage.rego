# Coverage (missing group policies): enabled users no group policy covers,
# and accounts naming group policies the export does not contain.
package baseline

candidates contains finding("user-without-group-policy", a.source, a.username, a.key, msg) if {
	some a in user_accounts
	a.enabled == true
	not a.id in policy_holders[a.source]
	count(a.report_group_policies) == 0
	a.default_policy == null
	msg := sprintf("enabled user with no group policy, and its security provider %v has no default policy", [a.provider_name])
}

candidates contains finding("unknown-group-policy", a.source, a.username, a.key, msg) if {
	some a in user_accounts
	unknown := unknown_policy_names(a)
	count(unknown) > 0
	msg := sprintf("names group policies the group policy export does not contain: %s", [concat(", ", unknown)])
}

# The group policies an account names that the export lacks: report names,
# and "(by id)" for member or user-group-policies rows under unknown ids.
unknown_policy_names(a) := array.concat(
	[n |
		some n in a.report_group_policies
		not group_policy_by_name[a.source][lower(n)]
	],
	[s | a.id in unknown_policy_holders[a.source]; s := "(by id)"],
)
