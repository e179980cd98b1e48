package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A finding deleted from campaign.json would vanish from collect's outputs
// without a word: collect refuses the edited file with exit 2, naming it,
// and writes nothing. The untouched file is collected (the workbooks as
// sent: every decision missing, exit 1).
func TestCollectRefusesAnEditedCampaignFile(t *testing.T) {
	t.Parallel()
	outDir, _, _ := splitRun(t)
	path := filepath.Join(outDir, "campaign.json")
	sent, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	results := t.TempDir()
	out := filepath.Join(results, "decisions.xlsx")
	if code, msg := runCLI(t, "collect", "--quiet", "--out", out, outDir); code != exitFindings {
		t.Fatalf("collect of the campaign as sent: exit %d, want 1 (decisions missing):\n%s", code, msg)
	}
	if err := os.Remove(out); err != nil {
		t.Fatal(err)
	}

	// Delete the first finding's object, as a text editor would.
	start := bytes.Index(sent, []byte("\n    {\n")) + 1
	next := bytes.Index(sent[start+1:], []byte("\n    {\n")) + start + 2
	edited := append(bytes.Clone(sent[:start]), sent[next:]...)
	if !json.Valid(edited) {
		t.Fatalf("the edit should leave valid JSON:\n%s", edited)
	}
	if err := os.WriteFile(path, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	code, msg := runCLI(t, "collect", "--quiet", "--out", out, outDir)
	want := path + " was changed after the split (its fingerprint does not match): use the file the split wrote"
	if code != exitBadInput || !strings.Contains(msg, want) {
		t.Errorf("collect with a finding deleted from campaign.json: exit %d, want 2 and %q:\n%s", code, want, msg)
	}
	if entries, _ := os.ReadDir(results); len(entries) != 0 {
		t.Errorf("collect wrote %v after refusing campaign.json", entries)
	}
}
