package views

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/review-tool/review/internal/model"
)

// LicenseLines returns the License True-Up rows, one per license-file row.
// The seat counts come from license_facts; the reclaimable seats from the
// findings table, so that what the rules decided (their parameters, a
// custom rule replacing a built-in one) is what the sheet counts; and
// whether the roster rules ran on a source from rule_runs.
func LicenseLines(ctx context.Context, db *sql.DB) ([]model.LicenseLine, error) {
	reasons, err := reclaimReasons(ctx, db)
	if err != nil {
		return nil, err
	}
	ran, err := rulesRan(ctx, db, model.ReclaimReasons[reasonTerminated], model.ReclaimReasons[reasonNotInRoster])
	if err != nil {
		return nil, err
	}
	rows, err := db.QueryContext(ctx, `
		SELECT source, sources, product, seat_type, purchased, enabled_accounts, active, stale, never_used,
		       annual_cost_per_seat, currency, renewal_date, days_to_renewal, use_from
		FROM license_facts ORDER BY file_id, line`)
	if err != nil {
		return nil, fmt.Errorf("license lines: %w", err)
	}
	defer rows.Close()
	var out []model.LicenseLine
	for rows.Next() {
		var l model.LicenseLine
		var sources []any
		var active, stale, never, days sql.NullInt64
		var cost sql.NullFloat64
		var renewal sql.NullTime
		if err := rows.Scan(&l.Source, &sources, &l.Product, &l.SeatType, &l.Purchased, &l.Enabled,
			&active, &stale, &never, &cost, &l.Currency, &renewal, &days, &l.UseFrom); err != nil {
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

// sourceReasons are, per source, its accounts counted by the reclaim
// reasons their findings give: Terminated and NotInRoster by those two
// reasons, By by the strongest reason of each account (the first of
// model.ReclaimReasons), so that an account counts once.
type sourceReasons map[string]*reasonCounts

type reasonCounts struct {
	Terminated, NotInRoster int64
	By                      [len(model.ReclaimReasons)]int64
}

// reclaimReasons counts, in SQL over the findings table, the accounts of
// each source by their reclaim reasons. An account's entity is unique
// within its source (ambiguous usernames carry their provider), so source
// and entity_key name one account.
func reclaimReasons(ctx context.Context, db *sql.DB) (sourceReasons, error) {
	var bit, strongest []string
	args := make([]any, len(model.ReclaimReasons))
	for k, rule := range model.ReclaimReasons {
		args[k] = rule
		bit = append(bit, fmt.Sprintf("WHEN $%d THEN %d", k+1, 1<<k))
		strongest = append(strongest, fmt.Sprintf("count(*) FILTER (WHERE live & %d = %d)", (1<<(k+1))-1, 1<<k))
	}
	// bits are every reason found; live those no exception covers: an
	// account whose finding is an accepted risk is not reclaimable, though
	// it still counts as terminated or not in the roster.
	q := fmt.Sprintf(`WITH r AS (
		SELECT source, entity_key, bit_or(CASE rule %[1]s END) AS bits,
			bit_or(CASE WHEN status = '%[6]s' THEN 0 ELSE CASE rule %[1]s END END) AS live
		FROM findings WHERE entity_type = 'account' AND rule IN (%[2]s)
		GROUP BY source, entity_key)
	SELECT source, count(*) FILTER (WHERE bits & %[3]d <> 0), count(*) FILTER (WHERE bits & %[4]d <> 0), %[5]s
	FROM r GROUP BY source`,
		strings.Join(bit, " "), placeholders(len(args)), 1<<reasonTerminated, 1<<reasonNotInRoster, strings.Join(strongest, ", "),
		model.StatusExcepted)
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("license lines: reclaim reasons: %w", err)
	}
	defer rows.Close()
	out := sourceReasons{}
	for rows.Next() {
		var source string
		c := &reasonCounts{}
		dest := []any{&source, &c.Terminated, &c.NotInRoster}
		for k := range c.By {
			dest = append(dest, &c.By[k])
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("license lines: reclaim reasons: %w", err)
		}
		out[source] = c
	}
	return out, rows.Err()
}

// placeholders is "$1, $2, …, $n".
func placeholders(n int) string {
	p := make([]string, n)
	for i := range p {
		p[i] = fmt.Sprintf("$%d", i+1)
	}
	return strings.Join(p, ", ")
}

// rulesRan reads, from rule_runs, on which sources each of rules ran.
func rulesRan(ctx context.Context, db *sql.DB, rules ...string) (map[string]map[string]bool, error) {
	args := make([]any, len(rules))
	for i, r := range rules {
		args[i] = r
	}
	rows, err := db.QueryContext(ctx, "SELECT rule, source FROM rule_runs WHERE rule IN ("+placeholders(len(rules))+")", args...)
	if err != nil {
		return nil, fmt.Errorf("license lines: rules run: %w", err)
	}
	defer rows.Close()
	out := map[string]map[string]bool{}
	for rows.Next() {
		var rule, source string
		if err := rows.Scan(&rule, &source); err != nil {
			return nil, err
		}
		if out[rule] == nil {
			out[rule] = map[string]bool{}
		}
		out[rule][source] = true
	}
	return out, rows.Err()
}

// countReclaimable fills the roster counts and the reclaimable seats of l
// from the accounts of its sources.
func countReclaimable(l *model.LicenseLine, reasons sourceReasons, ran map[string]map[string]bool) {
	for _, src := range l.Sources {
		l.TerminatedChecked = l.TerminatedChecked || ran[model.ReclaimReasons[reasonTerminated]][src]
		l.NotInRosterChecked = l.NotInRosterChecked || ran[model.ReclaimReasons[reasonNotInRoster]][src]
		c := reasons[src]
		if c == nil {
			continue
		}
		l.Terminated += c.Terminated
		l.NotInRoster += c.NotInRoster
		for k, n := range c.By {
			l.ReclaimableBy[k] += n
			l.Reclaimable += n
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
	// Where seats are short, reclaimed seats first cover the shortage: a
	// purchase avoided, not money back.
	l.PurchaseAvoided = l.AnnualCost * float64(min(l.Reclaimable, l.Short))
	l.MoneyBack = l.Savings - l.PurchaseAvoided
}
