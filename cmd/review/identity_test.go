package main

import (
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Accounts that cannot be told apart (no id, an empty username) and objects
// with a key twice stop a strict run with their place, writing nothing;
// under --lenient each is listed with its file and line and counted as
// rejected, so a file's rows read = loaded + rejected.
func TestIdentityErrorsAreListed(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	copyTree(t, "../../fixtures/mixed", dir, map[string]func(string) string{
		"pra/user.json": func(s string) string {
			s = strings.Replace(s, `{"id": 2, "username": "ben.okafor",`, `{"username": "ben.okafor",`, 1)
			return strings.Replace(s, `{"id": 3, "username": "chloe.martin",`, `{"id": 3, "username": "chloe.martin", "enabled": false,`, 1)
		},
		"pra/vendor-user.json": replace(`"username": "contoso.tech1"`, `"username": ""`),
	})
	out := filepath.Join(dir, "findings.xlsx")
	issues := filepath.Join(dir, "issues.jsonl")
	dbPath := filepath.Join(dir, "review.duckdb")
	args := []string{"run", "--quiet", "--as-of", "2025-11-22", "--out", out, filepath.Join(dir, "pra")}

	code, msg := runCLI(t, args...)
	if code != exitBadInput || !strings.Contains(msg, "pra/user.json:3:3: found a user without an id, expected an \"id\" field holding an integer id ≥ 1") {
		t.Fatalf("strict run exited %d (%s), want %d naming the user without an id", code, msg, exitBadInput)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatalf("strict run wrote a workbook")
	}

	code, msg = runCLI(t, append([]string{"run", "--lenient", "--issues", issues, "--db", dbPath}, args[1:]...)...)
	if code != exitOK {
		t.Fatalf("lenient run exited %d: %s", code, msg)
	}
	b, err := os.ReadFile(issues)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`pra/user.json:3:3: found a user without an id`,
		`pra/user.json:4:171: found the key "enabled" again in one object (first at line 4, column 41)`,
		`pra/vendor-user.json:2:20: found a vendor user with an empty username`,
	}
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var is struct {
			File, Problem, Raw string
			Line, Column       int64
		}
		if err := json.Unmarshal([]byte(line), &is); err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, is.File)
		got = append(got, filepath.ToSlash(rel)+":"+itoa(is.Line)+":"+itoa(is.Column)+": "+is.Problem)
	}
	if len(got) != len(want) {
		t.Fatalf("issues:\n%s\nwant %d", strings.Join(got, "\n"), len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("issue %d: %q, want it to start %q", i, got[i], want[i])
		}
	}

	db, err := sql.Open("duckdb", dbPath+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for table, file := range map[string]string{"users": "user.json", "vendor_users": "vendor-user.json"} {
		var read, rejected, loaded int64
		err := db.QueryRow(`SELECT f.rows_read, f.rows_rejected, (SELECT count(*) FROM `+table+` t WHERE t.file_id = f.file_id)
			FROM input_files f WHERE f.path LIKE '%/`+file+`'`).Scan(&read, &rejected, &loaded)
		if err != nil {
			t.Fatal(err)
		}
		if rejected == 0 || read != loaded+rejected {
			t.Errorf("%s: %d rows read, %d loaded + %d rejected", file, read, loaded, rejected)
		}
	}
}
