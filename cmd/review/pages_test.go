package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// usersJSON is a GET /user page of the users with ids from to to.
func usersJSON(from, to int) []byte {
	var objs []string
	for id := from; id <= to; id++ {
		objs = append(objs, fmt.Sprintf(`{"id": %d, "username": "user%d", "security_provider_id": 1, "enabled": true, "perm_access_allowed": true}`, id, id))
	}
	return []byte("[\n" + strings.Join(objs, ",\n") + "\n]\n")
}

// The Configuration API returns at most 100 objects a page, so an export
// holding exactly 100 users (or every file of the kind full pages) may be
// the first page of several: a warning on the console and on Evidence,
// unless --complete declares it whole, which Evidence then lists. A page
// that is not full is the last one, and nothing is said.
func TestFullPageWarning(t *testing.T) {
	t.Parallel()
	oneFull := func(path string) string {
		return path + " holds exactly 100 users, one full page of the Configuration API (GET /user returns at most 100 a page): " +
			"possibly only the first page. Export every page (current_page=2, …) or say the export is complete with --complete " + path
	}
	for _, c := range []struct {
		name     string
		files    map[string][]byte
		complete []string
		want     func(dir string) []string
		declared []string // base names on Evidence as declared complete
	}{
		{"100 users", map[string][]byte{"user.json": usersJSON(1, 100)}, nil,
			func(dir string) []string { return []string{oneFull(filepath.Join(dir, "user.json"))} }, nil},
		{"100 users declared complete", map[string][]byte{"user.json": usersJSON(1, 100)}, []string{"user.json"},
			func(string) []string { return nil }, []string{"user.json"}},
		{"declared by path as given", map[string][]byte{"user.json": usersJSON(1, 100)}, []string{"{dir}/user.json"},
			func(string) []string { return nil }, []string{"user.json"}},
		{"99 users", map[string][]byte{"user.json": usersJSON(1, 99)}, nil,
			func(string) []string { return nil }, nil},
		{"100 + 37 in two files", map[string][]byte{"user-1.json": usersJSON(1, 100), "user-2.json": usersJSON(101, 137)}, nil,
			func(string) []string { return nil }, nil},
		{"100 + 100 in two files", map[string][]byte{"user-1.json": usersJSON(1, 100), "user-2.json": usersJSON(101, 200)}, nil,
			func(dir string) []string {
				a, b := filepath.Join(dir, "user-1.json"), filepath.Join(dir, "user-2.json")
				return []string{a + " and " + b + " hold exactly 200 users, 2 full pages of the Configuration API (GET /user returns at most 100 a page): " +
					"possibly only the first 2 pages. Export every page (current_page=3, …) or say the export is complete with --complete " + b}
			}, nil},
		{"100 + 100 declared by one file", map[string][]byte{"user-1.json": usersJSON(1, 100), "user-2.json": usersJSON(101, 200)}, []string{"user-2.json"},
			func(string) []string { return nil }, []string{"user-2.json"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			root := t.TempDir()
			dir := filepath.Join(root, "site")
			os.MkdirAll(dir, 0o755)
			for name, b := range c.files {
				if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			out := filepath.Join(root, "findings.xlsx")
			args := []string{"run", "--quiet", "--as-of", "2025-11-22", "--out", out}
			for _, name := range c.complete {
				args = append(args, "--complete", strings.ReplaceAll(name, "{dir}", dir))
			}
			code, msg := runCLI(t, append(args, dir)...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, msg)
			}
			want := c.want(dir)
			if got := consoleWarnings(msg); !slices.Equal(got, want) {
				t.Errorf("console warnings:\n%q\nwant:\n%q", got, want)
			}
			if got := evidenceWarnings(t, out); !slices.Equal(got, want) {
				t.Errorf("Evidence warnings:\n%q\nwant:\n%q", got, want)
			}
			var declared []string
			for _, r := range sheetRows(t, out, "Evidence") {
				if len(r) > 1 && r[0] == "Declared complete" {
					declared = append(declared, r[1])
				}
			}
			var wantDeclared []string
			for _, name := range c.declared {
				wantDeclared = append(wantDeclared, filepath.Join(dir, name)+": every page exported, as --complete says")
			}
			if !slices.Equal(declared, wantDeclared) {
				t.Errorf("Evidence Declared complete rows %q, want %q", declared, wantDeclared)
			}
		})
	}
}

// A --complete that names no paged export read is refused before anything
// is read, so a typo cannot silence nothing; --db with no SOURCE refuses
// it as every reading flag.
func TestCompleteNamesNoFile(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dir := filepath.Join(root, "site")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "user.json"), usersJSON(1, 100), 0o644)
	out := filepath.Join(root, "findings.xlsx")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--complete", "users.json", dir},
			`--complete users.json: "users.json" is none of the Configuration API exports read that come in pages; name a file by its name or its path as given (files: user.json)`},
		{[]string{"--complete", "user.json", "--db", filepath.Join(root, "none.duckdb")},
			"--complete with --db"},
	} {
		code, msg := runCLI(t, append([]string{"run", "--quiet", "--out", out}, c.args...)...)
		if code != exitBadInput || !strings.Contains(msg, c.want) {
			t.Errorf("%q: exit %d, %q; want exit %d with %q", c.args, code, msg, exitBadInput, c.want)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("%q wrote a workbook", c.args)
		}
	}
}

// Per-parent lists page one parent at a time: a group policy whose member
// list holds exactly 100 is named, the next such one counted; a short list
// is the whole of its parent's, and not named.
func TestFullPagePerParent(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dir := filepath.Join(root, "site")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "user.json"), usersJSON(1, 120), 0o644)
	os.WriteFile(filepath.Join(dir, "group-policy.json"), []byte(`[{"id": 12, "name": "Support", "access_perm_status": "defined"}, {"id": 14, "name": "Admins", "access_perm_status": "defined"}, {"id": 16, "name": "Vendors", "access_perm_status": "defined"}]`), 0o644)
	var members []string
	for id := 1; id <= 100; id++ {
		members = append(members, fmt.Sprintf(`{"id": %d, "user_id": %d, "security_provider_id": 1}`, id, id))
	}
	os.WriteFile(filepath.Join(dir, "group-policy-member.json"), []byte(`{"12": [`+strings.Join(members, ", ")+`], "14": [{"id": 101, "user_id": 101, "security_provider_id": 1}], "16": [`+strings.Join(members, ", ")+`]}`), 0o644)
	out := filepath.Join(root, "findings.xlsx")
	code, msg := runCLI(t, "run", "--quiet", "--as-of", "2025-11-22", "--out", out, dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, msg)
	}
	path := filepath.Join(dir, "group-policy-member.json")
	want := []string{path + " holds exactly 100 group policy members under group_policy_id 12 (and as many full pages under 1 more: 16), one full page of the Configuration API " +
		"(GET /group-policy/12/member returns at most 100 a page): possibly only the first page. Export every page (current_page=2, …) or say the export is complete with --complete " + path}
	if got := consoleWarnings(msg); !slices.Equal(got, want) {
		t.Errorf("console warnings:\n%q\nwant:\n%q", got, want)
	}
}
