package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/campaign"
	"github.com/review-tool/review/campaign/campaigntest"
)

const (
	collectAnna  = "anna.schmidt@corp.example"
	collectRahul = "rahul.mehta@corp.example"
)

// collectFolder writes a campaign and the workbooks back from anna (all
// decided) and rahul (one row undecided) into a new folder; edit changes
// the rows before they are written. The unassigned findings' workbook does
// not come back.
func collectFolder(t *testing.T, edit func(anna, rahul []campaigntest.Row)) (dir string, fs []campaign.IssuedFinding) {
	t.Helper()
	dir = t.TempDir()
	fs = campaigntest.Findings()
	campaigntest.WriteCampaign(t, dir, "c0ffee0000000001", fs)
	a, r := campaigntest.RowsOf(fs, collectAnna), campaigntest.RowsOf(fs, collectRahul)
	a[0].Decision, a[0].Comment = "Revoke", "left the company on 2025-10-15"
	a[1].Decision, a[1].Comment = "Modify", "keep the account, drop administrator"
	a[2].Decision = "Keep"
	r[1].Decision = "Accept risk"
	if edit != nil {
		edit(a, r)
	}
	signed := time.Date(2025, 11, 28, 0, 0, 0, 0, time.UTC)
	campaigntest.WriteReturned(t, filepath.Join(dir, "anna.xlsx"), campaigntest.Returned{Campaign: "c0ffee0000000001",
		Reviewer: collectAnna, SignedBy: "Anna Schmidt", SignedOn: signed, Rows: a})
	campaigntest.WriteReturned(t, filepath.Join(dir, "rahul.xlsx"), campaigntest.Returned{Campaign: "c0ffee0000000001",
		Reviewer: collectRahul, SignedBy: "Rahul Mehta", SignedOn: signed, Rows: r})
	return dir, fs
}

func TestCollectMissingDecisions(t *testing.T) {
	t.Parallel()
	dir, fs := collectFolder(t, nil)
	out, js := filepath.Join(t.TempDir(), "decisions.xlsx"), filepath.Join(t.TempDir(), "decisions.jsonl")
	code, msg := runCLI(t, "collect", "--out", out, "--json", js, "--collected-on", "2025-12-01", dir)
	if code != exitFindings {
		t.Fatalf("exit %d, want 1 for the undecided rows: %s", code, msg)
	}
	for _, want := range []string{
		"6 findings: 4 decided, 0 incomplete, 2 undecided; 2 to revoke or modify",
		"2 findings have no decision yet (Missing sheet, per reviewer); --allow-missing to accept that",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("stderr lacks %q:\n%s", want, msg)
		}
	}
	first, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("the decisions workbook was not written with decisions missing: %v", err)
	}
	missing := readTable(t, openWorkbook(t, out), "Missing")
	if len(missing.rows) != 2 || missing.cell(missing.rows[0], "Entity") != "victor.lang" ||
		missing.cell(missing.rows[0], "Why") != "no decision in "+filepath.Join(dir, "rahul.xlsx")+", sheet Findings, row 2" ||
		missing.cell(missing.rows[1], "Why") != "workbook not returned" {
		t.Errorf("Missing rows %q", missing.rows)
	}
	lines, _ := os.ReadFile(js)
	if n := strings.Count(string(lines), "\n"); n != len(fs) || strings.Count(string(lines), `"action":"disable-account"`) != 1 ||
		strings.Count(string(lines), `"action":"modify"`) != 1 {
		t.Errorf("decisions.jsonl has %d lines, want one per finding (%d), one Revoke and one Modify to act on:\n%s", n, len(fs), lines)
	}

	code, msg = runCLI(t, "collect", "--quiet", "--allow-missing", "--out", out, "--json", js, "--collected-on", "2025-12-01", dir)
	if code != exitOK || msg != "" {
		t.Fatalf("--allow-missing: exit %d, stderr %q; want 0 and nothing said", code, msg)
	}
	again, _ := os.ReadFile(out)
	if !bytes.Equal(first, again) {
		t.Error("the decisions workbook differs between two runs over the same files")
	}
}

