package schema

import (
	"slices"

	"github.com/review-tool/review/product"
)

// Input describes one kind of input file, once: where its rows go, how its
// objects are told apart, which products export it, and what it gives a
// source. The lists other packages once kept by hand (the kinds whose rows
// are accounts, the kinds whose ids are checked across files, which kinds
// count as a source's export, the capabilities and the products that have
// them, the reference targets of dangling-reference) are derived from
// Inputs. A new kind is its entry here, its tables, a reader and its SQL.
type Input struct {
	Kind Kind
	// Table is the raw table its rows go to; nil for a kind kept as
	// evidence only, whose file is listed but not loaded.
	Table *Table
	// Parent is the column of the parent id of a per-parent list
	// (group_policy_id for /group-policy/{id}/member), "" otherwise.
	Parent string
	// UniqueIDs says the table's id column tells its objects apart (under
	// Parent): an object exported twice across a source's files is an
	// error, and a kept database is checked the same way.
	UniqueIDs bool
	// Products are the products whose sites export the kind; nil: any.
	Products []string
	// Accounts says its rows are accounts: counted as read, loaded and
	// analysed on the Evidence sheet.
	Accounts bool
	// Export says a file of this kind is an export of its source: a source
	// with none is an error. The roster, the license counts and reports
	// kept as evidence are not.
	Export bool
	// Activity says it is a session or activity report (docs/inputs.md
	// §7): what accounts did, not who has access. The Evidence sheet gives
	// its files, rows and the window of time they cover.
	Activity bool
	// EvidenceOnly says no rule reads it: its files are listed on the
	// Evidence sheet with their hashes, and that is all.
	EvidenceOnly bool
	// Capability is what a file of the kind gives its source, the name a
	// rule's METADATA requires: the table's name for an export
	// (KindCapability), "" for none.
	Capability string
	// Referenced is the capability that makes the kind's ids a complete
	// list other exports may refer to (dangling-reference checks a
	// reference only against a list the source exported); "" for a kind
	// nothing refers to.
	Referenced string
	// Type is the value of its table's type column, for kinds that share a
	// table with a type column (the Jump Item types in jump_items); ""
	// otherwise. The reader writes it on every row.
	Type string
	// TypeName is how the sheets, explain and the rules' details name
	// that type ("Remote RDP"), and TypePlural its objects in a message
	// ("Remote RDP Jump Items"); facts.Build loads both into the
	// jump_item_types table, so SQL names a type as Go does.
	TypeName, TypePlural string
}

// Both Remote Support and Privileged Remote Access: the Configuration API.
var configAPI = []string{product.PRA, product.RS}

// Inputs are every kind of input file, in the order docs/facts.md lists
// their capabilities.
var Inputs = []Input{
	apiList(KindUsers, Users, "", Referenced(CapUserID)),
	apiList(KindGroupPolicies, GroupPolicies, "", referencedByName),
	apiList(KindGroupPolicyMembers, GroupPolicyMembers, "group_policy_id"),
	apiList(KindUserGroupPolicies, UserGroupPolicies, "user_id"),
	apiList(KindTeams, Teams, "", referencedByName),
	apiList(KindTeamUsers, TeamUsers, "team_id"),
	apiList(KindGroupPolicyTeams, GroupPolicyTeams, "group_policy_id"),
	apiList(KindJumpGroups, JumpGroups, "", referencedByName),
	apiList(KindJumpGroupUsers, JumpGroupUsers, "jump_group_id"),
	apiList(KindGroupPolicyJumpGroups, GroupPolicyJumpGroups, "group_policy_id"),
	apiList(KindJumpPolicies, JumpPolicies, "", referencedByName),
	// The Jump Items, by type: one kind (one file, one endpoint) each, in
	// one table. BeyondTrust's published schemas give Remote Support the
	// RDP, VNC and Shell Jump Items and Jump Clients, not the tunnels or
	// Web Jump.
	jumpItem(KindRemoteRDP, "remote_rdp", "Remote RDP", "Remote RDP Jump Items", configAPI),
	jumpItem(KindRemoteVNC, "remote_vnc", "Remote VNC", "Remote VNC Jump Items", configAPI),
	jumpItem(KindShellJump, "shell_jump", "Shell Jump", "Shell Jump Items", configAPI),
	jumpItem(KindProtocolTunnelJump, "protocol_tunnel", "Protocol Tunnel", "Protocol Tunnel Jump Items", []string{product.PRA}),
	jumpItem(KindNetworkTunnelJump, "network_tunnel", "Network Tunnel", "Network Tunnel Jump Items", []string{product.PRA}),
	jumpItem(KindPSQLTunnelJump, "psql_tunnel", "PostgreSQL Tunnel", "PostgreSQL Tunnel Jump Items", []string{product.PRA}),
	jumpItem(KindMySQLTunnelJump, "mysql_tunnel", "MySQL Tunnel", "MySQL Tunnel Jump Items", []string{product.PRA}),
	jumpItem(KindWebJump, "web_jump", "Web Jump", "Web Jump Items", []string{product.PRA}),
	jumpItem(KindJumpClients, "jump_client", "Jump Client", "Jump Clients", configAPI),
	apiList(KindVaultAccountGroups, VaultAccountGroups, "", referencedByName),
	apiList(KindVaultAccountGroupUsers, VaultAccountGroupUsers, "account_group_id"),
	apiList(KindGroupPolicyVaultAccountGroups, GroupPolicyVaultAccountGroups, "group_policy_id"),
	apiList(KindSecurityProviders, SecurityProviders, ""),
	apiList(KindSessionPolicies, SessionPolicies, ""),
	apiList(KindAPIAccounts, APIAccounts, ""),
	// BeyondTrust's published schemas give vendors to PRA alone.
	apiList(KindVendors, Vendors, "", referencedByName, only(product.PRA)),
	apiList(KindVendorUsers, VendorUsers, "vendor_id", only(product.PRA)),
	// Password Safe (BeyondInsight API v3), which has none of the
	// Configuration API's kinds.
	psList(KindPSUsers, PSUsers, ""),
	psList(KindPSUserGroups, PSUserGroups, ""),
	psList(KindPSUserGroupUsers, PSUserGroupUsers, "group_id"),
	psList(KindPSEntitlements, PSEntitlements, ""),
	psList(KindPSUserGroupSmartRules, PSUserGroupSmartRules, "group_id"),
	psList(KindPSUserGroupSmartRuleRoles, PSUserGroupSmartRuleRoles, "group_id"),
	// What accounts did (docs/inputs.md §3a): session and activity reports
	// add to a source's exports without being one, since they say nothing
	// of who has access (a source of them alone is a review of nothing);
	// the listings, team activity and empty reports are recognised and
	// listed, no more. Session events come with the sessions.
	activity(KindSessionReport, Sessions, configAPI),
	{Kind: KindSessionListing, Products: configAPI, EvidenceOnly: true, Activity: true},
	activity(KindVaultActivity, VaultActivity, configAPI),
	{Kind: KindTeamActivity, Products: configAPI, EvidenceOnly: true, Activity: true},
	{Kind: KindEmptyReport, Products: configAPI, EvidenceOnly: true, Activity: true},
	activity(KindPSUserAudits, PSUserAudits, []string{product.PasswordSafe}),
	activity(KindPSSessions, PSSessions, []string{product.PasswordSafe}),
	// The role catalogue names roles; it assigns none, and says nothing
	// of what anyone did.
	{Kind: KindPSRoles, Table: PSRoles, Products: []string{product.PasswordSafe}, Capability: KindCapability(PSRoles)},
	// The User Account Report: users without ids, by username.
	// It gives its source a capability per column (user.*), none of its own.
	{Kind: KindUserReport, Table: Users, Products: configAPI, Accounts: true, Export: true},
	{Kind: KindRoster, Table: Roster},
	{Kind: KindLicenses, Table: Licenses},
	{Kind: KindLicenseUsage, Products: []string{product.RS}, EvidenceOnly: true},
}

