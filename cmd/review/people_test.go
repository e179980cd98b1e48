package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// peopleSites writes a PRA site and a Remote Support site whose accounts
// belong to the same people: Pat (terminated) on both, by an email written
// differently on each; Kim by a UPN-like username on PRA and an email on
// RS; Lou by a UPN-like username only, in no roster; Sam with neither, who
// is no person. It returns the two source folders and the roster.
func peopleSites(t *testing.T, dir string) (pra, rs, roster string) {
	t.Helper()
	pra, rs, roster = filepath.Join(dir, "pra-east"), filepath.Join(dir, "rs-west"), filepath.Join(dir, "roster.csv")
	files := map[string]string{
		filepath.Join(pra, "user.json"): `[
 {"id": 1, "username": "pat.lee", "public_display_name": "Pat Lee", "email_address": " Pat.Lee@Corp.Example ",
  "enabled": true, "perm_admin": true, "perm_access_allowed": true, "last_authentication": "2025-11-20T09:00:00+00:00"},
 {"id": 2, "username": "sam.ray", "public_display_name": "Sam Ray", "email_address": "",
  "enabled": true, "perm_admin": false, "perm_access_allowed": true, "last_authentication": "2025-11-20T09:00:00+00:00"},
 {"id": 3, "username": "Kim.Ortiz@corp.example", "public_display_name": "Kim O.", "email_address": null,
  "enabled": false, "perm_admin": false, "perm_access_allowed": true, "last_authentication": "2025-11-20T09:00:00+00:00"}
]`,
		filepath.Join(rs, "user-account-report.csv"): "Username,Public Display Name,Private Display Name,Email Address,Security Provider,Account Enabled,Last Authentication,Created At\n" +
			"pat.lee,Pat Lee,Pat,pat.lee@corp.example,Corp AD,Yes,2025-11-20T09:00:00Z,2023-01-01T08:00:00Z\n" +
			"kim.ortiz,Kim Ortiz,Kim,KIM.ORTIZ@corp.example,Corp AD,Yes,2025-11-20T09:00:00Z,2023-01-01T08:00:00Z\n" +
			"lou.ng@partner.example,Lou Ng,Lou,,Corp AD,Yes,2025-11-20T09:00:00Z,2023-01-01T08:00:00Z\n",
		roster: "email,name,status,termination_date,manager\n" +
			"pat.lee@corp.example,Patricia Lee,terminated,2025-10-31,boss@corp.example\n" +
			"kim.ortiz@corp.example,Kim Ortiz,active,,boss@corp.example\n",
	}
	for path, text := range files {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return pra, rs, roster
}

// A terminated person with an enabled account on a PRA site and one on a
// Remote Support site is flagged on both sources, and the People sheet
// shows her once, first, with both accounts, while the Accounts sheet
// names her on each; a person known only by a UPN-like username is listed
// too, and an account with neither email nor such a username belongs to
// no one.
func TestPeopleAcrossSites(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	pra, rs, roster := peopleSites(t, dir)
	xlsx, jsonl := filepath.Join(dir, "findings.xlsx"), filepath.Join(dir, "findings.jsonl")
	code, msg := runCLI(t, "run", "--quiet", "--as-of", "2025-11-22", "--roster", roster, "--out", xlsx, "--json", jsonl, pra, rs)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, msg)
	}

	var terminated []string
	for _, f := range readJSONL(t, jsonl) {
		if f.Rule == "terminated-user-enabled" {
			terminated = append(terminated, f.Source+" "+f.Entity)
		}
	}
	slices.Sort(terminated)
	if want := []string{"pra-east pat.lee", "rs-west pat.lee"}; !slices.Equal(terminated, want) {
		t.Errorf("terminated-user-enabled on %q, want %q", terminated, want)
	}

	people := sheetRows(t, xlsx, "People")
	want := [][]string{
		{"Person", "Name", "Roster Status", "Terminated", "Manager", "PRA Accounts", "PRA Enabled", "RS Accounts",
			"RS Enabled", "Password Safe Accounts", "Password Safe Enabled", "Administrator Anywhere",
			"Sources Reachable", "Last Session (UTC)", "Sessions In Window", "Finding Count", "Finding Rules"},
		// The leaver first; RS does not say who is an administrator, but
		// her PRA account is one.
		{"pat.lee@corp.example", "Patricia Lee", "terminated", "yes", "boss@corp.example", "1", "1", "1", "1", "0", "0",
			"yes", "pra-east; rs-west"},
		// Kim's PRA account is disabled: RS is all she can reach, and RS
		// does not say whether she administers it.
		{"kim.ortiz@corp.example", "Kim Ortiz", "active", "no", "boss@corp.example", "1", "0", "1", "1", "0", "0",
			"", "rs-west"},
		{"lou.ng@partner.example", "Lou Ng", "not in roster", "", "", "0", "0", "1", "1", "0", "0", "", "rs-west"},
	}
	if len(people) != len(want) {
		t.Fatalf("People has %d rows, want %d:\n%q", len(people), len(want), people)
	}
	for i, w := range want {
		if got := people[i][:min(len(people[i]), len(w))]; !slices.Equal(got, w) {
			t.Errorf("People row %d:\n got %q\nwant %q", i+1, people[i], w)
		}
	}
	// Pat's findings: both terminated-user-enabled, counted once each.
	if got := people[1][15:]; len(got) != 2 || got[0] < "2" || !strings.Contains(got[1], "terminated-user-enabled") {
		t.Errorf("Pat's findings %q, want at least 2 with terminated-user-enabled", got)
	}

	accounts := sheetRows(t, xlsx, "Accounts")
	person := slices.Index(accounts[0], "Person")
	if person < 0 || accounts[0][person-1] != "Email" {
		t.Fatalf("Accounts header %q: Person after Email", accounts[0])
	}
	owners := map[string]string{}
	for _, r := range accounts[1:] {
		v := ""
		if person < len(r) {
			v = r[person]
		}
		owners[r[0]+" "+r[3]] = v
	}
	wantOwners := map[string]string{
		"pra-east pat.lee": "pat.lee@corp.example", "rs-west pat.lee": "pat.lee@corp.example",
		"pra-east Kim.Ortiz@corp.example": "kim.ortiz@corp.example", "rs-west kim.ortiz": "kim.ortiz@corp.example",
		"rs-west lou.ng@partner.example": "lou.ng@partner.example", "pra-east sam.ray": "",
	}
	for k, w := range wantOwners {
		if got, ok := owners[k]; !ok || got != w {
			t.Errorf("Accounts: %s has Person %q (listed: %v), want %q", k, got, ok, w)
		}
	}

	summary := sheetRows(t, xlsx, "Summary")
	if line := rowWith(summary, 0, "People"); len(line) < 2 || line[1] != "3 across the sources (see People)" {
		t.Errorf("Summary People line %q", line)
	}
	if line := rowWith(summary, 0, "Leavers still enabled"); len(line) < 2 || line[1] != "1, listed first on People" {
		t.Errorf("Summary leavers line %q", line)
	}
}

