# The shared views of the OPA baseline: parameters, which rules can run on
# which source, every account normalised (users, User Account Report rows and
# PRA vendor users), the lookup sets the rules test membership in, and the
# report (findings, and their counts by rule and source).
#
#   opa eval -d bench/opa -i input.json data.baseline.report
package baseline

params := {
	"stale_days": 90,
	"new_account_grace_days": 30,
	"service_account_patterns": ["svc-*", "svc_*", "*-svc", "api-*"],
	"max_admins": 5,
	"max_admin_ratio": 0.05,
	"admin_stale_days": 30,
	"break_glass_accounts": [],
}

severity := {
	"orphaned-group-policy": "low",
	"group-policy-no-active-members": "low",
	"orphaned-team": "low",
	"orphaned-jump-group": "medium",
	"orphaned-vault-account-group": "medium",
	"stale-account": "medium",
	"never-logged-in": "medium",
	"terminated-user-enabled": "high",
	"account-not-in-roster": "medium",
	"license-over-assigned": "high",
	"disabled-account-retains-access": "low",
	"admin-count-exceeds-threshold": "medium",
	"admin-without-mfa": "high",
	"stale-admin": "high",
	"local-admin-account": "medium",
	"api-account-full-access": "medium",
	"user-without-group-policy": "medium",
	"unknown-group-policy": "medium",
}

# What each rule needs a source to have exported ("a|b": either), as in the
# rules' METADATA: a source without it is not checked by the rule.
requires := {
	"orphaned-group-policy": ["group_policies", "group_policy_members"],
	"group-policy-no-active-members": ["group_policies", "users", "group_policy_members|user_group_policies|user.group_policies"],
	"orphaned-team": ["teams", "team_users|user.teams", "group_policy_teams"],
	"orphaned-jump-group": ["jump_groups", "jump_group_users|user.jump_groups", "group_policy_jump_groups"],
	"orphaned-vault-account-group": ["vault_account_groups", "vault_account_group_users|user.vault_account_groups", "group_policy_vault_account_groups"],
	"stale-account": ["users|vendor_users", "user.enabled", "user.last_authentication"],
	"never-logged-in": ["users|vendor_users", "user.enabled", "user.last_authentication"],
	"terminated-user-enabled": ["roster", "user.enabled"],
	"account-not-in-roster": ["roster", "users", "user.enabled"],
	"license-over-assigned": ["licenses"],
	"disabled-account-retains-access": ["users", "user.enabled"],
	"admin-count-exceeds-threshold": ["users", "user.administrator", "user.enabled"],
	"admin-without-mfa": ["users", "user.administrator", "user.two_factor"],
	"stale-admin": ["users", "user.administrator", "user.last_authentication"],
	"local-admin-account": ["users", "user.administrator", "security_providers"],
	"api-account-full-access": ["api_accounts"],
	"user-without-group-policy": ["users", "user.enabled", "group_policy_members|user_group_policies|user.group_policies"],
	"unknown-group-policy": ["group_policies"],
}

runs contains [rule, name] if {
	some rule, reqs in requires
	some name, src in input.sources
	caps := {c | some c in src.capabilities}
	every req in reqs {
		some alt in split(req, "|")
		alt in caps
	}
}

# Per-kind rows of a source; a kind it did not export is empty.
rows(src, kind) := object.get(src, kind, [])

# --- dates -----------------------------------------------------------------

day_ns := ((24 * 60) * 60) * 1000000000

as_of_day := time.parse_ns("2006-01-02", input.as_of) / day_ns

# Whole days from the date part of an RFC 3339 time to the as-of date.
days_since(ts) := as_of_day - floor(time_ns(ts) / day_ns)

# A time without a zone is UTC.
time_ns(ts) := ns if {
	ns := time.parse_rfc3339_ns(ts)
} else := time.parse_rfc3339_ns(concat("", [ts, "Z"]))

days_or_null(ts) := days_since(ts) if is_string(ts)

else := null

# --- accounts --------------------------------------------------------------

# Lookups are keyed by source first, then by id or name: objects and sets of
# scalars. (Sets of [source, policy id, user id] tuples would read more
# naturally, but OPA hashes an array as the sum of its elements' hashes and a
# small integer as itself, so such tuples collide and set lookups degrade to
# scans: 26 s instead of 2 s at 10k accounts.)
providers[name] := {p.id: p | some p in rows(src, "security_providers")} if some name, src in input.sources

vendors[name] := {v.id: v | some v in rows(src, "vendors")} if some name, src in input.sources

# Sources with a directory provider: an enabled provider that is not local.
directory_sources contains name if {
	some name, by_id in providers
	some p in by_id
	not lower(object.get(p, "type", "")) in {"local", ""}
	object.get(p, "enabled", true) != false
}

# The email an account joins the roster on: its email, else a UPN username.
roster_key(email, username) := lower(trim_space(email)) if {
	is_string(email)
	trim_space(email) != ""
} else := lower(trim_space(username)) if {
	is_string(username)
	contains(username, "@")
} else := null

expired(exp) if {
	is_string(exp)
	substring(exp, 0, 10) <= input.as_of
} else := false

report_columns := ["group_policies", "teams", "jump_groups", "vault_account_groups"]

