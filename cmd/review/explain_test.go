package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/review-tool/review/internal/model"
)

// explainOut runs review explain and returns its exit code, standard
// output and standard error.
func explainOut(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out bytes.Buffer
	code, msg := runIn(t, env{stdout: &out}, append([]string{"explain", "--as-of", "2025-11-22"}, args...)...)
	return code, out.String(), msg
}

// fixtureArgs are the run arguments of the named fixture set.
func fixtureArgs(t *testing.T, name string) []string {
	t.Helper()
	for _, fx := range fixtures {
		if fx.name == name {
			return fx.args
		}
	}
	t.Fatalf("no fixture set %q", name)
	return nil
}

// review explain's text, for one account of each fixture, is the file
// under testdata/explain (go test -update rewrites it): ahmed.khan holds a
// Jump Group directly and another through a group policy, with their
// Jump Item Roles, a team as its lead and the provider's default policy;
// chloe.martin, terminated on the roster, has an account on PRA and one on
// RS, each shown with the other and its finding (and, in the
// offboarding-rules set, her sessions after termination).
func TestExplainGolden(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		golden string
		args   []string
	}{
		{"ahmed.khan.txt", []string{"--user", "Ahmed.Khan", "../../fixtures/pra-json/pra-prod"}},
		{"chloe.martin.txt", append([]string{"--user", "chloe.martin"}, fixtures[2].args...)},
		// A Password Safe user who can request and approve on one Smart
		// Rule, through two user groups, each grant shown with its role.
		{"grace.hall.txt", append([]string{"--user", "grace.hall"}, fixtureArgs(t, "password-safe")...)},
		// One leaver's three accounts, on PRA, Remote Support and Password
		// Safe, with the one roster record and a finding on each.
		{"chloe.martin-three-products.txt", append([]string{"--user", "chloe.martin"}, fixtureArgs(t, "three-products")...)},
		// A leaver with session reports: her last sessions, the two after
		// her termination date (one still open), not the one on the day.
		{"chloe.martin-offboarding.txt", append([]string{"--user", "chloe.martin"}, fixtureArgs(t, "offboarding-rules")...)},
	} {
		code, got, msg := explainOut(t, tc.args...)
		if code != exitOK {
			t.Fatalf("%s: exit %d: %s", tc.golden, code, msg)
		}
		path := filepath.Join("testdata/explain", tc.golden)
		if *update {
			os.MkdirAll(filepath.Dir(path), 0o755)
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./cmd/review -run TestExplainGolden -update)", err)
		}
		if got != string(want) {
			t.Errorf("%s differs (run with -update to accept):\n%s", path, firstDiff(string(want), got))
		}
	}
}

