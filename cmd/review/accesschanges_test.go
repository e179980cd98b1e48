package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/internal/layout"
)

const accessRosterHeader = "Employee ID,Employee First Name,Employee Last Name,Employee Email ID,Employee Type,Employee Access Status,termination_date,manager_email,department\n"

// accessRoster is a roster of some of the pra-json fixture's people;
// priya.nair's row is priya.
func accessRoster(t *testing.T, path, priya string) string {
	t.Helper()
	text := accessRosterHeader +
		"E1,Jane,Doe,jane.doe@corp.example,Regular,active,,,IT\n" +
		"E2,Mark,Ellis,mark.ellis@corp.example,Regular,active,,,IT\n" +
		priya + "\n" +
		"E4,Carlos,Ruiz,carlos.ruiz@corp.example,Regular,active,,,IT\n"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// accessQuarters writes two export sets of the pra-json fixture, last
// quarter's and this quarter's, and their rosters. Between them: mark.ellis
// (3) is disabled, carlos.ruiz (8) becomes an administrator and joins the
// Server Team group policy, priya.nair (4) joins the Linux Servers Jump
// Group and is terminated in the roster, nina.berg (15) is removed and
// new.hire (21) added.
func accessQuarters(t *testing.T, dir string) (lastSet, lastRoster, nowSet, nowRoster string) {
	t.Helper()
	lastSet, nowSet = filepath.Join(dir, "q3", "pra-prod"), filepath.Join(dir, "q4", "pra-prod")
	copyTree(t, "../../fixtures/pra-json/pra-prod", lastSet, nil)
	userLine := regexp.MustCompile(`(?m)^  \{"id": (\d+), .*$\n`)
	copyTree(t, "../../fixtures/pra-json/pra-prod", nowSet, map[string]func(string) string{
		"user.json": func(s string) string {
			return userLine.ReplaceAllStringFunc(s, func(line string) string {
				switch userLine.FindStringSubmatch(line)[1] {
				case "3":
					return strings.Replace(line, `"enabled": true`, `"enabled": false`, 1)
				case "8":
					return strings.Replace(line, `"perm_admin": false`, `"perm_admin": true`, 1)
				case "15":
					return ""
				case "18":
					hire := strings.NewReplacer(`"id": 18`, `"id": 21`, "julia.costa", "new.hire", "Julia Costa", "New Hire").Replace(line)
					return line + hire
				}
				return line
			})
		},
		"group-policy-member.json": replace(`{"id": 111, "security_provider_id": 2, "user_id": 17}`,
			`{"id": 111, "security_provider_id": 2, "user_id": 17}, {"id": 112, "security_provider_id": 2, "user_id": 8}`),
		"jump-group-user.json": replace(`{"jump_group_id": 1, "user_id": 17, "jump_item_role_id": 2}`,
			`{"jump_group_id": 1, "user_id": 17, "jump_item_role_id": 2},
  {"jump_group_id": 2, "user_id": 4, "jump_item_role_id": 2}`),
	})
	lastRoster = accessRoster(t, filepath.Join(dir, "q3-roster.csv"), "E3,Priya,Nair,priya.nair@corp.example,Regular,active,,,IT")
	nowRoster = accessRoster(t, filepath.Join(dir, "q4-roster.csv"), "E3,Priya,Nair,priya.nair@corp.example,Regular,terminated,2025-11-01,,IT")
	return lastSet, lastRoster, nowSet, nowRoster
}

// wantAccessChanges are the Access Changes rows accessQuarters makes:
// Source, Product, ID, Username, Display Name, Change, Item, Before, After.
var wantAccessChanges = [][]string{
	{"Source", "Product", "ID", "Username", "Display Name", "Change", "Item", "Before", "After"},
	{"pra-prod", "pra", "8", "carlos.ruiz", "Carlos Ruiz", "administrator granted", "", "no", "yes"},
	{"pra-prod", "pra", "8", "carlos.ruiz", "Carlos Ruiz", "group policy added", "Server Team"},
	{"pra-prod", "pra", "3", "mark.ellis", "Mark Ellis", "disabled", "", "yes", "no"},
	{"pra-prod", "pra", "21", "new.hire", "New Hire", "account added"},
	{"pra-prod", "pra", "15", "nina.berg", "Nina Berg", "account removed"},
	{"pra-prod", "pra", "4", "priya.nair", "Priya Nair", "Jump Group added", "Linux Servers"},
	{"pra-prod", "pra", "4", "priya.nair", "Priya Nair", "roster status changed", "", "active", "terminated"},
}

// accessRun runs review on an export set with a roster and extra flags,
// expecting success, and returns what it wrote to standard error.
func accessRun(t *testing.T, set, roster string, args ...string) string {
	t.Helper()
	all := append([]string{"run", "--quiet", "--as-of", "2025-11-22", "--roster", roster}, args...)
	code, msg := runCLI(t, append(all, set)...)
	if code != exitOK {
		t.Fatalf("review %q exited %d: %s", all, code, msg)
	}
	return msg
}

// checkAccessSheet compares the Access Changes sheet with want, and checks
// that IDs are numbers and the rest text.
func checkAccessSheet(t *testing.T, xlsx string, want [][]string) {
	t.Helper()
	f := openWorkbook(t, xlsx)
	got, err := f.GetRows("Access Changes")
	if err != nil {
		t.Fatal(err)
	}
	// Under the table, after a blank row: the two reviews compared.
	if n := len(got); n < 3 || len(got[n-2]) != 0 || len(got[n-1]) != 1 || !strings.HasPrefix(got[n-1][0], "Changes between the previous run ") {
		t.Errorf("Access Changes ends %q, want a blank row and the line naming the two reviews", got[max(0, n-2):])
	} else {
		got = got[:n-2]
	}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("Access Changes:\n got %q\nwant %q", got, want)
	}
	for r := 2; r <= len(got); r++ {
		for c := 1; c <= 9; c++ {
			cell, _ := excelize.CoordinatesToCellName(c, r)
			typ, _ := f.GetCellType("Access Changes", cell)
			if v, _ := f.GetCellValue("Access Changes", cell); v == "" {
				continue
			}
			if wantNumber := c == 3; wantNumber != (typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber) {
				t.Errorf("%s: type %v, want a number only in the ID column", cell, typ)
			}
		}
	}
	if sheets := f.GetSheetList(); !slices.Equal(sheets, layout.SheetNames(layout.Content{Previous: true, Controls: true})) {
		t.Errorf("sheets %q, want the layout's with a previous run and controls", sheets)
	}
}

