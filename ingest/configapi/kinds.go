// Package configapi reads BeyondTrust Configuration API exports (JSON arrays
// of the objects the list endpoints return, and per-parent lists in either of
// their two forms) into the raw tables.
package configapi

import "github.com/review-tool/review/schema"

// kind describes how one endpoint's objects map onto a raw table.
type kind struct {
	kind  schema.Kind
	table *schema.Table
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
	// caseInsensitive kinds (Password Safe) match field names ignoring
	// case: fields is then keyed by the lower-cased API name, and a field
	// it does not name goes to extra.
	caseInsensitive bool
	// apiNames spell columns as the API does, for messages, where the
	// column's name is not the API's (Password Safe's UserID for id).
	apiNames map[string]string
	// parent2 is a second parent column: the keyed form's keys are then
	// "{parent}/{parent2}", and a flat row carries both fields.
	parent2 string
	// itemType is the value of the table's type column on every row, for
	// kinds that share their table (schema.Input.Type): "" otherwise. The
	// column is then the reader's, never a field's.
	itemType string
}

// kinds are every kind this package reads: the Configuration API's, then
// Password Safe's (passwordsafe.go).
var kinds = append(append([]*kind(nil), apiKinds...), psKinds...)

// apiKinds are the Configuration API's kinds, the ones its published
// schemas describe.
var apiKinds = described([]*kind{
	{kind: schema.KindUsers, endpoints: []string{"/user"}, fields: map[string]string{"perm_admin": "is_admin"}},
	{kind: schema.KindGroupPolicies, endpoints: []string{"/group-policy"},
		fields: map[string]string{"access_perm_status": "perm_status", "rep_perm_status": "perm_status"}},
	{kind: schema.KindGroupPolicyMembers, endpoints: []string{"/group-policy/{id}/member"}},
	{kind: schema.KindUserGroupPolicies, endpoints: []string{"/user/{id}/group-policies"},
		fields: map[string]string{"id": "group_policy_id"}},
	{kind: schema.KindTeams, endpoints: []string{"/team"}},
	{kind: schema.KindTeamUsers, endpoints: []string{"/team/{id}/user"}},
	{kind: schema.KindGroupPolicyTeams, endpoints: []string{"/group-policy/{id}/team"}},
	{kind: schema.KindJumpGroups, endpoints: []string{"/jump-group"}},
	{kind: schema.KindJumpGroupUsers, endpoints: []string{"/jump-group/{id}/user"}},
	{kind: schema.KindGroupPolicyJumpGroups, endpoints: []string{"/group-policy/{id}/jump-group"}},
	{kind: schema.KindVaultAccountGroups, endpoints: []string{"/vault/account-group"}},
	{kind: schema.KindVaultAccountGroupUsers, endpoints: []string{"/vault/account-group/{id}/user"}},
	{kind: schema.KindGroupPolicyVaultAccountGroups, endpoints: []string{"/group-policy/{id}/vault-account-group"}},
	{kind: schema.KindSecurityProviders, endpoints: []string{"/security-provider", "/security-provider/{id}"}},
	{kind: schema.KindSessionPolicies, endpoints: []string{"/session-policy"}},
	{kind: schema.KindAPIAccounts, endpoints: []string{"/api-account"}},
	{kind: schema.KindVendors, endpoints: []string{"/vendor"},
		fields: map[string]string{"account_expiration": "account_expiration_days"}},
	{kind: schema.KindVendorUsers, endpoints: []string{"/vendor/{id}/user"},
		fields: map[string]string{"last_authentication": "last_authenticated_date"}},
	{kind: schema.KindJumpPolicies, endpoints: []string{"/jump-policy"}},
	// Jump Items: the host is the hostname, a Web Jump's url.
	{kind: schema.KindRemoteRDP, endpoints: []string{"/jump-item/remote-rdp"}, fields: hostname},
	{kind: schema.KindRemoteVNC, endpoints: []string{"/jump-item/remote-vnc"}, fields: hostname},
	{kind: schema.KindShellJump, endpoints: []string{"/jump-item/shell-jump"}, fields: hostname},
	{kind: schema.KindProtocolTunnelJump, endpoints: []string{"/jump-item/protocol-tunnel-jump"}, fields: hostname},
	{kind: schema.KindNetworkTunnelJump, endpoints: []string{"/jump-item/network-tunnel-jump"}, fields: hostname},
	{kind: schema.KindPSQLTunnelJump, endpoints: []string{"/jump-item/psql-tunnel-jump"}, fields: hostname},
	{kind: schema.KindMySQLTunnelJump, endpoints: []string{"/jump-item/mysql-tunnel-jump"}, fields: hostname},
	{kind: schema.KindWebJump, endpoints: []string{"/jump-item/web-jump"}, fields: map[string]string{"url": "host"}},
	{kind: schema.KindJumpClients, endpoints: []string{"/jump-client"}, fields: hostname},
})

