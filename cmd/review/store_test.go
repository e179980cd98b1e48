package main

import (
	"bytes"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/review-tool/review/internal/digest"
)

// mixedInputs are the mixed fixture's inputs (fixtures[2]).
var mixedInputs = fixtures[2].args

// ingestMixed stores the mixed fixture with review ingest, Parquet too,
// and returns the database and the Parquet folder.
func ingestMixed(t *testing.T, dir string) (db, parquet string) {
	t.Helper()
	db, parquet = filepath.Join(dir, "estate.duckdb"), filepath.Join(dir, "tables")
	args := append([]string{"ingest", "--quiet", "--as-of", "2025-11-22", "--db", db, "--parquet", parquet}, mixedInputs...)
	if code, msg := runCLI(t, args...); code != exitOK {
		t.Fatalf("review ingest exited %d: %s", code, msg)
	}
	return db, parquet
}

// review ingest then review run --db gives the findings of review run on
// the exports, byte for byte (JSON Lines and CSV), and the same workbook
// but for what names the run itself: the command line (masked by
// sheetText as it varies by build) and one more Evidence row, the
// database read, with its hash. The database is read, never written.
func TestRunFromIngestedDatabase(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db, _ := ingestMixed(t, dir)
	before := hashOf(t, db)

	outs := func(name string) []string {
		return []string{"--out", filepath.Join(dir, name+".xlsx"), "--json", filepath.Join(dir, name+".jsonl"), "--csv", filepath.Join(dir, name+".csv")}
	}
	direct := append(append([]string{"run", "--quiet", "--as-of", "2025-11-22"}, outs("direct")...), mixedInputs...)
	if code, msg := runCLI(t, direct...); code != exitOK {
		t.Fatalf("review run exited %d: %s", code, msg)
	}
	stored := append([]string{"run", "--quiet", "--as-of", "2025-11-22", "--db", db}, outs("stored")...)
	if code, msg := runCLI(t, stored...); code != exitOK {
		t.Fatalf("review run --db exited %d: %s", code, msg)
	}
	if after := hashOf(t, db); after != before {
		t.Errorf("review run --db changed the database: SHA-256 %s, was %s", after, before)
	}
	for _, ext := range []string{".jsonl", ".csv"} {
		a, b := readFile(t, filepath.Join(dir, "direct"+ext)), readFile(t, filepath.Join(dir, "stored"+ext))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s: the stored run's findings differ from the direct run's:\n%s", ext, firstDiff(string(a), string(b)))
		}
	}
	// Same count of findings as the fixture's golden, so that equal is
	// not two empty files.
	if got, want := len(readJSONL(t, filepath.Join(dir, "stored.jsonl"))), len(readExpected(t, "../../fixtures/mixed/expected.tsv")); got != want {
		t.Errorf("the stored run gave %d findings, the fixture expects %d", got, want)
	}

	fa, fb := openWorkbook(t, filepath.Join(dir, "direct.xlsx")), openWorkbook(t, filepath.Join(dir, "stored.xlsx"))
	sheets := fa.GetSheetList()
	if got := fb.GetSheetList(); strings.Join(got, ",") != strings.Join(sheets, ",") {
		t.Fatalf("sheets %q, the direct run's %q", got, sheets)
	}
	for _, sheet := range sheets {
		a, b := sheetText(t, fa, sheet), sheetText(t, fb, sheet)
		if sheet != "Evidence" {
			if a != b {
				t.Errorf("sheet %s differs:\n%s", sheet, firstDiff(a, b))
			}
			continue
		}
		// Every original file is listed as it was read, with its hash
		// and counts; the stored run adds the database it read.
		removed, added := lineDiff(a, b)
		if len(removed) != 0 {
			t.Errorf("Evidence of the stored run lacks %q", removed)
		}
		if len(added) != 1 || !strings.Contains(added[0], "database") || !strings.Contains(added[0], before) {
			t.Errorf("Evidence of the stored run adds %q, want one row: the database with its SHA-256 %s", added, before)
		}
	}
}

// lineDiff gives the lines only a has and those only b has.
func lineDiff(a, b string) (onlyA, onlyB []string) {
	count := map[string]int{}
	for _, l := range strings.Split(a, "\n") {
		count[l]++
	}
	for _, l := range strings.Split(b, "\n") {
		if count[l] > 0 {
			count[l]--
		} else {
			onlyB = append(onlyB, l)
		}
	}
	for l, n := range count {
		for ; n > 0; n-- {
			onlyA = append(onlyA, l)
		}
	}
	return onlyA, onlyB
}

