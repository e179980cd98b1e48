package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/previous"
	"github.com/review-tool/review/views"
)

// loadPreviousAccounts reads the previous run's accounts into the database
// (--previous, --previous-db), before the exports: a malformed previous
// workbook costs no reading. nil without --previous.
func loadPreviousAccounts(ctx context.Context, database *sql.DB, cfg *Config, tmp string) (*previous.Accounts, error) {
	if cfg.Previous == "" {
		return nil, nil
	}
	return previous.LoadAccounts(ctx, database, cfg.Previous, cfg.PreviousDB, tmp)
}

// addAccessChanges compares the previous accounts with this run's and puts
// the changes on rev, with what could not be compared as notes on
// rev.Previous (the Evidence sheet and the manifest list them) and warnings
// on the console.
func addAccessChanges(ctx context.Context, database *sql.DB, cfg *Config, rev *model.Review, acc *previous.Accounts) error {
	if acc == nil {
		return nil
	}
	if rev.Previous == nil {
		rev.Previous = &model.PreviousRun{Path: cfg.Previous,
			Format: strings.TrimPrefix(strings.ToLower(filepath.Ext(cfg.Previous)), ".")}
	}
	rev.Previous.AccountsFrom = acc.From
	notes := acc.Notes
	if acc.From != "" {
		set, err := views.BuildAccessChanges(ctx, database, acc.Missing, acc.JumpItems && rev.JumpItems != nil)
		if err != nil {
			return err
		}
		for _, s := range set.PreviousOnly {
			notes = append(notes, fmt.Sprintf("source %s was in the previous run and not in this one: its accounts were not compared", s))
		}
		for _, s := range set.CurrentOnly {
			notes = append(notes, fmt.Sprintf("source %s was not in the previous run: its accounts were not compared", s))
		}
		rows := views.AccessChangeRows(database)
		rev.AccessChanges = func(fn func(*model.AccessChange) error) error { return rows(ctx, fn) }
		rev.AccessChangeCount = set.Count
	}
	if !acc.JumpItems && acc.JumpNote != "" && len(rev.JumpItems) > 0 {
		notes = append(notes, acc.JumpNote)
	}
	rev.Previous.AccessNotes = append(rev.Previous.AccessNotes, notes...)
	for _, n := range notes {
		cfg.warn(n)
	}
	return nil
}