// --json gives the same answer for tools: the account, its memberships
// and how each is held, the Jump Groups with their roles, the person and
// the findings.
func TestExplainJSON(t *testing.T) {
	t.Parallel()
	code, out, msg := explainOut(t, append([]string{"--user", "chloe.martin", "--source", "pra", "--json"}, fixtures[2].args...)...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, msg)
	}
	var got struct {
		User     string
		AsOf     string `json:"as_of"`
		Accounts []model.Explanation
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if got.User != "chloe.martin" || got.AsOf != "2025-11-22" || len(got.Accounts) != 1 {
		t.Fatalf("user %q as of %q, %d accounts; want chloe.martin, 2025-11-22, one (--source pra)", got.User, got.AsOf, len(got.Accounts))
	}
	a := got.Accounts[0]
	if a.Source != "pra" || a.Product != "pra" || a.Enabled == nil || !*a.Enabled || a.LastAuthentication != "2025-10-14" {
		t.Errorf("account: %+v", a)
	}
	if a.Person == nil || a.Person.Key != "chloe.martin@corp.example" || a.Person.Status != "terminated" || a.Person.Manager != "anna.schmidt@corp.example" {
		t.Errorf("person: %+v", a.Person)
	}
	if len(a.OtherAccounts) != 1 || a.OtherAccounts[0].Source != "rs" {
		t.Errorf("other accounts: %+v, want the rs account", a.OtherAccounts)
	}
	if len(a.Findings) != 2 || a.Findings[0].Rule != "session-after-termination" || !strings.Contains(a.Findings[0].Detail, "5a1e0002000000000000000000000002") ||
		a.Findings[1].Rule != "terminated-user-enabled" || !strings.Contains(a.Findings[1].Detail, "terminated") {
		t.Errorf("findings: %+v, want session-after-termination (naming her session) and terminated-user-enabled with their details", a.Findings)
	}
	if a.Activity == nil || len(a.Activity.AfterTermination) != 1 || a.Activity.AfterTermination[0].Record != "5a1e0002000000000000000000000002" {
		t.Errorf("activity: %+v, want her one session after termination", a.Activity)
	}
	hows := map[string]string{}
	for _, m := range a.Memberships {
		hows[m.Kind+" "+m.Group] = m.How
	}
	if h := hows["group-policy Engineers"]; !strings.Contains(h, "direct member") || !strings.Contains(h, "default policy") {
		t.Errorf("Engineers held %q, want directly and through the provider's default policy (memberships %+v)", h, a.Memberships)
	}
	// The demo's PRA site exports its Jump Groups and Jump Items: Engineers
	// gives her Finance Servers, and its two items under Approval Required.
	if !a.JumpGroupsKnown || len(a.JumpGroups) != 1 || a.JumpGroups[0].Group != "Finance Servers" {
		t.Errorf("jump groups %+v (known %v), want Finance Servers through Engineers", a.JumpGroups, a.JumpGroupsKnown)
	}
	if !a.JumpItemsKnown || len(a.JumpItems) != 4 || a.JumpItems[0].Item != "fin-app01" || a.JumpItems[0].Policy != "Approval Required" || a.JumpItems[0].SetOn != "item" {
		t.Errorf("jump items %+v (known %v), want fin-app01 and fin-db01 by her two paths, under Approval Required set on the items", a.JumpItems, a.JumpItemsKnown)
	}
	// A PRA site without a Jump Group export: not known, not none.
	if code, out, msg := explainOut(t, "--user", "alice.ng", "../../fixtures/offboarding/pra"); code != exitOK ||
		!strings.Contains(out, "Jump Groups reached: not known (no Jump Group export)") {
		t.Errorf("exit %d (%s), explain without a Jump Group export:\n%s", code, msg, out)
	}

	code, out, msg = explainOut(t, "--user", "ahmed.khan", "--json", "../../fixtures/pra-json/pra-prod")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, msg)
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	var jumps []string
	for _, g := range got.Accounts[0].JumpGroups {
		jumps = append(jumps, g.Group+"|"+g.Role+"|"+g.How)
	}
	want := "Linux Servers|Jump Item Role #2|through group policy Server Team,Windows Servers|Jump Item Role #2|direct member"
	if strings.Join(jumps, ",") != want || !got.Accounts[0].JumpGroupsKnown {
		t.Errorf("Jump Groups %q (known %v), want %q, known", jumps, got.Accounts[0].JumpGroupsKnown, want)
	}
	if got.Accounts[0].SmartRules == nil || len(got.Accounts[0].SmartRules) != 0 {
		t.Errorf("a PRA account has Smart Rules %v, want an empty list", got.Accounts[0].SmartRules)
	}
}

// An unknown user is exit 2 naming the closest usernames, up to five,
// nearest first; so is an unknown --source, naming the sources.
func TestExplainUnknownUser(t *testing.T) {
	t.Parallel()
	code, out, msg := explainOut(t, "--user", "mark.elis", "../../fixtures/pra-json/pra-prod")
	want := "review: --user mark.elis: no account of that name in any source; the closest usernames are mark.ellis (pra-prod), "
	if code != exitBadInput || !strings.HasPrefix(msg, want) || strings.Count(msg, "(pra-prod)") != 5 || out != "" {
		t.Errorf("exit %d, %q, stdout %q; want exit 2 and %q… with five names", code, msg, out, want)
	}
	code, _, msg = explainOut(t, append([]string{"--user", "chloe.martin", "--source", "hr"}, fixtures[2].args...)...)
	if code != exitBadInput || !strings.Contains(msg, "--source hr: no such source (sources: pra, rs)") {
		t.Errorf("unknown source: exit %d, %q", code, msg)
	}
	code, _, msg = explainOut(t, "../../fixtures/pra-json/pra-prod")
	if code != exitBadInput || !strings.Contains(msg, "--user NAME is required") {
		t.Errorf("no --user: exit %d, %q", code, msg)
	}
}

