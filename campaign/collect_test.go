package campaign_test

import (
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/review-tool/review/campaign"
	"github.com/review-tool/review/campaign/campaigntest"
	"github.com/review-tool/review/internal/model"
)

const (
	anna  = "anna.schmidt@corp.example"
	rahul = "rahul.mehta@corp.example"
)

// scenario is a campaign with two workbooks back: anna decided all three
// of her rows (one Revoke without its comment), rahul left one undecided,
// and the unassigned findings' workbook never came back.
type scenario struct {
	dir      string
	findings []campaign.IssuedFinding
	issued   *campaign.Issued
	files    []string
}

func newScenario(t *testing.T) *scenario {
	t.Helper()
	s := &scenario{dir: t.TempDir(), findings: campaigntest.Findings()}
	var err error
	if s.issued, err = campaign.LoadIssued(campaigntest.WriteCampaign(t, s.dir, "c0ffee0000000001", s.findings)); err != nil {
		t.Fatal(err)
	}
	a := campaigntest.RowsOf(s.findings, anna)
	a[0].Decision, a[0].Comment = "revoke", "left the company on 2025-10-15"
	a[1].Decision = "Revoke" // no comment: incomplete
	a[2].Decision = "KEEP"
	s.add(t, "anna.xlsx", campaigntest.Returned{Campaign: s.issued.ID, Reviewer: anna, Rows: a,
		SignedBy: "Anna Schmidt", SignedOn: time.Date(2025, 11, 28, 0, 0, 0, 0, time.UTC)})
	r := campaigntest.RowsOf(s.findings, rahul)
	r[1].Decision, r[1].Comment = "Revoke", "shared account, nobody owns it"
	s.add(t, "rahul.xlsx", campaigntest.Returned{Campaign: s.issued.ID, Reviewer: rahul, Rows: r})
	return s
}

func (s *scenario) add(t *testing.T, name string, r campaigntest.Returned) {
	t.Helper()
	path := filepath.Join(s.dir, name)
	campaigntest.WriteReturned(t, path, r)
	s.files = append(s.files, path)
}

func (s *scenario) collect(t *testing.T) *campaign.Result {
	t.Helper()
	var returned []*campaign.Returned
	for _, f := range s.files {
		r, err := campaign.ReadReturned(f)
		if err != nil {
			t.Fatal(err)
		}
		returned = append(returned, r)
	}
	res := campaign.Collect(s.issued, returned)
	res.CollectedOn = collectedOn
	return res
}

// collectedOn is the scenario's day of collection.
const collectedOn = "2025-12-01"

func TestCollectConsolidatesDecisions(t *testing.T) {
	s := newScenario(t)
	res := s.collect(t)
	if len(res.Refused) > 0 {
		t.Fatalf("refused: %q", res.Refused)
	}
	var got []string
	for _, e := range res.Entries {
		got = append(got, e.Entity+"="+e.Decision+"/"+e.Comment+"@"+filepath.Base(e.File))
	}
	want := []string{
		"jdoe@corp.example=Revoke/left the company on 2025-10-15@anna.xlsx",
		"=old.admin=Revoke/@anna.xlsx",
		"PRA Admins=Keep/@anna.xlsx",
		"victor.lang=/@.",
		"svc.backup=Revoke/shared account, nobody owns it@rahul.xlsx",
		"pra=/@.",
	}
	if !slices.Equal(got, want) {
		t.Errorf("decisions:\n got %q\nwant %q", got, want)
	}
	annaFile, rahulFile := s.files[0], s.files[1]
	var missing []string
	for _, e := range res.Missing() {
		missing = append(missing, e.Reviewer+" "+e.Entity+": "+e.Missing)
	}
	wantMissing := []string{
		anna + " =old.admin: Revoke without a comment in " + annaFile + ", sheet Findings, row 3",
		rahul + " victor.lang: no decision in " + rahulFile + ", sheet Findings, row 2",
		"unassigned pra: workbook not returned",
	}
	if !slices.Equal(missing, wantMissing) {
		t.Errorf("missing:\n got %q\nwant %q", missing, wantMissing)
	}
	if inc := res.Incomplete(); len(inc) != 1 || inc[0].Entity != "=old.admin" {
		t.Errorf("incomplete: %v, want only =old.admin", inc)
	}
	var signs []string
	for _, so := range res.SignOffs {
		signs = append(signs, strings.Join([]string{so.Reviewer, filepath.Base(so.File), strconv.Itoa(so.Rows), strconv.Itoa(so.Decided), so.SignedBy, so.SignedOn}, "|"))
	}
	// Decided counts complete decisions: anna's Revoke without a comment is not one.
	wantSigns := []string{anna + "|anna.xlsx|3|2|Anna Schmidt|2025-11-28", rahul + "|rahul.xlsx|2|1||", "unassigned|.|1|0||"}
	if !slices.Equal(signs, wantSigns) {
		t.Errorf("sign-offs:\n got %q\nwant %q", signs, wantSigns)
	}
}

