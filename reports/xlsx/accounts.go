package xlsx

import (
	"fmt"

	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/model"
)

// accountsSpec is the Accounts sheet: every account of every source, in
// the columns of layout.AccountsHeaders.
var accountsSpec = sheetSpec{Name: layout.SheetAccounts, Table: "Accounts", Columns: columnsOf(layout.AccountsHeaders, map[string]float64{
	layout.AccountsSource:             20,
	layout.AccountsProduct:            14, // password-safe
	layout.AccountsID:                 12,
	layout.AccountsUsername:           30,
	layout.AccountsDisplayName:        30,
	layout.AccountsEmail:              36,
	layout.AccountsPerson:             36,
	layout.AccountsProvider:           24,
	layout.AccountsVendorPolicy:       40,
	layout.AccountsEnabled:            0,
	layout.AccountsAdministrator:      0,
	layout.Accounts2FA:                0,
	layout.AccountsCreated:            0,
	layout.AccountsLastAuthentication: 0,
	layout.AccountsDaysSince:          0,
	layout.AccountsLastSession:        0,
	layout.AccountsSessionsInWindow:   0,
	layout.AccountsGroupPolicies:      40,
	layout.AccountsTeams:              30,
	layout.AccountsJumpGroups:         30,
	layout.AccountsVaultAccountGroups: 30,
	layout.AccountsRosterMatch:        0,
	layout.AccountsRosterStatus:       0,
	layout.AccountsUserGroups:         40,
	layout.AccountsQuarantined:        0,
	layout.AccountsUserType:           16,
	layout.AccountsFindingCount:       0,
}), Kinds: map[string]cellKind{
	layout.AccountsID:                 kindID,
	layout.AccountsCreated:            kindDate,
	layout.AccountsLastAuthentication: kindDateTime,
	layout.AccountsDaysSince:          kindCount,
	layout.AccountsLastSession:        kindDateTime,
	layout.AccountsSessionsInWindow:   kindCount,
	layout.AccountsFindingCount:       kindCount,
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
			var id, days, sessions any
			if a.ID != 0 {
				id = a.ID
			}
			if a.DaysSince != nil {
				days = *a.DaysSince
			}
			if a.SessionsInWindow != nil {
				sessions = *a.SessionsInWindow
			}
			return w.Add(text(a.Source), text(a.Product), id, text(a.Username), text(a.DisplayName),
				text(a.Email), text(a.Person), text(a.Provider), text(a.VendorPolicy), flagCell(a.Enabled), flagCell(a.Administrator), flagCell(a.TwoFactor),
				dateCell(a.Created), dateTimeCell(a.LastAuthentication), days,
				dateTimeCell(a.LastSession), sessions, text(a.GroupPolicies), text(a.Teams),
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
