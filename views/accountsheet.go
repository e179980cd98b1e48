package views

import "strings"

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
	{"Source", "a.source", []string{"source"}},
	{"Product", "a.product", []string{"product"}},
	{"ID", "a.id", []string{"id"}},
	{"Username", "a.username", []string{"username"}},
	{"Display Name", "coalesce(a.display_name, '')", []string{"display_name"}},
	{"Email", "coalesce(a.email, '')", []string{"email"}},
	// Who the account belongs to, across sources: the People sheet's key.
	{"Person", "coalesce(a.person, '')", []string{"person"}},
	{"Provider", "coalesce(a.provider_name, '')", []string{"provider_name"}},
	// A vendor user's access is its vendor group's policy: how long a new
	// user lasts and whether someone approves it. Empty for other accounts.
	{"Vendor Policy", vendorPolicyExpr, []string{"kind", "vendor_id", "vendor_account_expiration_days", "vendor_user_approval_enabled"}},
	{"Enabled", "a.enabled", []string{"enabled"}},
	{"Administrator", "a.administrator", []string{"administrator"}},
	// A second factor, or a passwordless credential, counts as 2FA.
	{"2FA", "CASE WHEN a.two_factor_enabled OR coalesce(a.passwordless, 0) > 0 THEN true WHEN a.two_factor_enabled = false THEN false END",
		[]string{"two_factor_enabled", "passwordless"}},
	{"Created (UTC)", "a.created_at", []string{"created_at"}},
	{"Last Authentication (UTC)", "a.last_authentication", []string{"last_authentication"}},
	{"Days Since", "a.days_since_last_auth", []string{"days_since_last_auth"}},
	{"Group Policies", "array_to_string(a.group_policies, '; ')", []string{"group_policies"}},
	{"Teams", "array_to_string(a.team_names, '; ')", []string{"team_names"}},
	{"Jump Groups", "array_to_string(a.jump_group_names, '; ')", []string{"jump_group_names"}},
	{"Vault Account Groups", "array_to_string(a.vault_account_group_names, '; ')", []string{"vault_account_group_names"}},
	// Unknown (NULL) without a roster, rather than "no".
	{"Roster Match", "CASE WHEN r.has_roster THEN a.roster_email IS NOT NULL END", []string{"roster_email", "run.has_roster"}},
	{"Roster Status", "coalesce(a.roster_status, '')", []string{"roster_status"}},
	// Password Safe's own state: its user groups (its access), whether it
	// is quarantined, and its UserType (Application: a non-human account).
	// Empty or unknown for other products.
	{"User Groups", "coalesce(array_to_string(a.ps_user_groups, '; '), '')", []string{"ps_user_groups"}},
	{"Quarantined", "a.quarantined", []string{"quarantined"}},
	{"User Type", "coalesce(a.user_type, '')", []string{"user_type"}},
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
