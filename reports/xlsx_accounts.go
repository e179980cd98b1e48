package reports

import (
	"fmt"

	"github.com/review-tool/review/internal/model"
)

// accountsSpec is the Accounts sheet: every account of every source.
var accountsSpec = sheetSpec{Name: sheetAccounts, Table: "Accounts", Columns: []column{
	{"Source", 20},
	{"Product", 10},
	{"ID", 12},
	{"Username", 30},
	{"Display Name", 30},
	{"Email", 36},
	{"Person", 36},
	{"Provider", 24},
	{"Vendor Policy", 40},
	{"Enabled", 0},
	{"Administrator", 0},
	{"2FA", 0},
	{"Created (UTC)", 0},
	{"Last Authentication (UTC)", 0},
	{"Days Since", 0},
	{"Group Policies", 40},
	{"Teams", 30},
	{"Jump Groups", 30},
	{"Vault Account Groups", 30},
	{"Roster Match", 0},
	{"Roster Status", 0},
	{"User Groups", 40},
	{"Quarantined", 0},
	{"User Type", 16},
	{"Finding Count", 0},
}, Kinds: map[string]cellKind{
	"ID":                        kindID,
	"Created (UTC)":             kindDate,
	"Last Authentication (UTC)": kindDateTime,
	"Days Since":                kindCount,
	"Finding Count":             kindCount,
}}

// accountTotal is how many rows r.Accounts yields: r.AccountCount, or, when
// that is not set, a counting pass over the iterator.
func accountTotal(r *model.Review) (int64, error) {
	if r.Accounts == nil {
		return 0, nil
	}
	if r.AccountCount > 0 {
		return r.AccountCount, nil
	}
	var n int64
	if err := r.Accounts(func(*model.AccountRow) error { n++; return nil }); err != nil {
		return 0, fmt.Errorf("accounts: %w", err)
	}
	return n, nil
}

func (b *book) fillAccounts(w *sheetWriter) error {
	if b.r.Accounts != nil {
		err := b.r.Accounts(func(a *model.AccountRow) error {
			var id, days any
			if a.ID != 0 {
				id = a.ID
			}
			if a.DaysSince != nil {
				days = *a.DaysSince
			}
			return w.Add(text(a.Source), text(a.Product), id, text(a.Username), text(a.DisplayName),
				text(a.Email), text(a.Person), text(a.Provider), text(a.VendorPolicy), flagCell(a.Enabled), flagCell(a.Administrator), flagCell(a.TwoFactor),
				dateCell(a.Created), dateTimeCell(a.LastAuthentication), days, text(a.GroupPolicies), text(a.Teams),
				text(a.JumpGroups), text(a.VaultAccountGroups),
				flagCell(a.RosterMatch), text(a.RosterStatus), text(a.UserGroups), flagCell(a.Quarantined), text(a.UserType),
				a.FindingCount)
		})
		if err != nil {
			return fmt.Errorf("accounts: %w", err)
		}
	}
	return nil
}
