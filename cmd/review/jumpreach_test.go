package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/internal/layout"
)

const jumpFixture = "../../fixtures/jump-reach/pra-jump"

// wantJumpReach is the Jump Reach sheet of fixtures/jump-reach
// (README.md): every item type, the policy in force on each path, a
// membership's policy over the item's, a personal item, an item nobody
// reaches.
var wantJumpReach = [][]string{
	{"Source", "Jump Group", "Item", "Accounts", "Vendor Users", "Vendor Groups", "Administrators", "Approval", "Recordings", "Ticket ID", "Two-Factor", "Schedule", "Jump Policies In Force", "Session Policy", "Item Type", "ID", "Group Type", "Host Or URL"},
	{"pra-jump", "Archive", "old-wiki", "0", "0", "", "0", "no policy", "no policy", "no policy", "no policy", "no policy", "no policy", "Standard Session", "Web Jump", "2", "shared", "https://wiki-old.corp.example/"},
	{"pra-jump", "Databases", "mssql-fin", "3", "0", "", "0", "not required", "off", "required", "not required", "off", "No Recording (group policy Operations); No Recording (item)", "Standard Session", "Protocol Tunnel", "1", "shared", "sql-fin01.corp.example"},
	{"pra-jump", "Databases", "mysql-crm", "3", "0", "", "0", "not required", "varies by path", "varies by path", "varies by path", "varies by path", "No Recording (group policy Operations); Standard (item)", "Standard Session", "MySQL Tunnel", "1", "shared", "mysql-crm01.corp.example"},
	{"pra-jump", "Databases", "pg-prod", "3", "0", "", "0", "not required", "varies by path", "varies by path", "varies by path", "varies by path", "No Recording (group policy Operations); Standard (item)", "Standard Session", "PostgreSQL Tunnel", "1", "shared", "pg-prod01.corp.example"},
	{"pra-jump", "Network Gear", "branch-net", "1", "0", "", "0", "not required", "on", "not required", "required", "on", "Standard (direct)", "Standard Session", "Network Tunnel", "1", "shared", ""},
	{"pra-jump", "Network Gear", "core-sw01", "1", "0", "", "0", "not required", "on", "not required", "required", "on", "Standard (direct)", "Standard Session", "Shell Jump", "2", "shared", "core-sw01.corp.example"},
	{"pra-jump", "Vendor Managed", "erp-app01", "1", "1", "Acme Support", "0", "not required", "on", "not required", "required", "on", "Standard (item)", "Vendor Session", "Shell Jump", "1", "shared", "erp-app01.corp.example"},
	{"pra-jump", "Vendor Managed", "erp-db01", "1", "1", "Acme Support", "0", "required", "on", "not required", "not required", "off", "Approval Required (item)", "Vendor Session", "Remote RDP", "2", "shared", "erp-db01.corp.example"},
	{"pra-jump", "Web Apps", "intranet-admin", "1", "0", "", "0", "no policy", "no policy", "no policy", "no policy", "no policy", "no policy (direct)", "Standard Session", "Web Jump", "1", "shared", "https://intranet.corp.example/admin"},
	{"pra-jump", "Windows Servers", "dc01", "3", "1", "Acme Support", "0", "varies by path", "on", "not required", "varies by path", "varies by path", "Approval Required (vendor default policy Vendor Access); Standard (item)", "Standard Session", "Remote RDP", "1", "shared", "dc01.corp.example"},
	{"pra-jump", "Windows Servers", "fin-ws042", "3", "1", "Acme Support", "0", "varies by path", "on", "not required", "varies by path", "varies by path", "Approval Required (vendor default policy Vendor Access); Standard (item)", "Standard Session", "Jump Client", "1", "shared", "FIN-WS042"},
	{"pra-jump", "Windows Servers", "kiosk01", "3", "1", "Acme Support", "0", "varies by path", "on", "not required", "varies by path", "varies by path", "Approval Required (vendor default policy Vendor Access); Standard (item)", "Standard Session", "Remote VNC", "1", "shared", "kiosk01.corp.example"},
	{"pra-jump", "personal: net.frank", "frank-lab", "1", "0", "", "0", "no policy", "no policy", "no policy", "no policy", "no policy", "no policy (personal)", "", "Remote RDP", "3", "personal", "10.20.30.40"},
}

