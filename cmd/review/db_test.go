package main

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"
)

// With --db the database keeps the raw tables next to the facts for the
// user to query after the run; in memory they are dropped once the facts
// are built (facts.DropInputs), which this checks does not change the
// findings (the fixtures run in memory).
func TestPersistentDatabaseKeepsRawTables(t *testing.T) {
	t.Parallel()
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

// Groups that share a name: a report naming it is one membership, in the
// group of the lowest id, not one per group of that name (which, crafted
// large, would multiply without end).
func TestReportNameOfSeveralGroups(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "rs-dup")
	copyTree(t, "../../fixtures/rs-reports/rs-utf8", dir, nil)
	var gps []string
	for id := 1; id <= 50; id++ {
		gps = append(gps, fmt.Sprintf(`{"id": %d, "name": "Tier 1 Support", "perm_support_allowed": true}`, id))
	}
	os.WriteFile(filepath.Join(dir, "group-policy.json"), []byte("["+strings.Join(gps, ",\n")+"]"), 0o644)
	path := filepath.Join(t.TempDir(), "review.duckdb")
	code, msg := runCLI(t, "run", "--quiet", "--as-of", "2025-11-22", "--db", path, "--out", filepath.Join(t.TempDir(), "f.xlsx"), dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, msg)
	}
	db, err := sql.Open("duckdb", path+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var named, rows, ids int
	db.QueryRow(`SELECT count(*) FROM report_members WHERE kind = 'group-policy' AND lower(name) = 'tier 1 support'`).Scan(&named)
	db.QueryRow(`SELECT count(*), count(DISTINCT group_id) FROM memberships WHERE kind = 'group-policy' AND NOT direct IS NULL
		AND lower(group_name) = 'tier 1 support' AND user_id IS NULL`).Scan(&rows, &ids)
	if named == 0 || rows != named || ids != 1 {
		t.Errorf("%d report rows name the policy; %d memberships over %d group ids, want %d over 1", named, rows, ids, named)
	}
}
