# Lifecycle (stale seats): accounts nobody uses, people who left, accounts
# nobody owns, seats over the license, disabled accounts that keep access.
package baseline

candidates contains finding("stale-account", a.source, a.username, a.key, msg) if {
	some a in accounts
	a.enabled == true
	is_number(a.days_since_last_authentication)
	a.days_since_last_authentication > params.stale_days
	msg := sprintf("last authenticated %s, %v days before %s", [substring(a.last_authentication, 0, 10), a.days_since_last_authentication, input.as_of])
}

candidates contains finding("never-logged-in", a.source, a.username, a.key, msg) if {
	some a in accounts
	a.enabled == true
	a.last_authentication == null
	past_grace(a)
	msg := never_message(a)
}

past_grace(a) if a.created_at == null

past_grace(a) if {
	is_number(a.days_since_created)
	a.days_since_created > params.new_account_grace_days
}

never_message(a) := sprintf("never authenticated; created %s, %v days before %s", [substring(a.created_at, 0, 10), a.days_since_created, input.as_of]) if {
	is_string(a.created_at)
} else := "never authenticated, and has no creation date"

candidates contains finding("terminated-user-enabled", a.source, a.username, a.key, msg) if {
	some a in accounts
	a.enabled == true
	a.roster_key in roster_terminated
	msg := sprintf("still enabled, but the roster marks %s as terminated", [a.roster_key])
}

candidates contains finding("account-not-in-roster", a.source, a.username, a.key, msg) if {
	some a in user_accounts
	a.enabled == true
	not a.roster_key in roster_emails
	is_string(a.username)
	not service_account(a.username)
	msg := sprintf("no person in the roster matches %v", [a.roster_key])
}

service_account(username) if {
	some pattern in params.service_account_patterns
	glob.match(lower(pattern), null, lower(username))
}

candidates contains finding("disabled-account-retains-access", a.source, a.username, a.key, msg) if {
	some a in user_accounts
	a.enabled == false
	direct_member(a)
	msg := "disabled, but still a direct member of a group policy, team, Jump Group or Vault account group"
}

direct_member(a) if a.id in direct_members[a.source]

direct_member(a) if a.report_groups > 0

# Enabled accounts (vendor users included) of each source.
enabled_accounts[name] := count([a |
	some a in accounts
	a.source == name
	a.enabled == true
]) if {
	some name, _ in input.sources
}

license_rows := input.licenses if is_array(input.licenses)

else := []

candidates contains finding("license-over-assigned", src, l.product, ["license", i], msg) if {
	some i, l in license_rows
	lower(l.seat_type) == "named"
	covered := [name |
		some name, s in input.sources
		s.product == l.product
		license_applies(l, name)
	]
	count(covered) > 0
	n := sum([enabled_accounts[s] | some s in covered])
	n > l.purchased
	src := license_source(l, covered)
	msg := sprintf("%v enabled accounts on %s, %v more than the %v named seats purchased", [n, concat(", ", covered), n - l.purchased, l.purchased])
}

license_applies(l, _) if object.get(l, "source", null) == null

license_applies(l, name) if l.source == name

license_source(l, covered) := l.source if {
	is_string(object.get(l, "source", null))
} else := covered[0] if {
	count(covered) == 1
} else := "*"