// jumpRun runs review on a Jump Item export set as of 2025-11-22 and
// returns what it wrote to standard error.
func jumpRun(t *testing.T, set string, args ...string) string {
	t.Helper()
	all := append([]string{"run", "--quiet", "--as-of", "2025-11-22"}, args...)
	code, msg := runCLI(t, append(all, set)...)
	if code != exitOK {
		t.Fatalf("review %q exited %d: %s", all, code, msg)
	}
	return msg
}

// The Jump Reach sheet lists every Jump Item of the fixture with the
// policies in force on the paths to it, ids and counts as numbers, after
// Group Policies; a run without Jump Items has no such sheet.
func TestJumpReachSheet(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	xlsx := filepath.Join(dir, "q.xlsx")
	jumpRun(t, jumpFixture, "--out", xlsx)
	f := openWorkbook(t, xlsx)
	sheets := f.GetSheetList()
	if i := slices.Index(sheets, layout.SheetJumpReach); i < 1 || sheets[i-1] != layout.SheetGroupPolicies {
		t.Fatalf("sheets %q: want Jump Reach after Group Policies", sheets)
	}
	got, err := f.GetRows(layout.SheetJumpReach)
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		for len(got[i]) < len(wantJumpReach[0]) {
			got[i] = append(got[i], "")
		}
	}
	if !slices.EqualFunc(got, wantJumpReach, slices.Equal) {
		t.Errorf("Jump Reach:\n got %q\nwant %q", got, wantJumpReach)
	}
	numbers := map[string]bool{"ID": true, "Accounts": true, "Vendor Users": true, "Administrators": true}
	for c, h := range wantJumpReach[0] {
		for r := 2; r <= len(wantJumpReach); r++ {
			cell, _ := excelize.CoordinatesToCellName(c+1, r)
			if v, _ := f.GetCellValue(layout.SheetJumpReach, cell); v == "" {
				continue
			}
			typ, _ := f.GetCellType(layout.SheetJumpReach, cell)
			if isNumber := typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber; isNumber != numbers[h] {
				t.Errorf("%s (%s): cell type %v, want a number only under ID and the counts", cell, h, typ)
			}
		}
	}

	// No Jump Item export: no sheet.
	other := filepath.Join(dir, "other.xlsx")
	jumpRun(t, "../../fixtures/pra-json/pra-prod", "--out", other)
	if slices.Contains(openWorkbook(t, other).GetSheetList(), layout.SheetJumpReach) {
		t.Error("a run without Jump Items has a Jump Reach sheet")
	}
}

// explain --user lists each Jump Item the account reaches, by path, with
// the Jump Policy in force and where it is set, and the session policy.
func TestExplainJumpItems(t *testing.T) {
	t.Parallel()
	code, out, msg := explainOut(t, "--user", "acme.tech", jumpFixture)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, msg)
	}
	for _, want := range []string{
		"Jump Items reached, and the Jump Policy in force (5)",
		"Vendor Managed   erp-app01 (Shell Jump)   erp-app01.corp.example  Jump Policy Standard (set on the item)                 session policy Vendor Session    through vendor default policy Vendor Access",
		"Windows Servers  dc01 (Remote RDP)        dc01.corp.example       Jump Policy Approval Required (set on the membership)  session policy Standard Session  through vendor default policy Vendor Access",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("explain acme.tech lacks %q:\n%s", want, out)
		}
	}
	x := explainJSON(t, "--user", "dev.carol", jumpFixture)
	if len(x) != 1 || !x[0].JumpItemsKnown || len(x[0].JumpItems) != 1 {
		t.Fatalf("dev.carol: %+v", x)
	}
	if j := x[0].JumpItems[0]; j.JumpGroup != "Web Apps" || j.Item != "intranet-admin" || j.Type != "Web Jump" || j.Path != "direct" ||
		j.Policy != "" || j.SetOn != "" || j.SessionPolicy != "Standard Session" {
		t.Errorf("dev.carol's Jump Item %+v, want intranet-admin through a direct membership, with no Jump Policy", j)
	}
	// A source without a Jump Item export says nothing of Jump Items.
	_, out, _ = explainOut(t, "--user", "jane.doe", "../../fixtures/pra-json/pra-prod")
	if strings.Contains(out, "Jump Items") {
		t.Errorf("explain on a source without Jump Items mentions them:\n%s", out)
	}
}

