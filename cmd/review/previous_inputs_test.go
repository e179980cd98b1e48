package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/campaign/campaigntest"
)

// A previous run read from JSON Lines: findings recur, but it holds no
// decisions and no Resolved list, and the Evidence sheet says so.
func TestPreviousFromJSONL(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	fx := "../../fixtures/pra-json/pra-prod"
	j1 := filepath.Join(dir, "r1.jsonl")
	if code, msg := runCLI(t, "run", "--quiet", "--as-of", "2025-11-22", "--out", filepath.Join(dir, "r1.xlsx"), "--json", j1, fx); code != exitOK {
		t.Fatalf("exit %d: %s", code, msg)
	}
	x2, j2 := filepath.Join(dir, "r2.xlsx"), filepath.Join(dir, "r2.jsonl")
	code, msg := runCLI(t, "run", "--quiet", "--as-of", "2025-11-22", "--out", x2, "--json", j2, "--previous", j1, fx)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, msg)
	}
	if !strings.Contains(msg, "review: warning: the previous run was read from JSON Lines ("+j1+"), which hold no Decision, Comment or Resolved list") {
		t.Errorf("stderr %q: want a warning that JSON Lines hold no decisions", msg)
	}
	for k, f := range prevFindings(t, j2) {
		if f.Status != "recurring" {
			t.Errorf("%s: %s, want recurring", k, f.Status)
		}
	}
	wb := openWorkbook(t, x2)
	if !sheetHas(t, wb, "Evidence", "Previous run: not compared") {
		t.Errorf("Evidence does not say what JSON Lines could not give")
	}
	in := evidenceOf(t, x2, "r1.jsonl")
	if len(in) < 6 || in[1] != "previous-findings" || len(in[3]) != 64 || in[5] != "25" {
		t.Errorf("Evidence row of the previous file %q: want kind previous-findings, its SHA-256 and 25 rows", in)
	}
}

// A previous file that cannot be compared with is exit 2, naming the file
// and what was expected, and nothing is written.
func TestPreviousBadFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	noStatus := filepath.Join(dir, "no-status.xlsx")
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Findings")
	for i, h := range []string{"Finding ID", "Rule", "Family", "Severity", "Source", "Entity Type", "Entity"} {
		ref, _ := excelize.CoordinatesToCellName(i+1, 1)
		f.SetCellStr("Findings", ref, h)
	}
	if err := f.SaveAs(noStatus); err != nil {
		t.Fatal(err)
	}
	f.Close()
	badLine := filepath.Join(dir, "bad.jsonl")
	good := `{"id":"0123456789abcdef","rule":"stale-account","severity":"medium","source":"pra-prod","entity_type":"account","entity":"bob","status":"new"}`
	os.WriteFile(badLine, []byte(good+"\n"+good+"\n{\"id\": \"0123456789abcdef\", \"rule\": \n"), 0o600)
	empty := filepath.Join(dir, "empty.xlsx")
	os.WriteFile(empty, nil, 0o600)
	// A previous workbook of 64 MiB of whitespace in its sheet, 65 KB on
	// disk: refused within the bounds the exports are read with.
	bomb := filepath.Join(dir, "bomb.xlsx")
	if b, err := os.ReadFile(noStatus); err != nil || os.WriteFile(bomb, b, 0o600) != nil {
		t.Fatal(err)
	}
	campaigntest.Inflate(t, bomb, 64<<20)
	cases := []struct{ file, want string }{
		{noStatus, `review: --previous ` + noStatus + `: sheet Findings has no column headed "Status" in row 1, expected the headers Finding ID, Rule, Source, Entity Type, Entity, Severity, Status`},
		{badLine, `review: --previous ` + badLine + `:3:35: unexpected end of JSON input, expected one finding per line as a JSON object`},
		{empty, `review: --previous ` + empty + `: the file is empty, expected the previous run's workbook or JSON Lines findings`},
		{bomb, `review: --previous ` + bomb + `: found the part xl/worksheets/sheet1.xml, with more than 1 MiB of text between two tags, expected a workbook as a spreadsheet program writes it`},
	}
	for _, c := range cases {
		out := filepath.Join(dir, "out.xlsx")
		code, msg := runCLI(t, "run", "--quiet", "--as-of", "2025-11-22", "--out", out, "--previous", c.file, "../../fixtures/pra-json/pra-prod")
		if code != exitBadInput {
			t.Errorf("%s: exit %d, want 2: %s", c.file, code, msg)
		}
		if !strings.Contains(msg, c.want) {
			t.Errorf("stderr %q\nwant %q", msg, c.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%s: the workbook was written", c.file)
		}
	}
}

