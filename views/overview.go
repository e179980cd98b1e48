package views

import (
	"context"
	"database/sql"

	"github.com/review-tool/review/internal/crash"
	"github.com/review-tool/review/internal/model"
)

// GroupPolicyRows returns the Group Policies sheet, with each policy's
// finding count.
func GroupPolicyRows(ctx context.Context, db *sql.DB) ([]model.GroupPolicyRow, error) {
	rows, err := db.QueryContext(ctx, `
		SELECT g.source, g.id, g.name, g.users, g.enabled_users, g.directory_groups, array_to_string(g.default_policy_of, '; '),
		       coalesce(n.findings, 0)
		FROM group_policy_facts g
		LEFT JOIN (`+findingsPer+`) n ON n.source = g.source AND n.entity_key = lower(g.name)
		ORDER BY g.source, g.id`, model.EntityGroupPolicy)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.GroupPolicyRow
	for rows.Next() {
		var g model.GroupPolicyRow
		if err := rows.Scan(&g.Source, &g.ID, &g.Name, &g.UserMembers, &g.EnabledUserMembers, &g.DirectoryMembers, &g.DefaultPolicyOf, &g.FindingCount); err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// findingsPer counts the findings of each entity of the type given as
// the query's first argument, by source and entity_key, to be joined to
// the facts of those entities.
const findingsPer = `SELECT source, entity_key, count(*)::BIGINT AS findings FROM findings WHERE entity_type = ? GROUP BY source, entity_key`

// AccountCount returns how many accounts there are.
func AccountCount(ctx context.Context, db *sql.DB) (int64, error) {
	var n int64
	err := db.QueryRowContext(ctx, "SELECT count(*) FROM account_facts").Scan(&n)
	return n, err
}

// AccountRows returns an iterator over the Accounts sheet, streaming from
// DuckDB so a million accounts never sit in memory at once. Rows are read
// in batches on their own goroutine: reading the next batch from DuckDB
// overlaps with the caller writing the last one (the workbook's largest
// sheet is otherwise one long sequential chain).
func AccountRows(db *sql.DB) func(context.Context, func(*model.AccountRow) error) error {
	return func(ctx context.Context, fn func(*model.AccountRow) error) error {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		batches := make(chan []model.AccountRow, 4)
		read := make(chan error, 1)
		go func() {
			defer close(batches)
			defer func() {
				if p := recover(); p != nil {
					read <- crash.Recovered("reading the accounts", p)
				}
			}()
			read <- readAccounts(ctx, db, batches)
		}()
		for batch := range batches {
			for i := range batch {
				if err := fn(&batch[i]); err != nil {
					cancel()
					for range batches { // let the reader see the cancel and stop
					}
					return err
				}
			}
		}
		return <-read
	}
}

const accountBatch = 1024

// readAccounts reads the Accounts sheet's rows in order and sends them in
// batches until done or ctx is cancelled.
func readAccounts(ctx context.Context, db *sql.DB, out chan<- []model.AccountRow) error {
	// The sheet's columns (accountSheetColumns), then its findings.
	rows, err := db.QueryContext(ctx, "SELECT "+accountSheetSelect()+", coalesce(n.findings, 0) FROM account_facts a CROSS JOIN run r"+
		" LEFT JOIN ("+findingsPer+") n ON n.source = a.source AND n.entity_key = lower(a.entity) ORDER BY a.akey", model.EntityAccount)
	if err != nil {
		return err
	}
	defer rows.Close()
	send := func(batch []model.AccountRow) error {
		select {
		case out <- batch:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	batch := make([]model.AccountRow, 0, accountBatch)
	for rows.Next() {
		var r model.AccountRow
		var enabled, admin, twoFactor, inRoster, quarantined sql.NullBool
		var created, lastAuth, lastSession sql.NullTime
		var id, days, sessions sql.NullInt64
		if err := rows.Scan(&r.Source, &r.Product, &id, &r.Username, &r.DisplayName, &r.Email, &r.Person, &r.Provider, &r.VendorPolicy,
			&enabled, &admin, &twoFactor, &created, &lastAuth, &days, &lastSession, &sessions,
			&r.GroupPolicies, &r.Teams, &r.JumpGroups, &r.VaultAccountGroups, &inRoster, &r.RosterStatus,
			&r.UserGroups, &quarantined, &r.UserType, &r.FindingCount); err != nil {
			return err
		}
		r.ID = id.Int64 // 0 when only the User Account Report knew the account
		r.Enabled, r.Administrator, r.TwoFactor, r.RosterMatch = flagOf(enabled), flagOf(admin), flagOf(twoFactor), flagOf(inRoster)
		r.Quarantined = flagOf(quarantined)
		if created.Valid {
			r.Created = created.Time.UTC()
		}
		if lastAuth.Valid {
			r.LastAuthentication = lastAuth.Time.UTC()
		}
		r.DaysSince, r.SessionsInWindow, r.LastSession = intPtr(days), intPtr(sessions), utcOf(lastSession)
		if batch = append(batch, r); len(batch) == accountBatch {
			if err := send(batch); err != nil {
				return err
			}
			batch = make([]model.AccountRow, 0, accountBatch)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(batch) > 0 {
		return send(batch)
	}
	return nil
}

// flag is a nullable boolean column as a model.Flag (NULL: Unknown).
func flagOf(b sql.NullBool) model.Flag {
	if !b.Valid {
		return model.Unknown
	}
	return model.FlagOf(b.Bool)
}