func TestCollectRevokeList(t *testing.T) {
	res := newScenario(t).collect(t)
	var got []string
	for _, rm := range res.Removals() {
		got = append(got, rm.Source+" | "+rm.Action+" | "+rm.Instruction)
	}
	// The Revoke without a comment is not on the list: it is missing its
	// reason, and listed as such.
	want := []string{
		"pra-prod | disable-account | /login > Users & Security > Users: disable jdoe@corp.example",
		"rs-prod | review-manually | review account svc.backup by hand (rule my-custom-rule): shared service account",
	}
	if !slices.Equal(got, want) {
		t.Errorf("revoke list:\n got %q\nwant %q", got, want)
	}
}

func TestCollectRefusesEveryProblem(t *testing.T) {
	s := newScenario(t)
	// A third file: one detail edited, an id no campaign has, a decision
	// outside the four, and a decision that contradicts rahul's.
	r := campaigntest.RowsOf(s.findings, rahul)
	r[0].Decision, r[0].EditDetail = "Keep", "last authenticated yesterday"
	r[1].Decision, r[1].Comment = "Keep", "still needed"
	foreign := r[0]
	foreign.ID, foreign.EditDetail, foreign.Decision = "0123456789abcdef", "", "Keep"
	odd := campaigntest.RowsOf(s.findings, anna)[2]
	odd.Decision = "Delete"
	s.add(t, "edited.xlsx", campaigntest.Returned{Campaign: s.issued.ID, Reviewer: rahul, Rows: []campaigntest.Row{r[0], r[1], foreign}})
	s.add(t, "other.xlsx", campaigntest.Returned{Campaign: "badc0ffee0000000", Reviewer: anna,
		Rows: campaigntest.RowsOf(s.findings, anna)})
	s.add(t, "odd.xlsx", campaigntest.Returned{Campaign: s.issued.ID, Reviewer: anna, Rows: []campaigntest.Row{odd}})
	res := s.collect(t)
	edited, other, oddFile, rahulFile := s.files[2], s.files[3], s.files[4], s.files[1]
	f := s.findings
	want := []string{
		edited + ": sheet Findings, row 2: finding " + f[3].ID + " was changed (detail differs from the campaign)",
		edited + `: sheet Findings, row 4: finding "0123456789abcdef" is not in campaign c0ffee0000000001`,
		other + ": from campaign badc0ffee0000000, not c0ffee0000000001",
		oddFile + ": sheet Findings, row 2: finding " + f[2].ID + `: decision "Delete", expected Keep, Revoke, Modify, Accept risk`,
		"finding " + f[4].ID + ": conflicting decisions: Revoke in " + rahulFile + " (row 3), Keep in " + edited + " (row 3)",
	}
	if !slices.Equal(res.Refused, want) {
		t.Errorf("refused:\n got %q\nwant %q", res.Refused, want)
	}
}