// jumpQuarters writes the fixture as last quarter's set and this
// quarter's, in which Jump Policy 1 (Approval Required) no longer requires
// approval and Jump Policy 3 (No Recording) records again.
func jumpQuarters(t *testing.T, dir string) (last, now string) {
	t.Helper()
	last, now = filepath.Join(dir, "q3", "pra-jump"), filepath.Join(dir, "q4", "pra-jump")
	copyTree(t, jumpFixture, last, nil)
	copyTree(t, jumpFixture, now, map[string]func(string) string{
		"jump-policy.json": func(s string) string {
			lines := strings.Split(s, "\n")
			for i, l := range lines {
				switch {
				case strings.Contains(l, `"id": 1,`):
					lines[i] = strings.Replace(l, `"approval_required": true`, `"approval_required": false`, 1)
				case strings.Contains(l, `"id": 3,`):
					lines[i] = strings.Replace(l, `"recordings_disabled": true`, `"recordings_disabled": false`, 1)
				}
			}
			return strings.Join(lines, "\n")
		},
	})
	return last, now
}

// wantJumpChanges are the Access Changes jumpQuarters makes: approval
// turned off where some path required it and none does now; recordings
// turned on where some path had them off and none does now.
var wantJumpChanges = [][]string{
	{"Source", "Product", "ID", "Username", "Display Name", "Change", "Item", "Before", "After"},
	{"pra-jump", "pra", "", "", "", "Jump Item approval turned off", "dc01 (Remote RDP, Windows Servers)", "varies by path", "not required"},
	{"pra-jump", "pra", "", "", "", "Jump Item approval turned off", "erp-db01 (Remote RDP, Vendor Managed)", "required", "not required"},
	{"pra-jump", "pra", "", "", "", "Jump Item approval turned off", "fin-ws042 (Jump Client, Windows Servers)", "varies by path", "not required"},
	{"pra-jump", "pra", "", "", "", "Jump Item approval turned off", "kiosk01 (Remote VNC, Windows Servers)", "varies by path", "not required"},
	{"pra-jump", "pra", "", "", "", "Jump Item recordings turned on", "mssql-fin (Protocol Tunnel, Databases)", "off", "on"},
	{"pra-jump", "pra", "", "", "", "Jump Item recordings turned on", "mysql-crm (MySQL Tunnel, Databases)", "varies by path", "on"},
	{"pra-jump", "pra", "", "", "", "Jump Item recordings turned on", "pg-prod (PostgreSQL Tunnel, Databases)", "varies by path", "on"},
}

