// Package configapi reads BeyondTrust Configuration API exports (JSON arrays
// of the objects the list endpoints return, and per-parent lists in either of
// their two forms) into the raw tables.
package configapi

import "github.com/review-tool/review/ingest/raw"

// kind describes how one endpoint's objects map onto a raw table.
type kind struct {
	kind  raw.Kind
	table *raw.Table
	// parent is the column holding the parent id of a per-parent endpoint
	// (group_policy_id for /group-policy/{id}/member), "" otherwise. In the
	// flat form the field of the same name carries it.
	parent string
	// fields maps API field names to columns whose name differs; fields
	// named like a column map to it without an entry here.
	fields map[string]string
	// capability names the kind for the rules' requires lists.
	capability string
	// endpoints are the Configuration API's GET paths whose objects an
	// export of this kind holds (a list endpoint, and for security
	// providers also the per-id one, which adds default_policy).
	endpoints []string
}

var kinds = []*kind{
	{kind: raw.KindUsers, endpoints: []string{"/user"}, table: raw.Users, capability: "users", fields: map[string]string{"perm_admin": "is_admin"}},
	{kind: raw.KindGroupPolicies, endpoints: []string{"/group-policy"}, table: raw.GroupPolicies, capability: "group_policies",
		fields: map[string]string{"access_perm_status": "perm_status", "rep_perm_status": "perm_status"}},
	{kind: raw.KindGroupPolicyMembers, endpoints: []string{"/group-policy/{id}/member"}, table: raw.GroupPolicyMembers, parent: "group_policy_id", capability: "group_policy_members"},
	{kind: raw.KindUserGroupPolicies, endpoints: []string{"/user/{id}/group-policies"}, table: raw.UserGroupPolicies, parent: "user_id", capability: "user_group_policies",
		fields: map[string]string{"id": "group_policy_id"}},
	{kind: raw.KindTeams, endpoints: []string{"/team"}, table: raw.Teams, capability: "teams"},
	{kind: raw.KindTeamUsers, endpoints: []string{"/team/{id}/user"}, table: raw.TeamUsers, parent: "team_id", capability: "team_users"},
	{kind: raw.KindGroupPolicyTeams, endpoints: []string{"/group-policy/{id}/team"}, table: raw.GroupPolicyTeams, parent: "group_policy_id", capability: "group_policy_teams"},
	{kind: raw.KindJumpGroups, endpoints: []string{"/jump-group"}, table: raw.JumpGroups, capability: "jump_groups"},
	{kind: raw.KindJumpGroupUsers, endpoints: []string{"/jump-group/{id}/user"}, table: raw.JumpGroupUsers, parent: "jump_group_id", capability: "jump_group_users"},
	{kind: raw.KindGroupPolicyJumpGroups, endpoints: []string{"/group-policy/{id}/jump-group"}, table: raw.GroupPolicyJumpGroups, parent: "group_policy_id", capability: "group_policy_jump_groups"},
	{kind: raw.KindVaultAccountGroups, endpoints: []string{"/vault/account-group"}, table: raw.VaultAccountGroups, capability: "vault_account_groups"},
	{kind: raw.KindVaultAccountGroupUsers, endpoints: []string{"/vault/account-group/{id}/user"}, table: raw.VaultAccountGroupUsers, parent: "account_group_id", capability: "vault_account_group_users"},
	{kind: raw.KindGroupPolicyVaultAccountGroups, endpoints: []string{"/group-policy/{id}/vault-account-group"}, table: raw.GroupPolicyVaultAccountGroups, parent: "group_policy_id", capability: "group_policy_vault_account_groups"},
	{kind: raw.KindSecurityProviders, endpoints: []string{"/security-provider", "/security-provider/{id}"}, table: raw.SecurityProviders, capability: "security_providers"},
	{kind: raw.KindSessionPolicies, endpoints: []string{"/session-policy"}, table: raw.SessionPolicies, capability: "session_policies"},
	{kind: raw.KindAPIAccounts, endpoints: []string{"/api-account"}, table: raw.APIAccounts, capability: "api_accounts"},
	{kind: raw.KindVendors, endpoints: []string{"/vendor"}, table: raw.Vendors, capability: "vendors",
		fields: map[string]string{"account_expiration": "account_expiration_days"}},
	{kind: raw.KindVendorUsers, endpoints: []string{"/vendor/{id}/user"}, table: raw.VendorUsers, parent: "vendor_id", capability: "vendor_users",
		fields: map[string]string{"last_authentication": "last_authenticated_date"}},
}

func kindOf(k raw.Kind) *kind {
	for _, s := range kinds {
		if s.kind == k {
			return s
		}
	}
	return nil
}

// userCapabilities maps user fields to the capabilities they give.
var userCapabilities = map[string]string{
	"enabled":                "user.enabled",
	"last_authentication":    "user.last_authentication",
	"created_at":             "user.created_at",
	"perm_admin":             "user.administrator",
	"two_factor_enabled":     "user.two_factor",
	"fido2_credential_count": "user.two_factor",
	"email_address":          "user.email",
	"security_provider_id":   "user.security_provider",
	"account_expiration":     "user.account_expiration",
}

// vendorUserCapabilities: vendor users always carry these, and rules on
// accounts test them the same way.
var vendorUserCapabilities = map[string]string{
	"enabled":                 "user.enabled",
	"last_authenticated_date": "user.last_authentication",
	"last_authentication":     "user.last_authentication",
	"account_expiration":      "user.account_expiration",
	"email_address":           "user.email",
}

// IDKey says how the objects of kind k are told apart: by the "id" column
// of table, under the parent column for per-parent kinds ("" otherwise).
// ok is false for kinds whose objects carry no id.
func IDKey(k raw.Kind) (table *raw.Table, parent string, ok bool) {
	s := kindOf(k)
	if s == nil || s.table.Index("id") < 0 {
		return nil, "", false
	}
	return s.table, s.parent, true
}
