package main

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every SQL example of docs/schema.md runs on a database review ingest
// kept (the PRA fixture, which has every kind of group), and the stale
// seats and explain examples find rows: the examples name tables and
// columns that exist.
func TestSchemaDocQueriesRun(t *testing.T) {
	t.Parallel()
	text, err := os.ReadFile("../../docs/schema.md")
	if err != nil {
		t.Fatal(err)
	}
	var queries []string
	for _, block := range strings.Split(string(text), "```sql\n")[1:] {
		q, _, _ := strings.Cut(block, "```")
		queries = append(queries, q)
	}
	if len(queries) < 8 {
		t.Fatalf("docs/schema.md has %d SQL examples, want one per rule family and more", len(queries))
	}
	path := filepath.Join(t.TempDir(), "estate.duckdb")
	if code, msg := runCLI(t, "ingest", "--quiet", "--as-of", "2025-11-22", "--db", path, "../../fixtures/pra-json/pra-prod"); code != exitOK {
		t.Fatalf("review ingest exited %d: %s", code, msg)
	}
	d, err := sql.Open("duckdb", path+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	for _, q := range queries {
		rows, err := d.Query(q)
		if err != nil {
			t.Errorf("%v\n%s", err, q)
			continue
		}
		n := 0
		for rows.Next() {
			n++
		}
		rows.Close()
		if n == 0 && (strings.Contains(q, "stale_days") || strings.Contains(q, "ahmed.khan") || strings.Contains(q, "review_manifest")) {
			t.Errorf("no rows:\n%s", q)
		}
	}
}
