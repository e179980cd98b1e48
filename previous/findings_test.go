package previous

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/internal/inputerr"
	"github.com/review-tool/review/internal/model"
)

// writeBook writes a workbook with the given sheets, each a list of rows.
func writeBook(t *testing.T, sheets map[string][][]string, order ...string) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, name := range order {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sheets[name] {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if err := f.SetCellStr(name, cell, v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	p := filepath.Join(t.TempDir(), "last.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

const (
	idA = "aaaaaaaaaaaaaaaa"
	idB = "bbbbbbbbbbbbbbbb"
	idC = "cccccccccccccccc"
	idD = "dddddddddddddddd"
)

// A reviewer's workbook: columns in another order than review writes
// them, a column of their own, a blank line, a continuation sheet, and a
// Resolved sheet.
func TestLoadWorkbookByHeaderName(t *testing.T) {
	head := []string{"Status", "My notes", "Finding ID", "Rule", "Severity", "Source", "Entity Type", "Entity",
		"Previous Decision", "Previous Comment", "decision ", "Comment"}
	p := writeBook(t, map[string][][]string{
		"Summary": {{"BeyondTrust access review"}},
		"Findings": {head,
			{"new", "check", idA, "stale-account", "Medium", "pra", "account", "bob", "", "", "Revoke", "left in May"},
			{},
			{"recurring", "", idB, "admin-without-mfa", "high", "pra", "account", "eve", "Keep", "break-glass", "", ""},
		},
		"Findings (2)": {head,
			{"new", "", idC, "stale-account", "low", "rs", "account", "carl", "", "", "", ""},
			{"new", "", idA, "stale-account", "medium", "pra", "account", "bob", "", "", "Keep", "duplicate row"},
		},
		"Resolved": {{"Finding ID", "Rule", "Severity", "Source", "Entity Type", "Entity", "Last Status", "Decision", "Comment", "Outcome", "Why"},
			{idD, "orphaned-team", "medium", "rs", "team", "Old", "new", "Revoke", "gone", "Not re-checked", "source rs was not read this run"},
		},
	}, "Summary", "Findings", "Findings (2)", "Resolved")
	run, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if run.Format != "xlsx" || len(run.SHA256) != 64 || run.Bytes == 0 || run.Rows != 5 {
		t.Errorf("run %+v: want xlsx with its hash, size and 5 rows read", run)
	}
	var got []string
	for _, e := range run.Findings {
		got = append(got, strings.Join([]string{e.ID[:1], e.Rule, string(e.Severity), e.Source, e.Entity, e.Status, e.Decision, e.Comment}, "|"))
	}
	want := []string{
		"a|stale-account|medium|pra|bob|new|Revoke|left in May",
		// No decision taken this time: the one carried from the run before is the last.
		"b|admin-without-mfa|high|pra|eve|recurring|Keep|break-glass",
		"c|stale-account|low|rs|carl|new||",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(run.Resolved) != 1 || run.Resolved[0].Outcome != model.OutcomeNotRechecked || run.Resolved[0].Decision != "Revoke" || run.Resolved[0].Status != "new" {
		t.Errorf("resolved %+v", run.Resolved)
	}
	if info := run.Info(); info.Findings != 3 || info.Decided != 2 || len(info.Notes) != 0 {
		t.Errorf("info %+v: want 3 findings, 2 decided, no notes", info)
	}
	if in := run.Input(); in.Kind != "previous-findings" || in.Path != p || in.RowsRead != 5 {
		t.Errorf("input %+v", in)
	}
}

// A workbook without a Resolved sheet reads, and says what it lacks.
func TestLoadWorkbookWithoutResolved(t *testing.T) {
	p := writeBook(t, map[string][][]string{"Findings": {findingsRequired}}, "Findings")
	run, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(run.Findings) != 0 || run.Resolved != nil {
		t.Errorf("run %+v: want no findings and no Resolved list", run)
	}
	if len(run.Notes) != 1 || !strings.Contains(run.Notes[0], "has no Resolved sheet") {
		t.Errorf("notes %q", run.Notes)
	}
}

func TestLoadErrors(t *testing.T) {
	row := []string{idA, "stale-account", "pra", "account", "bob", "medium", "new"}
	empty := filepath.Join(t.TempDir(), "empty.jsonl")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	blankLines := filepath.Join(t.TempDir(), "blank.jsonl")
	if err := os.WriteFile(blankLines, []byte("\n\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, path, want string
	}{
		{"missing header", writeBook(t, map[string][][]string{"Findings": {{"Finding ID", "Rule", "Source", "Entity Type", "Entity", "Status"}}}, "Findings"),
			`sheet Findings has no column headed "Severity" in row 1, expected the headers Finding ID, Rule, Source, Entity Type, Entity, Severity, Status`},
		{"no Findings sheet", writeBook(t, map[string][][]string{"Accounts": {{"Source"}}}, "Accounts"),
			"no Findings sheet, expected a workbook written by review run"},
		{"empty sheet", writeBook(t, map[string][][]string{}, "Findings"), `sheet Findings is empty, expected the headers Finding ID, Rule, Source, Entity Type, Entity, Severity, Status in row 1`},
		{"bad id", writeBook(t, map[string][][]string{"Findings": {findingsRequired, append([]string{"x1"}, row[1:]...)}}, "Findings"),
			`sheet Findings, cell A2 (Finding ID): found "x1", expected a finding id (16 hex digits)`},
		{"bad severity", writeBook(t, map[string][][]string{"Findings": {findingsRequired, {idA, "r", "pra", "account", "bob", "urgent", "new"}}}, "Findings"),
			`sheet Findings, cell F2 (Severity): found "urgent", expected high, medium or low`},
		{"missing header on Resolved", writeBook(t, map[string][][]string{"Findings": {findingsRequired}, "Resolved": {findingsRequired}}, "Findings", "Resolved"),
			`sheet Resolved has no column headed "Outcome"`},
		{"bad outcome", writeBook(t, map[string][][]string{"Findings": {findingsRequired},
			"Resolved": {resolvedRequired, {idA, "r", "pra", "account", "bob", "low", "gone"}}}, "Findings", "Resolved"),
			`sheet Resolved, cell G2 (Outcome): found "gone", expected resolved, revoked and verified or not re-checked`},
		{"empty file", empty, "the file is empty"},
		{"blank lines only", blankLines, "no finding in the file, expected one JSON object per line"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Load(c.path)
			if err == nil {
				t.Fatal("loaded, want an error")
			}
			if !inputerr.Is(err) {
				t.Errorf("%v: not marked as the user's to fix", err)
			}
			if want := "--previous " + c.path; !strings.HasPrefix(err.Error(), want) {
				t.Errorf("error %q does not start with %q", err, want)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q, want it to contain %q", err, c.want)
			}
		})
	}
}
