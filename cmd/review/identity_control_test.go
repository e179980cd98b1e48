package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/review-tool/review/campaign"
)

// A reviewer's name with a NUL or a line break shows as U+FFFD in the
// workbook but was kept in campaign.json, so collect refused that
// reviewer's untouched workbook. A control character in any name is now
// refused as it is read, with its place: an owner in --config (line and
// column of the value), a username in a JSON export, and nothing is
// written.
func TestControlCharacterInANameIsRefused(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	copyTree(t, "../../fixtures/mixed", dir, map[string]func(string) string{
		"pra/user.json": replace(`"username": "ben.okafor"`, `"username": "ben.okafor\n"`),
	})
	config := filepath.Join(dir, "review.yaml")
	if err := os.WriteFile(config, []byte("owners:\n  pra: anna.schmidt@corp.example\n  rs: \"karen\\0white@corp.example\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "findings.xlsx")
	rs, pra := filepath.Join(dir, "rs"), filepath.Join(dir, "pra")
	code, msg := runCLI(t, "run", "--quiet", "--as-of", "2025-11-22", "--out", out, "--config", config, rs)
	want := config + `:3:7: owners: source "rs": found the owner "karen\x00white@corp.example" (U+0000 at character 6), expected a name without control characters`
	if code != exitBadInput || !strings.Contains(msg, want) {
		t.Errorf("owner with a NUL: exit %d, want 2 and %q:\n%s", code, want, msg)
	}
	code, msg = runCLI(t, "run", "--quiet", "--as-of", "2025-11-22", "--out", out, pra)
	want = filepath.Join(pra, "user.json") + `:3:13: found "ben.okafor\n" (U+000A at character 11) in field "username", expected a name without control characters`
	if code != exitBadInput || !strings.Contains(msg, want) {
		t.Errorf("username with a line break: exit %d, want 2 and %q:\n%s", code, want, msg)
	}
	code, msg = runCLI(t, "run", "--quiet", "--as-of", "2025-11-22", "--out", out, "--param", "default_reviewer=sec\tteam", rs)
	want = `--param default_reviewer: found "sec\tteam" (U+0009 at character 4), expected a name without control characters`
	if code != exitBadInput || !strings.Contains(msg, want) {
		t.Errorf("default reviewer with a tab: exit %d, want 2 and %q:\n%s", code, want, msg)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("%s written after a refused name", out)
	}
}

// One reviewer written in two forms, "rené" precomposed as the roster's
// manager and "rene" with a combining accent as --config's owner, is one
// reviewer: one workbook with both sets of findings, one name in the
// JSON Lines and campaign.json; and collect takes that workbook back
// untouched (decisions missing, exit 1, no refusal).
func TestOneReviewerInTwoUnicodeForms(t *testing.T) {
	t.Parallel()
	const nfc, nfd = "ren\u00e9.mehta@corp.example", "rene\u0301.mehta@corp.example"
	dir := t.TempDir()
	copyTree(t, "../../fixtures/mixed", dir, map[string]func(string) string{
		"roster.csv": func(s string) string { return strings.ReplaceAll(s, ",rahul.mehta@corp.example,", ","+nfc+",") },
	})
	config := filepath.Join(dir, "review.yaml")
	if err := os.WriteFile(config, []byte("owners:\n  pra: "+nfd+"\n  rs: "+nfd+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	outDir := filepath.Join(dir, "reviews")
	if err := os.Mkdir(outDir, 0o755); err != nil {
		t.Fatal(err)
	}
	jsonl := filepath.Join(dir, "findings.jsonl")
	code, msg := runCLI(t, "run", "--quiet", "--as-of", "2025-11-22", "--out", filepath.Join(dir, "findings.xlsx"), "--json", jsonl,
		"--config", config, "--split-by", "reviewer", "--out-dir", outDir,
		"--roster", filepath.Join(dir, "roster.csv"), "--licenses", filepath.Join(dir, "licenses.csv"),
		filepath.Join(dir, "pra"), filepath.Join(dir, "rs"))
	if code != exitFindings && code != exitOK {
		t.Fatalf("run exited %d: %s", code, msg)
	}
	var asManager, asOwner int
	for _, f := range readJSONL(t, jsonl) {
		if f.Reviewer == nfd {
			t.Fatalf("finding %s keeps the decomposed spelling of its reviewer", f.ID)
		}
		if f.Reviewer == nfc && f.Source == "rs" {
			asManager++ // rahul's reports are on rs
		}
		if f.Reviewer == nfc && f.Source == "pra" {
			asOwner++
		}
	}
	if asManager == 0 || asOwner == 0 {
		t.Fatalf("want findings of René both as manager and as owner: %d on rs, %d on pra", asManager, asOwner)
	}
	var rene []string
	for _, n := range dirNames(t, outDir) {
		if strings.HasPrefix(n, "ren") {
			rene = append(rene, n)
		}
	}
	if want := []string{nfc + ".xlsx"}; !slices.Equal(rene, want) {
		t.Errorf("René's workbooks: %q, want %q", rene, want)
	}
	c, err := campaign.LoadIssued(filepath.Join(outDir, campaign.FileName))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range c.Reviewers {
		if r.Name == nfc && r.Findings != asManager+asOwner {
			t.Errorf("campaign.json: René has %d findings, want %d", r.Findings, asManager+asOwner)
		}
	}
	code, msg = runCLI(t, "collect", "--quiet", "--out", filepath.Join(dir, "decisions.xlsx"),
		filepath.Join(outDir, campaign.FileName), filepath.Join(outDir, nfc+".xlsx"))
	if code != exitFindings || strings.Contains(msg, "not "+nfc) {
		t.Errorf("collect of René's untouched workbook: exit %d, want 1 (undecided), no refusal:\n%s", code, msg)
	}
}
