package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// exceptionsFor writes a register excepting every finding of the pra-json
// fixture: one entry per rule with entity "*", expiring on expires, except
// the rules in expiresOn, whose entries expire on their date; then an
// entry that matches nothing.
func exceptionsFor(t *testing.T, dir string, expiresOn map[string]string) string {
	t.Helper()
	var b strings.Builder
	seen := map[string]bool{}
	for _, line := range readExpected(t, "../../fixtures/pra-json/expected.tsv") {
		rule := strings.Split(line, "\t")[0]
		if seen[rule] {
			continue
		}
		seen[rule] = true
		exp := "2026-03-31"
		if d, ok := expiresOn[rule]; ok {
			exp = d
		}
		fmt.Fprintf(&b, "- rule: %s\n  entity: \"*\"\n  source: pra-prod\n  reason: accepted for the test\n  approved_by: ciso@corp.example\n  expires: %s\n", rule, exp)
	}
	b.WriteString("- rule: stale-account\n  entity: nobody\n  reason: left over\n  approved_by: ciso@corp.example\n  expires: 2026-03-31\n")
	p := filepath.Join(dir, "exceptions.yaml")
	if err := os.WriteFile(p, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func statuses(t *testing.T, jsonl string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(jsonl)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var f struct{ Rule, Entity, Status string }
		if err := json.Unmarshal([]byte(line), &f); err != nil {
			t.Fatal(err)
		}
		out[f.Rule+" "+f.Entity] = f.Status
	}
	return out
}

// Excepted findings stay listed, do not trip --fail-on, and every entry
// shows on the Exceptions sheet; an entry that matched nothing is listed
// as unused and warned about. Two runs give the same bytes.
func TestExceptionsHideFromFailOnAndStayVisible(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	reg := exceptionsFor(t, dir, nil)
	// The same output paths both times: the command line is on the Evidence sheet.
	x1, j1, c1 := filepath.Join(dir, "f.xlsx"), filepath.Join(dir, "f.jsonl"), filepath.Join(dir, "f.csv")
	run := func() {
		x, j, c := x1, j1, c1
		code, msg := runCLI(t, "run", "--quiet", "--as-of", "2025-11-22", "--fail-on", "low", "--exceptions", reg,
			"--out", x, "--json", j, "--csv", c, "../../fixtures/pra-json/pra-prod")
		if code != exitOK {
			t.Fatalf("exit %d, want 0 with every finding excepted: %s", code, msg)
		}
		unused := "review: warning: " + reg + ":115: exception for stale-account on \"nobody\" matched no finding (unused)\n"
		if !strings.Contains(msg, unused) {
			t.Errorf("stderr %q, want the line %q", msg, unused)
		}
	}
	run()
	first := map[string][]byte{}
	for _, p := range []string{x1, j1, c1} {
		first[p], _ = os.ReadFile(p)
	}
	st := statuses(t, j1)
	if len(st) != 25 {
		t.Errorf("%d findings, want the fixture's 25 still listed", len(st))
	}
	for k, s := range st {
		if s != "excepted" {
			t.Errorf("%s: status %q, want excepted", k, s)
		}
	}
	cf, err := os.Open(c1)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(cf).ReadAll()
	cf.Close()
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for i, h := range rows[0] {
		if strings.EqualFold(h, "status") {
			col = i
		}
	}
	if col < 0 || len(rows) != 26 {
		t.Fatalf("CSV header %v, %d rows", rows[0], len(rows))
	}
	for _, r := range rows[1:] {
		if r[col] != "excepted" {
			t.Errorf("CSV row %v: status %q", r, r[col])
		}
	}

	f := openWorkbook(t, x1)
	ex, err := f.GetRows("Exceptions")
	if err != nil {
		t.Fatal(err)
	}
	wantHead := "Rule|Entity|Source|Reason|Approved By|Expires|Findings Covered|Expired|Days to Expiry|Unused|Defined At"
	if strings.Join(ex[0], "|") != wantHead {
		t.Errorf("Exceptions header %v", ex[0])
	}
	last := ex[len(ex)-1]
	if got := strings.Join(last, "|"); got != "stale-account|nobody||left over|ciso@corp.example|2026-03-31|0|no|129|yes|"+reg+":115" {
		t.Errorf("unused entry row %q", got)
	}
	covered := 0
	for _, r := range ex[1 : len(ex)-1] {
		if r[9] != "no" || r[7] != "no" {
			t.Errorf("row %v: want used and not expired", r)
		}
		var n int
		fmt.Sscan(r[6], &n)
		covered += n
	}
	if covered != 25 {
		t.Errorf("entries covered %d findings, want 25", covered)
	}
	rules, _ := f.GetRows("Rules")
	for _, r := range rules[1:] {
		if r[7] != r[8] {
			t.Errorf("Rules row %s: findings %s, excepted %s: want every finding excepted", r[0], r[7], r[8])
		}
	}
	if !sheetHas(t, f, "Summary", "Excepted (not in the totals)") {
		t.Errorf("Summary does not count the excepted findings apart")
	}
	// The register is an input like any other: listed with its hash.
	evidence, _ := f.GetRows("Evidence")
	listed := false
	for _, r := range evidence {
		if len(r) > 4 && r[1] == "exceptions" && strings.HasSuffix(r[2], "exceptions.yaml") && len(r[3]) == 64 {
			listed = true
		}
	}
	if !listed {
		t.Errorf("Evidence does not list the exceptions file with its SHA-256")
	}

	run()
	for _, p := range []string{x1, j1, c1} {
		if again, _ := os.ReadFile(p); len(first[p]) == 0 || !bytes.Equal(first[p], again) {
			t.Errorf("%s differs between two runs", p)
		}
	}
}

func sheetHas(t *testing.T, f *excelize.File, sheet, text string) bool {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		for _, c := range r {
			if c == text {
				return true
			}
		}
	}
	return false
}