// A Jump Policy turned off between two quarters shows on Access Changes,
// item by item, whether the previous run is its workbook or its kept
// database; a previous workbook without a Jump Reach sheet is a note.
func TestJumpPolicyAccessChanges(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	last, now := jumpQuarters(t, dir)
	prevXLSX, prevJSON, prevDB := filepath.Join(dir, "q3.xlsx"), filepath.Join(dir, "q3.jsonl"), filepath.Join(dir, "q3.duckdb")
	jumpRun(t, last, "--out", prevXLSX, "--json", prevJSON, "--db", prevDB)

	for _, prev := range [][]string{{"--previous", prevXLSX}, {"--previous", prevJSON, "--previous-db", prevDB}} {
		out := filepath.Join(dir, "q4.xlsx")
		msg := jumpRun(t, now, append(prev, "--out", out)...)
		if strings.Contains(msg, "not compared") {
			t.Errorf("%q: stderr %q, want every change compared", prev, msg)
		}
		got := sheetRows(t, out, layout.SheetAccessChanges)
		if n := len(got); n > 2 {
			got = got[:n-2] // the blank row and the line naming the two reviews
		}
		for i := range got {
			for len(got[i]) < len(wantJumpChanges[0]) {
				got[i] = append(got[i], "")
			}
		}
		if !slices.EqualFunc(got, wantJumpChanges, slices.Equal) {
			t.Errorf("%q: Access Changes:\n got %q\nwant %q", prev, got, wantJumpChanges)
		}
	}

	// A previous workbook written without the sheet: a note, no changes.
	bare := filepath.Join(dir, "bare.xlsx")
	f := openWorkbook(t, prevXLSX)
	if err := f.DeleteSheet(layout.SheetJumpReach); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(bare); err != nil {
		t.Fatal(err)
	}
	msg := jumpRun(t, now, "--previous", bare, "--out", filepath.Join(dir, "q4b.xlsx"))
	note := "the previous workbook " + bare + " has no Jump Reach sheet: Jump Policy changes on Jump Items were not compared"
	if !strings.Contains(msg, note) {
		t.Errorf("stderr %q, want the note %q", msg, note)
	}
	if _, err := os.Stat(bare); err != nil {
		t.Fatal(err)
	}
}

// A Jump Policy id the export lacks is a dangling reference, and the item
// under it reads "policy not in export", not a guess about its approval;
// a membership export without the jump_policy_id field leaves the policy
// in force on its paths not known, and the rules that need it do not run.
func TestJumpPolicyNotKnown(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing", "pra-jump")
	copyTree(t, jumpFixture, missing, map[string]func(string) string{
		"shell-jump.json": replace(`"jump_policy_id": 2,`, `"jump_policy_id": 9,`),
	})
	xlsx, jsonl := filepath.Join(dir, "missing.xlsx"), filepath.Join(dir, "missing.jsonl")
	jumpRun(t, missing, "--out", xlsx, "--json", jsonl)
	findings := readJSONL(t, jsonl)
	var rules []string
	for _, f := range findings {
		if f.Rule == "dangling-reference" && f.Entity == "jump-policy:9" {
			rules = append(rules, "dangling")
		}
		if f.Rule == "vendor-jump-without-approval" {
			rules = append(rules, "vendor")
		}
	}
	if !slices.Equal(rules, []string{"dangling"}) {
		t.Errorf("findings %q, want a dangling reference to jump-policy:9 and no approval finding on a policy not known", rules)
	}
	row := rowWith(sheetRows(t, xlsx, layout.SheetJumpReach), 2, "erp-app01")
	if len(row) < 8 || row[7] != "policy not in export" {
		t.Errorf("erp-app01 on Jump Reach %q, want its approval \"policy not in export\"", row)
	}

	unknown := filepath.Join(dir, "unknown", "pra-jump")
	noField := func(s string) string {
		for _, v := range []string{`, "jump_policy_id": null`, `, "jump_policy_id": 0`, `, "jump_policy_id": 1`, `, "jump_policy_id": 2`, `, "jump_policy_id": 3`} {
			s = strings.ReplaceAll(s, v, "")
		}
		return s
	}
	copyTree(t, jumpFixture, unknown, map[string]func(string) string{
		"group-policy-jump-group.json": noField, "jump-group-user.json": noField,
	})
	xlsx = filepath.Join(dir, "unknown.xlsx")
	msg := jumpRun(t, unknown, "--out", xlsx)
	for _, rule := range []string{"vendor-jump-without-approval", "jump-item-without-policy"} {
		if !strings.Contains(msg, rule) {
			t.Errorf("stderr %q does not say %s did not run", msg, rule)
		}
	}
	row = rowWith(sheetRows(t, xlsx, layout.SheetJumpReach), 2, "intranet-admin")
	if len(row) < 13 || row[7] != "not known" || !strings.HasPrefix(row[12], "not known (direct: ") {
		t.Errorf("intranet-admin on Jump Reach %q, want its policy not known", row)
	}
}
