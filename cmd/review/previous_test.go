package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/internal/layout"
)

// prevFinding is a JSON Lines finding with what --previous adds.
type prevFinding struct {
	Rule, Entity, Source, Status string
	PreviousDecision             *string `json:"previous_decision"`
	PreviousComment              *string `json:"previous_comment"`
	PreviousReviewer             *string `json:"previous_reviewer"`
	PreviousDecidedOn            *string `json:"previous_decided_on"`
}

// prevFindings are the findings of a JSON Lines file by "rule entity".
func prevFindings(t *testing.T, path string) map[string]prevFinding {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]prevFinding{}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var f prevFinding
		if err := json.Unmarshal([]byte(line), &f); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out[f.Rule+" "+f.Entity] = f
	}
	return out
}

// table is a sheet's rows with its cells looked up by header.
type table struct {
	head map[string]int
	rows [][]string
}

func readTable(t *testing.T, f *excelize.File, sheet string) table {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil || len(rows) == 0 {
		t.Fatalf("sheet %s: %v, %d rows", sheet, err, len(rows))
	}
	tb := table{head: map[string]int{}, rows: rows[1:]}
	for i, h := range rows[0] {
		tb.head[h] = i
	}
	return tb
}

func (tb table) cell(row []string, header string) string {
	i, ok := tb.head[header]
	if !ok || i >= len(row) {
		return ""
	}
	return row[i]
}

// find is the row whose cells under the headers given are the values given.
func (tb table) find(t *testing.T, kv ...string) (int, []string) {
	t.Helper()
	for r, row := range tb.rows {
		ok := true
		for i := 0; i < len(kv); i += 2 {
			ok = ok && tb.cell(row, kv[i]) == kv[i+1]
		}
		if ok {
			return r + 2, row
		}
	}
	t.Fatalf("no row with %v", kv)
	return 0, nil
}