// review ingest --parquet writes every table of the database, which
// DuckDB reads back with the same row counts.
func TestIngestParquetReadsBack(t *testing.T) {
	t.Parallel()
	dbPath, parquet := ingestMixed(t, t.TempDir())
	d, err := sql.Open("duckdb", dbPath+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	rows, err := d.Query("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY 1")
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		rows.Scan(&name)
		tables = append(tables, name)
	}
	rows.Close()
	files, _ := filepath.Glob(filepath.Join(parquet, "*.parquet"))
	if len(files) != len(tables) || len(tables) < 30 {
		t.Fatalf("%d Parquet files for %d tables %q", len(files), len(tables), tables)
	}
	for _, want := range []string{"users", "roster", "account_facts", "memberships", "review_manifest"} {
		if _, err := os.Stat(filepath.Join(parquet, want+".parquet")); err != nil {
			t.Errorf("no %s.parquet: %v", want, err)
		}
	}
	for _, table := range tables {
		var inDB, inFile int64
		if err := d.QueryRow(`SELECT count(*) FROM "` + table + `"`).Scan(&inDB); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(parquet, table+".parquet")
		if err := d.QueryRow("SELECT count(*) FROM read_parquet('" + path + "')").Scan(&inFile); err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		if inDB != inFile {
			t.Errorf("%s: %d rows in the database, %d in the Parquet file", table, inDB, inFile)
		}
	}
	var accounts int64
	d.QueryRow("SELECT count(*) FROM read_parquet('" + filepath.Join(parquet, "account_facts.parquet") + "') WHERE roster_status = 'terminated'").Scan(&accounts)
	if accounts == 0 {
		t.Error("account_facts.parquet has no terminated person: the roster join was not stored")
	}
}

// A run of a kept database refuses what it cannot use, before reading:
// the flags fixed at ingest, a file that is not a database, a DuckDB
// database review did not keep. Exit 2, and no output written.
func TestRunFromDatabaseRefuses(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.duckdb")
	os.WriteFile(notes, []byte("a text file\n"), 0o644)
	other := filepath.Join(dir, "other.duckdb")
	d, err := sql.Open("duckdb", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Exec("CREATE TABLE t AS SELECT 1 AS x"); err != nil {
		t.Fatal(err)
	}
	d.Close()
	otherHash := hashOf(t, other)
	out := filepath.Join(dir, "f.xlsx")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"roster", []string{"--db", other, "--roster", "../../fixtures/mixed/roster.csv"}, "--roster with --db " + other + " and no SOURCE: the database was read with its roster, licenses, products and reading flags fixed at review ingest"},
		{"lenient", []string{"--db", other, "--lenient"}, "--lenient with --db"},
		{"product", []string{"--db", other, "--product", "pra=pra"}, "--product with --db"},
		{"text file", []string{"--db", notes}, "--db " + notes + " is not a DuckDB database: give the file review ingest --db wrote"},
		{"missing", []string{"--db", filepath.Join(dir, "gone.duckdb")}, "does not exist"},
		{"other database", []string{"--db", other}, "--db " + other + " is a DuckDB database but not one review kept: it has no review_manifest table"},
	} {
		args := append([]string{"run", "--quiet", "--out", out}, tc.args...)
		code, msg := runCLI(t, args...)
		if code != exitBadInput || !strings.Contains(msg, tc.want) {
			t.Errorf("%s: exit %d, %q; want exit 2 and %q", tc.name, code, msg, tc.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%s: %s was written", tc.name, out)
		}
	}
	if hashOf(t, other) != otherHash {
		t.Error("a refused run changed the database")
	}
}

// review ingest checks its outputs before reading: --db is required,
// and --parquet must be a new or empty folder; nothing is written.
func TestIngestRefuses(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	full := filepath.Join(dir, "full")
	os.Mkdir(full, 0o755)
	os.WriteFile(filepath.Join(full, "keep.txt"), []byte("mine"), 0o644)
	db := filepath.Join(dir, "s.duckdb")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no db", []string{"../../fixtures/mixed/pra"}, "--db FILE is required"},
		{"no source", []string{"--db", db}, "no SOURCE given"},
		{"full folder", []string{"--db", db, "--parquet", full, "../../fixtures/mixed/pra"}, "--parquet " + full + " is a folder with files in it"},
		{"bad extension", []string{"--db", filepath.Join(dir, "s.xlsx"), "../../fixtures/mixed/pra"}, "expected a name ending in .duckdb"},
	} {
		code, msg := runCLI(t, append([]string{"ingest", "--quiet"}, tc.args...)...)
		if code != exitBadInput || !strings.Contains(msg, tc.want) {
			t.Errorf("%s: exit %d, %q; want exit 2 and %q", tc.name, code, msg, tc.want)
		}
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("a refused ingest wrote the database")
	}
	if b, _ := os.ReadFile(filepath.Join(full, "keep.txt")); string(b) != "mine" {
		t.Error("a refused ingest touched the --parquet folder")
	}
}