// A source this run did not read cannot have resolved anything: its
// previous findings are listed as not re-checked, with why, and counted
// apart from the resolved ones in the manifest and the result line.
func TestPreviousSourceNotReadIsNotResolved(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	x1 := filepath.Join(dir, "r1.xlsx")
	args := append([]string{"run", "--quiet", "--as-of", "2025-11-22", "--out", x1}, fixtures[2].args...)
	if code, msg := runCLI(t, args...); code != exitOK {
		t.Fatalf("exit %d: %s", code, msg)
	}
	x2, man := filepath.Join(dir, "r2.xlsx"), filepath.Join(dir, "r2.json")
	code, msg := runCLI(t, "run", "--as-of", "2025-11-22", "--out", x2, "--manifest", man, "--previous", x1,
		"--roster", "../../fixtures/mixed/roster.csv", "--licenses", "../../fixtures/mixed/licenses.csv", "../../fixtures/mixed/pra")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, msg)
	}
	if !strings.Contains(msg, "since the previous run: 0 new, 7 recurring, 0 reappeared, 0 resolved (6 more not re-checked)") {
		t.Errorf("result line %q: want the counts since the previous run", msg)
	}
	resolved := readTable(t, openWorkbook(t, x2), "Resolved")
	if len(resolved.rows) != 6 {
		t.Fatalf("Resolved lists %d, want the 6 findings of source rs", len(resolved.rows))
	}
	for _, r := range resolved.rows {
		if resolved.cell(r, "Source") != "rs" || resolved.cell(r, "Outcome") != "not re-checked" || resolved.cell(r, "Why") != "source rs was not read this run" {
			t.Errorf("Resolved row %q: want source rs, not re-checked, because rs was not read", r)
		}
	}
	b, _ := os.ReadFile(man)
	var m struct {
		Findings struct {
			ByStatus     map[string]int `json:"by_status"`
			Resolved     *int
			NotRechecked *int `json:"not_rechecked"`
		}
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m.Findings.Resolved == nil || *m.Findings.Resolved != 0 || m.Findings.NotRechecked == nil || *m.Findings.NotRechecked != 6 {
		t.Errorf("manifest findings %+v: want resolved 0, not_rechecked 6", m.Findings)
	}
	if n, ok := m.Findings.ByStatus["reappeared"]; !ok || n != 0 || m.Findings.ByStatus["recurring"] != 7 {
		t.Errorf("manifest by_status %v: want reappeared 0 present, recurring 7", m.Findings.ByStatus)
	}
}

// Two runs with --previous and --exceptions on the same inputs give the
// same bytes: workbook, JSON Lines, CSV and manifest.
func TestPreviousAndExceptionsDeterministic(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	fx := "../../fixtures/pra-json/pra-prod"
	x1 := filepath.Join(dir, "r1.xlsx")
	if code, msg := runCLI(t, "run", "--quiet", "--as-of", "2025-11-22", "--out", x1, fx); code != exitOK {
		t.Fatalf("exit %d: %s", code, msg)
	}
	decide(t, x1, map[string][2]string{"stale-account carlos.ruiz": {"Revoke", "left"}, "orphaned-team Night Shift": {"Keep", "seasonal"}})
	reg := exceptionsFor(t, dir, map[string]string{"stale-account": "2025-11-22"})
	outs := []string{filepath.Join(dir, "o.xlsx"), filepath.Join(dir, "o.jsonl"), filepath.Join(dir, "o.csv"), filepath.Join(dir, "o.json")}
	var first [][]byte
	for i := 0; i < 2; i++ {
		code, msg := runCLI(t, "run", "--quiet", "--as-of", "2025-11-22", "--previous", x1, "--exceptions", reg,
			"--out", outs[0], "--json", outs[1], "--csv", outs[2], "--manifest", outs[3], fx)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, msg)
		}
		for j, p := range outs {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				first = append(first, b)
			} else if !bytes.Equal(first[j], b) {
				t.Errorf("%s differs between two runs", p)
			}
		}
	}
	st := prevFindings(t, outs[1])
	if f := st["stale-account carlos.ruiz"]; f.Status != "exception expired" || *f.PreviousDecision != "Revoke" {
		t.Errorf("carlos.ruiz %+v: want the exception's status to win, the previous decision kept", f)
	}
}

// The previous run's as-of date is read from its workbook's Summary and
// shown on Evidence and under Access Changes, so that an auditor sees
// which two reviews the changes lie between.
func TestPreviousAsOfIsShown(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	x1 := filepath.Join(dir, "q3.xlsx")
	base := []string{"run", "--quiet", "--roster", "../../fixtures/mixed/roster.csv", "--licenses", "../../fixtures/mixed/licenses.csv"}
	if code, msg := runCLI(t, append(append(base, "--as-of", "2025-08-22", "--out", x1), "../../fixtures/mixed/pra", "../../fixtures/mixed/rs")...); code != exitOK {
		t.Fatalf("q3: exit %d: %s", code, msg)
	}
	x2 := filepath.Join(dir, "q4.xlsx")
	if code, msg := runCLI(t, append(append(base, "--as-of", "2025-11-22", "--out", x2, "--previous", x1), "../../fixtures/mixed/pra", "../../fixtures/mixed/rs")...); code != exitOK {
		t.Fatalf("q4: exit %d: %s", code, msg)
	}
	f := openWorkbook(t, x2)
	ev := sheetRows(t, x2, "Evidence")
	found := false
	for _, r := range ev {
		if len(r) > 1 && r[0] == "Previous run" && strings.HasPrefix(r[1], x1+" (xlsx, as of 2025-08-22): ") {
			found = true
		}
	}
	if !found {
		t.Errorf("Evidence has no Previous run row as of 2025-08-22")
	}
	rows, err := f.GetRows("Access Changes")
	if err != nil {
		t.Fatal(err)
	}
	if last := rows[len(rows)-1]; len(last) == 0 || last[0] != "Changes between the previous run as of 2025-08-22 ("+x1+") and this run as of 2025-11-22." {
		t.Errorf("Access Changes ends %q, want the two as-of dates", last)
	}
}
