package views

import (
	"context"
	"database/sql"
	"testing"

	"github.com/review-tool/review/findings"
	"github.com/review-tool/review/internal/db"
	"github.com/review-tool/review/internal/model"
)

func acct(rule, source, entity string) model.Finding {
	return model.Finding{Rule: rule, Source: source, EntityType: model.EntityAccount, Entity: entity}
}

// stored opens a database holding fs and ran as the pipeline stores them
// (package findings).
func stored(t *testing.T, fs []model.Finding, ran map[string]map[string]bool) *sql.DB {
	t.Helper()
	database, err := db.Open("", db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { database.Close() })
	if err := findings.Store(context.Background(), database, fs, ran); err != nil {
		t.Fatal(err)
	}
	return database
}

// reclaimable counts the line's reclaimable seats from what database holds.
func reclaimable(t *testing.T, database *sql.DB, l *model.LicenseLine) {
	t.Helper()
	ctx := context.Background()
	reasons, err := reclaimReasons(ctx, database)
	if err != nil {
		t.Fatal(err)
	}
	ran, err := rulesRan(ctx, database, model.ReclaimReasons[reasonTerminated], model.ReclaimReasons[reasonNotInRoster])
	if err != nil {
		t.Fatal(err)
	}
	countReclaimable(l, reasons, ran)
	price(l)
}

// An account found by several reclaim rules counts once, under its
// strongest reason; findings that free no seat (a disabled account, a
// product-level finding) and accounts of other sources count nothing.
func TestReclaimableCountsEachAccountOnceByStrongestReason(t *testing.T) {
	findings := []model.Finding{
		acct("stale-account", "a", "x"),
		acct("terminated-user-enabled", "a", "X"), // the same account, another case
		acct("never-logged-in", "a", "y"),
		acct("account-not-in-roster", "a", "y"),
		acct("stale-account", "a", "z"),
		acct("never-logged-in", "a", "w"),
		acct("disabled-account-retains-access", "a", "v"),
		acct("terminated-user-enabled", "b", "u"), // not a source of the line
		{Rule: "license-over-assigned", Source: "a", EntityType: model.EntityProduct, Entity: "pra"},
	}
	ran := map[string]map[string]bool{
		"terminated-user-enabled": {"a": true, "b": true},
		"account-not-in-roster":   {"a": true, "b": true},
	}
	l := model.LicenseLine{Sources: []string{"a"}, SeatType: "named", Purchased: 10, Enabled: 6,
		HasCost: true, AnnualCost: 100}
	reclaimable(t, stored(t, findings, ran), &l)
	if l.Reclaimable != 4 || l.ReclaimableBy != [4]int64{1, 1, 1, 1} {
		t.Errorf("reclaimable %d by %v, want 4 by [1 1 1 1]", l.Reclaimable, l.ReclaimableBy)
	}
	if l.Terminated != 1 || l.NotInRoster != 1 || !l.TerminatedChecked || !l.NotInRosterChecked {
		t.Errorf("terminated %d (%v), not in roster %d (%v), want 1 and 1, both checked",
			l.Terminated, l.TerminatedChecked, l.NotInRoster, l.NotInRosterChecked)
	}
	if l.Unassigned != 4 || l.Short != 0 || l.ReclaimableCost != 400 || l.UnassignedCost != 400 || l.Savings != 800 {
		t.Errorf("unassigned %d short %d, costs %v + %v = %v; want 4, 0, 400 + 400 = 800",
			l.Unassigned, l.Short, l.ReclaimableCost, l.UnassignedCost, l.Savings)
	}
}

// Without a roster the roster counts are unknown, not zero; the seats the
// other rules found are still reclaimable.
func TestRosterCountsUnknownWhereTheRuleDidNotRun(t *testing.T) {
	findings := []model.Finding{acct("stale-account", "a", "x")}
	ran := map[string]map[string]bool{"terminated-user-enabled": {"a": false}}
	l := model.LicenseLine{Sources: []string{"a"}, SeatType: "named", Purchased: 1, Enabled: 3}
	reclaimable(t, stored(t, findings, ran), &l)
	if l.TerminatedChecked || l.NotInRosterChecked {
		t.Errorf("roster counts marked checked without the rules running")
	}
	if l.Reclaimable != 1 || l.Short != 2 || l.Unassigned != 0 || l.Savings != 0 {
		t.Errorf("reclaimable %d short %d unassigned %d savings %v, want 1, 2, 0, 0 (no cost given)",
			l.Reclaimable, l.Short, l.Unassigned, l.Savings)
	}
}

// Concurrent seats are not held by accounts: no unassigned or short seats
// and no money, even with a cost per seat.
func TestConcurrentSeatsHaveNoSavings(t *testing.T) {
	l := model.LicenseLine{Sources: []string{"a"}, SeatType: "concurrent", Purchased: 10, Enabled: 25,
		HasCost: true, AnnualCost: 100}
	reclaimable(t, stored(t, []model.Finding{acct("stale-account", "a", "x")}, nil), &l)
	if l.Reclaimable != 1 || l.Unassigned != 0 || l.Short != 0 || l.ReclaimableCost != 0 || l.Savings != 0 {
		t.Errorf("concurrent line %+v", l)
	}
}

// An account whose finding is an accepted risk (excepted) is not
// reclaimable: the seat was decided to stay. Its other, live finding
// still counts, and an expired exception covers nothing.
func TestExceptedAccountsAreNotReclaimable(t *testing.T) {
	excepted := func(f model.Finding, status string) model.Finding { f.Status = status; return f }
	findings := []model.Finding{
		excepted(acct("stale-account", "a", "x"), model.StatusExcepted),
		excepted(acct("stale-account", "a", "y"), model.StatusExcepted),
		acct("never-logged-in", "a", "y"),
		excepted(acct("stale-account", "a", "z"), model.StatusExceptionExpired),
		excepted(acct("terminated-user-enabled", "a", "t"), model.StatusExcepted),
	}
	ran := map[string]map[string]bool{"terminated-user-enabled": {"a": true}, "account-not-in-roster": {"a": true}}
	l := model.LicenseLine{Sources: []string{"a"}, SeatType: "named", Purchased: 10, Enabled: 6}
	reclaimable(t, stored(t, findings, ran), &l)
	// y by never-logged-in, z (expired exception) by stale-account.
	if l.Reclaimable != 2 || l.ReclaimableBy != [4]int64{0, 0, 1, 1} {
		t.Errorf("reclaimable %d by %v, want 2 by [0 0 1 1]", l.Reclaimable, l.ReclaimableBy)
	}
	if l.Terminated != 1 {
		t.Errorf("terminated %d, want 1: an excepted leaver is still a leaver", l.Terminated)
	}
}
