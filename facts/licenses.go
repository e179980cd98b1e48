package facts

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/review-tool/review/internal/model"
)

// LicenseLines returns the License True-Up rows, one per license-file row.
// The seat counts come from SQL (license_facts); the reclaimable seats from
// findings, so that what the rules decided (their parameters, a custom rule
// replacing a built-in one) is what the sheet counts. ran says, by rule id
// and source, whether the rule ran there (Evaluation.Ran).
func LicenseLines(ctx context.Context, db *sql.DB, findings []model.Finding, ran map[string]map[string]bool) ([]model.LicenseLine, error) {
	rows, err := db.QueryContext(ctx, `
		SELECT source, sources, product, seat_type, purchased, enabled_accounts, active, stale, never_used,
		       annual_cost_per_seat, currency, renewal_date, days_to_renewal
		FROM license_facts ORDER BY file_id, line`)
	if err != nil {
		return nil, fmt.Errorf("license lines: %w", err)
	}
	defer rows.Close()
	reasons := reclaimReasons(findings)
	var out []model.LicenseLine
	for rows.Next() {
		var l model.LicenseLine
		var sources []any
		var active, stale, never, days sql.NullInt64
		var cost sql.NullFloat64
		var renewal sql.NullTime
		if err := rows.Scan(&l.Source, &sources, &l.Product, &l.SeatType, &l.Purchased, &l.Enabled,
			&active, &stale, &never, &cost, &l.Currency, &renewal, &days); err != nil {
			return nil, fmt.Errorf("license lines: %w", err)
		}
		for _, s := range sources {
			if name, ok := s.(string); ok {
				l.Sources = append(l.Sources, name)
			}
		}
		if active.Valid && stale.Valid && never.Valid {
			l.AuthKnown, l.Active, l.Stale, l.NeverUsed = true, active.Int64, stale.Int64, never.Int64
		}
		if renewal.Valid {
			l.RenewalDate = renewal.Time.UTC().Format(time.DateOnly)
		}
		if days.Valid {
			d := days.Int64
			l.DaysToRenewal = &d
		}
		if cost.Valid {
			l.HasCost, l.AnnualCost = true, cost.Float64
		}
		countReclaimable(&l, reasons, ran)
		price(&l)
		out = append(out, l)
	}
	return out, rows.Err()
}

// Positions in model.ReclaimReasons of the reasons the sheet also counts
// on their own.
const (
	reasonTerminated  = 0
	reasonNotInRoster = 1
)

// accountReasons holds, per source and account, which reclaim reasons its
// findings give: bit i is model.ReclaimReasons[i].
type accountReasons map[string]map[string]uint8

// reclaimReasons gathers the reclaim reasons of every account from the
// findings. An account's entity is unique within its source (ambiguous
// usernames carry their provider), so source and entity name one account.
func reclaimReasons(findings []model.Finding) accountReasons {
	out := accountReasons{}
	for i := range findings {
		f := &findings[i]
		k := slices.Index(model.ReclaimReasons[:], f.Rule)
		if k < 0 || f.EntityType != model.EntityAccount {
			continue
		}
		if out[f.Source] == nil {
			out[f.Source] = map[string]uint8{}
		}
		out[f.Source][strings.ToLower(f.Entity)] |= 1 << k
	}
	return out
}

// countReclaimable fills the roster counts and the reclaimable seats of l
// from the accounts of its sources.
func countReclaimable(l *model.LicenseLine, reasons accountReasons, ran map[string]map[string]bool) {
	for _, src := range l.Sources {
		l.TerminatedChecked = l.TerminatedChecked || ran[model.ReclaimReasons[reasonTerminated]][src]
		l.NotInRosterChecked = l.NotInRosterChecked || ran[model.ReclaimReasons[reasonNotInRoster]][src]
		for _, bits := range reasons[src] {
			if bits&(1<<reasonTerminated) != 0 {
				l.Terminated++
			}
			if bits&(1<<reasonNotInRoster) != 0 {
				l.NotInRoster++
			}
			for k := range model.ReclaimReasons {
				if bits&(1<<k) != 0 {
					l.ReclaimableBy[k]++
					l.Reclaimable++
					break
				}
			}
		}
	}
}

// price sets the unassigned and short seats and what they cost. Concurrent
// seats are not held by accounts: reclaiming an account frees none, and
// enabled accounts beyond the seats bought are not a shortage.
func price(l *model.LicenseLine) {
	if l.SeatType != "named" {
		return
	}
	l.Unassigned = max(l.Purchased-l.Enabled, 0)
	l.Short = max(l.Enabled-l.Purchased, 0)
	if !l.HasCost {
		return
	}
	l.ReclaimableCost = l.AnnualCost * float64(l.Reclaimable)
	l.UnassignedCost = l.AnnualCost * float64(l.Unassigned)
	l.Savings = l.ReclaimableCost + l.UnassignedCost
}
