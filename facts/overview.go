package facts

import (
	"context"
	"database/sql"
	"strings"

	"github.com/review-tool/review/internal/crash"
	"github.com/review-tool/review/internal/model"
)

// GroupPolicyRows returns the Group Policies sheet, with each policy's
// finding count.
func GroupPolicyRows(ctx context.Context, db *sql.DB, findings []model.Finding) ([]model.GroupPolicyRow, error) {
	counts := countByEntity(findings, model.EntityGroupPolicy)
	rows, err := db.QueryContext(ctx, `
		SELECT source, id, name, users, enabled_users, directory_groups, array_to_string(default_policy_of, '; ')
		FROM group_policy_facts ORDER BY source, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.GroupPolicyRow
	for rows.Next() {
		var g model.GroupPolicyRow
		if err := rows.Scan(&g.Source, &g.ID, &g.Name, &g.UserMembers, &g.EnabledUserMembers, &g.DirectoryMembers, &g.DefaultPolicyOf); err != nil {
			return nil, err
		}
		g.FindingCount = counts[entityKey(g.Source, g.Name)]
		out = append(out, g)
	}
	return out, rows.Err()
}

func entityKey(source, entity string) string { return source + "\x00" + strings.ToLower(entity) }

func countByEntity(findings []model.Finding, entityType string) map[string]int {
	out := map[string]int{}
	for _, f := range findings {
		if f.EntityType == entityType {
			out[entityKey(f.Source, f.Entity)]++
		}
	}
	return out
}

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
func AccountRows(db *sql.DB, findings []model.Finding) func(context.Context, func(*model.AccountRow) error) error {
	counts := countByEntity(findings, model.EntityAccount)
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
			read <- readAccounts(ctx, db, counts, batches)
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
func readAccounts(ctx context.Context, db *sql.DB, counts map[string]int, out chan<- []model.AccountRow) error {
	// The sheet's columns (accountSheetColumns), then the entity its
	// findings name, for the finding count.
	rows, err := db.QueryContext(ctx, "SELECT "+accountSheetSelect()+", a.entity FROM account_facts a CROSS JOIN run r ORDER BY a.akey")
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
		var created, lastAuth sql.NullTime
		var id, days sql.NullInt64
		var entity string
		if err := rows.Scan(&r.Source, &r.Product, &id, &r.Username, &r.DisplayName, &r.Email, &r.Person, &r.Provider, &r.VendorPolicy,
			&enabled, &admin, &twoFactor, &created, &lastAuth, &days,
			&r.GroupPolicies, &r.Teams, &r.JumpGroups, &r.VaultAccountGroups, &inRoster, &r.RosterStatus,
			&r.UserGroups, &quarantined, &r.UserType, &entity); err != nil {
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
		if days.Valid {
			d := days.Int64
			r.DaysSince = &d
		}
		r.FindingCount = counts[entityKey(r.Source, entity)]
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
