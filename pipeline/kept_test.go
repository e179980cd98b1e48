package pipeline

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/review-tool/review/facts"
	"github.com/review-tool/review/internal/db"
)

var update = flag.Bool("update", false, "rewrite kept.tsv from what review ingest --db and review run --db write")

// keptHeader opens kept.tsv.
const keptHeader = `# Every table review writes into a database it keeps (review ingest --db; review run --db FILE SOURCES, with
# --previous and --previous-db too): TABLE<tab>COLUMN<tab>TYPE, and TABLE<tab>*<tab>TYPES for the columns a
# table may have besides (run's parameters). A database review did not make in this run (--db with no SOURCE,
# --previous-db) may hold these and nothing else. Generated: go test ./pipeline -run TestKeptCatalogue -update
`

// kept.tsv is what review really writes: the tables of a database review
// ingest --db kept, of one review run --db kept with --previous and
// --previous-db, and of a run over other exports (one product, no roster),
// the same table always with the same columns, the run table's parameters
// left open. A genuine database passes the check it is used for.
func TestKeptCatalogue(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	ingested := filepath.Join(dir, "ingest.duckdb")
	cfg := mixed()
	cfg.Database = ingested
	if _, err := Ingest(ctx, cfg, "", quiet{}); err != nil {
		t.Fatal(err)
	}
	if *update {
		// The run below checks the ingested database against kept.tsv,
		// which is being made: hold it to what the ingest wrote instead.
		ingestedTables := contentsOf(t, ingested).Tables
		kept = func() db.Catalogue { return ingestedTables }
	}
	withPrevious := mixed()
	withPrevious.Database = filepath.Join(dir, "run.duckdb")
	withPrevious.Previous, withPrevious.PreviousDB = "../cmd/review/testdata/mixed.jsonl", ingested
	other := Config{AsOf: time.Date(2025, 11, 22, 0, 0, 0, 0, time.UTC), Sources: []string{"../fixtures/pra-json/pra-prod"},
		Database: filepath.Join(dir, "pra.duckdb")}
	for _, c := range []Config{withPrevious, other} {
		rev, err := Run(ctx, c, quiet{})
		if err != nil {
			t.Fatal(err)
		}
		if err := rev.Close(); err != nil {
			t.Fatal(err)
		}
	}

	got := db.Catalogue{}
	for _, path := range []string{ingested, withPrevious.Database, other.Database} {
		c := contentsOf(t, path)
		if len(c.Others) > 0 || len(c.Defaults) > 0 {
			t.Errorf("%s holds %q and defaults on %q", filepath.Base(path), c.Others, c.Defaults)
		}
		if err := c.Check(kept()); err != nil && !*update {
			t.Errorf("%s, which review made, is refused: %v", filepath.Base(path), err)
		}
		for name, table := range c.Tables {
			if name == facts.RunTable {
				table = openRun(table)
			}
			if prev, ok := got[name]; ok && !slices.Equal(prev.Columns, table.Columns) {
				t.Errorf("table %s of %s differs from another run's:\n%v\n%v", name, filepath.Base(path), table.Columns, prev.Columns)
			}
			got[name] = table
		}
	}
	for _, want := range []string{ManifestTable, "users", "account_facts", "previous_accounts", "access_changes", "people_findings"} {
		if got[want] == nil {
			t.Errorf("no table %s in the databases review kept", want)
		}
	}
	text := keptHeader + got.Format()
	if *update {
		if err := os.WriteFile("kept.tsv", []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if keptText != text {
		t.Errorf("kept.tsv is not what review writes; go test ./pipeline -run TestKeptCatalogue -update, then read the diff")
	}
}

// contentsOf is what the database file at path holds.
func contentsOf(t *testing.T, path string) *db.Contents {
	t.Helper()
	ctx := context.Background()
	d, err := db.Open("", db.Options{TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := db.Attach(ctx, d, path, "k"); err != nil {
		t.Fatal(err)
	}
	if err := db.Lock(ctx, d); err != nil {
		t.Fatal(err)
	}
	c, err := db.ReadContents(ctx, d, "k")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// openRun is the run table with its parameters' columns left open: a
// rule names them.
func openRun(t *db.Table) *db.Table {
	out := &db.Table{Open: facts.ParamTypes}
	for _, c := range t.Columns {
		if !facts.IsParamColumn(c.Name) {
			out.Columns = append(out.Columns, c)
		}
	}
	return out
}

// The run's database is locked once Run returns: SQL reads no file of
// this machine, and the lock cannot be lifted.
func TestRunLocksItsDatabase(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	canary := filepath.Join(t.TempDir(), "canary.txt")
	os.WriteFile(canary, []byte("CANARY\n"), 0o644)
	rev := run(t, mixed())
	for _, q := range []string{"SELECT * FROM read_text('" + canary + "')", "SET enable_external_access = true"} {
		_, err := rev.database.ExecContext(ctx, q)
		if err == nil || !strings.Contains(err.Error(), "disabled by configuration") && !strings.Contains(err.Error(), "locked") {
			t.Errorf("%s in the run's database: %v, want it refused", q, err)
		}
	}
}