// collectedOn is the Campaign sheet's Collected on, as shown, and the
// decisions workbook's creation date.
func collectedOn(t *testing.T, path string) (shown, created string) {
	t.Helper()
	f := openWorkbook(t, path)
	rows, err := f.GetRows("Campaign")
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 1 && r[0] == "Collected on" {
			shown = r[1]
			if raw, _ := f.GetCellValue("Campaign", fmt.Sprintf("B%d", i+1), excelize.Options{RawCellValue: true}); raw == shown {
				t.Errorf("Collected on %q is text, want a date cell", raw)
			}
		}
	}
	p, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	return shown, p.Created
}

// --collected-on is the day on the Campaign sheet and the workbook's
// creation date; without it, today (UTC). A value that is not a date
// YYYY-MM-DD from 1900 to 2200 is exit 2 naming the flag, before anything
// is read or written; a day before the campaign's as-of date is warned of.
func TestCollectCollectedOn(t *testing.T) {
	t.Parallel()
	dir, _ := collectFolder(t, nil)
	out := filepath.Join(t.TempDir(), "decisions.xlsx")
	if code, msg := runCLI(t, "collect", "--quiet", "--allow-missing", "--collected-on", "2025-12-01", "--out", out, dir); code != exitOK || msg != "" {
		t.Fatalf("exit %d, stderr %q", code, msg)
	}
	if shown, created := collectedOn(t, out); shown != "2025-12-01" || created != "2025-12-01T00:00:00Z" {
		t.Errorf("--collected-on 2025-12-01: Collected on %q, created %q", shown, created)
	}

	before := time.Now().UTC().Format(time.DateOnly)
	if code, msg := runCLI(t, "collect", "--quiet", "--allow-missing", "--out", out, dir); code != exitOK || msg != "" {
		t.Fatalf("without --collected-on: exit %d, stderr %q", code, msg)
	}
	after := time.Now().UTC().Format(time.DateOnly)
	if shown, created := collectedOn(t, out); (shown != before && shown != after) || created != shown+"T00:00:00Z" {
		t.Errorf("without --collected-on: Collected on %q, created %q; want today, %s", shown, created, after)
	}

	for value, want := range map[string]string{
		"2025/12/01": `review collect: --collected-on "2025/12/01": expected a date YYYY-MM-DD`,
		"yesterday":  `review collect: --collected-on "yesterday": expected a date YYYY-MM-DD`,
		"1899-12-31": "review collect: --collected-on 1899-12-31: expected a date from 1900-01-01 to 2200-12-31 (the day the decisions were collected, usually today)",
	} {
		bad := filepath.Join(t.TempDir(), "decisions.xlsx")
		code, msg := runCLI(t, "collect", "--allow-missing", "--collected-on", value, "--out", bad, dir)
		if code != exitBadInput || strings.TrimSpace(msg) != want {
			t.Errorf("--collected-on %s: exit %d, stderr %q; want 2 and %q", value, code, msg, want)
		}
		if _, err := os.Stat(bad); err == nil {
			t.Errorf("--collected-on %s: the decisions workbook was written", value)
		}
	}

	// campaigntest's campaign is as of 2025-11-22.
	code, msg := runCLI(t, "collect", "--quiet", "--allow-missing", "--collected-on", "2025-11-01", "--out", out, dir)
	if want := "review collect: warning: collected on 2025-11-01, before the campaign's as-of date 2025-11-22: is --collected-on (default today) right?"; code != exitOK || strings.TrimSpace(msg) != want {
		t.Errorf("collected before the as-of date: exit %d, stderr %q; want 0 and the warning %q", code, msg, want)
	}
}

