package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/campaign"
	"github.com/review-tool/review/internal/digest"
)

// splitRun runs the demo (the mixed fixture) with --split-by reviewer into
// a new folder and returns the folder and the JSON Lines findings' path.
func splitRun(t *testing.T, extra ...string) (outDir, jsonl, xlsx string) {
	t.Helper()
	dir := t.TempDir()
	outDir = filepath.Join(dir, "reviews")
	if err := os.Mkdir(outDir, 0o755); err != nil {
		t.Fatal(err)
	}
	xlsx, jsonl = filepath.Join(dir, "findings.xlsx"), filepath.Join(dir, "findings.jsonl")
	args := append([]string{"run", "--quiet", "--as-of", "2025-11-22", "--out", xlsx, "--json", jsonl,
		"--split-by", "reviewer", "--out-dir", outDir}, extra...)
	if code, msg := runCLI(t, append(args, fixtures[2].args...)...); code != exitOK {
		t.Fatalf("review run exited %d: %s", code, msg)
	}
	return outDir, jsonl, xlsx
}

// The demo split by reviewer: one workbook per reviewer, named after them,
// each holding exactly their findings with the full workbook's ids, in its
// order, each row's fingerprint in a hidden column; the Instructions sheet
// names the campaign of campaign.json; both sheets are protected with only
// the decision and sign-off cells open; and a second run on the same
// inputs writes the same bytes.
func TestSplitByReviewer(t *testing.T) {
	t.Parallel()
	outDir, jsonl, xlsx := splitRun(t, "--return-to", "iam-team@corp.example")
	findings := readJSONL(t, jsonl)
	byReviewer := map[string][]string{}
	for _, f := range findings {
		byReviewer[f.Reviewer] = append(byReviewer[f.Reviewer], f.ID)
	}
	if len(byReviewer) < 3 || byReviewer["unassigned"] == nil {
		t.Fatalf("the demo should have several reviewers and unassigned findings: %v", byReviewer)
	}
	fullIDs := columnOf(t, openWorkbook(t, xlsx), "Findings", "Finding ID")

	want := []string{campaign.FileName}
	for r := range byReviewer {
		want = append(want, r+".xlsx") // e-mail addresses are safe file names as they are
	}
	slices.Sort(want)
	if got := dirNames(t, outDir); !slices.Equal(got, want) {
		t.Fatalf("files in --out-dir:\n got %q\nwant %q", got, want)
	}

	var c struct {
		Campaign  string
		AsOf      string `json:"as_of"`
		Reviewers []struct {
			Name, File string
			Findings   int
		}
		Findings []struct{ ID, Fingerprint, Reviewer string }
	}
	data, err := os.ReadFile(filepath.Join(outDir, campaign.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	if len(c.Campaign) != 16 || c.AsOf != "2025-11-22" || len(c.Findings) != len(findings) || len(c.Reviewers) != len(byReviewer) {
		t.Errorf("campaign.json: campaign %q, as_of %q, %d findings (want %d), %d reviewers (want %d)",
			c.Campaign, c.AsOf, len(c.Findings), len(findings), len(c.Reviewers), len(byReviewer))
	}
	fingerprints := map[string]string{}
	for i, f := range c.Findings {
		fingerprints[f.ID] = f.Fingerprint
		if f.ID != findings[i].ID || f.Reviewer != findings[i].Reviewer {
			t.Errorf("campaign.json finding %d is %s of %s, want %s of %s", i, f.ID, f.Reviewer, findings[i].ID, findings[i].Reviewer)
		}
	}

	for _, rv := range c.Reviewers {
		t.Run(rv.Name, func(t *testing.T) {
			path := filepath.Join(outDir, rv.File)
			wb := openWorkbook(t, path)
			if got := wb.GetSheetList(); !slices.Equal(got, []string{"Instructions", "Findings"}) {
				t.Fatalf("sheets %q", got)
			}
			rows, err := wb.GetRows("Findings")
			if err != nil {
				t.Fatal(err)
			}
			head := rows[0]
			ids := columnOf(t, wb, "Findings", "Finding ID")
			if !slices.Equal(ids, byReviewer[rv.Name]) || rv.Findings != len(ids) {
				t.Errorf("finding ids %q, want the reviewer's %q", ids, byReviewer[rv.Name])
			}
			if !isSubsequence(ids, fullIDs) {
				t.Errorf("ids %q are not the full workbook's, in its order", ids)
			}
			// The hidden fingerprint matches the row's visible cells and
			// campaign.json.
			at := func(h string) int { return slices.Index(head, h) }
			fp := at("Fingerprint")
			if fp != len(head)-1 {
				t.Fatalf("Fingerprint is column %d of %q, want the last", fp+1, head)
			}
			col, _ := excelize.ColumnNumberToName(fp + 1)
			if visible, _ := wb.GetColVisible("Findings", col); visible {
				t.Errorf("Fingerprint column %s is visible", col)
			}
			for i, row := range rows[1:] {
				row = append(row, make([]string, len(head)-len(row))...)
				want := campaign.FingerprintOf(row[at("Finding ID")], row[at("Rule")], row[at("Source")],
					row[at("Entity Type")], row[at("Entity")], row[at("Detail")])
				if row[fp] != want || row[fp] != fingerprints[row[0]] {
					t.Errorf("row %d fingerprint %q, want %q (campaign.json %q)", i+2, row[fp], want, fingerprints[row[0]])
				}
			}
			instr := labelled(t, wb)
			for label, want := range map[string]string{
				"Campaign": c.Campaign, "Reviewer": rv.Name, "As of": "2025-11-22", "Findings": strconv.Itoa(len(ids)),
				"Return to": "iam-team@corp.example", "Signed off by": "", "Signed off on": "", "Statement": campaign.Statement,
			} {
				if got, ok := instr[label]; !ok || got.value != want {
					t.Errorf("Instructions %s = %q (found %v), want %q", label, got.value, ok, want)
				}
			}
			// Protection, read back as a user's program would see it.
			for _, part := range []string{"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"} {
				prot := regexp.MustCompile(`<sheetProtection [^>]*>`).Find(zipPart(t, path, part))
				if !bytes.Contains(prot, []byte(`sheet="true"`)) || bytes.Contains(prot, []byte("assword")) {
					t.Errorf("%s: protection %q, want the sheet protected without a password", part, prot)
				}
			}
			last := strconv.Itoa(len(rows))
			dec, _ := excelize.ColumnNumberToName(at("Decision") + 1)
			com, _ := excelize.ColumnNumberToName(at("Comment") + 1)
			for _, ref := range []string{dec + "2", com + "2", dec + last, com + last} {
				if cellLocked(t, wb, "Findings", ref) {
					t.Errorf("Findings!%s is locked: the reviewer cannot decide", ref)
				}
			}
			for _, ref := range []string{"A2", "L" + last, col + "2", dec + "1", com + strconv.Itoa(len(rows)+1)} {
				if !cellLocked(t, wb, "Findings", ref) {
					t.Errorf("Findings!%s can be edited", ref)
				}
			}
			for label, open := range map[string]bool{"Signed off by": true, "Signed off on": true, "Campaign": false, "Reviewer": false, "Statement": false} {
				if ref := "B" + strconv.Itoa(instr[label].row); cellLocked(t, wb, "Instructions", ref) == open {
					t.Errorf("Instructions %s (%s): editable %v, want %v", label, ref, !open, open)
				}
			}
		})
	}

	// campaign.json records the findings workbook written beside it, by
	// name and SHA-256: the workbook of the run, byte for byte.
	issued, err := campaign.LoadIssued(filepath.Join(outDir, campaign.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if want := (campaign.IssuedWorkbook{File: "findings.xlsx", SHA256: fileSHA256(t, xlsx)}); issued.FindingsWorkbook == nil || *issued.FindingsWorkbook != want {
		t.Errorf("campaign.json's findings workbook %+v, want %+v", issued.FindingsWorkbook, want)
	}

	// Run again on the same inputs: the same workbooks. The findings
	// workbook's Evidence names the run's own paths (its command line),
	// so campaign.json differs in that workbook's SHA-256 and its own
	// fingerprint, and in nothing else.
	again, _, againXLSX := splitRun(t, "--return-to", "iam-team@corp.example")
	for _, name := range want {
		a, _ := os.ReadFile(filepath.Join(outDir, name))
		b, _ := os.ReadFile(filepath.Join(again, name))
		if name == campaign.FileName {
			a = bytes.ReplaceAll(a, []byte(fileSHA256(t, xlsx)), []byte("SUM"))
			b = bytes.ReplaceAll(b, []byte(fileSHA256(t, againXLSX)), []byte("SUM"))
			fingerprint := regexp.MustCompile(`(?m)^  "fingerprint": .*$`)
			a, b = fingerprint.ReplaceAll(a, nil), fingerprint.ReplaceAll(b, nil)
		}
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs on the same inputs", name)
		}
	}
}

// fileSHA256 is the hex SHA-256 of a file's bytes.
func fileSHA256(t *testing.T, path string) string {
	t.Helper()
	sum, _, err := digest.File(path)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// campaign: return_to: in --config is what the workbooks say, unless
// --return-to is given.
func TestSplitReturnToFromConfig(t *testing.T) {
	t.Parallel()
	config := filepath.Join(t.TempDir(), "review.yaml")
	if err := os.WriteFile(config, []byte("campaign:\n  return_to: audit@corp.example\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	outDir, _, _ := splitRun(t, "--config", config)
	if got := labelled(t, openWorkbook(t, filepath.Join(outDir, "unassigned.xlsx")))["Return to"].value; got != "audit@corp.example" {
		t.Errorf("Return to %q, want the config file's", got)
	}
	outDir, _, _ = splitRun(t, "--config", config, "--return-to", "flag@corp.example")
	if got := labelled(t, openWorkbook(t, filepath.Join(outDir, "unassigned.xlsx")))["Return to"].value; got != "flag@corp.example" {
		t.Errorf("Return to %q, want --return-to's over the config file's", got)
	}
}

// Every mistake with --split-by, --out-dir and --return-to stops the run
// with exit 2 before anything is read, and nothing is written.
func TestSplitMistakes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	outDir := filepath.Join(dir, "reviews")
	os.Mkdir(outDir, 0o755)
	src := filepath.Join(dir, "src")
	os.Mkdir(src, 0o755)
	os.WriteFile(filepath.Join(dir, "afile"), []byte("x"), 0o644)
	// The folder of last quarter's campaign, with a reviewer this run may
	// not have: its workbook would be left there among the new ones.
	old := filepath.Join(dir, "q3")
	os.Mkdir(old, 0o755)
	os.WriteFile(filepath.Join(old, "campaign.json"), []byte("{}\n"), 0o644)
	os.WriteFile(filepath.Join(old, "karen.white@corp.example.xlsx"), []byte("x"), 0o644)
	misspelt := filepath.Join(dir, "review.yaml")
	os.WriteFile(misspelt, []byte("campaign:\n  retrun_to: x@corp.example\n"), 0o644)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"another way to split", []string{"--split-by", "manager", "--out-dir", outDir},
			`--split-by "manager": expected reviewer`},
		{"an empty way to split", []string{"--split-by", "", "--out-dir", outDir}, `--split-by "": expected reviewer`},
		{"a folder without --split-by", []string{"--out-dir", outDir}, "--out-dir holds the workbooks of --split-by: give --split-by reviewer too"},
		{"--split-by without a folder", []string{"--split-by", "reviewer"}, "give --out-dir DIR too"},
		{"--return-to without --split-by", []string{"--return-to", "x@corp.example"}, "--return-to is written on the workbooks of --split-by"},
		{"a folder inside a source", []string{"--split-by", "reviewer", "--out-dir", filepath.Join(src, "reviews")},
			"--out-dir " + filepath.Join(src, "reviews") + " is inside the source " + src + ", an input folder"},
		{"the source itself", []string{"--split-by", "reviewer", "--out-dir", src}, "--out-dir " + src + " names the source " + src + ", an input"},
		{"a folder that holds a source", []string{"--split-by", "reviewer", "--out-dir", dir},
			"--out-dir " + dir + " holds the source " + src + ", an input: name a folder of its own for the outputs"},
		{"a missing folder", []string{"--split-by", "reviewer", "--out-dir", filepath.Join(dir, "missing")}, "does not exist: create it first"},
		{"a file", []string{"--split-by", "reviewer", "--out-dir", filepath.Join(dir, "afile")}, "is a file: name a folder"},
		{"a folder of an earlier campaign", []string{"--split-by", "reviewer", "--out-dir", old},
			"--out-dir " + old + " already holds campaign.json, karen.white@corp.example.xlsx: name an empty folder"},
		{"a misspelt campaign setting", []string{"--split-by", "reviewer", "--out-dir", outDir, "--config", misspelt},
			"line 2: field retrun_to not found"},
		{"campaign.json is the manifest", []string{"--split-by", "reviewer", "--out-dir", outDir, "--manifest", filepath.Join(outDir, "campaign.json")},
			"--out-dir writes " + filepath.Join(outDir, "campaign.json") + ", which is also --manifest"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			xlsx := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".xlsx")
			// The source folder exists but is empty: a run that read it
			// would fail another way.
			code, msg := runCLI(t, append(append([]string{"run", "--quiet", "--out", xlsx}, tt.args...), src)...)
			if code != exitBadInput || !strings.Contains(msg, tt.want) {
				t.Errorf("exit %d, %q; want 2 and %q", code, msg, tt.want)
			}
			if _, err := os.Stat(xlsx); err == nil {
				t.Errorf("%s was written", xlsx)
			}
			if names := dirNames(t, outDir); len(names) > 0 {
				t.Errorf("--out-dir holds %q", names)
			}
		})
	}
}

// A reviewer's workbook that would land on another output (--out
// DIR/unassigned.xlsx) stops the run with exit 2 once the reviewers are
// known, and none of the outputs appears.
func TestSplitFileIsAnotherOutput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	xlsx, jsonl := filepath.Join(dir, "unassigned.xlsx"), filepath.Join(dir, "findings.jsonl")
	code, msg := runCLI(t, append([]string{"run", "--quiet", "--as-of", "2025-11-22", "--out", xlsx, "--json", jsonl,
		"--split-by", "reviewer", "--out-dir", dir}, fixtures[2].args...)...)
	if code != exitBadInput || !strings.Contains(msg, "--out-dir writes "+xlsx+", which is also --out") {
		t.Errorf("exit %d, %q", code, msg)
	}
	if names := dirNames(t, dir); len(names) > 0 {
		t.Errorf("a failed run left %q", names)
	}
}

