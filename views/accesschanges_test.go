package views

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/review-tool/review/internal/db"
	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/schema"
)

// accessDB is a database with the tables the comparison reads, small and
// made by hand: account_facts (the columns the Accounts sheet shows), run,
// sources and previous_accounts.
func accessDB(t *testing.T, hasRoster bool, current, previous []string) *sql.DB {
	t.Helper()
	ctx := context.Background()
	database, err := db.Open("", db.Options{TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { database.Close() })
	stmts := []string{
		`CREATE TABLE account_facts (akey BIGINT, source VARCHAR, product VARCHAR, id BIGINT, username VARCHAR,
			display_name VARCHAR, enabled BOOLEAN, administrator BOOLEAN, group_policies VARCHAR[], team_names VARCHAR[],
			jump_group_names VARCHAR[], vault_account_group_names VARCHAR[], roster_email VARCHAR, roster_status VARCHAR)`,
		fmt.Sprintf("CREATE TABLE run AS SELECT %v AS has_roster", hasRoster),
		"CREATE TABLE sources AS SELECT * FROM (VALUES ('pra', 'pra'), ('rs', 'rs'), ('new-src', 'pra')) s(source, product)",
		db.DDL(schema.PreviousAccounts),
	}
	for i, v := range current {
		stmts = append(stmts, fmt.Sprintf("INSERT INTO account_facts VALUES (%d, %s)", i+1, v))
	}
	for i, v := range previous {
		stmts = append(stmts, fmt.Sprintf("INSERT INTO previous_accounts VALUES (%s, 0, %d, %s)", strings.SplitN(v, ",", 2)[0], i+1, strings.SplitN(v, ",", 2)[1]))
	}
	for _, s := range stmts {
		if _, err := database.ExecContext(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	return database
}

// changes runs the comparison and lists its rows as
// "source|id|username|change|item|before|after".
func changes(t *testing.T, database *sql.DB, missing ...string) ([]string, *AccessChangeSet) {
	t.Helper()
	set, err := BuildAccessChanges(context.Background(), database, missing, false)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	err = AccessChangeRows(database)(context.Background(), func(c *model.AccessChange) error {
		out = append(out, fmt.Sprintf("%s|%d|%s|%s|%s|%s|%s", c.Source, c.ID, c.Username, c.Change, c.Item, c.Before, c.After))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if int64(len(out)) != set.Count {
		t.Errorf("Count %d, the iterator gave %d rows", set.Count, len(out))
	}
	return out, set
}

// current accounts: akey is added in front. Columns: source, product, id,
// username, display_name, enabled, administrator, group_policies,
// team_names, jump_group_names, vault_account_group_names, roster_email,
// roster_status.
var accessCurrentRows = []string{
	`'pra', 'pra', 1, 'jdoe', 'Jane Doe', false, false, ['Admins', 'Support'], [], [], [], 'jdoe@x', 'terminated'`,
	`'pra', 'pra', 2, 'root', 'Root', true, true, [], ['Night Shift'], [], ['Prod Accounts'], 'root@x', 'active'`,
	`'pra', 'pra', 3, 'robert', 'Robert', true, false, [], [], [], [], NULL, NULL`,
	`'pra', 'pra', 5, 'newbie', 'New', true, false, [], [], [], [], 'newbie@x', 'active'`,
	`'pra', 'pra', 7, 'dave', 'Dave', true, false, [], [], [], [], NULL, NULL`,
	`'rs', 'rs', NULL, 'alice', 'Alice', true, NULL, ['A; B'], [], [], [], 'alice@x', 'active'`,
	`'new-src', 'pra', 1, 'first', 'First', true, false, [], [], [], [], NULL, NULL`,
}

// previous accounts, as a workbook leaves them: source, then product, id,
// username, display_name, enabled, administrator, group_policies, teams,
// jump_groups, vault_account_groups, roster_match, roster_status.
var accessPreviousRows = []string{
	`'pra', 'pra', 1, 'jdoe', 'Jane Doe', true, false, 'Support', NULL, NULL, NULL, true, 'active'`,
	`'pra', 'pra', 2, 'root', 'Root', true, false, NULL, NULL, 'Windows Servers', NULL, true, 'active'`,
	`'pra', 'pra', 3, 'bob', 'Bob', true, false, NULL, NULL, NULL, NULL, false, NULL`,
	`'pra', 'pra', 4, 'gone', 'Gone', true, false, 'Support', NULL, NULL, NULL, false, NULL`,
	`'pra', 'pra', 6, 'dave', 'Dave', true, false, NULL, NULL, NULL, NULL, false, NULL`,
	`'rs', NULL, NULL, 'Alice', 'Alice', true, NULL, 'A; B', NULL, NULL, NULL, true, 'active'`,
	`'rs', NULL, NULL, 'carol', NULL, false, NULL, NULL, NULL, NULL, NULL, true, 'terminated'`,
	`'old-src', 'rs', NULL, 'ghost', 'Ghost', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL`,
}

// Each kind of change is one row with its item and before/after; accounts
// pair by id (a renamed user is not removed and added), else by username
// case aside; two different ids of one username do not pair; a group name
// holding "; " compares as the sheet shows it; sources of one run only are
// not compared. The order is source, username, id, change, item.
func TestAccessChanges(t *testing.T) {
	t.Parallel()
	got, set := changes(t, accessDB(t, true, accessCurrentRows, accessPreviousRows))
	want := []string{
		"pra|6|dave|account removed|||",
		"pra|7|dave|account added|||",
		"pra|4|gone|account removed|||",
		"pra|1|jdoe|disabled||yes|no",
		"pra|1|jdoe|group policy added|Admins||",
		"pra|1|jdoe|roster status changed||active|terminated",
		"pra|5|newbie|account added|||",
		"pra|2|root|administrator granted||no|yes",
		"pra|2|root|Jump Group removed|Windows Servers||",
		"pra|2|root|team added|Night Shift||",
		"pra|2|root|Vault account group added|Prod Accounts||",
		"rs|0|carol|account removed|||",
	}
	if !slices.Equal(got, want) {
		t.Errorf("changes:\n got %q\nwant %q", got, want)
	}
	if !slices.Equal(set.PreviousOnly, []string{"old-src"}) || !slices.Equal(set.CurrentOnly, []string{"new-src"}) {
		t.Errorf("sources of one run: previous only %q, current only %q", set.PreviousOnly, set.CurrentOnly)
	}
}

// A column the previous run lacked compares nothing; the rest still
// compare.
func TestAccessChangesWithoutAColumn(t *testing.T) {
	t.Parallel()
	got, _ := changes(t, accessDB(t, true, accessCurrentRows, accessPreviousRows), "jump_groups", "enabled")
	for _, c := range got {
		if strings.Contains(c, "Jump Group") || strings.Contains(c, "|disabled|") {
			t.Errorf("%s: compared a column the previous run did not have", c)
		}
	}
	if !slices.Contains(got, "pra|2|root|administrator granted||no|yes") || len(got) != 10 {
		t.Errorf("the other changes: %q", got)
	}
}

// A roster only one run had is not every account's status changed; a
// person who was not in the roster and now is shows as such.
func TestAccessChangesRosterOnBothSides(t *testing.T) {
	t.Parallel()
	got, _ := changes(t, accessDB(t, false, accessCurrentRows, accessPreviousRows))
	for _, c := range got {
		if strings.Contains(c, "roster") {
			t.Errorf("%s: no roster this run, yet a roster change", c)
		}
	}
	cur := []string{`'pra', 'pra', 4, 'gone', 'Gone', true, false, ['Support'], [], [], [], 'gone@x', 'active'`}
	got, _ = changes(t, accessDB(t, true, cur, accessPreviousRows[3:4]))
	if want := []string{"pra|4|gone|roster status changed||not in roster|active"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
