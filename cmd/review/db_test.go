package main

import (
	"database/sql"
	"path/filepath"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"
)

// With --db the database keeps the raw tables next to the facts for the
// user to query after the run; in memory they are dropped once the facts
// are built (analyzers.DropInputs), which this checks does not change the
// findings (the fixtures run in memory).
func TestPersistentDatabaseKeepsRawTables(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "review.duckdb")
	args := append([]string{"run", "--quiet", "--as-of", "2025-11-22", "--db", path, "--out", filepath.Join(dir, "f.xlsx")}, fixtures[2].args...)
	if code, msg := runCLI(t, args...); code != exitOK {
		t.Fatalf("review run exited %d: %s", code, msg)
	}
	db, err := sql.Open("duckdb", path+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, table := range []string{"users", "roster", "group_policy_members", "account_facts"} {
		var n int
		if err := db.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
			t.Errorf("%s: %v", table, err)
		} else if n == 0 {
			t.Errorf("%s is empty", table)
		}
	}
}
