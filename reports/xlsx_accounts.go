package reports

import (
	"fmt"

	"github.com/review-tool/review/internal/model"
)

// accountsSpec is the Accounts sheet: every account of every source.
var accountsSpec = sheetSpec{Name: sheetAccounts, Table: "Accounts", Columns: []column{
	{"Source", 14},
	{"Product", 9},
	{"ID", 8},
	{"Username", 24},
	{"Display Name", 24},
	{"Email", 30},
	{"Provider", 18},
	{"Enabled", 9},
	{"Administrator", 13},
	{"2FA", 6},
	{"Created", 11},
	{"Last Authentication", 20},
	{"Days Since", 11},
	{"Group Policies", 30},
	{"Teams", 20},
	{"Roster Match", 13},
	{"Roster Status", 13},
	{"Finding Count", 13},
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
			var days any
			if a.DaysSince != nil {
				days = *a.DaysSince
			}
			return w.Add(text(a.Source), text(a.Product), text(a.ID), text(a.Username), text(a.DisplayName),
				text(a.Email), text(a.Provider), text(a.Enabled), text(a.Administrator), text(a.TwoFactor),
				text(a.Created), text(a.LastAuthentication), days, text(a.GroupPolicies), text(a.Teams),
				text(a.RosterMatch), text(a.RosterStatus), a.FindingCount)
		})
		if err != nil {
			return fmt.Errorf("accounts: %w", err)
		}
	}
	return nil
}
