package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/review-tool/review/campaign"
	"github.com/review-tool/review/campaign/campaigntest"
)

// Next quarter's run reads last quarter's decisions workbook: decided
// findings recur with their decision as Previous Decision, an undecided
// one recurs with none.
func TestPreviousDecisionsWorkbook(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := "../../fixtures/pra-json/pra-prod"
	out := func(name string) string { return filepath.Join(dir, name) }
	args := []string{"run", "--quiet", "--as-of", "2025-11-22"}
	if code, msg := runCLI(t, append(args, "--out", out("q1.xlsx"), "--json", out("q1.jsonl"), src)...); code != exitOK {
		t.Fatalf("run 1 exited %d: %s", code, msg)
	}
	// The campaign of run 1, one reviewer for all its findings.
	data, err := os.ReadFile(out("q1.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var fs []campaign.IssuedFinding
	dec := json.NewDecoder(bytes.NewReader(data))
	for dec.More() {
		var f campaign.IssuedFinding
		if err := dec.Decode(&f); err != nil {
			t.Fatal(err)
		}
		f.Reviewer = "anna"
		fs = append(fs, f)
	}
	campaigntest.Seal(fs)
	campaignDir := filepath.Join(dir, "campaign")
	if err := os.Mkdir(campaignDir, 0o755); err != nil {
		t.Fatal(err)
	}
	campaigntest.WriteCampaign(t, campaignDir, "c0ffee0000000001", fs)
	rows := campaigntest.RowsOf(fs, "anna")
	decided := map[string][2]string{}
	for i := range rows {
		switch {
		case rows[i].Rule == "stale-account" && rows[i].Entity == "carlos.ruiz":
			rows[i].Decision, rows[i].Comment = "Revoke", "left in May"
		case rows[i].Rule == "admin-without-mfa" && rows[i].Entity == "mark.ellis":
			rows[i].Decision, rows[i].Comment = "Accept risk", "break-glass, MFA ticket 4711"
		case i%2 == 0:
			rows[i].Decision = "Keep"
		default:
			continue // undecided
		}
		decided[rows[i].Rule+" "+rows[i].Entity] = [2]string{rows[i].Decision, rows[i].Comment}
	}
	campaigntest.WriteReturned(t, filepath.Join(campaignDir, "anna.xlsx"), campaigntest.Returned{Campaign: "c0ffee0000000001", Reviewer: "anna", Rows: rows})
	if code, msg := runCLI(t, "collect", "--quiet", "--allow-missing", "--collected-on", "2025-12-05", "--out", out("decisions.xlsx"), "--json", out("decisions.jsonl"), campaignDir); code != exitOK {
		t.Fatalf("collect exited %d: %s", code, msg)
	}

	// The decisions carry forward from the workbook and from its JSON Lines
	// alike.
	for _, prev := range []string{"decisions.xlsx", "decisions.jsonl"} {
		if code, msg := runCLI(t, append(args, "--out", out("q2.xlsx"), "--json", out("q2.jsonl"), "--previous", out(prev), src)...); code != exitOK {
			t.Fatalf("run 2 with --previous %s exited %d: %s", prev, code, msg)
		}
		checkCarried(t, prev, prevFindings(t, out("q2.jsonl")), fs, decided)
		if prev != "decisions.xlsx" {
			continue
		}
		// Its as-of date is the campaign's, from the Campaign sheet
		// (campaign.SheetCampaign, campaign.LabelAsOf), not the day the
		// decisions were collected, which is the document's creation date.
		found := false
		for _, r := range sheetRows(t, out("q2.xlsx"), "Evidence") {
			if len(r) > 1 && r[0] == "Previous run" {
				found = strings.HasPrefix(r[1], out(prev)+" (xlsx, as of 2025-11-22): ")
				if !found {
					t.Errorf("Evidence's Previous run row %q, want the campaign's as-of date 2025-11-22", r[1])
				}
			}
		}
		if !found {
			t.Error("Evidence has no Previous run row")
		}
	}
}

// checkCarried checks that every finding recurs with the decision taken on
// it last quarter, and an undecided one with an empty one.
func checkCarried(t *testing.T, prev string, q2 map[string]prevFinding, fs []campaign.IssuedFinding, decided map[string][2]string) {
	t.Helper()
	if len(q2) != len(fs) || len(decided) < 3 || len(decided) == len(fs) {
		t.Fatalf("run 2 has %d findings, run 1 %d, %d decided: want the same findings, some decided, some not", len(q2), len(fs), len(decided))
	}
	for k, f := range q2 {
		want := decided[k]
		status := "recurring"
		if want[0] == "Revoke" && want[1] != "" {
			status = "revoke not carried out" // revoked last quarter, found again
		}
		if f.Status != status || f.PreviousDecision == nil || *f.PreviousDecision != want[0] || *f.PreviousComment != want[1] {
			t.Errorf("--previous %s, %s: status %q, previous %v %v; want %s with %q %q", prev, k, f.Status, f.PreviousDecision, f.PreviousComment, status, want[0], want[1])
		}
		// Who decided: the reviewer the campaign sent it to.
		if by := f.PreviousReviewer; want[0] != "" && (by == nil || *by != "anna") {
			t.Errorf("--previous %s, %s: previous_reviewer %v, want anna", prev, k, by)
		}
	}
}
