package previous

// The previous run's accounts (--previous, --previous-db) go into the
// previous_accounts table, for Access Changes to be a join in SQL.

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/review-tool/review/internal/db"
	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/schema"
)

// Accounts is what LoadAccounts read of the previous run's accounts.
type Accounts struct {
	// From says where they came from, for model.PreviousRun.AccountsFrom;
	// "" when there were none to read, and Access Changes is not made.
	From string
	// Rows is how many accounts were loaded into previous_accounts.
	Rows int64
	// Missing are the previous_accounts columns the previous run did not
	// carry (an older workbook): the changes they show are not compared.
	Missing []string
	// Notes say, in sentences, what could not be compared and why.
	Notes []string
	// JumpItems says previous_jump_items was loaded (the previous run's
	// Jump Reach sheet, or its database's Jump Item facts); else JumpNote
	// says why not, for a run that read Jump Items.
	JumpItems bool
	JumpNote  string
}

// accountColumn is a column of the Accounts sheet that a later run reads
// back: where it goes in previous_accounts, how its cells read, and what
// cannot be compared without it.
type accountColumn struct {
	Header string // on the Accounts sheet
	Column string // of schema.PreviousAccounts
	Kind   valueKind
	// Compares names the changes the column is needed for ("Jump Group
	// changes"), "" for a column that only identifies or shows the account.
	Compares string
	// Required columns make an Accounts sheet without them malformed.
	Required bool
}

type valueKind int

const (
	textValue valueKind = iota
	idValue             // a whole number, empty for none
	flagValue           // yes, no or empty
)

// accountColumns are the Accounts sheet's columns that Access Changes
// reads back, by header: the sheet must keep every one of them
// (docs/outputs.md). From a previous database they are read with the
// expressions the sheet is written with (views.AccountSheet).
var accountColumns = []accountColumn{
	{Header: layout.AccountsSource, Column: "source", Required: true},
	{Header: layout.AccountsProduct, Column: "product"},
	{Header: layout.AccountsID, Column: "id", Kind: idValue},
	{Header: layout.AccountsUsername, Column: "username", Required: true},
	{Header: layout.AccountsDisplayName, Column: "display_name"},
	{Header: layout.AccountsEnabled, Column: "enabled", Kind: flagValue, Compares: "enabled and disabled changes"},
	{Header: layout.AccountsAdministrator, Column: "administrator", Kind: flagValue, Compares: "administrator changes"},
	{Header: layout.AccountsGroupPolicies, Column: "group_policies", Compares: "group policy changes"},
	{Header: layout.AccountsTeams, Column: "teams", Compares: "team changes"},
	{Header: layout.AccountsJumpGroups, Column: "jump_groups", Compares: "Jump Group changes"},
	{Header: layout.AccountsVaultAccountGroups, Column: "vault_account_groups", Compares: "Vault account group changes"},
	{Header: layout.AccountsRosterMatch, Column: "roster_match", Kind: flagValue, Compares: "roster status changes"},
	{Header: layout.AccountsRosterStatus, Column: "roster_status", Compares: "roster status changes"},
}

// LoadAccounts (re)creates previous_accounts and fills it with the
// previous run's accounts: from the --previous-db database when one is
// given (it holds every column, whatever the workbook kept; AttachDatabase
// attached it under Catalog and the caller checked it), else from the
// Accounts sheets of a --previous workbook. A .jsonl holds findings only:
// then nothing is loaded and a note says so. A malformed sheet or database
// is the user's error, naming the file.
func LoadAccounts(ctx context.Context, database *sql.DB, previousPath, previousDB, tempDir string) (*Accounts, error) {
	for _, t := range []*schema.Table{schema.PreviousAccounts, schema.PreviousJumpItems} {
		if _, err := database.ExecContext(ctx, db.DDL(t)); err != nil {
			return nil, fmt.Errorf("create %s: %w", t.Name, err)
		}
	}
	switch {
	case previousDB != "":
		return loadDatabase(ctx, database, previousDB)
	case strings.EqualFold(filepath.Ext(previousPath), ".xlsx"):
		return loadAccountsWorkbook(ctx, database, previousPath, tempDir)
	}
	return &Accounts{Notes: []string{fmt.Sprintf(
		"the previous run's findings (%s) carry no accounts and no --previous-db was given: access changes were not compared",
		previousPath)}, JumpNote: jumpItemsNote(fmt.Sprintf("the previous run's findings (%s) carry no Jump Items", previousPath))}, nil
}

// missingNotes are the notes for the columns the previous run lacked, one
// per kind of change (Roster Match and Roster Status share one), as
// "the previous workbook has no Jump Groups column: Jump Group changes
// were not compared"; where names the previous listing.
func missingNotes(where string, missing []accountColumn, name func(accountColumn) string) []string {
	var notes []string
	seen := map[string]bool{}
	for _, c := range missing {
		if c.Compares == "" || seen[c.Compares] {
			continue
		}
		seen[c.Compares] = true
		notes = append(notes, fmt.Sprintf("%s has no %s column: %s were not compared", where, name(c), c.Compares))
	}
	return notes
}

func columnNames(cols []accountColumn) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Column
	}
	return out
}
