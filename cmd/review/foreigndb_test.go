package main

import (
	"archive/zip"
	"bytes"
	"database/sql"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// canaryText is what the canary file holds: found in an output, it says a
// database review did not make read a file of this machine.
const canaryText = "CANARY-c0ffee-do-not-leak"

// plant copies the database at from to dir/name.duckdb and runs stmts in
// the copy, with CANARY replaced by the canary file's path.
func plant(t *testing.T, from, dir, name, canary string, stmts ...string) string {
	t.Helper()
	path := filepath.Join(dir, name+".duckdb")
	if err := os.WriteFile(path, readFile(t, from), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	for _, s := range stmts {
		if _, err := d.Exec(strings.ReplaceAll(s, "CANARY", canary)); err != nil {
			t.Fatalf("%s: %s: %v", name, s, err)
		}
	}
	return path
}

// leaks are the files under dir (and the entries of the workbooks among
// them) that hold the canary's text.
func leaks(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := os.ReadFile(path)
		if bytes.Contains(b, []byte(canaryText)) {
			out = append(out, path)
		}
		if zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b))); err == nil {
			for _, f := range zr.File {
				rc, err := f.Open()
				if err != nil {
					continue
				}
				part, _ := io.ReadAll(rc)
				rc.Close()
				if bytes.Contains(part, []byte(canaryText)) {
					out = append(out, path+"!"+f.Name)
				}
			}
		}
		return nil
	})
	return out
}

// A database review did not make in this run (run --db, explain --db,
// run --previous-db) that holds more than the tables review writes is
// refused before any row is read: exit 2, the message naming the object,
// nothing written, and the canary file a planted view reads on no output,
// stdout or stderr. The objects: a view in a raw table's name and one in
// account_facts' (what --previous-db reads) reading a file, a view in the
// manifest's name, a macro (scalar, and one of table
// reading a file), a sequence, a table review does not write, a raw
// column of the wrong type.
func TestForeignDatabaseRefused(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	canary := filepath.Join(dir, "canary.txt")
	os.WriteFile(canary, []byte(canaryText+"\n"), 0o644)
	os.Mkdir(filepath.Join(dir, "genuine"), 0o755)
	genuine, _ := ingestMixed(t, filepath.Join(dir, "genuine"))
	planted := filepath.Join(dir, "planted")
	os.Mkdir(planted, 0o755)
	for _, tc := range []struct {
		name  string
		stmts []string
		want  string
	}{
		{"view", []string{"ALTER TABLE users RENAME TO users_kept",
			"CREATE VIEW users AS SELECT * REPLACE (content AS username) FROM users_kept, read_text('CANARY')"},
			`holds a view "users", expected only the tables review writes`},
		{"accounts view", []string{"ALTER TABLE account_facts RENAME TO account_facts_kept",
			"CREATE VIEW account_facts AS SELECT * REPLACE (content AS username) FROM account_facts_kept, read_text('CANARY')"},
			`holds a view "account_facts"`},
		{"manifest view", []string{"DROP TABLE review_manifest",
			"CREATE VIEW review_manifest AS SELECT 1 AS format, false AS lenient, to_json({'warnings': [content]}) AS manifest FROM read_text('CANARY')"},
			`holds a view "review_manifest"`},
		{"macro", []string{"CREATE MACRO plus(a) AS a + 1"}, `holds a macro "plus"`},
		{"table macro", []string{"CREATE MACRO leak() AS TABLE SELECT content FROM read_text('CANARY')"}, `holds a table macro "leak"`},
		{"sequence", []string{"CREATE SEQUENCE ids"}, `holds a sequence "ids"`},
		{"unknown table", []string{"CREATE TABLE secrets AS SELECT content FROM read_text('CANARY')"}, `holds a table "secrets", which review does not write`},
		{"wrong type", []string{"ALTER TABLE users ALTER enabled TYPE VARCHAR"}, "its column users.enabled is VARCHAR, expected BOOLEAN"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			db := plant(t, genuine, planted, strings.ReplaceAll(tc.name, " ", "-"), canary, tc.stmts...)
			before := hashOf(t, db)
			for _, cmd := range []struct {
				name, flag string
				args       func(out string) []string
			}{
				{"run --db", "--db", func(out string) []string {
					return []string{"run", "--as-of", "2025-11-22", "--db", db, "--out", filepath.Join(out, "f.xlsx"), "--json", filepath.Join(out, "f.jsonl")}
				}},
				{"explain --db", "--db", func(out string) []string {
					return []string{"explain", "--as-of", "2025-11-22", "--db", db, "--user", "jdoe"}
				}},
				{"run --previous-db", "--previous-db", func(out string) []string {
					return append([]string{"run", "--as-of", "2025-11-22", "--previous", "testdata/mixed.jsonl", "--previous-db", db,
						"--out", filepath.Join(out, "f.xlsx"), "--json", filepath.Join(out, "f.jsonl")}, mixedInputs...)
				}},
			} {
				out := filepath.Join(t.TempDir(), "out")
				os.Mkdir(out, 0o755)
				var stdout bytes.Buffer
				code, msg := runIn(t, env{stdout: &stdout}, cmd.args(out)...)
				want := cmd.flag + " " + db + ": " + tc.want
				if code != exitBadInput || !strings.Contains(msg, want) || !strings.Contains(msg, "refusing to read it") {
					t.Errorf("%s: exit %d, %q; want exit 2 and %q", cmd.name, code, msg, want)
				}
				if strings.Contains(msg, canaryText) || strings.Contains(stdout.String(), canaryText) {
					t.Errorf("%s: the canary file's text is on stderr or stdout:\n%s\n%s", cmd.name, msg, stdout.String())
				}
				if files, _ := os.ReadDir(out); len(files) != 0 {
					t.Errorf("%s: wrote %d files (%s…), want none", cmd.name, len(files), files[0].Name())
				}
				if l := leaks(t, out); len(l) != 0 {
					t.Errorf("%s: the canary file's text is in %q", cmd.name, l)
				}
			}
			if hashOf(t, db) != before {
				t.Error("a refused run changed the database")
			}
		})
	}
}
