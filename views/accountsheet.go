package views

import (
	"strings"

	"github.com/review-tool/review/internal/layout"
)

// AccountSheetColumn is one column of the Accounts sheet as SQL: Expr over
// account_facts (as a) and the run table (as r), and the columns it Needs
// (of account_facts; of run as run.NAME). The sheet's rows are read with
// these expressions, and so are the accounts of a previous run's database
// (--previous-db), which must show each column as that run's sheet did:
// one definition for both.
type AccountSheetColumn struct {
	Header string
	Expr   string
	Needs  []string
}

// accountSheetColumns are the Accounts sheet's columns in sheet order.
var accountSheetColumns = []AccountSheetColumn{
	{layout.AccountsSource, "a.source", []string{"source"}},
	{layout.AccountsProduct, "a.product", []string{"product"}},
	{layout.AccountsID, "a.id", []string{"id"}},
	{layout.AccountsUsername, "a.username", []string{"username"}},
	{layout.AccountsDisplayName, "coalesce(a.display_name, '')", []string{"display_name"}},
	{layout.AccountsEmail, "coalesce(a.email, '')", []string{"email"}},
	// Who the account belongs to, across sources: the People sheet's key.
	{layout.AccountsPerson, "coalesce(a.person, '')", []string{"person"}},
	{layout.AccountsProvider, "coalesce(a.provider_name, '')", []string{"provider_name"}},
	// A vendor user's access is its vendor group's policy: how long a new
	// user lasts and whether someone approves it. Empty for other accounts.
	{layout.AccountsVendorPolicy, vendorPolicyExpr, []string{"kind", "vendor_id", "vendor_account_expiration_days", "vendor_user_approval_enabled"}},
	{layout.AccountsEnabled, "a.enabled", []string{"enabled"}},
	{layout.AccountsAdministrator, "a.administrator", []string{"administrator"}},
	// A second factor, or a passwordless credential, counts as 2FA.
	{layout.Accounts2FA, "CASE WHEN a.two_factor_enabled OR coalesce(a.passwordless, 0) > 0 THEN true WHEN a.two_factor_enabled = false THEN false END",
		[]string{"two_factor_enabled", "passwordless"}},
	{layout.AccountsCreated, "a.created_at", []string{"created_at"}},
	{layout.AccountsLastAuthentication, "a.last_authentication", []string{"last_authentication"}},
	{layout.AccountsDaysSince, "a.days_since_last_auth", []string{"days_since_last_auth"}},
	// Unknown (NULL) when the source gave no session or activity report,
	// rather than "none"; sessions in the stale_days window.
	{layout.AccountsLastSession, "CASE WHEN a.activity_known THEN a.last_session END", []string{"activity_known", "last_session"}},
	{layout.AccountsSessionsInWindow, "CASE WHEN a.activity_known THEN a.sessions_in_window END", []string{"activity_known", "sessions_in_window"}},
	{layout.AccountsGroupPolicies, "array_to_string(a.group_policies, '; ')", []string{"group_policies"}},
	{layout.AccountsTeams, "array_to_string(a.team_names, '; ')", []string{"team_names"}},
	{layout.AccountsJumpGroups, "array_to_string(a.jump_group_names, '; ')", []string{"jump_group_names"}},
	{layout.AccountsVaultAccountGroups, "array_to_string(a.vault_account_group_names, '; ')", []string{"vault_account_group_names"}},
	// Unknown (NULL) without a roster, rather than "no".
	{layout.AccountsRosterMatch, "CASE WHEN r.has_roster THEN a.roster_email IS NOT NULL END", []string{"roster_email", "run.has_roster"}},
	{layout.AccountsRosterStatus, "coalesce(a.roster_status, '')", []string{"roster_status"}},
	// Password Safe's own state: its user groups (its access), whether it
	// is quarantined, and its UserType (Application: a non-human account).
	// Empty or unknown for other products.
	{layout.AccountsUserGroups, "coalesce(array_to_string(a.ps_user_groups, '; '), '')", []string{"ps_user_groups"}},
	{layout.AccountsQuarantined, "a.quarantined", []string{"quarantined"}},
	{layout.AccountsUserType, "coalesce(a.user_type, '')", []string{"user_type"}},
}

// vendorPolicyExpr says a vendor user's vendor group policy in words, e.g.
// "new users expire after 30 days; approval required". What the export
// leaves out is "not stated", never a default.
const vendorPolicyExpr = `CASE WHEN a.kind <> 'vendor-user' THEN ''
	WHEN a.vendor_id IS NULL THEN 'vendor group not in the export'
	ELSE concat_ws('; ',
		CASE WHEN a.vendor_account_expiration_days IS NULL THEN 'expiry not stated'
			ELSE 'new users expire after ' || a.vendor_account_expiration_days::VARCHAR || ' days' END,
		CASE a.vendor_user_approval_enabled WHEN true THEN 'approval required'
			WHEN false THEN 'approval not required' ELSE 'approval not stated' END) END`

// AccountSheet is the column of the Accounts sheet headed header.
func AccountSheet(header string) (AccountSheetColumn, bool) {
	for _, c := range accountSheetColumns {
		if c.Header == header {
			return c, true
		}
	}
	return AccountSheetColumn{}, false
}

// accountSheetSelect lists the sheet's expressions, in sheet order.
func accountSheetSelect() string {
	exprs := make([]string, len(accountSheetColumns))
	for i, c := range accountSheetColumns {
		exprs[i] = c.Expr
	}
	return strings.Join(exprs, ", ")
}

// AccountSheetHeaders are the Accounts sheet's column headers as the facts
// give them, in order (the sheet adds its finding count).
func AccountSheetHeaders() []string {
	out := make([]string, len(accountSheetColumns))
	for i, c := range accountSheetColumns {
		out[i] = c.Header
	}
	return out
}
