package review.rules.risky_permission_test

import data.review.rules.risky_permission
import data.review.testdata.facts

params := {
	"risky_permissions": ["perm_invite_external_user", "perm_protocol_tunnel", "perm_endpoint_automation"],
	"risky_permission_policies": [],
}

own(permission, value, granted) := {"permission": permission, "value": value, "granted": granted, "via": null, "status": null}

policy(permission, value, granted, name, status) := {"permission": permission, "value": value, "granted": granted, "via": name, "status": status}

account(permissions) := facts.replace(facts.account, {"permissions": permissions})

test_fires[tc.note] if {
	some tc in [
		{
			# dev.carol: on the account itself; Developers (defined) says
			# false for one of them.
			"note": "the account itself",
			"input": account([
				own("perm_endpoint_automation", "administrator", true),
				own("perm_invite_external_user", "true", true),
				policy("perm_invite_external_user", "false", false, "Developers", "defined"),
			]),
			"detail": "non-administrator with perm_endpoint_automation: administrator from the account itself; perm_invite_external_user: true from the account itself (but group policy Developers (defined) sets false; the export does not give the order in which the account's own settings and its group policies apply, so which prevails is not known)",
			"disagreements": ["perm_invite_external_user"],
		},
		{
			# db.dave: through Tunnel Users.
			"note": "a defined group policy",
			"input": account([
				own("perm_protocol_tunnel", "false", false),
				policy("perm_protocol_tunnel", "true", true, "Tunnel Users", "defined"),
			]),
			"detail": "non-administrator with perm_protocol_tunnel: true from group policy Tunnel Users (defined) (but the account itself sets false; the export does not give the order in which the account's own settings and its group policies apply, so which prevails is not known)",
			"disagreements": ["perm_protocol_tunnel"],
		},
		{
			# Two policies disagree, one final: which has the higher priority
			# is not exported, so both are said.
			"note": "two policies disagree, one final",
			"input": account([
				policy("perm_protocol_tunnel", "false", false, "Locked Down", "final"),
				policy("perm_protocol_tunnel", "true", true, "Tunnel Users", "defined"),
			]),
			"detail": "non-administrator with perm_protocol_tunnel: true from group policy Tunnel Users (defined) (but group policy Locked Down (final) sets false; the export does not give the order in which the account's own settings and its group policies apply, so which prevails is not known)",
			"disagreements": ["perm_protocol_tunnel"],
		},
		{
			"note": "a final group policy",
			"input": account([policy("perm_invite_external_user", "true", true, "Support", "final")]),
			"detail": "non-administrator with perm_invite_external_user: true from group policy Support (final)",
			"disagreements": [],
		},
		{
			"note": "endpoint automation for users",
			"input": account([own("perm_endpoint_automation", "user", true)]),
			"detail": "non-administrator with perm_endpoint_automation: user from the account itself",
			"disagreements": [],
		},
	]
	f := risky_permission.finding with input as tc.input with data.params as params
	f.detail == tc.detail
	f.evidence.disagreements == tc.disagreements
}

test_does_not_fire[tc.note] if {
	some tc in [
		{"note": "nothing granted", "input": account([])},
		{"note": "administrator", "input": facts.replace(account([own("perm_protocol_tunnel", "true", true)]), {"administrator": true})},
		{"note": "administrator not stated", "input": facts.replace(account([own("perm_protocol_tunnel", "true", true)]), {"administrator": null})},
		{"note": "disabled", "input": facts.replace(account([own("perm_protocol_tunnel", "true", true)]), {"enabled": false})},
		# help.erin: Legacy Helpdesk's access_perm_status is not_defined, so
		# its perm_* fields grant nothing (SQL lists no such setting; a rule
		# given one does not count it either).
		{"note": "not_defined policy", "input": account([policy("perm_protocol_tunnel", "true", true, "Legacy Helpdesk", "not_defined")])},
		{"note": "endpoint automation not allowed", "input": account([own("perm_endpoint_automation", "not_allowed", false)])},
		{"note": "not a risky permission", "input": account([own("perm_web_jump", "true", true)])},
	]
	not risky_permission.finding with input as tc.input with data.params as params
}

test_excepted_policy if {
	acct := account([policy("perm_protocol_tunnel", "true", true, "Tunnel Users", "defined")])
	not risky_permission.finding with input as acct with data.params as object.union(params, {"risky_permission_policies": ["Tunnel Users"]})

	# The account's own grant is never excepted.
	both := account([own("perm_protocol_tunnel", "true", true), policy("perm_protocol_tunnel", "true", true, "Tunnel Users", "defined")])
	f := risky_permission.finding with input as both with data.params as object.union(params, {"risky_permission_policies": ["Tunnel Users"]})
	f.detail == "non-administrator with perm_protocol_tunnel: true from the account itself, true from group policy Tunnel Users (defined)"
}

test_custom_list if {
	acct := account([own("perm_protocol_tunnel", "true", true)])
	not risky_permission.finding with input as acct with data.params as object.union(params, {"risky_permissions": ["perm_invite_external_user"]})
}
