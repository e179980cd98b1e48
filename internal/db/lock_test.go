package db

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/review-tool/review/schema"
)

// makeDB creates a database file at path with the statements run in it.
func makeDB(t *testing.T, path string, stmts ...string) {
	t.Helper()
	d, err := Open(path, Options{TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	for _, s := range stmts {
		if _, err := d.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// disabled is DuckDB's refusal of a file once external access is off.
const disabled = "file system operations are disabled by configuration"

// Once locked, no SQL reaches a file of this machine (read_text in the
// run's own database, a view of an attached database that reads one, an
// ATTACH of another file, COPY out of the writable folder), no setting can
// be turned back; and what a run needs still works: the database's own
// file is written (an Appender, CREATE TABLE AS, a checkpoint) and reads
// back once closed, DuckDB spills past its memory limit into its
// temp_directory, the attached database's tables are read, and COPY
// writes inside the folder given as writable.
func TestLockKeepsFilesOutAndTheRunWorking(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	canary := filepath.Join(dir, "canary.txt")
	os.WriteFile(canary, []byte("CANARY-7f3a\n"), 0o644)
	foreign := filepath.Join(dir, "foreign.duckdb")
	makeDB(t, foreign, "CREATE TABLE kept AS SELECT 41 AS x",
		"CREATE VIEW users AS SELECT content FROM read_text('"+canary+"')")
	other := filepath.Join(dir, "other.duckdb")
	makeDB(t, other, "CREATE TABLE t AS SELECT 1 AS x")

	own, spill, parquet := filepath.Join(dir, "own.duckdb"), filepath.Join(dir, "spill"), filepath.Join(dir, "parquet")
	os.Mkdir(parquet, 0o755)
	d, err := Open(own, Options{MemoryLimit: "80MB", TempDir: spill, Threads: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := Attach(ctx, d, foreign, "f"); err != nil {
		t.Fatal(err)
	}
	if err := Lock(ctx, d, parquet); err != nil {
		t.Fatal(err)
	}

	for _, q := range []string{
		"SELECT * FROM read_text('" + canary + "')",
		"SELECT * FROM f.main.users",
		"ATTACH '" + other + "' AS o (READ_ONLY)",
		"COPY (SELECT 1) TO '" + filepath.Join(dir, "out.parquet") + "' (FORMAT parquet)",
	} {
		if _, err := d.ExecContext(ctx, q); err == nil || !strings.Contains(err.Error(), disabled) {
			t.Errorf("%s after Lock: %v, want %q", q, err, disabled)
		}
	}
	for _, q := range []string{"SET enable_external_access = true", "RESET enable_external_access", "SET allowed_directories = ['/']"} {
		if _, err := d.ExecContext(ctx, q); err == nil || !strings.Contains(err.Error(), "locked") {
			t.Errorf("%s after Lock: %v, want the configuration locked", q, err)
		}
	}
	// Every connection of the pool is locked, not only the one that locked.
	conns := make([]*sql.Conn, 3)
	for i := range conns {
		if conns[i], err = d.Conn(ctx); err != nil {
			t.Fatal(err)
		}
		defer conns[i].Close()
		var on bool
		if err := conns[i].QueryRowContext(ctx, "SELECT current_setting('enable_external_access')").Scan(&on); err != nil || on {
			t.Errorf("connection %d: enable_external_access %v (%v), want false", i, on, err)
		}
	}

	var x int
	if err := d.QueryRowContext(ctx, "SELECT x FROM f.main.kept").Scan(&x); err != nil || x != 41 {
		t.Errorf("the attached table after Lock: %d, %v", x, err)
	}
	if err := CreateTables(ctx, d, []*schema.Table{schema.Users}); err != nil {
		t.Fatal(err)
	}
	l, err := NewLoader(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 1000 {
		if err := l.Append(schema.Users, userRow(i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	// About 180 MB of text sorted under an 80 MB limit: done only by
	// spilling.
	for _, q := range []string{
		"CREATE TABLE big AS SELECT i, md5(i::VARCHAR) || md5((i * 7)::VARCHAR) || md5((i * 13)::VARCHAR) AS s FROM range(1500000) r(i)",
		"CREATE TABLE sorted AS SELECT * FROM big ORDER BY s",
		"DROP TABLE big",
		"CHECKPOINT",
		"COPY (SELECT 1 AS one) TO '" + filepath.Join(parquet, "one.parquet") + "' (FORMAT parquet)",
	} {
		if _, err := d.ExecContext(ctx, q); err != nil {
			t.Fatalf("%.60s after Lock: %v", q, err)
		}
	}
	if _, err := os.Stat(spill); err != nil {
		t.Errorf("DuckDB did not spill to its temp_directory: %v", err)
	}
	for _, c := range conns {
		c.Close()
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := Open(own, Options{TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var users, sorted int64
	if err := r.QueryRow("SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM sorted)").Scan(&users, &sorted); err != nil {
		t.Fatal(err)
	}
	if users != 1000 || sorted != 1500000 {
		t.Errorf("reopened: %d users, %d sorted rows; want 1000 and 1500000", users, sorted)
	}
	if err := r.QueryRow("SELECT count(*) FROM read_parquet('" + filepath.Join(parquet, "one.parquet") + "')").Scan(&users); err != nil || users != 1 {
		t.Errorf("the Parquet file written after Lock: %d rows, %v", users, err)
	}
}

// want is the catalogue the Check cases are held to: users of fixed
// columns, and run, whose other columns are parameters.
var want = Catalogue{
	"users": {Columns: []Column{{"id", "BIGINT"}, {"username", "VARCHAR"}, {"enabled", "BOOLEAN"}}},
	"run":   {Columns: []Column{{"as_of", "DATE"}}, Open: []string{"BIGINT", "VARCHAR"}},
}

// Check refuses every object of a database that review does not write,
// naming it, and accepts what an older review wrote (a table or a column
// missing) and the run table's parameters.
func TestCheckNamesWhatReviewDoesNotWrite(t *testing.T) {
	t.Parallel()
	base := []string{"CREATE TABLE users (id BIGINT, username VARCHAR, enabled BOOLEAN)", "CREATE TABLE run (as_of DATE, stale_days BIGINT)"}
	for _, tc := range []struct {
		name  string
		stmts []string
		want  string // "" for accepted
	}{
		{"genuine", nil, ""},
		{"older", []string{"DROP TABLE run", "ALTER TABLE users DROP COLUMN enabled"}, ""},
		{"custom parameter", []string{"ALTER TABLE run ADD COLUMN owner VARCHAR"}, ""},
		{"view", []string{"DROP TABLE users", "CREATE VIEW users AS SELECT 1 AS id"}, `holds a view "users", expected only the tables review writes`},
		{"macro", []string{"CREATE MACRO plus(a) AS a + 1"}, `holds a macro "plus"`},
		{"table macro", []string{"CREATE MACRO rows() AS TABLE SELECT 1 AS one"}, `holds a table macro "rows"`},
		{"sequence", []string{"CREATE SEQUENCE ids"}, `holds a sequence "ids"`},
		{"index", []string{"CREATE INDEX by_name ON users (username)"}, `holds an index "by_name"`},
		{"type", []string{"CREATE TYPE mood AS ENUM ('a', 'b')"}, `holds a type "mood"`},
		{"schema", []string{"CREATE SCHEMA extra"}, `holds a schema "extra"`},
		{"table elsewhere", []string{"CREATE SCHEMA extra", "CREATE TABLE extra.users (id BIGINT)"}, `holds a schema "extra"`},
		{"unknown table", []string{"CREATE TABLE notes (x VARCHAR)"}, `holds a table "notes", which review does not write`},
		{"extra column", []string{"ALTER TABLE users ADD COLUMN note VARCHAR"}, `its table users has a column "note", which review does not write`},
		{"wrong type", []string{"ALTER TABLE users ALTER enabled TYPE VARCHAR"}, "its column users.enabled is VARCHAR, expected BOOLEAN"},
		{"wrong parameter type", []string{"ALTER TABLE run ADD COLUMN ratio DOUBLE"}, "its column run.ratio is DOUBLE, expected one of BIGINT, VARCHAR"},
		{"default", []string{"ALTER TABLE users ALTER username SET DEFAULT 'x'"}, "its column users.username has a default or generated value"},
		{"generated", []string{"DROP TABLE users", "CREATE TABLE users (id BIGINT, username VARCHAR GENERATED ALWAYS AS (id::VARCHAR))"}, "its column users.username has a default or generated value"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "kept.duckdb")
			makeDB(t, path, append(append([]string(nil), base...), tc.stmts...)...)
			d := open(t)
			if err := Attach(ctx, d, path, "kept"); err != nil {
				t.Fatal(err)
			}
			if err := Lock(ctx, d); err != nil {
				t.Fatal(err)
			}
			c, err := ReadContents(ctx, d, "kept")
			if err != nil {
				t.Fatal(err)
			}
			err = c.Check(want)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("Check: %v, want %q", err, tc.want)
			}
		})
	}
}

// The text form of a catalogue reads back as written.
func TestCatalogueText(t *testing.T) {
	t.Parallel()
	text := want.Format()
	back, err := ParseCatalogue("# a comment\n" + text)
	if err != nil {
		t.Fatal(err)
	}
	if got := back.Format(); got != text {
		t.Errorf("read back:\n%s\nwrote:\n%s", got, text)
	}
	if !strings.Contains(text, "run\t*\tBIGINT|VARCHAR\n") || !strings.Contains(text, "users\tenabled\tBOOLEAN\n") {
		t.Errorf("catalogue text:\n%s", text)
	}
	if _, err := ParseCatalogue("users\tid\n"); err == nil {
		t.Error("a line of two fields was read")
	}
}