# Users: Configuration API users and User Account Report rows (which the
# converter gave API field names, and lists of the groups they name).
user_accounts := [a |
	some name, src in input.sources
	some i, u in rows(src, "users")
	pid := object.get(u, "security_provider_id", null)
	p := object.get(providers[name], [pid], {})
	last := object.get(u, "last_authentication", null)
	created := object.get(u, "created_at", null)
	a := {
		"key": ["user", name, i],
		"kind": "user",
		"source": name,
		"id": object.get(u, "id", null),
		"username": u.username,
		"email": object.get(u, "email_address", null),
		"roster_key": roster_key(object.get(u, "email_address", null), u.username),
		"enabled": object.get(u, "enabled", null),
		"administrator": object.get(u, "perm_admin", null),
		"two_factor_enabled": object.get(u, "two_factor_enabled", null),
		"passwordless": object.get(u, "fido2_credential_count", null),
		"last_authentication": last,
		"days_since_last_authentication": days_or_null(last),
		"created_at": created,
		"days_since_created": days_or_null(created),
		"expired": expired(object.get(u, "account_expiration", null)),
		"provider_name": object.get(p, "name", object.get(u, "security_provider", null)),
		"provider_type": lower(object.get(p, "type", "")),
		"default_policy": object.get(p, "default_policy", null),
		# the groups a User Account Report row names (direct memberships)
		"report_group_policies": object.get(u, "group_policies", []),
		"report_groups": sum([count(object.get(u, c, [])) | some c in report_columns]),
	}
]

vendor_accounts := [a |
	some name, src in input.sources
	some i, v in rows(src, "vendor_users")
	vd := object.get(vendors[name], [object.get(v, "vendor_id", null)], {})
	last := object.get(v, "last_authenticated_date", object.get(v, "last_authentication", null))
	a := {
		"key": ["vendor-user", name, i],
		"kind": "vendor-user",
		"source": name,
		"id": object.get(v, "id", null),
		"username": v.username,
		"email": object.get(v, "email_address", null),
		"roster_key": roster_key(object.get(v, "email_address", null), v.username),
		"enabled": object.get(v, "enabled", null),
		"administrator": false,
		"last_authentication": last,
		"days_since_last_authentication": days_or_null(last),
		"created_at": null,
		"days_since_created": null,
		"expired": vendor_expired(v),
		"default_policy": object.get(vd, "default_policy", null),
	}
]

vendor_expired(v) if {
	object.get(v, "is_expired", false) == true
} else := expired(object.get(v, "account_expiration", null))

accounts := array.concat(user_accounts, vendor_accounts)

# --- roster ----------------------------------------------------------------

roster_rows := input.roster if is_array(input.roster)

else := []

roster_emails := {lower(trim_space(r.email)) |
	some r in roster_rows
	is_string(r.email)
}

terminated_status := {"terminated", "inactive", "disabled", "false", "0"}

roster_terminated := {lower(trim_space(r.email)) |
	some r in roster_rows
	is_string(r.email)
	person_terminated(r)
}

person_terminated(r) if lower(object.get(r, "status", "")) in terminated_status

person_terminated(r) if {
	is_string(r.termination_date)
	r.termination_date <= input.as_of
}

# --- groups ----------------------------------------------------------------

group_policy_ids[name] := {gp.id | some gp in rows(src, "group_policies")} if some name, src in input.sources

# Group policy ids by lower-cased name (report rows name them).
group_policy_by_name[name] := by_name if {
	some name, src in input.sources
	policies := rows(src, "group_policies")
	by_name := {n: ids |
		some gp in policies
		n := lower(gp.name)
		ids := {g.id | some g in policies; lower(g.name) == n}
	}
}

# Teams, Jump Groups and Vault account groups: the export's file, the parent
# field of its user rows and of its group policy rows, the report column.
group_kinds := {
	"team": ["teams", "team_users", "group_policy_teams", "team_id", "teams"],
	"jump-group": ["jump_groups", "jump_group_users", "group_policy_jump_groups", "jump_group_id", "jump_groups"],
	"vault-account-group": ["vault_account_groups", "vault_account_group_users", "group_policy_vault_account_groups", "account_group_id", "vault_account_groups"],
}

# Their ids by kind, source and lower-cased name.
group_by_name[kind][name] := by_name if {
	some kind, [file, _, _, _, _] in group_kinds
	some name, src in input.sources
	groups := rows(src, file)
	by_name := {n: ids |
		some g in groups
		n := lower(g.name)
		ids := {x.id | some x in groups; lower(x.name) == n}
	}
}

# User ids of the enabled, unexpired users of each source: active members.
active_user_ids[name] := {a.id |
	some a in user_accounts
	a.source == name
	a.id != null
	a.enabled == true
	a.expired == false
} if some name, _ in input.sources

# Member and user-group-policies rows that name a user.
policy_user_rows(src) := array.concat(
	[m | some m in rows(src, "group_policy_members"); object.get(m, "user_id", null) != null],
	rows(src, "user_group_policies"),
)

# User ids that hold a group policy through those rows.
policy_holders[name] := {m.user_id | some m in policy_user_rows(src)} if some name, src in input.sources

# User ids that are a direct member of a group policy, team, Jump Group or
# Vault account group (user-group-policies may be inherited: not direct).
direct_members[name] := {m.user_id |
	some file in ["group_policy_members", "team_users", "jump_group_users", "vault_account_group_users"]
	some m in rows(src, file)
	object.get(m, "user_id", null) != null
} if some name, src in input.sources

# User ids named by rows under a group policy id the export lacks.
unknown_policy_holders[name] := {m.user_id |
	some m in policy_user_rows(src)
	not m.group_policy_id in group_policy_ids[name]
} if some name, src in input.sources

# --- the report ------------------------------------------------------------

finding(rule, source, entity, key, message) := {
	"rule": rule,
	"severity": severity[rule],
	"source": source,
	"entity": entity,
	"key": key,
	"message": message,
}

# A rule's findings on the sources that exported what it needs.
findings contains f if {
	some f in candidates
	[f.rule, f.source] in runs
}

counts[rule][src] := n if {
	some [rule, src] in {[f.rule, f.source] | some f in findings}
	n := count([f | some f in findings; f.rule == rule; f.source == src])
}

report := {"counts": counts, "findings": findings}