// review explain --db answers from the kept database as from the exports,
// word for word, and leaves the database as it was.
func TestExplainFromDatabase(t *testing.T) {
	t.Parallel()
	db, _ := ingestMixed(t, t.TempDir())
	before := hashOf(t, db)
	code, fromDB, msg := explainOut(t, "--user", "chloe.martin", "--db", db)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, msg)
	}
	_, direct, _ := explainOut(t, append([]string{"--user", "chloe.martin"}, fixtures[2].args...)...)
	if fromDB != direct || !strings.Contains(direct, "terminated-user-enabled") {
		t.Errorf("explain --db differs from explain on the exports:\n%s", firstDiff(direct, fromDB))
	}
	if hashOf(t, db) != before {
		t.Error("explain --db changed the database")
	}
	code, _, msg = explainOut(t, "--user", "chloe.martin", "--db", db, "--roster", "../../fixtures/mixed/roster.csv")
	if code != exitBadInput || !strings.Contains(msg, "--roster with --db") {
		t.Errorf("--roster with --db: exit %d, %q", code, msg)
	}
}

// explainJSON runs review explain --json and decodes its accounts.
func explainJSON(t *testing.T, args ...string) []model.Explanation {
	t.Helper()
	code, out, msg := explainOut(t, append([]string{"--json"}, args...)...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, msg)
	}
	var got struct{ Accounts []model.Explanation }
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return got.Accounts
}

// recordIDs are the records' lsids (or record names) with their starts.
func recordIDs(rs []model.ExplainedActivityRecord) string {
	var out []string
	for _, r := range rs {
		id := r.LSID
		if r.Kind != "session" {
			id = r.Record
		}
		out = append(out, id+"@"+r.Start)
	}
	return strings.Join(out, ",")
}

