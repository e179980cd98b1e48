package facts

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
}

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
