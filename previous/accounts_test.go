package previous

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/internal/db"
	"github.com/review-tool/review/internal/inputerr"
)

func openDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	database, err := db.Open(path, db.Options{TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { database.Close() })
	return database
}

// workbook writes an .xlsx with the given sheets, each a header row and
// data rows.
func workbook(t *testing.T, sheets map[string][][]any) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	names := make([]string, 0, len(sheets))
	for name := range sheets {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for i, row := range sheets[name] {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := f.SetSheetRow(name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	f.DeleteSheet("Sheet1")
	path := filepath.Join(t.TempDir(), "previous.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// loaded lists previous_accounts as "line|source|id|username|enabled|administrator|group_policies|jump_groups|roster_match|roster_status".
func loaded(t *testing.T, database *sql.DB) []string {
	t.Helper()
	rs, err := database.Query(`SELECT line, source, id, username, enabled, administrator, group_policies, jump_groups, roster_match, roster_status
		FROM previous_accounts ORDER BY line`)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	var out []string
	for rs.Next() {
		var line int64
		var source, username string
		var id sql.NullInt64
		var enabled, admin, match sql.NullBool
		var gps, jgs, status sql.NullString
		if err := rs.Scan(&line, &source, &id, &username, &enabled, &admin, &gps, &jgs, &match, &status); err != nil {
			t.Fatal(err)
		}
		v := func(x any) string {
			switch y := x.(type) {
			case sql.NullInt64:
				if y.Valid {
					return fmt.Sprint(y.Int64)
				}
			case sql.NullBool:
				if y.Valid {
					return fmt.Sprint(y.Bool)
				}
			case sql.NullString:
				if y.Valid {
					return y.String
				}
			}
			return "NULL"
		}
		out = append(out, strings.Join([]string{fmt.Sprint(line), source, v(id), username, v(enabled), v(admin), v(gps), v(jgs), v(match), v(status)}, "|"))
	}
	return out
}

// The Accounts sheet and its continuation are read by header, whatever the
// columns' order; empty cells are NULL; an account's line counts across the
// sheets; a column the workbook lacks is noted with what it compares.
func TestLoadWorkbookAccounts(t *testing.T) {
	t.Parallel()
	head := []any{"Username", "Source", "ID", "Enabled", "Administrator", "Group Policies", "Teams", "Vault Account Groups", "Roster Match", "Roster Status", "Display Name", "Product"}
	path := workbook(t, map[string][][]any{
		"Accounts": {head,
			{"jdoe", "pra-prod", 42, "yes", "no", "Admins; Support", "", "", "yes", "active"},
			{"-report-only", "rs-prod", nil, "no", nil, nil, nil, nil, "no"},
		},
		"Accounts (2)": {head, {}, {"root", "pra-prod", 1, "yes", "yes", nil, nil, nil, nil}},
	})
	database := openDB(t, "")
	acc, err := LoadAccounts(context.Background(), database, path, "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"1|pra-prod|42|jdoe|true|false|Admins; Support|NULL|true|active",
		"2|rs-prod|NULL|-report-only|false|NULL|NULL|NULL|false|NULL",
		"3|pra-prod|1|root|true|true|NULL|NULL|NULL|NULL",
	}
	if got := loaded(t, database); !slices.Equal(got, want) {
		t.Errorf("previous_accounts:\n got %q\nwant %q", got, want)
	}
	if acc.Rows != 3 || acc.From != path+" (Accounts sheet)" || !slices.Equal(acc.Missing, []string{"jump_groups"}) {
		t.Errorf("read %+v", acc)
	}
	note := "the previous workbook has no Jump Groups column: Jump Group changes were not compared"
	if !slices.Equal(acc.Notes, []string{note}) {
		t.Errorf("notes %q, want %q", acc.Notes, note)
	}
}

// A cell that is not what the Accounts sheet writes, or a header it
// must have, is the user's error naming the file, the sheet and the cell
// or header.
func TestLoadWorkbookAccountsErrors(t *testing.T) {
	t.Parallel()
	head := []any{"Source", "Product", "ID", "Username", "Enabled"}
	for _, tc := range []struct {
		name   string
		sheets map[string][][]any
		want   string
	}{
		{"id", map[string][][]any{"Accounts": {head, {"pra", "pra", 1, "a"}}, "Accounts (2)": {head, {"pra", "pra", "x7", "b"}}},
			`sheet Accounts (2), cell C2 (ID): found "x7", expected a whole number or nothing`},
		{"flag", map[string][][]any{"Accounts": {head, {"pra", "pra", 1, "a", "maybe"}}},
			`sheet Accounts, cell E2 (Enabled): found "maybe", expected yes, no or nothing`},
		{"username", map[string][][]any{"Accounts": {head, {"pra", "pra", 1, ""}, {"pra", "pra", 2, "b"}}},
			`sheet Accounts, cell D2 (Username): empty, expected the account's username`},
		{"header", map[string][][]any{"Accounts": {{"Source", "User"}, {"pra", "a"}}},
			`sheet Accounts has no column headed "Username" in row 1, expected the headers Source, Username`},
		{"empty", map[string][][]any{"Accounts": {}},
			`sheet Accounts is empty, expected the headers Source, Username in row 1`},
		{"gap", map[string][][]any{"Accounts": {head, {"pra", "pra", 1, "a"}}, "Accounts (3)": {head, {"pra", "pra", 2, "b"}}},
			`no sheet "Accounts (2)", though the workbook has "Accounts (3)": a continuation sheet was removed, and its rows would look gone`},
	} {
		path := workbook(t, tc.sheets)
		_, err := LoadAccounts(context.Background(), openDB(t, ""), path, "", t.TempDir())
		if err == nil || !inputerr.Is(err) || !strings.Contains(err.Error(), "--previous "+path+": "+tc.want) {
			t.Errorf("%s: error %v (the user's: %v), want %q", tc.name, err, inputerr.Is(err), tc.want)
		}
	}
}

// A workbook without an Accounts sheet, or findings as JSON Lines without
// --previous-db, compare nothing, and say so.
func TestLoadAccountsNoneToRead(t *testing.T) {
	t.Parallel()
	path := workbook(t, map[string][][]any{"Findings": {{"Finding ID"}}})
	for prev, note := range map[string]string{
		path:         "the previous workbook " + path + " has no Accounts sheet: access changes were not compared",
		"last.jsonl": "the previous run's findings (last.jsonl) carry no accounts and no --previous-db was given: access changes were not compared",
	} {
		acc, err := LoadAccounts(context.Background(), openDB(t, ""), prev, "", t.TempDir())
		if err != nil || acc.From != "" || !slices.Equal(acc.Notes, []string{note}) {
			t.Errorf("%s: %+v, %v; want no accounts and the note %q", prev, acc, err, note)
		}
	}
}

// The previous database's account_facts is read as its Accounts sheet
// showed it; a column an older database lacks is noted; a file without
// account_facts is the user's error.
func TestLoadDatabaseAccounts(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	old := filepath.Join(dir, "q3.duckdb")
	prev := openDB(t, old)
	for _, s := range []string{
		`CREATE TABLE account_facts (akey BIGINT, source VARCHAR, product VARCHAR, id BIGINT, username VARCHAR,
			display_name VARCHAR, enabled BOOLEAN, administrator BOOLEAN, group_policies VARCHAR[], team_names VARCHAR[],
			vault_account_group_names VARCHAR[], roster_email VARCHAR, roster_status VARCHAR)`,
		`INSERT INTO account_facts VALUES (2, 'pra-prod', 'pra', 7, 'b', NULL, false, NULL, [], [], [], NULL, NULL),
			(1, 'pra-prod', 'pra', 42, 'jdoe', 'Jane', true, false, ['Admins', 'Support'], [], [], 'jdoe@x', 'active')`,
		"CREATE TABLE run AS SELECT DATE '2025-08-22' AS as_of, true AS has_roster",
	} {
		if _, err := prev.Exec(s); err != nil {
			t.Fatal(err)
		}
	}
	prev.Close()
	database := openDB(t, "")
	if err := AttachDatabase(context.Background(), database, old); err != nil {
		t.Fatal(err)
	}
	acc, err := LoadAccounts(context.Background(), database, "q3.jsonl", old, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"1|pra-prod|42|jdoe|true|false|Admins; Support|NULL|true|active",
		"2|pra-prod|7|b|false|NULL||NULL|false|",
	}
	if got := loaded(t, database); !slices.Equal(got, want) {
		t.Errorf("previous_accounts:\n got %q\nwant %q", got, want)
	}
	note := "the previous database has no jump_group_names column: Jump Group changes were not compared"
	if acc.Rows != 2 || !slices.Equal(acc.Missing, []string{"jump_groups"}) || !slices.Equal(acc.Notes, []string{note}) {
		t.Errorf("read %+v, want 2 rows and the note %q", acc, note)
	}

	empty := filepath.Join(dir, "empty.duckdb")
	openDB(t, empty).Close()
	for path, want := range map[string]string{
		empty:                         "--previous-db " + empty + ": no account_facts table",
		filepath.Join(dir, "missing"): "--previous-db " + filepath.Join(dir, "missing") + ": no such file",
	} {
		database := openDB(t, "")
		err := AttachDatabase(context.Background(), database, path)
		if err == nil {
			_, err = LoadAccounts(context.Background(), database, "q3.jsonl", path, t.TempDir())
		}
		if err == nil || !inputerr.Is(err) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want the user's %q", path, err, want)
		}
	}
}
