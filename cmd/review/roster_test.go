package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

const mixedRoster = "../../fixtures/mixed/roster.csv"

// mixedArgs runs the mixed fixture with roster as its roster.
func mixedArgs(dir, roster string) []string {
	return []string{"run", "--quiet", "--as-of", "2025-11-22", "--out", filepath.Join(dir, "findings.xlsx"),
		"--json", filepath.Join(dir, "findings.jsonl"), "--roster", roster, "--licenses", "../../fixtures/mixed/licenses.csv",
		"../../fixtures/mixed/pra", "../../fixtures/mixed/rs"}
}

// findingLines are a run's findings as expected.tsv writes them, sorted.
func findingLines(t *testing.T, jsonl string) []string {
	var got []string
	for _, f := range readJSONL(t, jsonl) {
		got = append(got, strings.Join([]string{f.Rule, f.Source, f.EntityType, f.Entity}, "\t"))
	}
	sort.Strings(got)
	return got
}

// rosterWorkbook writes the mixed roster as a workbook (sheet "HR") whose
// status cell of row 5 (Chloe Martin, terminated) is the formula given,
// with no stored value, as a script would write it; her termination date
// is left out, so that only the status tells.
func rosterWorkbook(t *testing.T, dir, statusFormula string) string {
	t.Helper()
	fh, err := os.Open(mixedRoster)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	recs, err := csv.NewReader(fh).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "HR")
	for r, rec := range recs {
		row := make([]any, len(rec))
		for i, v := range rec {
			if r != 4 || i != 5 && i != 6 { // F5 gets the formula alone; G5 is left empty
				row[i] = v
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := f.SetSheetRow("HR", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	if recs[4][3] != "chloe.martin@corp.example" || recs[0][5] != "Employee Access Status" {
		t.Fatalf("the fixture's roster moved: %v", recs[4])
	}
	if err := f.SetCellFormula("HR", "F5", statusFormula); err != nil {
		t.Fatal(err)
	}
	if v, err := f.GetCellValue("HR", "F5", excelize.Options{RawCellValue: true}); err != nil || v != "" {
		t.Fatalf("F5 stores a value: %q, %v", v, err)
	}
	path := filepath.Join(dir, "roster.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRosterWorkbookWithFormulaStatus(t *testing.T) {
	t.Parallel()
	// Computed, the status still says terminated: the same findings as
	// from the CSV roster, Chloe's among them.
	dir := t.TempDir()
	roster := rosterWorkbook(t, dir, `IF(E5="Regular","termin"&"ated","active")`)
	if code, msg := runCLI(t, mixedArgs(dir, roster)...); code != exitOK {
		t.Fatalf("exit %d: %s", code, msg)
	}
	// Without her termination date her sessions cannot be compared with
	// her last day: expected.tsv without her session-after-termination.
	got := findingLines(t, filepath.Join(dir, "findings.jsonl"))
	var want []string
	for _, l := range readExpected(t, "../../fixtures/mixed/expected.tsv") {
		if !strings.HasPrefix(l, "session-after-termination\t") {
			want = append(want, l)
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings differ from expected.tsv\n%s", diffLines(want, got))
	}

	// A formula review cannot compute stops the run, naming the cell.
	dir = t.TempDir()
	roster = rosterWorkbook(t, dir, `NOSUCHFN(E5)`)
	code, msg := runCLI(t, mixedArgs(dir, roster)...)
	want1 := roster + `:5:6: found sheet "HR" cell F5: a formula without a stored value, =NOSUCHFN(E5), that cannot be computed here`
	if code != exitBadInput || !strings.Contains(msg, want1) {
		t.Fatalf("exit %d: %s\nwant %d and %s", code, msg, exitBadInput, want1)
	}
	for _, out := range []string{"findings.xlsx", "findings.jsonl"} {
		if _, err := os.Stat(filepath.Join(dir, out)); !os.IsNotExist(err) {
			t.Errorf("%s written after bad input", out)
		}
	}
}

func TestRehiredPersonCountsAsActive(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile(mixedRoster)
	if err != nil {
		t.Fatal(err)
	}
	const terminated = "E1004,Chloe,Martin,chloe.martin@corp.example,Regular,terminated,2025-10-15,anna.schmidt@corp.example,IT Operations\n"
	const rehired = "E2004,Chloe,Martin,Chloe.Martin@corp.example,Regular,active,,anna.schmidt@corp.example,IT Operations\n"
	if !strings.Contains(string(b), terminated) {
		t.Fatal("the fixture's roster moved")
	}
	var want []string // expected.tsv without Chloe's terminated findings and sessions after
	for _, l := range readExpected(t, "../../fixtures/mixed/expected.tsv") {
		if !strings.HasSuffix(l, "\tchloe.martin") || !strings.HasPrefix(l, "terminated-user-enabled\t") && !strings.HasPrefix(l, "session-after-termination\t") {
			want = append(want, l)
		}
	}
	for _, tt := range []struct {
		name, roster, lines string
	}{
		// The rehire row after the old one, and before it: the active row
		// counts either way.
		{"after", string(b) + rehired, "5 and 19"},
		{"before", strings.Replace(string(b), terminated, rehired+terminated, 1), "5 and 6"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			roster := filepath.Join(dir, "roster.csv")
			if err := os.WriteFile(roster, []byte(tt.roster), 0o644); err != nil {
				t.Fatal(err)
			}
			if code, msg := runCLI(t, mixedArgs(dir, roster)...); code != exitOK {
				t.Fatalf("exit %d: %s", code, msg)
			}
			got := findingLines(t, filepath.Join(dir, "findings.jsonl"))
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("findings:\n%s", diffLines(want, got))
			}
			// The Evidence sheet says so.
			f, err := excelize.OpenFile(filepath.Join(dir, "findings.xlsx"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			rows, err := f.GetRows("Evidence")
			if err != nil {
				t.Fatal(err)
			}
			warning := roster + `: email "chloe.martin@corp.example" is on lines ` + tt.lines +
				` (a rehire?): the row not terminated on the as-of date counts, else the last of them`
			found := false
			for _, r := range rows {
				found = found || len(r) > 0 && r[0] == warning
			}
			if !found {
				t.Errorf("no warning %q on the Evidence sheet", warning)
			}
		})
	}
}