// Without a roster nobody is known to have left: the People sheet still
// gathers each person's accounts, with roster status and Terminated blank
// (not "no"), and the Summary says leavers are not known.
func TestPeopleWithoutRoster(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	pra, rs, _ := peopleSites(t, dir)
	xlsx := filepath.Join(dir, "findings.xlsx")
	if code, msg := runCLI(t, "run", "--quiet", "--as-of", "2025-11-22", "--out", xlsx, pra, rs); code != exitOK {
		t.Fatalf("exit %d: %s", code, msg)
	}
	people := sheetRows(t, xlsx, "People")
	var got []string
	for _, r := range people[1:] {
		got = append(got, strings.Join(r[:5], "|"))
	}
	want := []string{"kim.ortiz@corp.example|Kim O.|||", "lou.ng@partner.example|Lou Ng|||", "pat.lee@corp.example|Pat Lee|||"}
	if !slices.Equal(got, want) {
		t.Errorf("People without a roster:\n got %q\nwant %q", got, want)
	}
	summary := rowWith(sheetRows(t, xlsx, "Summary"), 0, "Leavers still enabled")
	if len(summary) < 2 || summary[1] != "not known without a roster (--roster)" {
		t.Errorf("Summary leavers line %q", summary)
	}
}

// One run over a PRA site, a Remote Support site and a Password Safe
// instance: the People sheet holds each person's accounts together, and a
// leaver with an account on every product comes first, flagged on each.
func TestThreeProductsPeople(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	xlsx, jsonl := filepath.Join(dir, "three.xlsx"), filepath.Join(dir, "three.jsonl")
	args := append([]string{"run", "--quiet", "--as-of", "2025-11-22", "--out", xlsx, "--json", jsonl}, fixtureArgs(t, "three-products")...)
	if code, msg := runCLI(t, args...); code != exitOK {
		t.Fatalf("exit %d: %s", code, msg)
	}
	people := readTable(t, openWorkbook(t, xlsx), "People")
	if len(people.rows) == 0 || people.cell(people.rows[0], "Person") != "chloe.martin@corp.example" {
		t.Fatalf("People's first row %q, want Chloe Martin, the leaver on every product", people.rows[:1])
	}
	chloe := people.rows[0]
	for h, want := range map[string]string{
		"Terminated": "yes", "PRA Accounts": "1", "PRA Enabled": "1", "RS Accounts": "1", "RS Enabled": "1",
		"Password Safe Accounts": "1", "Password Safe Enabled": "1", "Sources Reachable": "pra; ps-prod; rs",
		"Administrator Anywhere": "yes", "Finding Count": "7", // login-after-termination on ps-prod, session-after-termination on pra and rs
	} {
		if got := people.cell(chloe, h); got != want {
			t.Errorf("Chloe Martin's %s = %q, want %q", h, got, want)
		}
	}
	var sources []string
	for _, f := range readJSONL(t, jsonl) {
		if f.Rule == "terminated-user-enabled" && f.Entity == "chloe.martin" {
			sources = append(sources, f.Source)
		}
	}
	if slices.Sort(sources); !slices.Equal(sources, []string{"pra", "ps-prod", "rs"}) {
		t.Errorf("terminated-user-enabled for chloe.martin on %q, want every source", sources)
	}
}

// A duplicate-username finding names the username both accounts share,
// not either account's entity: it is the person's, counted once.
func TestPeopleCountDuplicateUsernameOnce(t *testing.T) {
	t.Parallel()
	xlsx := filepath.Join(t.TempDir(), "r.xlsx")
	if code, msg := runCLI(t, "run", "--quiet", "--as-of", "2025-11-22", "--out", xlsx, "../../fixtures/pra-json/pra-prod"); code != exitOK {
		t.Fatalf("exit %d: %s", code, msg)
	}
	people := readTable(t, openWorkbook(t, xlsx), "People")
	_, john := people.find(t, "Person", "john.smith@corp.example")
	if people.cell(john, "PRA Accounts") != "2" || people.cell(john, "Finding Count") != "1" || people.cell(john, "Finding Rules") != "duplicate-username" {
		t.Errorf("john.smith on People: %q, want 2 accounts and the one duplicate-username finding", john)
	}
}