// An exception that expired on or before the as-of date brings its
// findings back: they say so and trip --fail-on again.
func TestExpiredExceptionTripsFailOn(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	reg := exceptionsFor(t, dir, map[string]string{"stale-account": "2025-11-22"})
	j := filepath.Join(dir, "f.jsonl")
	code, msg := runCLI(t, "run", "--quiet", "--as-of", "2025-11-22", "--fail-on", "low", "--exceptions", reg,
		"--out", filepath.Join(dir, "f.xlsx"), "--json", j, "../../fixtures/pra-json/pra-prod")
	if code != exitFindings {
		t.Fatalf("exit %d, want 1: %s", code, msg)
	}
	if !strings.Contains(msg, "review: --fail-on low: 2 findings at low or above (") ||
		!strings.Contains(msg, "besides 23 excepted findings not counted") {
		t.Errorf("message %q, want the 2 stale-account findings counted and 23 excepted apart", msg)
	}
	for _, e := range []string{"carlos.ruiz", "nw.contractor"} {
		if !strings.Contains(msg, " stale-account: pra-prod account "+e+"\n") {
			t.Errorf("message %q does not name %s", msg, e)
		}
	}
	st := statuses(t, j)
	if st["stale-account carlos.ruiz"] != "exception expired" || st["stale-admin tom.becker"] != "excepted" {
		t.Errorf("statuses %v", st)
	}
}

// A register with a missing field stops the run before anything is read,
// naming the file and line, and writes nothing.
func TestExceptionWithoutReasonIsBadInput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	reg := filepath.Join(dir, "exceptions.yaml")
	body := "- rule: stale-account\n  entity: carlos.ruiz\n  reason: ok\n  approved_by: a\n  expires: 2026-01-01\n" +
		"- rule: stale-account\n  entity: nw.contractor\n  approved_by: a\n  expires: 2026-01-01\n"
	if err := os.WriteFile(reg, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	if err := os.Mkdir(out, 0o700); err != nil {
		t.Fatal(err)
	}
	code, msg := runCLI(t, "run", "--quiet", "--as-of", "2025-11-22", "--exceptions", reg,
		"--out", filepath.Join(out, "f.xlsx"), "../../fixtures/pra-json/pra-prod")
	if code != exitBadInput {
		t.Fatalf("exit %d, want 2: %s", code, msg)
	}
	if want := reg + ":6:3: exception without reason"; !strings.Contains(msg, want) {
		t.Errorf("message %q, want %q", msg, want)
	}
	if left, _ := os.ReadDir(out); len(left) > 0 {
		t.Errorf("written: %v", left)
	}
}
