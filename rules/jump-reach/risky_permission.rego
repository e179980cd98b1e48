# METADATA
# title: Risky permission
# description: An enabled non-administrator whose own settings, or a group policy it holds (a membership, or its provider's or vendor group's default policy), grant one of risky_permissions (perm_endpoint_automation counts when it is not not_allowed), other than through a group policy of risky_permission_policies. A group policy sets permissions only when its access_perm_status is defined or final; not_defined grants nothing. Where the account's settings disagree on a permission, every one is said, and that the order of group policies is not exported, so which prevails is not known.
# custom:
#   id: risky-permission
#   family: jump-reach
#   severity: medium
#   remediation: Take the permission from the account, or from the group policy that gives it; if the account needs it, give it through a group policy kept for the purpose and name that policy in risky_permission_policies.
#   input: account
#   requires: [users, user.permissions, user.enabled, user.administrator, group_policies, "group_policy_members|user_group_policies"]
#   controls:
#     soc2: [CC6.3]
#     iso27001: [A.8.2]
#     nist800-53: [AC-6(7)]
#     pci-dss: [7.2.4]
#   params:
#     risky_permissions: [perm_invite_external_user, perm_protocol_tunnel, perm_endpoint_automation]
#     risky_permission_policies: []
package review.rules.risky_permission

# settings are the account's settings of the risky permissions that count: its
# own, and its defined or final group policies'.
settings := [s |
	some s in input.permissions
	s.permission in data.params.risky_permissions
	sets(s)
]

sets(s) if s.via == null

sets(s) if s.status in {"defined", "final"}

# granted are the permissions a setting that counts grants.
granted := sort({s.permission |
	some s in settings
	s.granted == true
	not excepted(s)
})

excepted(s) if {
	s.via != null
	some name in data.params.risky_permission_policies
	name == s.via
}

finding := {
	"detail": sprintf("non-administrator with %s", [concat("; ", [describe(p) | some p in granted])]),
	"evidence": {
		"permissions": [{"permission": s.permission, "value": s.value, "granted": s.granted, "via": via(s)} |
			some s in settings
			s.permission in granted
		],
		"disagreements": sort({p | some p in granted; disagrees(p)}),
	},
} if {
	is_array(input.permissions)
	count(input.permissions) > 0
	input.enabled == true
	input.administrator == false
	count(granted) > 0
}

describe(p) := sprintf("%s: %s%s", [p, concat(", ", grants(p)), disagreement(p)])

grants(p) := [sprintf("%s from %s", [s.value, via(s)]) |
	some s in settings
	s.permission == p
	s.granted == true
]

disagreement(p) := sprintf(" (but %s; the export does not give the order in which the account's own settings and its group policies apply, so which prevails is not known)", [concat(", ", [sprintf("%s sets %s", [via(s), s.value]) |
	some s in settings
	s.permission == p
	s.granted != true
])]) if {
	disagrees(p)
} else := ""

disagrees(p) if {
	some s in settings
	s.permission == p
	s.granted != true
}

via(s) := "the account itself" if {
	s.via == null
} else := sprintf("group policy %s (%s)", [s.via, s.status])