// explain shows an account's sessions and activity, and every one after
// its person's termination date (a later UTC day), oldest first: in text
// and in JSON alike. fixtures/offboarding-rules plants them (its
// README.md); an account whose source gave no session or activity report
// shows "not known", null in JSON, never "none".
func TestExplainSessionsAfterTermination(t *testing.T) {
	t.Parallel()
	args := fixtureArgs(t, "offboarding-rules")

	// chloe.martin, terminated 2025-10-15: …02 on the day, …03 and …04
	// (still open) after.
	code, text, msg := explainOut(t, append([]string{"--user", "chloe.martin"}, args...)...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, msg)
	}
	_, afterText, ok := strings.Cut(text, "  After termination (2025-10-15): 2 sessions, oldest first:\n")
	if !ok {
		t.Fatalf("no \"After termination (2025-10-15): 2 sessions\" in:\n%s", text)
	}
	afterText, _, _ = strings.Cut(afterText, "Findings")
	lines := strings.Split(strings.TrimSpace(afterText), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "a0000000000000000000000000000003  2025-10-17T09:00:00Z  to 2025-10-17T10:00:00Z") ||
		!strings.Contains(lines[1], "a0000000000000000000000000000004  2025-10-18T22:30:00Z  open") {
		t.Errorf("chloe.martin's sessions after termination:\n%s\nwant …03 on 2025-10-17, then …04 on 2025-10-18, open", afterText)
	}
	if !strings.Contains(text, "  Sessions             3 (3 in the 90 days to 2025-11-22; 1 open)\n") {
		t.Errorf("no session figures (3 sessions, 1 open) in:\n%s", text)
	}
	a := explainJSON(t, append([]string{"--user", "chloe.martin"}, args...)...)[0].Activity
	if a == nil {
		t.Fatal("chloe.martin: activity null, want her sessions")
	}
	if a.TerminationDate != "2025-10-15" || a.Sessions != 3 || a.OpenSessions != 1 || a.LastSession != "2025-10-18T22:30:00Z" || !a.SessionsKnown || !a.VaultKnown {
		t.Errorf("chloe.martin's figures: %+v", *a)
	}
	if got, want := recordIDs(a.AfterTermination), "a0000000000000000000000000000003@2025-10-17T09:00:00Z,a0000000000000000000000000000004@2025-10-18T22:30:00Z"; got != want {
		t.Errorf("after termination %s, want %s", got, want)
	}
	if got, want := recordIDs(a.Last), "a0000000000000000000000000000004@2025-10-18T22:30:00Z,a0000000000000000000000000000003@2025-10-17T09:00:00Z,a0000000000000000000000000000002@2025-10-15T12:00:00Z"; got != want {
		t.Errorf("last sessions %s, want %s (newest first)", got, want)
	}
	if r := a.AfterTermination[1]; !r.Open || r.End != "" || r.Endpoint != "db-02" || r.JumpGroup != "Databases" {
		t.Errorf("the open session after termination: %+v", r)
	}

	// hannah.kim, terminated 2025-09-30: a Vault event and a session after,
	// oldest first; the checkout on the day is not.
	a = explainJSON(t, append([]string{"--user", "hannah.kim"}, args...)...)[0].Activity
	if got, want := recordIDs(a.AfterTermination), "vault account 31@2025-10-02T10:00:00Z,a000000000000000000000000000000d@2025-10-05T07:00:00Z"; got != want {
		t.Errorf("hannah.kim after termination %s, want %s", got, want)
	}

	// victor.lang on Password Safe, terminated 2025-08-31: sessions 2 and 3
	// and audit 1; session 1 and audit 3 on the day are not.
	code, text, _ = explainOut(t, append([]string{"--user", "victor.lang"}, args...)...)
	if code != exitOK || !strings.Contains(text, "  After termination (2025-08-31): 3 Password Safe records, oldest first:\n") {
		t.Errorf("victor.lang: exit %d, no 3 Password Safe records after termination:\n%s", code, text)
	}
	a = explainJSON(t, append([]string{"--user", "victor.lang"}, args...)...)[0].Activity
	if got, want := recordIDs(a.AfterTermination), "session 2@2025-09-03T09:00:00Z,audit 1@2025-09-04T08:00:00Z,session 3@2025-09-05T09:00:00Z"; got != want {
		t.Errorf("victor.lang after termination %s, want %s", got, want)
	}

	// ivan.petrov's session is on his termination date: none after.
	code, text, _ = explainOut(t, append([]string{"--user", "ivan.petrov"}, args...)...)
	if code != exitOK || !strings.Contains(text, "  After termination (2025-11-22): none after termination\n") {
		t.Errorf("ivan.petrov: exit %d, want none after termination:\n%s", code, text)
	}

	// fixtures/pra-json has no session or activity report: not known.
	code, text, _ = explainOut(t, append([]string{"--user", "ahmed.khan"}, fixtureArgs(t, "pra-json")...)...)
	if code != exitOK || !strings.Contains(text, "\nSessions and activity: not known (the source gave no session or activity report)\n") {
		t.Errorf("pra-json: exit %d, want activity not known:\n%s", code, text)
	}
	code, out, msg := explainOut(t, append([]string{"--user", "ahmed.khan", "--json"}, fixtureArgs(t, "pra-json")...)...)
	var raw struct{ Accounts []map[string]json.RawMessage }
	if err := json.Unmarshal([]byte(out), &raw); code != exitOK || err != nil || len(raw.Accounts) != 1 {
		t.Fatalf("exit %d, %v: %s", code, err, msg)
	}
	if got, ok := raw.Accounts[0]["activity"]; !ok || string(got) != "null" {
		t.Errorf("pra-json: \"activity\": %s (present %v), want null", got, ok)
	}
}

// Without --roster, explain says no roster was given rather than "no row
// for this person"; with one, the person's termination date is shown.
func TestExplainSaysWhetherARosterWasGiven(t *testing.T) {
	t.Parallel()
	code, text, msg := explainOut(t, append([]string{"--user", "ahmed.khan"}, fixtureArgs(t, "pra-json")...)...)
	if code != exitOK || !strings.Contains(text, "\n  Roster  none given (--roster): who the person is and whether they left is not known\n") {
		t.Errorf("without a roster: exit %d (%s):\n%s", code, msg, text)
	}
	code, text, msg = explainOut(t, append([]string{"--user", "chloe.martin", "--source", "pra"}, fixtures[2].args...)...)
	if code != exitOK || !strings.Contains(text, "\n  Termination date  2025-10-15\n") {
		t.Errorf("with the roster: exit %d (%s), want her termination date:\n%s", code, msg, text)
	}
	x := explainJSON(t, append([]string{"--user", "chloe.martin", "--source", "pra"}, fixtures[2].args...)...)[0]
	if x.Person == nil || !x.Person.RosterGiven || x.Person.TerminationDate != "2025-10-15" {
		t.Errorf("JSON person %+v, want roster_given and termination_date 2025-10-15", x.Person)
	}
}