// review ingest writes neither its database nor its Parquet folder over
// an input, inside a source folder, or around one; each is refused with
// exit 2 naming both before anything is read, and the inputs keep their
// bytes.
func TestIngestNeverWritesIntoItsInputs(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := filepath.Join(dir, "pra")
	copyTree(t, "../../fixtures/mixed/pra", src, nil)
	roster := filepath.Join(dir, "roster.csv")
	os.WriteFile(roster, []byte("email,status\nanna@corp.example,active\n"), 0o644)
	before := fileBytes(t, dir)
	db := filepath.Join(t.TempDir(), "s.duckdb")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"--db inside a source", []string{"--db", filepath.Join(src, "s.duckdb")},
			"--db " + filepath.Join(src, "s.duckdb") + " is inside the source " + src + ", an input folder: review never writes where it reads"},
		{"--db the roster", []string{"--db", roster}, "--db " + roster + " names --roster " + roster + ", an input"},
		{"--parquet the source", []string{"--db", db, "--parquet", src}, "--parquet " + src + " names the source " + src + ", an input"},
		{"--parquet around the source", []string{"--db", db, "--parquet", dir},
			"--parquet " + dir + " holds the source " + src + ", an input: name a folder of its own for the outputs"},
	} {
		code, msg := runCLI(t, append(append([]string{"ingest", "--quiet", "--roster", roster}, tc.args...), src)...)
		if code != exitBadInput || !strings.Contains(msg, tc.want) {
			t.Errorf("%s: exit %d, %q; want exit 2 and %q", tc.name, code, msg, tc.want)
		}
	}
	if after := fileBytes(t, dir); after != before {
		t.Errorf("an input was changed:\nbefore %s\nafter  %s", before, after)
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("a refused ingest wrote the database")
	}
}

func hashOf(t *testing.T, path string) string {
	t.Helper()
	sum, _, err := digest.File(path)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The database a lenient review run --db kept (not only review ingest's)
// reviews again without the exports: the same findings, and the same
// rows kept out, on Ingest Issues and in --issues, with the leniency
// stored, not given again.
func TestLenientKeptDatabaseRunsAgain(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	copyTree(t, "../../fixtures/mixed", dir, map[string]func(string) string{
		"pra/user.json":              replace(`"ben.okafor@corp.example", "security_provider_id": 2, "enabled": true`, `"ben.okafor@corp.example", "security_provider_id": 2, "enabled": "maybe"`),
		"rs/user-account-report.csv": func(s string) string { return s + "broken,row\n" },
	})
	kept := filepath.Join(dir, "kept.duckdb")
	outs := func(name string) []string {
		return []string{"--out", filepath.Join(dir, name+".xlsx"), "--json", filepath.Join(dir, name+".jsonl"), "--issues", filepath.Join(dir, name+"-issues.jsonl")}
	}
	first := append(append([]string{"run", "--quiet", "--as-of", "2025-11-22", "--lenient", "--db", kept}, outs("first")...),
		"--roster", filepath.Join(dir, "roster.csv"), filepath.Join(dir, "pra"), filepath.Join(dir, "rs"))
	if code, msg := runCLI(t, first...); code != exitOK {
		t.Fatalf("lenient run exited %d: %s", code, msg)
	}
	again := append([]string{"run", "--quiet", "--as-of", "2025-11-22", "--db", kept}, outs("again")...)
	if code, msg := runCLI(t, again...); code != exitOK {
		t.Fatalf("run --db of the kept database exited %d: %s", code, msg)
	}
	for _, name := range []string{".jsonl", "-issues.jsonl"} {
		a, b := readFile(t, filepath.Join(dir, "first"+name)), readFile(t, filepath.Join(dir, "again"+name))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s differs:\n%s", name, firstDiff(string(a), string(b)))
		}
	}
	if n := strings.Count(string(readFile(t, filepath.Join(dir, "again-issues.jsonl"))), "\n"); n != 2 {
		t.Errorf("%d rows kept out, want the 2 bad rows", n)
	}
	fa, fb := openWorkbook(t, filepath.Join(dir, "first.xlsx")), openWorkbook(t, filepath.Join(dir, "again.xlsx"))
	if a, b := sheetText(t, fa, "Ingest Issues"), sheetText(t, fb, "Ingest Issues"); a != b || !strings.Contains(a, "broken") {
		t.Errorf("Ingest Issues differs or lacks the broken row:\n%s", firstDiff(a, b))
	}
}