// apiList is a Configuration API list: objects with ids, under a parent's
// id for a per-parent list.
func apiList(k Kind, t *Table, parent string, opts ...func(*Input)) Input {
	in := Input{Kind: k, Table: t, Parent: parent, UniqueIDs: t.Index("id") >= 0, Products: configAPI, Export: true,
		Capability: KindCapability(t), Accounts: k == KindUsers || k == KindVendorUsers}
	for _, o := range opts {
		o(&in)
	}
	return in
}

// jumpItem is the list of one Jump Item type, loaded into jump_items
// with its type.
func jumpItem(k Kind, typ, name, plural string, products []string) Input {
	return apiList(k, JumpItems, "", only(products...), func(in *Input) { in.Type, in.TypeName, in.TypePlural = typ, name, plural })
}

// psList is a Password Safe list.
func psList(k Kind, t *Table, parent string) Input {
	return Input{Kind: k, Table: t, Parent: parent, UniqueIDs: t.Index("id") >= 0, Products: []string{product.PasswordSafe},
		Export: true, Capability: KindCapability(t), Accounts: k == KindPSUsers}
}

// activity is a report of what accounts did: rows and a capability, not
// an export.
func activity(k Kind, t *Table, products []string) Input {
	return Input{Kind: k, Table: t, Products: products, Capability: KindCapability(t), Activity: true}
}

// Referenced says the ids of the kind are checkable once its source has
// capability c.
func Referenced(c string) func(*Input) { return func(in *Input) { in.Referenced = c } }

// referencedByName: the kind's own export makes its ids checkable.
func referencedByName(in *Input) { in.Referenced = in.Capability }

// only narrows the products that export a kind.
func only(products ...string) func(*Input) { return func(in *Input) { in.Products = products } }

// JumpItemKinds are the kinds whose rows are Jump Items, in Inputs order.
func JumpItemKinds() []Kind {
	var out []Kind
	for _, in := range Inputs {
		if in.Table == JumpItems {
			out = append(out, in.Kind)
		}
	}
	return out
}

// InputOf returns the description of kind k, or nil for a kind Inputs
// does not hold.
func InputOf(k Kind) *Input {
	for i := range Inputs {
		if Inputs[i].Kind == k {
			return &Inputs[i]
		}
	}
	return nil
}

// AccountTables are the raw tables whose rows are accounts, each once, in
// Inputs order.
func AccountTables() []*Table {
	var out []*Table
	for _, in := range Inputs {
		if in.Accounts && !slices.Contains(out, in.Table) {
			out = append(out, in.Table)
		}
	}
	return out
}

// ReferenceTargets maps the capability that makes a kind's ids checkable
// to the kind, for dangling-reference.
func ReferenceTargets() map[string]Kind {
	out := map[string]Kind{}
	for _, in := range Inputs {
		if in.Referenced != "" {
			out[in.Referenced] = in.Kind
		}
	}
	return out
}
