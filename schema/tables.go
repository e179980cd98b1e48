// Package schema declares what the readers load and the database holds: the
// raw tables and their columns, the kinds of input file, and the capability
// names a source's files give. It imports nothing of the project, so that
// the database layer and every reader can depend on it without reaching
// into ingest.
package schema

// Column types, as DuckDB names them. Readers pass Go values of the matching
// type to a Sink: string, int64, bool, float64, time.Time, or nil for NULL.
const (
	Text      = "VARCHAR"
	Int       = "BIGINT"
	Bool      = "BOOLEAN"
	Float     = "DOUBLE"
	Timestamp = "TIMESTAMP"
	Date      = "DATE"
)

// Column is one column of a raw table.
type Column struct {
	Name string
	Type string
	Doc  string
}

// Table is one raw table that readers fill. Every table starts with the
// columns source, file_id and line, so any row can be traced back to the
// place it was read from.
type Table struct {
	Name    string
	Doc     string
	Columns []Column
}

// Index returns the position of the named column, or -1.
func (t *Table) Index(name string) int {
	for i, c := range t.Columns {
		if c.Name == name {
			return i
		}
	}
	return -1
}

// NewRow returns a row of NULLs with the common prefix filled in.
func (t *Table) NewRow(source string, fileID int, line int64) []any {
	row := make([]any, len(t.Columns))
	row[0] = source
	row[1] = int64(fileID)
	row[2] = line
	return row
}

func table(name, doc string, cols ...Column) *Table {
	prefix := []Column{
		{"source", Text, "source name (empty for roster and licenses)"},
		{"file_id", Int, "input_files.file_id of the file the row came from"},
		{"line", Int, "line in that file where the row starts (1-based)"},
	}
	return &Table{Name: name, Doc: doc, Columns: append(prefix, cols...)}
}

func c(name, typ, doc string) Column { return Column{name, typ, doc} }

// extra is the last column of every Configuration API table: the fields of
// an object that have no column of their own, so none is dropped.
var extra = c("extra", Text, "JSON object of fields not interpreted")

