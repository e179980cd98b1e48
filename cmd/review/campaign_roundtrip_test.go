package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/campaign"
)

// A decision a reviewer writes on the row of one finding, found by its
// source and entity.
type reviewerDecision struct {
	source, entity, decision, comment string
}

// fillReviewerWorkbook does what a reviewer does in their workbook: a
// decision and comment per named row, and the sign-off. It writes through
// excelize, which, like a reviewer pasting into a cell, ignores the
// sheet's protection.
func fillReviewerWorkbook(t *testing.T, path, signer string, decisions []reviewerDecision) {
	t.Helper()
	f := openWorkbook(t, path)
	rows, err := f.GetRows(campaign.SheetFindings)
	if err != nil {
		t.Fatal(err)
	}
	col := func(h string) string {
		i := slices.Index(rows[0], h)
		if i < 0 {
			t.Fatalf("%s: no %s column in %q", path, h, rows[0])
		}
		name, _ := excelize.ColumnNumberToName(i + 1)
		return name
	}
	src, ent := slices.Index(rows[0], "Source"), slices.Index(rows[0], "Entity")
	// A decision is taken on every finding of its account (a leaver's
	// terminated-user-enabled and session-after-termination alike).
	for _, d := range decisions {
		found := false
		for n, r := range rows[1:] {
			if len(r) <= ent || r[src] != d.source || r[ent] != d.entity {
				continue
			}
			found = true
			for h, v := range map[string]string{"Decision": d.decision, "Comment": d.comment} {
				if err := f.SetCellValue(campaign.SheetFindings, col(h)+strconv.Itoa(n+2), v); err != nil {
					t.Fatal(err)
				}
			}
		}
		if !found {
			t.Fatalf("%s: no row for %s %s", path, d.source, d.entity)
		}
	}
	labels := labelled(t, f)
	if err := f.SetCellValue(campaign.SheetInstructions, "B"+strconv.Itoa(labels[campaign.LabelSignedOffBy].row), signer); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue(campaign.SheetInstructions, "B"+strconv.Itoa(labels[campaign.LabelSignedOffOn].row), time.Date(2025, 11, 28, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

// editDetail changes the Detail of the row of one entity, as a reviewer
// who unprotects the sheet and "corrects" a finding would, and returns the
// row's number.
func editDetail(t *testing.T, path, entity string) int {
	t.Helper()
	f := openWorkbook(t, path)
	rows, _ := f.GetRows(campaign.SheetFindings)
	ent, det := slices.Index(rows[0], "Entity"), slices.Index(rows[0], "Detail")
	n := slices.IndexFunc(rows, func(r []string) bool { return len(r) > ent && r[ent] == entity })
	if n < 1 || det < 0 {
		t.Fatalf("%s: no row for %s", path, entity)
	}
	ref, _ := excelize.CoordinatesToCellName(det+1, n+1)
	if err := f.SetCellValue(campaign.SheetFindings, ref, rows[n][det]+" (but the account is needed)"); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	return n + 1
}

// resaveWithLibreOffice converts path to .xlsx with LibreOffice headless,
// as a reviewer who works in LibreOffice returns it, and puts the result
// in its place. Without LibreOffice, only this step is skipped, said in
// the test log; the workbook then goes back as excelize wrote it.
func resaveWithLibreOffice(t *testing.T, path string) {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Logf("SKIP part: soffice (LibreOffice) is not installed: %s is returned as written, not re-saved by LibreOffice", filepath.Base(path))
		return
	}
	out := t.TempDir()
	profile := "-env:UserInstallation=file://" + filepath.ToSlash(t.TempDir())
	if msg, err := exec.Command(soffice, profile, "--headless", "--convert-to", "xlsx", "--outdir", out, path).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	data, err := os.ReadFile(filepath.Join(out, filepath.Base(path)))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// The campaign end to end, on the demo: a review split by reviewer; Anna
// decides all her rows in LibreOffice (a re-save), Rahul leaves one row
// undecided, and the unassigned workbook comes back with a finding's
// detail edited. Collect refuses the edited row naming its file, sheet
// and row, and writes nothing; without that workbook it writes the revoke
// list, the missing row and the sign-offs, exits 1, and writes the same
// bytes when run again.
func TestCampaignRoundTrip(t *testing.T) {
	t.Parallel()
	outDir, _, findingsXLSX := splitRun(t)
	anna := filepath.Join(outDir, "anna.schmidt@corp.example.xlsx")
	rahul := filepath.Join(outDir, "rahul.mehta@corp.example.xlsx")
	unassigned := filepath.Join(outDir, "unassigned.xlsx")

	fillReviewerWorkbook(t, anna, "Anna Schmidt", []reviewerDecision{
		{"pra", "chloe.martin", "Revoke", "left on 2025-10-31"},
		{"rs", "chloe.martin", "revoke", "left on 2025-10-31"},
		{"pra", "david.levi", "Keep", "rehired 2025-11-03, HR record follows"},
	})
	resaveWithLibreOffice(t, anna)
	fillReviewerWorkbook(t, rahul, "Rahul Mehta", []reviewerDecision{
		{"rs", "ivan.petrov", "Revoke", "leaver"},
		{"rs", "peter.novak", "Modify", "move to the read-only group policy"},
	}) // victor.lang left undecided
	tamperedRow := editDetail(t, unassigned, "george.hill")

	results := t.TempDir()
	out, js := filepath.Join(results, "decisions.xlsx"), filepath.Join(results, "decisions.jsonl")
	code, msg := runCLI(t, "collect", "--out", out, "--json", js, outDir)
	want := unassigned + ": sheet Findings, row " + strconv.Itoa(tamperedRow) + ": finding "
	if code != exitBadInput || !strings.Contains(msg, want) || !strings.Contains(msg, "was changed (detail differs from the campaign)") {
		t.Fatalf("collect with an edited row: exit %d, want 2 naming %q:\n%s", code, want, msg)
	}
	if !strings.Contains(msg, "review collect: 1 problem in the returned workbooks (listed above): nothing written") {
		t.Errorf("collect's last line: want 1 problem, nothing written:\n%s", msg)
	}
	if entries, _ := os.ReadDir(results); len(entries) != 0 {
		t.Fatalf("collect wrote %v after refusing a changed row", entries)
	}

	// The unassigned workbook is sent again (not returned yet): collect
	// now checks the other two and lists what is missing.
	if err := os.Rename(unassigned, filepath.Join(t.TempDir(), "unassigned.xlsx")); err != nil {
		t.Fatal(err)
	}
	code, msg = runCLI(t, "collect", "--out", out, "--json", js, "--collected-on", "2025-12-01", outDir)
	if code != exitFindings {
		t.Fatalf("collect with decisions missing: exit %d, want 1:\n%s", code, msg)
	}
	wb := openWorkbook(t, out)
	if got := wb.GetSheetList(); !slices.Equal(got, []string{"Campaign", "Decisions", "Revoke", "Missing", "Sign-offs"}) {
		t.Errorf("sheets %q", got)
	}
	checkCampaignSheet(t, wb, filepath.Join(outDir, campaign.FileName), findingsXLSX, anna, rahul)
	revoke := readTable(t, wb, "Revoke")
	var lines []string
	for _, r := range revoke.rows {
		lines = append(lines, strings.Join([]string{revoke.cell(r, "Source"), revoke.cell(r, "Entity"), revoke.cell(r, "Action"),
			revoke.cell(r, "Instruction"), revoke.cell(r, "Reviewer")}, " | "))
	}
	// One line per finding revoked: chloe.martin's session after she
	// left asks for more than disabling her account.
	wantRevoke := []string{
		"pra | chloe.martin | disable-account | /login > Users & Security > Users: disable chloe.martin, end its sessions and rotate the credentials used in them | anna.schmidt@corp.example",
		"pra | chloe.martin | disable-account | /login > Users & Security > Users: disable chloe.martin | anna.schmidt@corp.example",
		"rs | chloe.martin | disable-account | /login > Users & Security > Users: disable chloe.martin, end its sessions and rotate the credentials used in them | anna.schmidt@corp.example",
		"rs | chloe.martin | disable-account | /login > Users & Security > Users: disable chloe.martin | anna.schmidt@corp.example",
		"rs | ivan.petrov | disable-account | /login > Users & Security > Users: disable ivan.petrov | rahul.mehta@corp.example",
		"rs | peter.novak | modify | /login > Users & Security > Users: change account peter.novak as the comment says: move to the read-only group policy | rahul.mehta@corp.example",
	}
	if !slices.Equal(lines, wantRevoke) {
		t.Errorf("Revoke sheet:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(wantRevoke, "\n"))
	}

	missing := readTable(t, wb, "Missing")
	perReviewer := map[string][]string{}
	for _, r := range missing.rows {
		perReviewer[missing.cell(r, "Reviewer")] = append(perReviewer[missing.cell(r, "Reviewer")], missing.cell(r, "Entity"))
	}
	if got := perReviewer["rahul.mehta@corp.example"]; !slices.Equal(got, []string{"victor.lang"}) {
		t.Errorf("Missing for Rahul %q, want his undecided victor.lang", got)
	}
	if len(perReviewer["anna.schmidt@corp.example"]) != 0 || len(perReviewer["unassigned"]) != 5 {
		t.Errorf("Missing per reviewer %q: want nothing of Anna's and the 5 unassigned findings (not returned)", perReviewer)
	}

	signOffs := readTable(t, wb, "Sign-offs")
	_, annaRow := signOffs.find(t, "Reviewer", "anna.schmidt@corp.example")
	if signOffs.cell(annaRow, "Signed Off By") != "Anna Schmidt" || signOffs.cell(annaRow, "Decided") != "5" || signOffs.cell(annaRow, "Rows") != "5" {
		t.Errorf("Anna's sign-off %q", annaRow)
	}
	_, unRow := signOffs.find(t, "Reviewer", "unassigned")
	if unRow[len(unRow)-1] != "(not returned)" || signOffs.cell(unRow, "Rows") != "5" || signOffs.cell(unRow, "Decided") != "0" {
		t.Errorf("unassigned sign-off %q, want its 5 rows, none decided, (not returned)", unRow)
	}

	var actions []string
	data, err := os.ReadFile(js)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var l campaign.DecisionLine
		if err := json.Unmarshal([]byte(line), &l); err != nil {
			t.Fatalf("decisions.jsonl line %q: %v", line, err)
		}
		if l.Action != campaign.ActionNone {
			actions = append(actions, l.Source+" "+l.Entity+" "+l.Action+" "+l.Decision)
		}
	}
	if want := []string{"pra chloe.martin disable-account Revoke", "rs chloe.martin disable-account Revoke",
		"pra chloe.martin disable-account Revoke", "rs chloe.martin disable-account Revoke", "rs ivan.petrov disable-account Revoke", "rs peter.novak modify Modify"}; !slices.Equal(actions, want) {
		t.Errorf("decisions.jsonl %q, want %q", actions, want)
	}

	// Same returned workbooks, same bytes.
	first := map[string][]byte{}
	for _, p := range []string{out, js} {
		first[p], _ = os.ReadFile(p)
	}
	if code, msg := runCLI(t, "collect", "--out", out, "--json", js, "--allow-missing", "--collected-on", "2025-12-01", outDir); code != exitOK {
		t.Fatalf("collect --allow-missing: exit %d:\n%s", code, msg)
	}
	for p, b := range first {
		if again, _ := os.ReadFile(p); string(again) != string(b) {
			t.Errorf("%s differs between two collects of the same workbooks", filepath.Base(p))
		}
	}

	// Rahul's workbook given twice (the copy as sent beside the returned
	// one, say): collect says so.
	copyDir := t.TempDir()
	data, _ = os.ReadFile(rahul)
	if err := os.WriteFile(filepath.Join(copyDir, "rahul.xlsx"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	_, msg = runCLI(t, "collect", "--out", out, "--allow-missing", outDir, copyDir)
	if !strings.Contains(msg, "review collect: warning: 2 workbooks of rahul.mehta@corp.example (") {
		t.Errorf("collect does not warn of two workbooks of one reviewer:\n%s", msg)
	}
}

// checkCampaignSheet checks the decisions workbook's first sheet against
// the files of the round trip: the campaign.json read and the findings
// workbook it records, with the SHA-256 of the files themselves, and each
// returned workbook's SHA-256 as it lies on disk.
func checkCampaignSheet(t *testing.T, wb *excelize.File, campaignFile, findingsXLSX string, returned ...string) {
	t.Helper()
	rows, err := wb.GetRows("Campaign")
	if err != nil {
		t.Fatal(err)
	}
	value := map[string]string{}
	var books [][]string
	for i, r := range rows {
		switch {
		case len(r) >= 2 && len(books) == 0 && r[0] != "Returned Workbook":
			value[r[0]] = r[1]
		case len(r) > 0 && (r[0] == "Returned Workbook" || len(books) > 0):
			books = append(books, r)
		case len(r) > 0:
			t.Errorf("Campaign row %d: %q", i+1, r)
		}
	}
	issued, err := campaign.LoadIssued(campaignFile)
	if err != nil {
		t.Fatal(err)
	}
	for label, want := range map[string]string{
		"Campaign": issued.ID, "As of": "2025-11-22", "Collected on": "2025-12-01",
		"Campaign file": campaignFile, "Campaign file SHA-256": fileSHA256(t, campaignFile),
		"Findings workbook": filepath.Base(findingsXLSX), "Findings workbook SHA-256": fileSHA256(t, findingsXLSX),
	} {
		if value[label] != want {
			t.Errorf("Campaign sheet %s = %q, want %q", label, value[label], want)
		}
	}
	sums := map[string]string{}
	for _, r := range books[1:] {
		if len(r) > 1 {
			sums[r[0]] = r[1]
		}
	}
	for _, path := range returned {
		if sums[path] != fileSHA256(t, path) {
			t.Errorf("Campaign sheet: %s has SHA-256 %q, the file %s", path, sums[path], fileSHA256(t, path))
		}
	}
}