// hostname maps a Jump Item's hostname to the host column.
var hostname = map[string]string{"hostname": "host"}

// described fills each kind's table, parent and capability from its
// description in schema.Inputs, where they are written once.
func described(ks []*kind) []*kind {
	for _, k := range ks {
		in := schema.InputOf(k.kind)
		if in == nil || in.Table == nil {
			panic("configapi: " + string(k.kind) + " has no table in schema.Inputs")
		}
		k.table, k.parent, k.capability, k.itemType = in.Table, in.Parent, in.Capability, in.Type
	}
	return ks
}

func kindOf(k schema.Kind) *kind {
	for _, s := range kinds {
		if s.kind == k {
			return s
		}
	}
	return nil
}

// userCapabilities maps user fields to the capabilities they give.
var userCapabilities = map[string]string{
	"enabled":                schema.CapUserEnabled,
	"last_authentication":    schema.CapUserLastAuthentication,
	"created_at":             schema.CapUserCreatedAt,
	"perm_admin":             schema.CapUserAdministrator,
	"two_factor_enabled":     schema.CapUserTwoFactor,
	"fido2_credential_count": schema.CapUserTwoFactor,
	"email_address":          schema.CapUserEmail,
	"security_provider_id":   schema.CapUserSecurityProvider,
	"account_expiration":     schema.CapUserAccountExpiration,
}

// vendorUserCapabilities: vendor users always carry these, and rules on
// accounts test them the same way.
var vendorUserCapabilities = map[string]string{
	"enabled":                 schema.CapUserEnabled,
	"last_authenticated_date": schema.CapUserLastAuthentication,
	"last_authentication":     schema.CapUserLastAuthentication,
	"account_expiration":      schema.CapUserAccountExpiration,
	"email_address":           schema.CapUserEmail,
}

// apiName is how the export spells the field of column col.
func (k *kind) apiName(col string) string {
	if n, ok := k.apiNames[col]; ok {
		return n
	}
	return col
}

// vendorCapabilities: a vendor group's approval setting is a rule's fact
// only where the export carries it.
var vendorCapabilities = map[string]string{
	"user_approval_enabled": schema.CapVendorUserApproval,
}

// jumpPolicyCapabilities: Remote Support's Jump Policies carry no approval
// or recording setting, and an older export may leave them out.
var jumpPolicyCapabilities = map[string]string{
	"approval_required":   schema.CapJumpPolicyApproval,
	"recordings_disabled": schema.CapJumpPolicyRecordings,
}

// membershipPolicyCapabilities: a Jump Group membership's own Jump
// Policy is known only where the export carries jump_policy_id.
var membershipPolicyCapabilities = map[schema.Kind]map[string]string{
	schema.KindJumpGroupUsers:        {"jump_policy_id": schema.CapJumpGroupUserPolicy},
	schema.KindGroupPolicyJumpGroups: {"jump_policy_id": schema.CapGroupPolicyJumpGroupPolicy},
}

// PageSize is the most objects one response of a paged endpoint holds:
// per_page defaults to 100, which is also its maximum.
const PageSize = 100

// pagedEndpoints are the endpoints of apiKinds that take per_page and
// current_page in BeyondTrust's published OpenAPI documents (PRA and RS
// 1.10): a list endpoint's export of exactly PageSize objects may be the
// first page of several. The per-parent ones page each parent's list.
// /user/{id}/group-policies, /group-policy/{id}/jump-group,
// /group-policy/{id}/vault-account-group and /security-provider/{id} do
// not page; nor do Password Safe's endpoints by 100.
var pagedEndpoints = map[string]bool{
	"/user": true, "/group-policy": true, "/group-policy/{id}/member": true, "/team": true,
	"/team/{id}/user": true, "/group-policy/{id}/team": true, "/jump-group": true, "/jump-group/{id}/user": true,
	"/vault/account-group": true, "/vault/account-group/{id}/user": true, "/security-provider": true,
	"/session-policy": true, "/api-account": true, "/vendor": true, "/vendor/{id}/user": true,
	"/jump-policy": true, "/jump-item/remote-rdp": true, "/jump-item/remote-vnc": true, "/jump-item/shell-jump": true,
	"/jump-item/protocol-tunnel-jump": true, "/jump-item/network-tunnel-jump": true, "/jump-item/psql-tunnel-jump": true,
	"/jump-item/mysql-tunnel-jump": true, "/jump-item/web-jump": true, "/jump-client": true,
}

// Paging says whether the export of kind k comes from an endpoint that
// pages (PageSize objects at most a response), which one, and the
// parent column of a per-parent kind, whose lists page one parent at a
// time ("" otherwise).
func Paging(k schema.Kind) (endpoint, parent string, table *schema.Table, ok bool) {
	s := kindOf(k)
	if s == nil || len(s.endpoints) == 0 || !pagedEndpoints[s.endpoints[0]] {
		return "", "", nil, false
	}
	return s.endpoints[0], s.parent, s.table, true
}
