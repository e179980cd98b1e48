package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The offboarding rules over fixtures/offboarding-rules: each planted
// finding carries the sessions' ids, starts and endpoints as evidence, and
// the near misses (the termination day itself, a terminated person without
// a date, an invited user, an open session of an active person) give none.
// expected.tsv (TestFixturesFindExactlyTheExpected) pins the whole list.
func TestOffboardingRulesEvidence(t *testing.T) {
	t.Parallel()
	fx := fixture{"offboarding-rules", []string{"--roster", "../../fixtures/offboarding-rules/roster.csv",
		"../../fixtures/offboarding-rules/pra-off", "../../fixtures/offboarding-rules/ps-off"}}
	_, jsonl := runFixture(t, fx, t.TempDir())
	b, err := os.ReadFile(jsonl)
	if err != nil {
		t.Fatal(err)
	}
	type finding struct {
		Rule, Entity, Family string
		Evidence             map[string]any
	}
	got := map[string]finding{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		var f finding
		if err := json.Unmarshal(sc.Bytes(), &f); err != nil {
			t.Fatal(err)
		}
		got[f.Rule+" "+f.Entity] = f
	}
	lsid := func(key, field string) string {
		t.Helper()
		f, ok := got[key]
		if !ok {
			t.Fatalf("no finding %s", key)
		}
		if f.Family != "offboarding" {
			t.Errorf("%s: family %q, want offboarding", key, f.Family)
		}
		s, _ := f.Evidence[field].(map[string]any)
		v, _ := s["lsid"].(string)
		return v
	}
	for _, c := range []struct{ key, field, want string }{
		{"session-after-termination chloe.martin", "first_session", "a0000000000000000000000000000003"},
		{"session-after-termination chloe.martin", "last_session", "a0000000000000000000000000000004"},
		{"session-after-termination hannah.kim", "first_session", "a000000000000000000000000000000d"},
		{"vendor-session-after-expiry contoso.tech1", "first_session", "a0000000000000000000000000000008"},
		{"vault-activity-after-termination hannah.kim", "first_event", "a0000000000000000000000000000001"},
	} {
		if l := lsid(c.key, c.field); l != c.want {
			t.Errorf("%s: %s lsid %q, want %q", c.key, c.field, l, c.want)
		}
	}
	if f := got["session-after-termination chloe.martin"]; f.Evidence["sessions_after_termination"] != 2.0 {
		t.Errorf("chloe.martin: %v sessions after termination, want 2 (the one on the termination day is not after)", f.Evidence["sessions_after_termination"])
	}
	first, _ := got["session-after-termination chloe.martin"].Evidence["first_session"].(map[string]any)
	if first["start"] != "2025-10-17T09:00:00Z" || first["endpoint"] != "db-01" || first["jump_group"] != "Databases" {
		t.Errorf("chloe.martin's first session after termination = %v", first)
	}
	open, _ := got["session-open-on-disabled-account chloe.martin"].Evidence["open_sessions"].([]any)
	if len(open) != 1 || open[0].(map[string]any)["lsid"] != "a0000000000000000000000000000004" {
		t.Errorf("chloe.martin's open sessions = %v", open)
	}
	if f := got["password-safe-activity-after-termination victor.lang"]; f.Evidence["password_safe_records_after_termination"] != 3.0 {
		t.Errorf("victor.lang: %v Password Safe records after termination, want 3", f.Evidence["password_safe_records_after_termination"])
	}
	for _, key := range []string{
		"session-after-termination nora.quinn", "session-after-termination ivan.petrov", "login-after-termination hannah.kim",
		"login-after-termination ivan.petrov", "vendor-session-after-expiry contoso.tech2", "session-open-on-disabled-account anna.schmidt",
		"unknown-session-user external.guest", "unknown-session-user Vault", "stale-account peter.novak",
	} {
		if _, ok := got[key]; ok {
			t.Errorf("near miss %s has a finding", key)
		}
	}
}