// columnOf is the values of the column headed header on sheet.
func columnOf(t *testing.T, f *excelize.File, sheet, header string) []string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	at := slices.Index(rows[0], header)
	var out []string
	for _, r := range rows[1:] {
		out = append(out, r[at])
	}
	return out
}

// isSubsequence says every item of sub is in all, in the same order.
func isSubsequence(sub, all []string) bool {
	i := 0
	for _, s := range all {
		if i < len(sub) && sub[i] == s {
			i++
		}
	}
	return i == len(sub)
}

type labelledValue struct {
	value string
	row   int
}

// labelled reads the Instructions sheet as collect does: each value by the
// label beside it in column A.
func labelled(t *testing.T, f *excelize.File) map[string]labelledValue {
	t.Helper()
	rows, err := f.GetRows(campaign.SheetInstructions)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]labelledValue{}
	for i, r := range rows {
		if len(r) == 0 || r[0] == "" {
			continue
		}
		v := ""
		if len(r) > 1 {
			v = r[1]
		}
		out[r[0]] = labelledValue{v, i + 1}
	}
	return out
}

// cellLocked says the cell is locked under its sheet's protection: a style
// without a protection of its own is locked, as in Excel.
func cellLocked(t *testing.T, f *excelize.File, sheet, ref string) bool {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return st.Protection == nil || st.Protection.Locked
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// zipPart reads one part of the package at path.
func zipPart(t *testing.T, path, name string) []byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	rc, err := zr.Open(name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// A reviewer's workbook re-saved by LibreOffice (headless, as another
// program would save it) was opened without repair, and kept what collect
// relies on: both sheets protected, the Decision cells open and the
// others locked, the Fingerprint column hidden with its values. Needs
// LibreOffice (soffice); without it, this part is skipped with a message.
func TestSplitWorkbookSurvivesLibreOffice(t *testing.T) {
	t.Parallel()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice (LibreOffice) is not installed: the re-save of a reviewer's workbook is not checked")
	}
	outDir, _, _ := splitRun(t)
	src := filepath.Join(outDir, "unassigned.xlsx")
	resaved := t.TempDir()
	// A profile of its own: two LibreOffice processes on one profile wait
	// for each other or fail.
	profile := "-env:UserInstallation=file://" + filepath.ToSlash(t.TempDir())
	cmd := exec.Command(soffice, profile, "--headless", "--convert-to", "xlsx", "--outdir", resaved, src)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	path := filepath.Join(resaved, "unassigned.xlsx")
	wb := openWorkbook(t, path)
	for _, part := range []string{"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"} {
		if prot := regexp.MustCompile(`<sheetProtection [^>]*>`).Find(zipPart(t, path, part)); !bytes.Contains(prot, []byte(`sheet="true"`)) {
			t.Errorf("%s after LibreOffice: protection %q", part, prot)
		}
	}
	rows, err := wb.GetRows("Findings")
	if err != nil {
		t.Fatal(err)
	}
	head := rows[0]
	dec, _ := excelize.ColumnNumberToName(slices.Index(head, "Decision") + 1)
	fp, _ := excelize.ColumnNumberToName(slices.Index(head, "Fingerprint") + 1)
	if cellLocked(t, wb, "Findings", dec+"2") || !cellLocked(t, wb, "Findings", "A2") {
		t.Errorf("after LibreOffice: %s2 locked %v (want open), A2 locked %v (want locked)",
			dec, cellLocked(t, wb, "Findings", dec+"2"), cellLocked(t, wb, "Findings", "A2"))
	}
	if visible, _ := wb.GetColVisible("Findings", fp); visible {
		t.Errorf("after LibreOffice: the Fingerprint column %s is visible", fp)
	}
	orig := openWorkbook(t, src)
	if a, b := columnOf(t, orig, "Findings", "Fingerprint"), columnOf(t, wb, "Findings", "Fingerprint"); !slices.Equal(a, b) || len(a) == 0 {
		t.Errorf("fingerprints changed in the re-save:\n%q\n%q", a, b)
	}
	if got := labelled(t, wb)["Campaign"].value; got != labelled(t, orig)["Campaign"].value {
		t.Errorf("campaign id after LibreOffice %q", got)
	}
}

// A findings workbook sent to standard output is written after
// campaign.json (what goes there cannot be taken back): campaign.json
// does not record it, and collect's Campaign sheet says so.
func TestSplitFindingsWorkbookToStandardOutput(t *testing.T) {
	t.Parallel()
	outDir := t.TempDir()
	var stdout bytes.Buffer
	args := append([]string{"run", "--quiet", "--as-of", "2025-11-22", "--out", "-", "--split-by", "reviewer", "--out-dir", outDir}, fixtures[2].args...)
	if code, msg := runIn(t, env{stdout: &stdout}, args...); code != exitOK {
		t.Fatalf("review run exited %d: %s", code, msg)
	}
	if stdout.Len() == 0 {
		t.Fatal("no findings workbook on standard output")
	}
	data, err := os.ReadFile(filepath.Join(outDir, campaign.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte(`"findings_workbook"`)) {
		t.Errorf("campaign.json records a findings workbook that went to standard output")
	}
}