func TestCollectIncompleteRevoke(t *testing.T) {
	t.Parallel()
	dir, fs := collectFolder(t, func(a, _ []campaigntest.Row) { a[0].Comment = "" })
	out := filepath.Join(t.TempDir(), "decisions.xlsx")
	code, msg := runCLI(t, "collect", "--allow-missing", "--out", out, dir)
	want := "review collect: " + filepath.Join(dir, "anna.xlsx") + ": sheet Findings, row 2: finding " + fs[0].ID + ": Revoke without a comment, which it needs"
	if code != exitFindings || !strings.Contains(msg, want) {
		t.Errorf("exit %d, want 1 even with --allow-missing, and stderr with %q:\n%s", code, want, msg)
	}
	revoke := readTable(t, openWorkbook(t, out), "Revoke")
	if len(revoke.rows) != 1 || revoke.cell(revoke.rows[0], "Action") != "modify" {
		t.Errorf("Revoke rows %q, want only the Modify: a Revoke without its reason waits on Missing", revoke.rows)
	}
}

// Tampering, a workbook of another campaign and a conflict are all
// listed, exit 2, and nothing is written.
func TestCollectRefusesTampering(t *testing.T) {
	t.Parallel()
	dir, fs := collectFolder(t, func(a, _ []campaigntest.Row) {
		a[2].EditDetail = "has members after all"
	})
	r := campaigntest.RowsOf(fs, collectRahul)
	r[1].Decision, r[1].Comment = "Revoke", "nobody owns it"
	campaigntest.WriteReturned(t, filepath.Join(dir, "rahul-resent.xlsx"), campaigntest.Returned{Campaign: "c0ffee0000000001", Reviewer: collectRahul, Rows: r})
	campaigntest.WriteReturned(t, filepath.Join(dir, "old.xlsx"), campaigntest.Returned{Campaign: "0ld0000000000000", Reviewer: collectRahul, Rows: r})
	outDir := t.TempDir()
	out, js := filepath.Join(outDir, "decisions.xlsx"), filepath.Join(outDir, "decisions.jsonl")
	code, msg := runCLI(t, "collect", "--out", out, "--json", js, dir)
	if code != exitBadInput {
		t.Fatalf("exit %d, want 2: %s", code, msg)
	}
	for _, want := range []string{
		filepath.Join(dir, "anna.xlsx") + ": sheet Findings, row 4: finding " + fs[2].ID + " was changed (detail differs from the campaign)",
		filepath.Join(dir, "old.xlsx") + ": from campaign 0ld0000000000000, not c0ffee0000000001",
		"finding " + fs[4].ID + ": conflicting decisions: Revoke in " + filepath.Join(dir, "rahul-resent.xlsx") +
			" (row 3), Accept risk in " + filepath.Join(dir, "rahul.xlsx") + " (row 3)",
		"3 problems in the returned workbooks (listed above): nothing written",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("stderr lacks %q:\n%s", want, msg)
		}
	}
	if entries, _ := os.ReadDir(outDir); len(entries) != 0 {
		t.Errorf("written after a refusal: %v", entries)
	}
}

