package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// psArgs runs the password-safe fixture copied to dir.
func psArgs(dir string, extra ...string) []string {
	args := append([]string{"run", "--quiet", "--as-of", "2025-11-22", "--out", filepath.Join(dir, "findings.xlsx")}, extra...)
	return append(args, "--roster", filepath.Join(dir, "roster.csv"), "--licenses", filepath.Join(dir, "licenses.csv"),
		filepath.Join(dir, "ps-prod"))
}

// kateActive is Kate's user object up to her IsActive field, as the
// fixture writes it on line 11 of Users.json.
const kateActive = `"LastLoginDate": "2025-06-01T10:00:00+00:00", "IsActive": true`

// A Password Safe value of the wrong type stops the run with exit 2,
// naming the file, line and column and the field as exported, and nothing
// is written; under --lenient the row is kept out, listed on Ingest
// Issues, and the source's rows read = loaded + rejected.
func TestPasswordSafeBadRow(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	copyTree(t, "../../fixtures/password-safe", dir, map[string]func(string) string{
		"ps-prod/Users.json": replace(kateActive, `"LastLoginDate": "2025-06-01T10:00:00+00:00", "IsActive": "maybe"`),
	})
	b, err := os.ReadFile(filepath.Join(dir, "ps-prod", "Users.json"))
	if err != nil {
		t.Fatal(err)
	}
	line := strings.Split(string(b), "\n")[10]
	col := strings.Index(line, `"IsActive"`) + 1
	want := filepath.Join(dir, "ps-prod", "Users.json") + ":11:" + itoa(int64(col)) + `: found the string "maybe" in field "IsActive", expected true or false`

	code, msg := runCLI(t, psArgs(dir)...)
	if code != exitBadInput || !strings.Contains(msg, want) {
		t.Fatalf("exit %d, stderr %q; want %d and %q", code, msg, exitBadInput, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "findings.xlsx")); !os.IsNotExist(err) {
		t.Fatalf("a run stopped by bad input wrote the workbook")
	}

	if code, msg := runCLI(t, psArgs(dir, "--lenient")...); code != exitOK {
		t.Fatalf("lenient run exited %d: %s", code, msg)
	}
	f := openWorkbook(t, filepath.Join(dir, "findings.xlsx"))
	issues, _ := f.GetRows("Ingest Issues")
	if len(issues) != 2 || !strings.HasSuffix(issues[1][0], "Users.json") || issues[1][1] != "11" || issues[1][2] != itoa(int64(col)) ||
		!strings.Contains(issues[1][4], `"UserName": "kate.brown"`) {
		t.Fatalf("Ingest Issues = %q", issues)
	}
	checkPopulation(t, f)
	accounts, _ := f.GetRows("Accounts")
	for _, r := range accounts[1:] {
		if r[3] == "kate.brown" {
			t.Errorf("the rejected user is on Accounts: %q", r)
		}
	}
}

// A truncated Password Safe file is an error in both modes: --lenient
// cannot set a row aside when the file itself is broken.
func TestPasswordSafeTruncated(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	copyTree(t, "../../fixtures/password-safe", dir, map[string]func(string) string{
		"ps-prod/Entitlements.json": func(s string) string { return s[:strings.LastIndex(s, `"UserID"`)] },
	})
	for _, extra := range [][]string{nil, {"--lenient"}} {
		code, msg := runCLI(t, psArgs(dir, extra...)...)
		if code != exitBadInput || !strings.Contains(msg, filepath.Join(dir, "ps-prod", "Entitlements.json")+":8:") ||
			!strings.Contains(msg, "the file looks truncated") {
			t.Errorf("%v: exit %d, stderr %q", extra, code, msg)
		}
		if _, err := os.Stat(filepath.Join(dir, "findings.xlsx")); !os.IsNotExist(err) {
			t.Fatalf("%v: a run stopped by a truncated file wrote the workbook", extra)
		}
	}
}

// Only the entitlements say which user groups are administrator groups,
// and only the memberships (UserGroups/{id}/Users or the entitlements) say
// which users hold a group's Smart Rule roles. Without them, who is an
// administrator is "not stated" (never "no"), and the Password Safe rules
// that need it are listed as not run, not silently clean.
func TestPasswordSafeWithoutEntitlements(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name    string
		drop    []string
		notRun  []string
		adminOf string // explain's Administrator line of anna.schmidt
	}{
		{"no entitlements", []string{"Entitlements.json"}, []string{"password-safe-admin-sprawl"}, "not stated"},
		{"no entitlements, no members", []string{"Entitlements.json", "UserGroupUsers.json"},
			[]string{"password-safe-admin-sprawl", "password-safe-self-approval"}, "not stated"},
	} {
		dir := t.TempDir()
		src := filepath.Join(dir, "ps-prod")
		copyTree(t, "../../fixtures/password-safe/ps-prod", src, nil)
		for _, f := range c.drop {
			if err := os.Remove(filepath.Join(src, f)); err != nil {
				t.Fatal(err)
			}
		}
		xlsx := filepath.Join(dir, "r.xlsx")
		code, msg := runCLI(t, "run", "--as-of", "2025-11-22", "--out", xlsx, src)
		if code != exitOK {
			t.Fatalf("%s: exit %d: %s", c.name, code, msg)
		}
		for _, rule := range c.notRun {
			if !strings.Contains(msg, rule) || !strings.Contains(msg, "did not run there") {
				t.Errorf("%s: the console does not say %s did not run:\n%s", c.name, rule, msg)
			}
		}
		code, out, msg := explainOut(t, "--user", "anna.schmidt", src)
		if code != exitOK || !strings.Contains(out, "Administrator        "+c.adminOf+"\n") {
			t.Errorf("%s: explain exit %d (%s), want Administrator %s:\n%s", c.name, code, msg, c.adminOf, out)
		}
	}
}
