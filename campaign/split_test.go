package campaign

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/review-tool/review/internal/model"
)

func splitReview() *model.Review {
	return &model.Review{AsOf: "2025-11-22", RulesDigest: "abc", Findings: []model.Finding{
		{ID: "f1", Rule: "stale-account", Family: "stale-seats", Severity: model.High, Title: "Stale", Source: "pra",
			Product: "pra", EntityType: "account", Entity: "a@x", Detail: "d1", Reviewer: "zoe@x",
			Evidence: map[string]any{"user_id": 7, "days_since": 120}},
		{ID: "f2", Rule: "orphaned-group-policy", Reviewer: "", Entity: "PRA Admins"},
		{ID: "f3", Rule: "stale-account", Reviewer: "amy@x", Entity: "b@x"},
		{ID: "f4", Rule: "never-logged-in", Reviewer: "zoe@x", Entity: "c@x"},
	}}
}

func TestSplit(t *testing.T) {
	books := Split(splitReview())
	var got []string
	for _, b := range books {
		ids := ""
		for _, i := range b.Findings {
			ids += " " + splitReview().Findings[i].ID
		}
		got = append(got, b.Reviewer+" "+b.File+":"+ids)
	}
	want := []string{"amy@x amy@x.xlsx: f3", "unassigned unassigned.xlsx: f2", "zoe@x zoe@x.xlsx: f1 f4"}
	if !slices.Equal(got, want) {
		t.Errorf("Split:\n got %q\nwant %q", got, want)
	}
	if len(Split(&model.Review{})) != 0 {
		t.Error("a run without findings has workbooks")
	}
	// A revoke the reviewer decided last time and that is still there
	// comes first on their list; the rest stay in review order.
	r := splitReview()
	r.Findings = append(r.Findings, model.Finding{ID: "f5", Rule: "stale-account", Reviewer: "zoe@x", Entity: "d@x"})
	r.Findings[3].Status = model.StatusRevokeNotDone
	var zoe []string
	for _, i := range Split(r)[2].Findings {
		zoe = append(zoe, r.Findings[i].ID)
	}
	if got := strings.Join(zoe, " "); got != "f4 f1 f5" {
		t.Errorf("zoe's findings %s, want f4 (revoke not carried out) first, then f1 f5", got)
	}
}

func TestWriteFile(t *testing.T) {
	r := splitReview()
	var buf bytes.Buffer
	book := &IssuedWorkbook{File: "findings.xlsx", SHA256: strings.Repeat("ab", 32)}
	if err := WriteFile(&buf, r, Split(r), book); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasSuffix(out, "}\n") || !strings.HasPrefix(out, "{\n  \"as_of\": \"2025-11-22\",\n  \"campaign\": \""+CampaignID(r)+"\",\n") {
		t.Errorf("campaign file does not start with as_of and campaign, two-space indented, or lacks the newline:\n%s", out)
	}
	var c struct {
		FindingsWorkbook *IssuedWorkbook `json:"findings_workbook"`
		Reviewers        []struct {
			Name, File string
			Findings   int
		}
		Findings []struct {
			ID, Fingerprint, Reviewer string
			Evidence                  map[string]any
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &c); err != nil {
		t.Fatal(err)
	}
	if c.FindingsWorkbook == nil || *c.FindingsWorkbook != *book {
		t.Errorf("findings_workbook %+v, want %+v", c.FindingsWorkbook, book)
	}
	if len(c.Reviewers) != 3 || c.Reviewers[2].Name != "zoe@x" || c.Reviewers[2].File != "zoe@x.xlsx" || c.Reviewers[2].Findings != 2 {
		t.Errorf("reviewers: %+v", c.Reviewers)
	}
	if len(c.Findings) != 4 || c.Findings[0].ID != "f1" || c.Findings[3].ID != "f4" {
		t.Fatalf("findings not in review order: %+v", c.Findings)
	}
	if c.Findings[0].Fingerprint != Fingerprint(&r.Findings[0]) || c.Findings[0].Evidence["user_id"] != 7.0 {
		t.Errorf("finding f1: %+v", c.Findings[0])
	}
	if c.Findings[1].Reviewer != model.Unassigned || c.Findings[1].Evidence == nil {
		t.Errorf("a finding without reviewer or evidence: %+v", c.Findings[1])
	}
	// Every object's keys are sorted, the evidence's too: decoded into maps
	// and encoded again (which sorts map keys), the file is unchanged.
	var generic any
	if err := json.Unmarshal(buf.Bytes(), &generic); err != nil {
		t.Fatal(err)
	}
	var sorted bytes.Buffer
	enc := json.NewEncoder(&sorted)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(generic); err != nil {
		t.Fatal(err)
	}
	if sorted.String() != out {
		t.Errorf("keys are not sorted:\n%s", out)
	}
	var again bytes.Buffer
	if err := WriteFile(&again, r, Split(r), book); err != nil || !bytes.Equal(again.Bytes(), buf.Bytes()) {
		t.Error("the same review gave another campaign file")
	}
	// Not recorded (the workbook went to standard output): no key at all,
	// as in a campaign.json of a review before it was recorded.
	again.Reset()
	if err := WriteFile(&again, r, Split(r), nil); err != nil || strings.Contains(again.String(), "findings_workbook") {
		t.Errorf("campaign file without a findings workbook (%v):\n%s", err, again.String())
	}
}

// One reviewer written precomposed and decomposed ("é", "e" + U+0301) is
// one workbook, named and listed in NFC, as campaign.json lists each of
// their findings.
func TestSplitComparesReviewersInNFC(t *testing.T) {
	r := splitReview()
	r.Findings[0].Reviewer = "ren\u00e9@x"
	r.Findings[3].Reviewer = "rene\u0301@x"
	books := Split(r)
	if len(books) != 3 || books[1].Reviewer != "ren\u00e9@x" || books[1].File != "ren\u00e9@x.xlsx" || !slices.Equal(books[1].Findings, []int{0, 3}) {
		t.Fatalf("books %+v: want amy@x, then rené@x with f1 and f4, then unassigned", books)
	}
	var b bytes.Buffer
	if err := WriteFile(&b, r, books, nil); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "rene\u0301") {
		t.Errorf("campaign.json keeps the decomposed spelling:\n%s", b.String())
	}
}