func TestCollectSameDecisionTwiceIsOne(t *testing.T) {
	s := newScenario(t)
	r := campaigntest.RowsOf(s.findings, rahul)
	r[1].Decision = "revoke" // the same decision, without repeating the comment
	s.add(t, "rahul-again.xlsx", campaigntest.Returned{Campaign: s.issued.ID, Reviewer: rahul, Rows: r})
	res := s.collect(t)
	if len(res.Refused) > 0 {
		t.Fatalf("refused: %q", res.Refused)
	}
	if e := res.Entries[4]; e.Decision != "Revoke" || e.Comment != "shared account, nobody owns it" || e.File != s.files[1] {
		t.Errorf("entry = %s %q from %s, want Revoke with rahul's comment from %s", e.Decision, e.Comment, e.File, s.files[1])
	}
}

func TestCollectChangedFingerprint(t *testing.T) {
	s := newScenario(t)
	r := campaigntest.RowsOf(s.findings, "unassigned")
	r[0].Fingerprint = "0000000000000000"
	s.add(t, "unassigned.xlsx", campaigntest.Returned{Campaign: s.issued.ID, Reviewer: "unassigned", Rows: r})
	res := s.collect(t)
	want := s.files[2] + ": sheet Findings, row 2: finding " + r[0].ID + ` was changed (its Fingerprint "0000000000000000" differs from the campaign's ` + s.findings[5].Fingerprint + ")"
	if !slices.Equal(res.Refused, []string{want}) {
		t.Errorf("refused = %q, want %q", res.Refused, want)
	}
}

func TestLoadIssuedRefusesAnEditedCampaign(t *testing.T) {
	dir := t.TempDir()
	fs := campaigntest.Findings()
	fs[0].Detail = "edited"
	_, err := campaign.LoadIssued(campaigntest.WriteCampaign(t, dir, "c0ffee0000000001", fs))
	if err == nil || !strings.Contains(err.Error(), "finding "+fs[0].ID+" has fingerprint") || !strings.Contains(err.Error(), "the campaign file was changed") {
		t.Errorf("err = %v, want the edited finding named", err)
	}
}

func TestParseDecision(t *testing.T) {
	for in, want := range map[string]string{"keep": "Keep", " REVOKE ": "Revoke", "modify": "Modify", "accept RISK": "Accept risk"} {
		if got, ok := model.ParseDecision(in); !ok || got != want {
			t.Errorf("ParseDecision(%q) = %q, %v, want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "Delete", "Accept"} {
		if got, ok := model.ParseDecision(in); ok {
			t.Errorf("ParseDecision(%q) = %q, want none", in, got)
		}
	}
}

// A row the reviewer deleted is missing, and said to be deleted rather
// than the workbook not returned.
func TestCollectDeletedRow(t *testing.T) {
	s := newScenario(t)
	r := campaigntest.RowsOf(s.findings, rahul)
	r[1].Decision, r[1].Comment = "Revoke", "shared account, nobody owns it"
	s.files = s.files[:1]
	s.add(t, "rahul.xlsx", campaigntest.Returned{Campaign: s.issued.ID, Reviewer: rahul, Rows: r[1:]})
	res := s.collect(t)
	if e := res.Entries[3]; e.Missing != "no row in "+s.files[1]+": the row was deleted" {
		t.Errorf("victor.lang: missing %q, want the deleted row said", e.Missing)
	}
}

// A row copied intact from another reviewer's workbook is a decision on
// someone else's finding: refused, naming whose it is.
func TestCollectRowOfAnotherReviewer(t *testing.T) {
	s := newScenario(t)
	r := campaigntest.RowsOf(s.findings, anna)[:1]
	r[0].Decision, r[0].Comment = "Keep", "looks fine to me"
	s.add(t, "unassigned.xlsx", campaigntest.Returned{Campaign: s.issued.ID, Reviewer: "unassigned", Rows: r})
	res := s.collect(t)
	want := s.files[2] + ": sheet Findings, row 2: finding " + r[0].ID + " is " + anna + "'s to decide, not unassigned's (whose workbook this is)"
	if !slices.Contains(res.Refused, want) {
		t.Errorf("refused = %q, want %q among them", res.Refused, want)
	}
}