// A session report cut short stops the run (exit 2) naming the file and
// the line, and nothing is written; a bad session with --lenient is listed
// on Ingest Issues with its file and line, and the other sessions are
// reviewed: Carla Rey's bad session is gone from the Sessions sheet, and
// her session after termination with it, while Bruno Díaz's stays.
func TestSessionReportTruncatedAndLenient(t *testing.T) {
	t.Parallel()
	const report = "access-session.xml"
	dir := t.TempDir()
	cut := filepath.Join(dir, "cut")
	copyTree(t, "../../fixtures/offboarding/pra", cut, map[string]func(string) string{
		report: func(s string) string {
			return s[:strings.Index(s, `<session lsid="0fb0a3000000000000000000000000a3">`)+200]
		},
	})
	out := filepath.Join(dir, "cut.xlsx")
	code, msg := runCLI(t, "run", "--quiet", "--as-of", "2025-11-22", "--roster", "../../fixtures/offboarding/roster.csv",
		"--out", out, cut)
	if code != exitBadInput || !strings.Contains(msg, filepath.Join(cut, report)+":") || !strings.Contains(msg, "looks truncated") {
		t.Fatalf("truncated report: exit %d, want 2 naming %s and its line:\n%s", code, report, msg)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a workbook was written after a truncated report")
	}

	bad := filepath.Join(dir, "bad")
	copyTree(t, "../../fixtures/offboarding/pra", bad, map[string]func(string) string{
		report: replace(`<start_time timestamp="1762934400">`, `<start_time timestamp="yesterday">`),
	})
	out, jsonl := filepath.Join(dir, "bad.xlsx"), filepath.Join(dir, "bad.jsonl")
	code, msg = runCLI(t, "run", "--quiet", "--lenient", "--as-of", "2025-11-22", "--roster", "../../fixtures/offboarding/roster.csv",
		"--out", out, "--json", jsonl, bad)
	if code != exitOK {
		t.Fatalf("--lenient: exit %d:\n%s", code, msg)
	}
	f := openWorkbook(t, out)
	issues := readTable(t, f, "Ingest Issues")
	if len(issues.rows) != 1 || !strings.HasSuffix(issues.cell(issues.rows[0], "File"), report) ||
		issues.cell(issues.rows[0], "Line") != "94" || !strings.Contains(issues.cell(issues.rows[0], "Problem"), "expected a Unix time") {
		t.Errorf("Ingest Issues %q, want the bad session at line 94", issues.rows)
	}
	sessions := readTable(t, f, "Sessions")
	ids := map[string]bool{}
	for _, r := range sessions.rows {
		ids[sessions.cell(r, "Session ID")] = true
	}
	if ids["0fb0a3000000000000000000000000a3"] || !ids["0fb0a2000000000000000000000000a2"] || len(sessions.rows) < 10 {
		t.Errorf("Sessions lists %d rows, %v: want the bad session out and the others in", len(sessions.rows), ids)
	}
	var carla, bruno bool
	for _, l := range readJSONL(t, jsonl) {
		carla = carla || l.Rule == "session-after-termination" && l.Entity == "carla.rey"
		bruno = bruno || l.Rule == "session-after-termination" && l.Entity == "bruno.diaz"
	}
	if carla || !bruno {
		t.Errorf("session-after-termination: carla.rey %v, bruno.diaz %v; want only bruno.diaz's", carla, bruno)
	}
}

// The License True-Up says what counted as use on each line: a session or
// audited action in the window is use whatever the last authentication
// says, so the sheet names the reports each line's sources gave.
func TestLicenseTrueUpNamesTheActivityCounted(t *testing.T) {
	t.Parallel()
	xlsx, _ := runFixture(t, fixture{"offboarding", fixtureArgs(t, "offboarding")}, t.TempDir())
	lic := readTable(t, openWorkbook(t, xlsx), "License True-Up")
	want := map[string]string{
		"pra":           "last authentication; session reports; Vault activity",
		"rs":            "last authentication; session reports",
		"password-safe": "last authentication; Password Safe audits and sessions",
	}
	seen := 0
	for _, r := range lic.rows {
		if w, ok := want[lic.cell(r, "Product")]; ok && lic.cell(r, "Source") != "" {
			seen++
			if got := lic.cell(r, "Use Counted From"); got != w {
				t.Errorf("%s: Use Counted From %q, want %q", lic.cell(r, "Product"), got, w)
			}
		}
	}
	if seen != len(want) {
		t.Errorf("License True-Up lines %q: want one per product", lic.rows)
	}
}
