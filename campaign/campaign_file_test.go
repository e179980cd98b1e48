package campaign_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/review-tool/review/campaign"
	"github.com/review-tool/review/campaign/campaigntest"
)

// fingerprintLine is campaign.json's top-level fingerprint line.
var fingerprintLine = regexp.MustCompile(`(?m)^  "fingerprint": "([0-9a-f]{64})",\n`)

// The fingerprint is the SHA-256 of the file without its own line, as
// docs/campaign.md tells an auditor to check it; the file loads.
func TestCampaignFingerprintIsTheFileWithoutItsLine(t *testing.T) {
	path := campaigntest.WriteCampaign(t, t.TempDir(), "c0ffee0000000001", campaigntest.Findings())
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m := fingerprintLine.FindSubmatch(data)
	if m == nil {
		t.Fatalf("no top-level fingerprint line in\n%s", data)
	}
	sum := sha256.Sum256(fingerprintLine.ReplaceAll(data, nil))
	if got := hex.EncodeToString(sum[:]); got != string(m[1]) {
		t.Errorf("fingerprint %s, but the file without its line sums to %s", m[1], got)
	}
	c, err := campaign.LoadIssued(path)
	if err != nil {
		t.Fatal(err)
	}
	if c.Fingerprint != string(m[1]) || len(c.Findings) != 6 {
		t.Errorf("loaded fingerprint %q, %d findings", c.Fingerprint, len(c.Findings))
	}
}

// A campaign.json edited by hand is refused, naming the file: a finding
// deleted (its object cut out, as in a text editor), a reviewer renamed,
// the fingerprint line removed, the file re-indented by another tool.
func TestLoadIssuedRefusesAChangedFile(t *testing.T) {
	dir := t.TempDir()
	path := campaigntest.WriteCampaign(t, dir, "c0ffee0000000001", campaigntest.Findings())
	sent, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	changed := path + " was changed after the split (its fingerprint does not match): use the file the split wrote"
	noLine := path + " has no fingerprint line of its own content"
	// The second finding's object, from its opening brace to the next.
	start := bytes.Index(sent, []byte("\n    {\n")) + 1
	next := bytes.Index(sent[start+1:], []byte("\n    {\n")) + start + 2
	for name, c := range map[string]struct {
		edit func([]byte) []byte
		want string
	}{
		"a finding deleted": {func(b []byte) []byte { return append(b[:start:start], b[next:]...) }, changed},
		"a reviewer renamed": {func(b []byte) []byte {
			return bytes.Replace(b, []byte(`"name": "rahul.mehta@corp.example"`), []byte(`"name": "mallory@corp.example"`), 1)
		}, changed},
		"the fingerprint line removed": {func(b []byte) []byte { return fingerprintLine.ReplaceAll(b, nil) }, noLine},
		"re-indented":                  {func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n  "), []byte("\n\t")) }, noLine},
	} {
		p := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".json")
		if err := os.WriteFile(p, c.edit(bytes.Clone(sent)), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := campaign.LoadIssued(p)
		if want := strings.Replace(c.want, path, p, 1); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", name, err, want)
		}
	}
}
