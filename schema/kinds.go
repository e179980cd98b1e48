package schema

// Kind is what an input file was recognised as.
type Kind string

// The kinds of input files. Configuration API kinds are named after their
// endpoint's file name in docs/inputs.md.
const (
	KindUnknown                       Kind = ""
	KindUsers                         Kind = "user"
	KindGroupPolicies                 Kind = "group-policy"
	KindGroupPolicyMembers            Kind = "group-policy-member"
	KindUserGroupPolicies             Kind = "user-group-policies"
	KindTeams                         Kind = "team"
	KindTeamUsers                     Kind = "team-user"
	KindGroupPolicyTeams              Kind = "group-policy-team"
	KindJumpGroups                    Kind = "jump-group"
	KindJumpGroupUsers                Kind = "jump-group-user"
	KindGroupPolicyJumpGroups         Kind = "group-policy-jump-group"
	KindVaultAccountGroups            Kind = "vault-account-group"
	KindVaultAccountGroupUsers        Kind = "vault-account-group-user"
	KindGroupPolicyVaultAccountGroups Kind = "group-policy-vault-account-group"
	KindSecurityProviders             Kind = "security-provider"
	KindSessionPolicies               Kind = "session-policy"
	KindAPIAccounts                   Kind = "api-account"
	KindVendors                       Kind = "vendor"
	KindVendorUsers                   Kind = "vendor-user"
	KindJumpPolicies                  Kind = "jump-policy"
	// Jump Items, one kind per type (GET /jump-item/{type}, and
	// GET /jump-client for Jump Clients), named after the endpoint's last
	// part, so that remote-rdp.json and jump-item-remote-rdp.json both
	// name the kind. All load into one table, jump_items, whose type
	// column says the kind (Input.Type).
	KindRemoteRDP          Kind = "remote-rdp"
	KindRemoteVNC          Kind = "remote-vnc"
	KindShellJump          Kind = "shell-jump"
	KindProtocolTunnelJump Kind = "protocol-tunnel-jump"
	KindNetworkTunnelJump  Kind = "network-tunnel-jump"
	KindPSQLTunnelJump     Kind = "psql-tunnel-jump"
	KindMySQLTunnelJump    Kind = "mysql-tunnel-jump"
	KindWebJump            Kind = "web-jump"
	KindJumpClients        Kind = "jump-client"
	// Password Safe (BeyondInsight public API v3) kinds, named ps-* so
	// that a file name never takes one for a Configuration API kind.
	KindPSUsers                   Kind = "ps-user"
	KindPSUserGroups              Kind = "ps-user-group"
	KindPSUserGroupUsers          Kind = "ps-user-group-user"
	KindPSEntitlements            Kind = "ps-entitlement"
	KindPSUserGroupSmartRules     Kind = "ps-user-group-smart-rule"
	KindPSUserGroupSmartRuleRoles Kind = "ps-user-group-smart-rule-role"
	KindUserReport                Kind = "user-account-report"
	KindRoster                    Kind = "roster"
	KindLicenses                  Kind = "licenses"
	KindLicenseUsage              Kind = "license-usage"
)