// The raw tables. Names of columns follow the Configuration API where it has
// one. perms and extra hold JSON objects: every perm_* field, and every field
// the reader did not interpret (kept, never dropped).
var (
	Users = table("users", "RS/PRA users from GET /user or the User Account Report",
		c("origin", Text, "api or report"),
		c("id", Int, "user id (NULL for report rows)"),
		c("security_provider_id", Int, ""),
		c("security_provider_name", Text, "provider name as the report writes it"),
		c("username", Text, ""),
		c("public_display_name", Text, ""),
		c("private_display_name", Text, "RS only"),
		c("email_address", Text, ""),
		c("enabled", Bool, "NULL when not exported"),
		c("last_authentication", Timestamp, "UTC; NULL = never"),
		c("created_at", Timestamp, "UTC"),
		c("password_expiration", Timestamp, ""),
		c("password_never_expires", Bool, ""),
		c("account_expiration", Timestamp, ""),
		c("account_never_expires", Bool, ""),
		c("two_factor_required", Bool, ""),
		c("two_factor_enabled", Bool, ""),
		c("fido2_credential_count", Int, ""),
		c("fido2_last_used_date", Timestamp, ""),
		c("failed_logins", Int, ""),
		c("is_admin", Bool, "perm_admin, or the report's Administrator column"),
		c("license_pool", Text, ""),
		c("perms", Text, "JSON object of every perm_* field"),
		c("extra", Text, "JSON object of fields not interpreted"),
	)
	// UserMemberships are the report's membership columns, by name.
	UserMemberships = table("user_memberships", "memberships named in the User Account Report",
		c("username", Text, ""),
		c("security_provider_name", Text, ""),
		c("kind", Text, "group-policy, team, jump-group or vault-account-group"),
		c("name", Text, "the group's name as written"),
		c("role", Text, "e.g. lead from 'Team A (lead)'"),
	)
	GroupPolicies = table("group_policies", "GET /group-policy",
		c("id", Int, ""), c("name", Text, ""),
		c("perm_status", Text, "access_perm_status (PRA) / rep_perm_status (RS)"),
		c("perms", Text, "JSON object of every perm_* field"),
		c("extra", Text, "JSON object of fields not interpreted"),
	)
	GroupPolicyMembers = table("group_policy_members", "GET /group-policy/{id}/member",
		c("group_policy_id", Int, "the parent"),
		c("id", Int, "member id"),
		c("security_provider_id", Int, ""),
		c("user_id", Int, "a user member"),
		c("distinguished_name", Text, "a directory group member"),
		c("group_name", Text, "a directory group member"),
		extra,
	)
	// GroupPolicyMemberParents records every parent id present in a keyed
	// per-parent export, so an empty list is a real, empty membership.
	Parents = table("parents", "parent ids seen in per-parent exports, including those with empty lists",
		c("kind", Text, "the per-parent kind, e.g. group-policy-member"),
		c("parent_id", Int, ""),
	)
	UserGroupPolicies = table("user_group_policies", "GET /user/{id}/group-policies",
		c("user_id", Int, "the parent"), c("group_policy_id", Int, ""), c("name", Text, ""),
		extra,
	)
	Teams = table("teams", "GET /team",
		c("id", Int, ""), c("name", Text, ""), c("code_name", Text, ""),
		extra,
	)
	TeamUsers = table("team_users", "GET /team/{id}/user",
		c("team_id", Int, "the parent"), c("user_id", Int, ""), c("role", Text, "member, lead or manager"),
		extra,
	)
	GroupPolicyTeams = table("group_policy_teams", "GET /group-policy/{id}/team",
		c("group_policy_id", Int, "the parent"), c("team_id", Int, ""), c("role", Text, ""),
		extra,
	)
	JumpGroups = table("jump_groups", "GET /jump-group",
		c("id", Int, ""), c("name", Text, ""), c("code_name", Text, ""),
		extra,
	)
	JumpGroupUsers = table("jump_group_users", "GET /jump-group/{id}/user",
		c("jump_group_id", Int, "the parent"), c("user_id", Int, ""), c("jump_item_role_id", Int, ""),
		c("jump_policy_id", Int, "the Jump Policy the membership sets, as exported: NULL (or 0) = the one set on each Jump Item; PRA only"),
		extra,
	)
	GroupPolicyJumpGroups = table("group_policy_jump_groups", "GET /group-policy/{id}/jump-group",
		c("group_policy_id", Int, "the parent"), c("jump_group_id", Int, ""),
		c("jump_item_role_id", Int, "0 = the user's default"),
		c("jump_policy_id", Int, "the Jump Policy the membership sets, as exported: 0 (or NULL) = the one set on each Jump Item; PRA only"),
		extra,
	)
	JumpPolicies = table("jump_policies", "GET /jump-policy (Remote Support's have no approval, recording or notification fields)",
		c("id", Int, ""), c("display_name", Text, ""), c("code_name", Text, ""), c("description", Text, ""),
		c("approval_required", Bool, "a session waits for an approver's approval; NULL = not exported (Remote Support)"),
		c("approval_scope", Text, "requestor or anyone: who an approval lets in"),
		c("approval_approver_scope", Text, "not_requestor or anyone (an approver may approve their own request)"),
		c("approval_max_duration", Int, "minutes an approval lasts"),
		c("recordings_disabled", Bool, "sessions are not recorded, whatever the site's setting; NULL = not exported (Remote Support)"),
		c("ticket_id_required", Bool, ""), c("two_factor_challenge_required", Bool, ""),
		c("schedule_enabled", Bool, "access only within the policy's schedule"), c("schedule_strict", Bool, "sessions end when the schedule closes"),
		c("session_start_notification", Bool, ""), c("session_end_notification", Bool, ""),
		extra,
	)
	// JumpItems are every Jump Item type's export and the Jump Clients,
	// one row per item: the facts join them all the same way.
	JumpItems = table("jump_items", "GET /jump-item/{type} (remote-rdp, remote-vnc, shell-jump, protocol-tunnel-jump, network-tunnel-jump, psql-tunnel-jump, mysql-tunnel-jump, web-jump) and GET /jump-client",
		c("type", Text, "remote_rdp, remote_vnc, shell_jump, protocol_tunnel, network_tunnel, psql_tunnel, mysql_tunnel, web_jump or jump_client: the export the row came from"),
		c("id", Int, "unique within its type only: type and id identify an item"),
		c("name", Text, ""),
		c("host", Text, "hostname; url for web_jump; NULL for network_tunnel, which has neither"),
		c("jump_group_id", Int, "the shared Jump Group, or for a personal item the user who owns it"),
		c("jump_group_type", Text, "shared or personal"),
		c("jump_policy_id", Int, "NULL = none"),
		c("session_policy_id", Int, "NULL = none (a Remote Support Jump Client gives attended_ and unattended_session_policy_id, in extra)"),
		c("jumpoint_id", Int, "NULL for Jump Clients, which connect without one"),
		c("tag", Text, ""), c("comments", Text, ""),
		extra,
	)
	VaultAccountGroups = table("vault_account_groups", "GET /vault/account-group",
		c("id", Int, ""), c("name", Text, ""),
		extra,
	)
	VaultAccountGroupUsers = table("vault_account_group_users", "GET /vault/account-group/{id}/user",
		c("account_group_id", Int, "the parent"), c("user_id", Int, ""), c("role", Text, ""),
		extra,
	)
	GroupPolicyVaultAccountGroups = table("group_policy_vault_account_groups", "GET /group-policy/{id}/vault-account-group",
		c("group_policy_id", Int, "the parent"), c("account_group_id", Int, ""), c("role", Text, ""),
		extra,
	)
	SecurityProviders = table("security_providers", "GET /security-provider, or /security-provider/{id}, which adds default_policy",
		c("id", Int, ""), c("name", Text, ""), c("type", Text, "local, ldap, radius, kerberos, saml, scim, …"),
		c("enabled", Bool, ""), c("default_policy", Int, "a group policy id; 0 = none"),
		extra,
	)
	SessionPolicies = table("session_policies", "GET /session-policy",
		c("id", Int, ""), c("display_name", Text, ""), c("code_name", Text, ""), c("description", Text, ""),
		extra,
	)
	APIAccounts = table("api_accounts", "GET /api-account",
		c("id", Int, ""), c("name", Text, ""), c("enabled", Bool, ""),
		c("perm_command", Text, "deny, read_only or full_access"),
		c("perm_configuration", Bool, ""), c("perm_backup", Bool, ""), c("perm_vault_backup", Bool, ""),
		c("perms", Text, "JSON object of every perm_* field"),
		extra,
	)
	Vendors = table("vendors", "GET /vendor (PRA)",
		c("id", Int, ""), c("name", Text, ""), c("default_policy", Int, "a group policy id"),
		c("account_expiration_days", Int, "the API's account_expiration: days (1-365) after which a new user of the vendor group expires, not a date"),
		c("deletion_days_after_expiration", Int, "days after expiry before an expired user is deleted; NULL = never deleted"),
		c("user_approval_enabled", Bool, "new vendor users must be approved before they can log in"),
		extra,
	)
	VendorUsers = table("vendor_users", "GET /vendor/{id}/user (PRA)",
		c("vendor_id", Int, "the parent"), c("id", Int, ""), c("username", Text, ""), c("public_display_name", Text, ""),
		c("enabled", Bool, ""), c("email_address", Text, ""), c("last_authenticated_date", Timestamp, "UTC; NULL = never"),
		c("account_expiration", Timestamp, "the user's own expiry (a date-time)"), c("is_expired", Bool, ""),
		c("password_expiration", Timestamp, "NULL = never"),
		c("is_approved", Bool, "approved by the vendor group's approvers, so able to log in"),
		c("vendor_administrator", Bool, "administers the users of its vendor group"),
		c("two_factor_enabled", Bool, ""),
		c("fido2_credential_count", Int, ""),
		extra,
	)
	PSUsers = table("ps_users", "Password Safe GET Users",
		c("id", Int, "UserID"), c("username", Text, "UserName"), c("domain_name", Text, "DomainName"),
		c("email_address", Text, "EmailAddress"), c("first_name", Text, "FirstName"), c("last_name", Text, "LastName"),
		c("last_login_date", Timestamp, "LastLoginDate, UTC (a date without a zone is UTC); NULL = never"),
		c("is_active", Bool, "IsActive"), c("is_quarantined", Bool, "IsQuarantined"),
		c("user_type", Text, "UserType; Application marks a non-human account"),
		extra,
	)
	PSUserGroups = table("ps_user_groups", "Password Safe GET UserGroups",
		c("id", Int, "GroupID"), c("name", Text, "Name"), c("group_type", Text, "GroupType"),
		c("is_active", Bool, "IsActive"), c("distinguished_name", Text, "DistinguishedName"),
		extra,
	)
	PSUserGroupUsers = table("ps_user_group_users", "Password Safe GET UserGroups/{id}/Users",
		c("group_id", Int, "the parent (GroupID)"), c("user_id", Int, "UserID"), c("username", Text, "UserName"),
		extra,
	)
	PSEntitlements = table("ps_entitlements", "Password Safe GET Entitlements: one row per user, group, Smart Rule and role",
		c("group_id", Int, "GroupID"), c("group_name", Text, "Name (of the group)"),
		c("smart_rule_id", Int, "SmartRuleId"), c("title", Text, "Title (of the Smart Rule)"),
		c("access_level", Text, "AccessLevel, as exported"), c("role_id", Int, "RoleId"), c("role_name", Text, "RoleName"),
		c("is_administrator_group", Bool, "IsAdministratorGroup"), c("user_id", Int, "UserID"), c("username", Text, "UserName"),
		c("managed_account_id", Int, "ManagedAccountId"), c("account_name", Text, "AccountName"),
		extra,
	)
	PSUserGroupSmartRules = table("ps_user_group_smart_rules", "Password Safe GET UserGroups/{id}/SmartRules",
		c("group_id", Int, "the parent (GroupID)"), c("smart_rule_id", Int, "SmartRuleId"), c("title", Text, "Title"),
		c("access_level_id", Int, "AccessLevelID: 1 Read, 3 Read/Write"),
		extra,
	)
	PSUserGroupSmartRuleRoles = table("ps_user_group_smart_rule_roles", "Password Safe GET UserGroups/{id}/SmartRules/{ruleId}/Roles",
		c("group_id", Int, "the parent group (GroupID, or the key's first part)"),
		c("smart_rule_id", Int, "the parent Smart Rule (SmartRuleId, or the key's second part)"),
		c("role_id", Int, "RoleID"), c("name", Text, "Name (of the role)"),
		extra,
	)
	Roster = table("roster", "HR / IdP roster (--roster)",
		c("email", Text, "lower-cased join key"), c("employee_id", Text, ""), c("name", Text, ""),
		c("status", Text, "active, leave or terminated"), c("employee_type", Text, ""),
		c("termination_date", Date, ""), c("manager", Text, ""), c("department", Text, ""),
	)
	Licenses = table("licenses", "license file (--licenses)",
		c("product", Text, "pra, rs or password-safe"), c("seat_type", Text, "named or concurrent"),
		c("purchased", Int, ""), c("annual_cost_per_seat", Float, ""), c("currency", Text, ""),
		c("renewal_date", Date, ""), c("applies_to", Text, "the license file's source column: one source name, or NULL for all"),
	)
)

// Tables lists every raw table, in the order docs/schema.md shows them.
var Tables = []*Table{
	Users, UserMemberships, GroupPolicies, GroupPolicyMembers, Parents, UserGroupPolicies,
	Teams, TeamUsers, GroupPolicyTeams, JumpGroups, JumpGroupUsers, GroupPolicyJumpGroups, JumpPolicies, JumpItems,
	VaultAccountGroups, VaultAccountGroupUsers, GroupPolicyVaultAccountGroups,
	SecurityProviders, SessionPolicies, APIAccounts, Vendors, VendorUsers,
	PSUsers, PSUserGroups, PSUserGroupUsers, PSEntitlements, PSUserGroupSmartRules, PSUserGroupSmartRuleRoles,
	Sessions, SessionEvents, VaultActivity, PSUserAudits, PSSessions, PSRoles, // activity.go
	Roster, Licenses,
}

// Sink receives rows from readers. The DuckDB loader implements it with
// Appenders; tests use a slice.
type Sink interface {
	// Append adds one row; len(row) == len(t.Columns).
	Append(t *Table, row []any) error
}