// Last quarter's workbook against this quarter's exports: a disabled
// account, a new group policy membership, a person terminated in the
// roster, an account added and one removed, an administrator granted and
// a Jump Group joined are each one row, with Before and After; the Summary
// counts them; two runs give the same workbook.
func TestAccessChangesFromPreviousWorkbook(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	lastSet, lastRoster, nowSet, nowRoster := accessQuarters(t, dir)
	prev := filepath.Join(dir, "q3.xlsx")
	accessRun(t, lastSet, lastRoster, "--out", prev)

	now := filepath.Join(dir, "q4.xlsx")
	msg := accessRun(t, nowSet, nowRoster, "--previous", prev, "--out", now)
	if strings.Contains(msg, "changes were not compared") || strings.Contains(msg, "accounts were not compared") {
		t.Errorf("stderr %q: every account should compare", msg)
	}
	checkAccessSheet(t, now, wantAccessChanges)
	first, _ := os.ReadFile(now)
	accessRun(t, nowSet, nowRoster, "--previous", prev, "--out", now)
	if again, _ := os.ReadFile(now); !bytes.Equal(first, again) {
		t.Error("two runs with the same --previous gave different workbooks")
	}

	f := openWorkbook(t, now)
	summary, _ := f.GetRows("Summary")
	line := rowWith(summary, 0, "Access changes since the previous run")
	if len(line) < 3 || line[1] != "7" || line[2] != "listed on Access Changes" {
		t.Errorf("Summary line %q, want 7 changes listed on Access Changes", line)
	}
}

