# Orphaned groups: group policies, teams, Jump Groups and Vault account
# groups that nobody holds and nothing assigns.
package baseline

# Group policy ids with a user member: member and user-group-policies rows
# (whether or not the user is in the export), and report rows naming them.
policies_with_users[name] := {m.group_policy_id | some m in policy_user_rows(src)} | {gid |
	some a in user_accounts
	a.source == name
	some n in a.report_group_policies
	some gid in object.get(group_policy_by_name[name], lower(n), [])
} if some name, src in input.sources

# ... with an enabled, unexpired user member.
policies_with_active_users[name] := {m.group_policy_id |
	some m in policy_user_rows(src)
	m.user_id in active_user_ids[name]
} | {gid |
	some a in user_accounts
	a.source == name
	a.enabled == true
	a.expired == false
	some n in a.report_group_policies
	some gid in object.get(group_policy_by_name[name], lower(n), [])
} if some name, src in input.sources

# ... with a directory group member.
policies_with_directory_groups[name] := {m.group_policy_id |
	some m in rows(src, "group_policy_members")
	object.get(m, "user_id", null) == null
	some f in ["distinguished_name", "group_name"]
	object.get(m, f, null) != null
} if some name, src in input.sources

# The default policies of security providers and vendors.
default_policies[name] := {p.default_policy |
	some p in providers[name]
	object.get(p, "default_policy", null) != null
} | {v.default_policy |
	some v in vendors[name]
	object.get(v, "default_policy", null) != null
} if some name, _ in input.sources

candidates contains finding("orphaned-group-policy", name, gp.name, ["group-policy", name, gp.id], msg) if {
	some name, src in input.sources
	some gp in rows(src, "group_policies")
	not gp.id in policies_with_users[name]
	not gp.id in policies_with_directory_groups[name]
	not gp.id in default_policies[name]
	msg := "no members (no user, no directory group), and no security provider or vendor uses it as its default policy"
}

candidates contains finding("group-policy-no-active-members", name, gp.name, ["group-policy", name, gp.id], msg) if {
	some name, src in input.sources
	some gp in rows(src, "group_policies")
	gp.id in policies_with_users[name]
	not gp.id in policies_with_directory_groups[name]
	not gp.id in policies_with_active_users[name]
	msg := "its members are all users and none is enabled (disabled, expired or missing from the user export)"
}

# Teams, Jump Groups and Vault account groups with a user (member rows or
# report rows naming them), and with a group policy assigning them.
groups_with_users[kind][name] := {m[field] | some m in rows(src, users_file)} | {gid |
	some u in rows(src, "users")
	some n in object.get(u, column, [])
	some gid in object.get(group_by_name[kind][name], lower(n), [])
} if {
	some kind, [_, users_file, _, field, column] in group_kinds
	some name, src in input.sources
}

groups_with_policies[kind][name] := {r[field] | some r in rows(src, policies_file)} if {
	some kind, [_, _, policies_file, field, _] in group_kinds
	some name, src in input.sources
}

orphan_rules := {"team": "orphaned-team", "jump-group": "orphaned-jump-group", "vault-account-group": "orphaned-vault-account-group"}

candidates contains finding(orphan_rules[kind], name, g.name, [kind, name, g.id], msg) if {
	some kind, [file, _, _, _, _] in group_kinds
	some name, src in input.sources
	some g in rows(src, file)
	not g.id in groups_with_users[kind][name]
	not g.id in groups_with_policies[kind][name]
	msg := "no users, and no group policy assigns it"
}
