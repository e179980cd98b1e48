# Privilege (admin sprawl): too many administrators, administrators without
# MFA or that do not log in, local administrators beside a directory, API
# accounts with full access.
package baseline

enabled_admins[name] := count([a |
	some a in user_accounts
	a.source == name
	a.enabled == true
	a.administrator == true
]) if {
	some name, _ in input.sources
}

candidates contains finding("admin-count-exceeds-threshold", name, name, ["source", name], msg) if {
	some name, _ in input.sources
	admins := enabled_admins[name]
	total := enabled_accounts[name]
	too_many_admins(admins, total)
	msg := sprintf("%v enabled administrators of %v enabled accounts", [admins, total])
}

too_many_admins(admins, _) if admins > params.max_admins

too_many_admins(admins, total) if {
	total > 0
	admins / total > params.max_admin_ratio
}

enabled_admin_accounts := [a |
	some a in user_accounts
	a.enabled == true
	a.administrator == true
]

candidates contains finding("admin-without-mfa", a.source, a.username, a.key, msg) if {
	some a in enabled_admin_accounts
	a.two_factor_enabled != true
	no_passwordless(a)
	msg := "enabled administrator with neither two-factor authentication nor a passwordless (FIDO2) credential"
}

no_passwordless(a) if a.passwordless == null

no_passwordless(a) if a.passwordless == 0

candidates contains finding("stale-admin", a.source, a.username, a.key, msg) if {
	some a in enabled_admin_accounts
	admin_stale(a)
	msg := sprintf("enabled administrator, last authenticated %v", [a.last_authentication])
}

admin_stale(a) if a.last_authentication == null

admin_stale(a) if {
	is_number(a.days_since_last_authentication)
	a.days_since_last_authentication > params.admin_stale_days
}

candidates contains finding("local-admin-account", a.source, a.username, a.key, msg) if {
	some a in enabled_admin_accounts
	a.provider_type == "local"
	a.source in directory_sources
	is_string(a.username)
	not break_glass(a.username)
	msg := sprintf("enabled administrator from the local security provider %v, while the source also has a directory provider", [a.provider_name])
}

break_glass(username) if {
	some name in params.break_glass_accounts
	lower(name) == lower(username)
}

candidates contains finding("api-account-full-access", name, k.name, ["api-account", name, k.id], msg) if {
	some name, src in input.sources
	some k in rows(src, "api_accounts")
	k.enabled == true
	grants := [g |
		some [field, value, g] in [
			["perm_configuration", true, "perm_configuration"],
			["perm_command", "full_access", "perm_command full_access"],
			["perm_backup", true, "perm_backup"],
		]
		object.get(k, field, null) == value
	]
	count(grants) > 0
	msg := sprintf("enabled API account with %s", [concat(", ", grants)])
}