func TestCollectNeedsOneCampaign(t *testing.T) {
	t.Parallel()
	dir, _ := collectFolder(t, nil)
	out := filepath.Join(t.TempDir(), "decisions.xlsx")
	code, msg := runCLI(t, "collect", "--out", out, filepath.Join(dir, "anna.xlsx"))
	if code != exitBadInput || !strings.Contains(msg, "no campaign.json among "+filepath.Join(dir, "anna.xlsx")) {
		t.Errorf("without campaign.json: exit %d, %s", code, msg)
	}
	other := t.TempDir()
	campaigntest.WriteCampaign(t, other, "feed000000000002", campaigntest.Findings())
	code, msg = runCLI(t, "collect", "--out", out, dir, other)
	if code != exitBadInput || !strings.Contains(msg, "two campaign files, "+filepath.Join(dir, "campaign.json")+" and "+filepath.Join(other, "campaign.json")) {
		t.Errorf("with two: exit %d, %s", code, msg)
	}
	broken := filepath.Join(dir, "broken.xlsx")
	if err := os.WriteFile(broken, []byte("not a zip"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, msg = runCLI(t, "collect", "--out", out, dir)
	if code != exitBadInput || !strings.Contains(msg, broken+": found a workbook that cannot be read (zip: not a valid zip file), expected an .xlsx workbook") {
		t.Errorf("a broken workbook: exit %d, %s", code, msg)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("written after bad usage")
	}
}

// A returned workbook is the reviewer's file and may be anything: one
// whose sheets expand to a run of whitespace excelize would hold whole (a
// zip bomb, small on disk) is refused quickly with exit 2 naming the file
// and the bound, within the same bounds review run reads workbooks with,
// and nothing is written. It once took 84 s and 7.4 GB.
func TestCollectRefusesAWorkbookBomb(t *testing.T) {
	t.Parallel()
	dir, _ := collectFolder(t, nil)
	anna := filepath.Join(dir, "anna.xlsx")
	campaigntest.Inflate(t, anna, 64<<20)
	out := filepath.Join(t.TempDir(), "decisions.xlsx")
	start := time.Now()
	code, msg := runCLI(t, "collect", "--out", out, dir)
	took := time.Since(start)
	want := "review collect: " + anna + ": found the part xl/worksheets/sheet"
	bound := ".xml, with more than 1 MiB of text between two tags, expected a workbook as a spreadsheet program writes it"
	if code != exitBadInput || !strings.Contains(msg, want) || !strings.Contains(msg, bound) {
		t.Errorf("exit %d, %q; want 2 and %q…%q", code, msg, want, bound)
	}
	if took > 20*time.Second {
		t.Errorf("refused after %v: the bound was not met early", took)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("written after a refusal")
	}
}

// No output of collect lands on one of its inputs or in a folder it
// reads: each is refused with exit 2 naming the output and the input
// before anything is read, and every input keeps its bytes. --out naming
// a returned workbook in the folder collected once overwrote it and
// passed its decisions over.
func TestCollectNeverWritesOverItsInputs(t *testing.T) {
	t.Parallel()
	dir, _ := collectFolder(t, nil)
	anna, rahul, camp := filepath.Join(dir, "anna.xlsx"), filepath.Join(dir, "rahul.xlsx"), filepath.Join(dir, "campaign.json")
	elsewhere := t.TempDir()
	link, hard := filepath.Join(elsewhere, "link.xlsx"), filepath.Join(elsewhere, "hard.xlsx")
	if err := os.Symlink(anna, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.Link(rahul, hard); err != nil {
		t.Skip("no hard links here:", err)
	}
	before := fileBytes(t, dir)
	out := filepath.Join(elsewhere, "decisions.xlsx")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"--out a returned workbook in the folder collected", []string{"--out", anna, dir},
			"--out " + anna + " is inside the folder " + dir + ", an input folder: review never writes where it reads"},
		{"--out a returned workbook given by name", []string{"--out", anna, camp, anna, rahul},
			"--out " + anna + " names the returned workbook " + anna + ", an input: review never writes over what it reads"},
		{"--json campaign.json", []string{"--out", out, "--json", camp, camp, anna},
			"--json " + camp + " names the campaign file " + camp + ", an input"},
		{"--out a new file in the folder collected", []string{"--out", filepath.Join(dir, "decisions.xlsx"), dir},
			"--out " + filepath.Join(dir, "decisions.xlsx") + " is inside the folder " + dir + ", an input folder"},
		{"--out a link to a returned workbook", []string{"--out", link, camp, anna},
			"--out " + link + " names the returned workbook " + anna + ", an input"},
		{"--out a hard link to a returned workbook", []string{"--out", hard, camp, rahul},
			"--out " + hard + " names the returned workbook " + rahul + ", an input"},
		{"--out a path through ..", []string{"--out", filepath.Join(elsewhere, "..", filepath.Base(dir), "anna.xlsx"), camp, anna},
			"names the returned workbook " + anna + ", an input"},
	}
	for _, tt := range tests {
		code, msg := runCLI(t, append([]string{"collect"}, tt.args...)...)
		if code != exitBadInput || !strings.Contains(msg, tt.want) {
			t.Errorf("%s: exit %d, %q; want 2 and %q", tt.name, code, msg, tt.want)
		}
	}
	if after := fileBytes(t, dir); after != before {
		t.Errorf("an input was changed:\nbefore %s\nafter  %s", before, after)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("%s was written after a refusal", out)
	}
}

// fileBytes is every file under dir with its contents' hash, to tell
// that a command left the folder as it was.
func fileBytes(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s:%x ", path, sha256.Sum256(data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}