// With a .jsonl, the previous accounts come from the database that run
// kept with --db, and compare the same; without --previous-db nothing is
// compared, and both the console and the sheet say so.
func TestAccessChangesFromPreviousDatabase(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	lastSet, lastRoster, nowSet, nowRoster := accessQuarters(t, dir)
	prevJSON, prevDB := filepath.Join(dir, "q3.jsonl"), filepath.Join(dir, "q3.duckdb")
	accessRun(t, lastSet, lastRoster, "--out", filepath.Join(dir, "q3.xlsx"), "--json", prevJSON, "--db", prevDB)

	now := filepath.Join(dir, "q4.xlsx")
	accessRun(t, nowSet, nowRoster, "--previous", prevJSON, "--previous-db", prevDB, "--out", now)
	checkAccessSheet(t, now, wantAccessChanges)
	if !slices.ContainsFunc(sheetRows(t, now, "Evidence"), func(r []string) bool {
		return len(r) > 4 && r[1] == "previous-db" && r[2] == prevDB && len(r[3]) == 64
	}) {
		t.Errorf("Evidence does not list the --previous-db file with its SHA-256")
	}

	msg := accessRun(t, nowSet, nowRoster, "--previous", prevJSON, "--out", now)
	note := "the previous run's findings (" + prevJSON + ") carry no accounts and no --previous-db was given: access changes were not compared"
	if !strings.Contains(msg, "review: warning: "+note) {
		t.Errorf("stderr %q, want the note %q", msg, note)
	}
	rows := sheetRows(t, now, "Access Changes")
	if len(rows) != 4 || rows[1][0] != "access changes were not compared" || rows[2][0] != note ||
		!strings.HasPrefix(rows[3][0], "Changes between the previous run ("+prevJSON+", its as-of date not stated) and this run as of ") {
		t.Errorf("Access Changes %q, want the header and the lines saying nothing was compared", rows)
	}
	if tables, _ := openWorkbook(t, now).GetTables("Access Changes"); len(tables) != 0 {
		t.Errorf("a table over the note: %+v", tables)
	}
	summary := sheetRows(t, now, "Summary")
	if line := rowWith(summary, 0, "Access changes since the previous run"); len(line) < 3 || line[2] != "not compared: see Access Changes" {
		t.Errorf("Summary line %q", line)
	}
}

// editAccounts writes a copy of a workbook with its Accounts sheet
// changed by edit.
func editAccounts(t *testing.T, from, to string, edit func(f *excelize.File) error) string {
	t.Helper()
	f, err := excelize.OpenFile(from)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := edit(f); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(to); err != nil {
		t.Fatal(err)
	}
	return to
}

// headerColumn is the column letter of header on the Accounts sheet.
func headerColumn(t *testing.T, f *excelize.File, header string) string {
	t.Helper()
	rows, _ := f.GetRows("Accounts")
	i := slices.Index(rows[0], header)
	if i < 0 {
		t.Fatalf("no %s header in %q", header, rows[0])
	}
	col, _ := excelize.ColumnNumberToName(i + 1)
	return col
}

// An older workbook without the Jump Groups column still compares the
// rest, and says what it could not; one without a Username header is not
// an Accounts sheet: exit 2 naming the file, the sheet and the header,
// and nothing written.
func TestAccessChangesFromOlderOrBrokenWorkbook(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	lastSet, lastRoster, nowSet, nowRoster := accessQuarters(t, dir)
	prev := filepath.Join(dir, "q3.xlsx")
	accessRun(t, lastSet, lastRoster, "--out", prev)

	older := editAccounts(t, prev, filepath.Join(dir, "older.xlsx"), func(f *excelize.File) error {
		return f.RemoveCol("Accounts", headerColumn(t, f, "Jump Groups"))
	})
	now := filepath.Join(dir, "q4.xlsx")
	msg := accessRun(t, nowSet, nowRoster, "--previous", older, "--out", now)
	note := "the previous workbook has no Jump Groups column: Jump Group changes were not compared"
	if !strings.Contains(msg, note) {
		t.Errorf("stderr %q, want the note %q", msg, note)
	}
	var want [][]string
	for _, r := range wantAccessChanges {
		if !slices.Contains(r, "Jump Group added") {
			want = append(want, r)
		}
	}
	checkAccessSheet(t, now, want)
	if ev := sheetRows(t, now, "Evidence"); rowWith(ev, 0, note) == nil && rowWith(ev, 1, note) == nil {
		t.Errorf("the Evidence sheet does not carry the note %q", note)
	}

	broken := editAccounts(t, prev, filepath.Join(dir, "broken.xlsx"), func(f *excelize.File) error {
		return f.SetCellValue("Accounts", headerColumn(t, f, "Username")+"1", "User")
	})
	out := filepath.Join(dir, "never.xlsx")
	code, msg := runCLI(t, "run", "--quiet", "--as-of", "2025-11-22", "--roster", nowRoster, "--previous", broken, "--out", out, nowSet)
	want2 := "--previous " + broken + ": sheet Accounts has no column headed \"Username\" in row 1, expected the headers Source, Username"
	if code != exitBadInput || !strings.Contains(msg, want2) {
		t.Errorf("exit %d, stderr %q; want 2 and %q", code, msg, want2)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("%s written for a broken --previous (%v)", out, err)
	}
}