// decide writes a Decision and Comment into a workbook's Findings sheet,
// as a reviewer would, and saves it.
func decide(t *testing.T, path string, decisions map[string][2]string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tb := readTable(t, f, "Findings")
	for key, d := range decisions {
		rule, entity, _ := strings.Cut(key, " ")
		row, _ := tb.find(t, "Rule", rule, "Entity", entity)
		for i, h := range []string{"Decision", "Comment"} {
			ref, _ := excelize.CoordinatesToCellName(tb.head[h]+1, row)
			if err := f.SetCellStr("Findings", ref, d[i]); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

// stalePlanted is the planted stale-account finding of the pra-json
// fixture (carlos.ruiz, last authenticated 2025-05-14) and its fix.
var (
	stalePlanted = `"last_authentication": "2025-05-14T10:02:11+00:00"`
	staleFixed   = `"last_authentication": "2025-11-20T10:02:11+00:00"`
)

// The quarter, end to end: run twice with --previous and every finding
// recurs; a reviewer's decisions come back as Previous Decision; a fixed
// problem is on Resolved with its decision; planted again it reappears,
// with the decision it had.
func TestPreviousRunQuarterToQuarter(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := filepath.Join(dir, "pra-prod")
	copyTree(t, "../../fixtures/pra-json/pra-prod", src, nil)
	out := func(name string) string { return filepath.Join(dir, name) }
	run := func(args ...string) {
		t.Helper()
		args = append([]string{"run", "--quiet", "--as-of", "2025-11-22"}, append(args, src)...)
		if code, msg := runCLI(t, args...); code != exitOK {
			t.Fatalf("review %v exited %d: %s", args, code, msg)
		}
	}

	run("--out", out("r1.xlsx"), "--json", out("r1.jsonl"))
	for k, f := range prevFindings(t, out("r1.jsonl")) {
		if f.Status != "new" || f.PreviousDecision != nil {
			t.Errorf("run 1, %s: status %q, previous_decision %v: want new, and no previous_decision without --previous", k, f.Status, f.PreviousDecision)
		}
	}

	// A first comparison: run 1 had no --previous, so its workbook has no
	// Resolved sheet. That is said on Evidence, not warned about.
	first := filepath.Join(dir, "first.xlsx")
	args := []string{"run", "--quiet", "--as-of", "2025-11-22", "--out", first, "--previous", out("r1.xlsx"), src}
	if code, msg := runCLI(t, args...); code != exitOK || strings.Contains(msg, "Resolved sheet") {
		t.Errorf("first comparison: exit %d, stderr %q: want 0 and no warning of the missing Resolved sheet", code, msg)
	}
	if !slices.ContainsFunc(sheetRows(t, first, "Evidence"), func(r []string) bool {
		return len(r) > 1 && strings.Contains(r[1], "has no Resolved sheet")
	}) {
		t.Errorf("Evidence does not say the previous workbook had no Resolved sheet")
	}

	// Twice on the same export: every finding recurs, nothing is resolved.
	run("--out", out("again.xlsx"), "--json", out("again.jsonl"), "--previous", out("r1.xlsx"))
	again := prevFindings(t, out("again.jsonl"))
	if len(again) != 25 {
		t.Errorf("%d findings, want the fixture's 25", len(again))
	}
	for k, f := range again {
		if f.Status != "recurring" || f.PreviousDecision == nil || *f.PreviousDecision != "" {
			t.Errorf("second run, %s: status %q, previous_decision %v: want recurring, with an empty previous_decision", k, f.Status, f.PreviousDecision)
		}
	}
	if resolved := readTable(t, openWorkbook(t, out("again.xlsx")), "Resolved"); len(resolved.rows) != 0 {
		t.Errorf("Resolved lists %d findings, want none", len(resolved.rows))
	}
	// The previous run decides statuses and carries decisions, so it is
	// listed on Evidence with its hash, once, like any input.
	evidence, _ := openWorkbook(t, out("again.xlsx")).GetRows("Evidence")
	if n := len(slices.DeleteFunc(evidence, func(r []string) bool {
		return !(len(r) > 4 && r[1] == "previous-findings" && r[2] == out("r1.xlsx") && len(r[3]) == 64)
	})); n != 1 {
		t.Errorf("Evidence lists the previous workbook with its SHA-256 %d times, want once", n)
	}

	// The reviewer decides on run 1; the stale account is then fixed.
	decide(t, out("r1.xlsx"), map[string][2]string{
		"stale-account carlos.ruiz":    {"Revoke", "left in May"},
		"admin-without-mfa mark.ellis": {"Keep", "break-glass, MFA ticket 4711"},
		"never-logged-in kevin.obrien": {"Revoke", "never started"},
	})
	user := filepath.Join(src, "user.json")
	planted, _ := os.ReadFile(user)
	if err := os.WriteFile(user, bytes.Replace(planted, []byte(stalePlanted), []byte(staleFixed), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	var console bytes.Buffer
	r2args := []string{"run", "--as-of", "2025-11-22", "--out", out("r2.xlsx"), "--json", out("r2.jsonl"), "--csv", out("r2.csv"),
		"--manifest", out("r2.manifest.json"), "--previous", out("r1.xlsx"), src}
	code, stderr := runIn(t, env{stdout: &console}, r2args...)
	if code != exitOK {
		t.Fatalf("review %v exited %d: %s", r2args, code, stderr)
	}
	if !strings.Contains(console.String()+stderr, "1 revoke decided and not carried out") {
		t.Errorf("console does not count the revoke not carried out:\n%s%s", console.String(), stderr)
	}
	r2 := prevFindings(t, out("r2.jsonl"))
	// Revoked in run 1 and still there: not carried out, with who decided
	// and when (run 1's as-of date: the main workbook records no sign-off).
	if f := r2["never-logged-in kevin.obrien"]; f.Status != "revoke not carried out" || *f.PreviousDecision != "Revoke" ||
		f.PreviousReviewer == nil || *f.PreviousReviewer == "" || *f.PreviousDecidedOn != "2025-11-22" {
		t.Errorf("kevin.obrien: %+v, want revoke not carried out, decided by run 1's reviewer on 2025-11-22", f)
	}
	var manifest struct {
		Counts struct {
			ByStatus           map[string]int `json:"by_status"`
			RevokedAndVerified int            `json:"revoked_and_verified"`
		} `json:"findings"`
	}
	if data, err := os.ReadFile(out("r2.manifest.json")); err != nil || json.Unmarshal(data, &manifest) != nil {
		t.Fatalf("manifest: %v", err)
	}
	if manifest.Counts.ByStatus["revoke not carried out"] != 1 || manifest.Counts.RevokedAndVerified != 1 {
		t.Errorf("manifest counts %+v, want 1 revoke not carried out and 1 revoked and verified", manifest.Counts)
	}
	if _, ok := r2["stale-account carlos.ruiz"]; ok || len(r2) != 24 {
		t.Errorf("run 2 has %d findings, want 24, without carlos.ruiz's stale-account", len(r2))
	}
	if f := r2["admin-without-mfa mark.ellis"]; f.Status != "recurring" || *f.PreviousDecision != "Keep" || *f.PreviousComment != "break-glass, MFA ticket 4711" {
		t.Errorf("mark.ellis: %+v, want recurring with Keep and its comment", f)
	}
	wb := openWorkbook(t, out("r2.xlsx"))
	findings := readTable(t, wb, "Findings")
	heads, _ := wb.GetRows("Findings")
	if !slices.Equal(heads[0], layout.Findings(true)) {
		t.Errorf("Findings headers %q, want %q: Previous Decision and Previous Comment before Decision", heads[0], layout.Findings(true))
	}
	row, cells := findings.find(t, "Rule", "admin-without-mfa", "Entity", "mark.ellis")
	if findings.cell(cells, "Previous Decision") != "Keep" || findings.cell(cells, "Decision") != "" || findings.cell(cells, "Status") != "recurring" {
		t.Errorf("Findings row %d %q: want Previous Decision Keep, Decision blank for the reviewer to re-confirm", row, cells)
	}
	for _, h := range []string{"Previous Decision", "Previous Comment"} {
		ref, _ := excelize.CoordinatesToCellName(findings.head[h]+1, row)
		if kind := cellKindOf(t, wb, "Findings", ref); kind != "s" {
			t.Errorf("Findings %s (%s): cell kind %s, want text", h, ref, kind)
		}
	}
	resolved := readTable(t, wb, "Resolved")
	if rs, _ := wb.GetRows("Resolved"); !slices.Equal(rs[0], layout.ResolvedHeaders) {
		t.Errorf("Resolved headers %q", rs[0])
	}
	if len(resolved.rows) != 1 {
		t.Fatalf("Resolved lists %d findings, want carlos.ruiz's only: %q", len(resolved.rows), resolved.rows)
	}
	got := resolved.rows[0]
	for h, want := range map[string]string{"Rule": "stale-account", "Entity": "carlos.ruiz", "Severity": "medium",
		"Source": "pra-prod", "Last Status": "new", "Decision": "Revoke", "Comment": "left in May", "Outcome": "revoked and verified",
		"Why": "rule stale-account ran on pra-prod and did not find it"} {
		if resolved.cell(got, h) != want {
			t.Errorf("Resolved %s %q, want %q", h, resolved.cell(got, h), want)
		}
	}
	for c := range got {
		ref, _ := excelize.CoordinatesToCellName(c+1, 2)
		if got[c] != "" && cellKindOf(t, wb, "Resolved", ref) != "s" {
			t.Errorf("Resolved %s: not text", ref)
		}
	}
	if !sheetHas(t, wb, "Summary", "Since the previous run") || !sheetHas(t, wb, "Summary", "Revokes decided and not carried out: 1") {
		t.Errorf("Summary has no deltas, or does not count the revoke not carried out")
	}
	// The revoke not carried out comes first on its reviewer's list; the
	// controls of credential removal count it.
	ctl := readTable(t, wb, "Controls")
	_, cc62 := ctl.find(t, "Framework", "SOC 2", "Control", "CC6.2")
	if got := ctl.cell(cc62, "Revokes Not Carried Out"); got != "1" {
		t.Errorf("Controls CC6.2 Revokes Not Carried Out %q, want 1", got)
	}
	csvHead, _ := os.ReadFile(out("r2.csv"))
	if !strings.Contains(string(csvHead), ",Status,Previous Decision,Previous Comment,Previous Reviewer,Previous Decided On,Decision,Comment,") {
		t.Errorf("CSV header lacks the previous columns: %.300s", csvHead)
	}

	// Planted again, compared with run 2: it reappears with the decision it
	// had; mark.ellis, not re-decided in run 2, keeps run 1's decision.
	if err := os.WriteFile(user, planted, 0o644); err != nil {
		t.Fatal(err)
	}
	run("--out", out("r3.xlsx"), "--json", out("r3.jsonl"), "--previous", out("r2.xlsx"))
	r3 := prevFindings(t, out("r3.jsonl"))
	if f := r3["stale-account carlos.ruiz"]; f.Status != "reappeared" || *f.PreviousDecision != "Revoke" || *f.PreviousComment != "left in May" {
		t.Errorf("carlos.ruiz: %+v, want reappeared with Revoke", f)
	}
	if f := r3["admin-without-mfa mark.ellis"]; f.Status != "recurring" || *f.PreviousDecision != "Keep" {
		t.Errorf("mark.ellis: %+v, want recurring, still with Keep", f)
	}
	if n := len(readTable(t, openWorkbook(t, out("r3.xlsx")), "Resolved").rows); n != 0 {
		t.Errorf("run 3 Resolved lists %d, want none", n)
	}
}
