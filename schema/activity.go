package schema

// The kinds of the session and activity reports (docs/inputs.md §3a): the
// PRA and Remote Support reporting API's XML reports, and Password Safe's
// audits, sessions and role catalogue (BeyondInsight API v3, JSON).
const (
	// KindSessionReport: AccessSession (PRA) or SupportSession (RS),
	// root <session_list>.
	KindSessionReport Kind = "session-report"
	// KindSessionListing: AccessSessionListing / SupportSessionListing,
	// root <session_summary_list>: recognised, not read into a table.
	KindSessionListing Kind = "session-listing"
	// KindVaultActivity: VaultAccountActivity, root
	// <vault_account_activity_list>.
	KindVaultActivity Kind = "vault-activity"
	// KindTeamActivity: Team / SupportTeam, root <team_activity_list>:
	// recognised, not read into a table.
	KindTeamActivity Kind = "team-activity"
	// KindEmptyReport: a reporting API answer whose root is <error>: an
	// empty report (no rows), or, when the error has a code, an error page
	// that reading refuses.
	KindEmptyReport Kind = "empty-report"
	// Password Safe: GET UserAudits, GET Sessions, GET Roles.
	KindPSUserAudits Kind = "ps-user-audit"
	KindPSSessions   Kind = "ps-session"
	KindPSRoles      Kind = "ps-role"
)

// The raw tables of the session and activity reports.
var (
	Sessions = table("sessions", "PRA AccessSession / RS SupportSession reports: one row per session and representative (a session without a representative: one row, no user)",
		c("lsid", Text, "the session's id (session@lsid): 32 hex characters, lower-cased"),
		c("lseq", Int, "lseq"),
		c("session_type", Text, "session_type (e.g. support)"),
		c("start_time", Timestamp, "start_time@timestamp (Unix seconds), else its text (RFC 3339); UTC"),
		c("end_time", Timestamp, "end_time the same way; NULL = still open when the report was made"),
		c("open", Bool, "no end_time element, or one with no timestamp and no text"),
		c("duration", Text, "duration as written (HH:MM:SS, hours may exceed 23); informational"),
		c("jump_group_id", Int, "jump_group@id"),
		c("jump_group_type", Text, "jump_group@type: shared or personal"),
		c("jump_group", Text, "jump_group's text (its name)"),
		c("jumpoint_id", Int, "jumpoint@id; NULL for -1 (none)"),
		c("jumpoint", Text, "jumpoint's text"),
		c("primary_customer", Text, "primary_customer's text: the endpoint (PRA) or the customer (RS)"),
		c("public_site_id", Int, "public_site@id"),
		c("public_site", Text, "public_site's text"),
		c("external_key", Text, "external_key"),
		c("file_transfer_count", Int, ""), c("file_move_count", Int, ""), c("file_delete_count", Int, ""),
		c("primary_rep_id", Int, "primary_rep@id"),
		c("primary_rep", Text, "primary_rep's text (a display name)"),
		c("rep_count", Int, "representatives of the session (rep_list)"),
		c("event_count", Int, "session_details events (each a row of session_events)"),
		c("rep_ordinal", Int, "the representative's place in rep_list, from 1; NULL for a session without one"),
		c("rep_id", Int, "representative@id: the user's id (users.id or vendor_users.id)"),
		c("username", Text, "representative username"),
		c("display_name", Text, ""), c("public_display_name", Text, ""), c("private_display_name", Text, ""),
		c("session_owner", Int, "session_owner as written: 1 owner, 0 conference member"),
		c("owner", Bool, "owns the session: session_owner 1, or, when no representative says 1, the one whose id is primary_rep@id; NULL when neither tells"),
		c("invited", Bool, "invited: an invited external user; NULL when not written"),
		c("seconds_involved", Int, ""),
		c("public_ip", Text, "as written (IPv4 or [IPv6], with the port)"),
		c("private_ip", Text, "as written"),
		c("hostname", Text, ""), c("os", Text, ""),
		c("extra", Text, "JSON object of the elements and attributes not interpreted, by path (customer_list/customer/hostname, primary_rep@gsnumber, representative/…)"),
	)
	SessionEvents = table("session_events", "the session_details events of the session reports, kept as evidence",
		c("lsid", Text, "the session's lsid"),
		c("ordinal", Int, "the event's place in its session, from 1"),
		c("timestamp", Timestamp, "event@timestamp (Unix seconds), UTC"),
		c("event_type", Text, "event@event_type (an open set)"),
		c("performed_by", Text, "performed_by's text"),
		c("performed_by_type", Text, "performed_by@type"),
		c("destination", Text, "destination's text"),
		c("destination_type", Text, "destination@type"),
		c("data", Text, "JSON object of data/value@name → @value (a name given twice: a list)"),
		c("extra", Text, "JSON object of the elements and attributes not interpreted (filename, body, …)"),
	)
	VaultActivity = table("vault_activity", "VaultAccountActivity reports: one row per vault_account_activity",
		c("timestamp", Timestamp, "@timestamp (Unix seconds), UTC"),
		c("event_type", Text, "@event_type (an open set: Credentials Checked Out, Credentials Used, Password Changed, …)"),
		c("account_id", Int, "@account: the Vault account id"),
		c("performed_by_id", Int, "performed_by@id"),
		c("performed_by_type", Text, "performed_by@type (User, an API account, the system)"),
		c("performed_by", Text, "performed_by's text (the name)"),
		c("data", Text, "data's text (for Credentials Used, the session lsid)"),
		c("extra", Text, "JSON object of the elements and attributes not interpreted"),
	)
	PSUserAudits = table("ps_user_audits", "Password Safe GET UserAudits",
		c("audit_id", Int, "AuditID"), c("action_type", Text, "ActionType (Login, …)"), c("section", Text, "Section"),
		c("user_id", Int, "UserID as exported (-1 = no user)"), c("username", Text, "UserName"),
		c("ip_address", Text, "IPAddress; zero-padded IPv4 octets read as numbers (010.000.000.001 = 10.0.0.1)"),
		c("create_date", Timestamp, "CreateDate, UTC (no zone = UTC)"),
		extra,
	)
	PSSessions = table("ps_sessions", "Password Safe GET Sessions (Token, a replay secret, is dropped on read)",
		c("session_id", Int, "SessionID"), c("user_id", Int, "UserID"),
		c("status", Int, "Status: 0 not started, 1 in progress, 2 completed, 5 locked, 7 terminated, 8 logged off, 9 disconnected"),
		c("start_time", Timestamp, "StartTime, UTC"), c("end_time", Timestamp, "EndTime, UTC; NULL = open"),
		c("duration", Text, "Duration as exported"),
		c("asset_name", Text, "AssetName"), c("managed_system_id", Int, "ManagedSystemID"),
		c("managed_account_id", Int, "ManagedAccountID"), c("managed_account_name", Text, "ManagedAccountName"),
		c("protocol", Int, "Protocol: 0 RDP, 1 SSH"), c("request_id", Int, "RequestID"),
		extra,
	)
	PSRoles = table("ps_roles", "Password Safe GET Roles: the role catalogue (names of role ids), not an assignment",
		c("role_id", Int, "RoleID"), c("name", Text, "Name"),
		extra,
	)
)
