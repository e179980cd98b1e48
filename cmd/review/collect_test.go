package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
	code, msg := runCLI(t, "collect", "--out", out, "--json", js, dir)
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

	code, msg = runCLI(t, "collect", "--quiet", "--allow-missing", "--out", out, "--json", js, dir)
	if code != exitOK || msg != "" {
		t.Fatalf("--allow-missing: exit %d, stderr %q; want 0 and nothing said", code, msg)
	}
	again, _ := os.ReadFile(out)
	if !bytes.Equal(first, again) {
		t.Error("the decisions workbook differs between two runs over the same files")
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
	anna := filepath.Join(dir, "anna.xlsx")
	code, msg = runCLI(t, "collect", "--out", anna, dir, anna)
	if code != exitBadInput || !strings.Contains(msg, anna+" is both an input and --out: write the output elsewhere") {
		t.Errorf("--out an input: exit %d, %s", code, msg)
	}
	broken := filepath.Join(dir, "broken.xlsx")
	if err := os.WriteFile(broken, []byte("not a zip"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, msg = runCLI(t, "collect", "--out", out, dir)
	if code != exitBadInput || !strings.Contains(msg, broken+": not a readable workbook") {
		t.Errorf("a broken workbook: exit %d, %s", code, msg)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("written after bad usage")
	}
}

// The decisions workbook may be written into the folder collected: a
// second collect passes it over instead of reading it as a returned
// workbook.
func TestCollectIntoTheFolderItReads(t *testing.T) {
	t.Parallel()
	dir, _ := collectFolder(t, nil)
	out := filepath.Join(dir, "decisions.xlsx")
	for i := range 2 {
		if code, msg := runCLI(t, "collect", "--quiet", "--allow-missing", "--out", out, dir); code != exitOK {
			t.Fatalf("collect %d: exit %d: %s", i+1, code, msg)
		}
	}
}
