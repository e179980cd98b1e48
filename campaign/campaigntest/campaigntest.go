// Package campaigntest builds a campaign's files as a test needs them:
// campaign.json and the workbooks reviewers send back, written from the
// contract between split and collect (docs/campaign.md) rather than by
// split, so that collect's tests say exactly what a returned workbook
// holds, edits included.
package campaigntest

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/campaign"
	"github.com/review-tool/review/internal/model"
)

// Findings are five findings for two reviewers and one for nobody, as a
// run would list them.
func Findings() []campaign.IssuedFinding {
	fs := []campaign.IssuedFinding{
		{Reviewer: "anna.schmidt@corp.example", Rule: "terminated-user-enabled", Family: "stale-seats", Severity: "high",
			Title: "Terminated user still enabled", Source: "pra-prod", Product: "pra", EntityType: "account",
			Entity: "jdoe@corp.example", DisplayName: "Jane Doe", Detail: "still enabled, but the roster marks the person as terminated",
			Evidence: map[string]any{"roster_status": "terminated", "account_id": json.Number("4711")}},
		{Reviewer: "anna.schmidt@corp.example", Rule: "stale-admin", Family: "admin-sprawl", Severity: "high",
			Title: "Stale administrator", Source: "pra-prod", Product: "pra", EntityType: "account",
			Entity: "=old.admin", Detail: "administrator, last authenticated 2025-01-02, 324 days before 2025-11-22",
			Evidence: map[string]any{"administrator": true, "days_since": json.Number("324")}},
		{Reviewer: "anna.schmidt@corp.example", Rule: "orphaned-group-policy", Family: "orphaned-groups", Severity: "low",
			Title: "Orphaned group policy", Source: "pra-prod", Product: "pra", EntityType: "group-policy",
			Entity: "PRA Admins", Detail: "no members (no user, no directory group)",
			Evidence: map[string]any{"members": json.Number("0")}},
		{Reviewer: "rahul.mehta@corp.example", Rule: "stale-account", Family: "stale-seats", Severity: "medium",
			Title: "Stale account", Source: "rs-prod", Product: "rs", EntityType: "account",
			Entity: "victor.lang", Detail: "last authenticated 2025-04-02, 234 days before 2025-11-22",
			Evidence: map[string]any{"days_since": json.Number("234")}},
		{Reviewer: "rahul.mehta@corp.example", Rule: "my-custom-rule", Family: "account-hygiene", Severity: "medium",
			Title: "Custom check", Source: "rs-prod", Product: "rs", EntityType: "account",
			Entity: "svc.backup", Detail: "shared service account",
			Evidence: map[string]any{}},
		{Reviewer: "unassigned", Rule: "license-over-assigned", Family: "stale-seats", Severity: "high",
			Title: "License over-assigned", Source: "pra-prod", Product: "pra", EntityType: "product",
			Entity: "pra", Detail: "10 enabled accounts on pra, 2 more than the 8 named seats",
			Evidence: map[string]any{"sources": []any{"pra-prod"}}},
	}
	for i := range fs {
		fs[i].ID = model.FindingID(fs[i].Rule, fs[i].Source, fs[i].EntityType, fs[i].Entity)
	}
	Seal(fs)
	return fs
}

// Seal sets each finding's fingerprint from its facts, as split does.
func Seal(fs []campaign.IssuedFinding) {
	for i := range fs {
		f := &fs[i]
		f.Fingerprint = campaign.Fingerprint(&model.Finding{ID: f.ID, Rule: f.Rule, Source: f.Source,
			EntityType: f.EntityType, Entity: f.Entity, Detail: f.Detail})
	}
}

// WriteCampaign writes dir/campaign.json for findings under campaign id.
func WriteCampaign(t testing.TB, dir, id string, findings []campaign.IssuedFinding) string {
	t.Helper()
	c := campaign.Issued{ID: id, AsOf: "2025-11-22", RulesDigest: "sha256:test", Findings: findings}
	count := map[string]int{}
	for _, f := range findings {
		if count[f.Reviewer] == 0 {
			c.Reviewers = append(c.Reviewers, campaign.IssuedReviewer{Name: f.Reviewer})
		}
		count[f.Reviewer]++
	}
	for i := range c.Reviewers {
		r := &c.Reviewers[i]
		r.File, r.Findings = r.Name+".xlsx", count[r.Name]
	}
	var b bytes.Buffer
	if err := campaign.WriteIssued(&b, &c); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "campaign.json")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// Row is one Findings row of a returned workbook: the finding as sent, a
// decision and comment, and any edit a reviewer made to what they should
// not have edited.
type Row struct {
	campaign.IssuedFinding
	Decision, Comment string
	// EditDetail, when set, replaces the detail shown (tampering).
	EditDetail string
}

// Returned is a reviewer's workbook as it comes back.
type Returned struct {
	Campaign, Reviewer string
	SignedBy           string
	SignedOn           time.Time // zero: not signed
	Rows               []Row
}

// findingsHeaders are the full workbook's Findings columns, then the
// hidden Fingerprint.
var findingsHeaders = []string{"Finding ID", "Rule", "Family", "Severity", "Title", "Source", "Product",
	"Entity Type", "Entity", "Display Name", "Email", "Detail", "Remediation", "Reviewer", "Status",
	"Decision", "Comment", "Fingerprint"}

// WriteReturned writes r as a workbook at path: Instructions (labels in
// column A, values in B, the sign-off typed in as a reviewer would, the
// date as a date cell) and Findings with the Fingerprint column hidden.
func WriteReturned(t testing.TB, path string, r Returned) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", "Instructions"))
	labels := [][]any{{"Campaign", r.Campaign}, {"Reviewer", r.Reviewer}, {"As of", "2025-11-22"},
		{"Findings", len(r.Rows)}, {"Return to", "security@corp.example"}, {}, {"Keep", "the access stays"},
		{"Signed off by", r.SignedBy}, {"Signed off on", nil},
		{"Statement", "I have reviewed every finding in this workbook and my decisions are recorded above."}}
	for i, l := range labels {
		row := l
		must(f.SetSheetRow("Instructions", "A"+itoa(i+1), &row))
	}
	if !r.SignedOn.IsZero() {
		must(f.SetCellValue("Instructions", "B9", r.SignedOn))
	}
	_, err := f.NewSheet("Findings")
	must(err)
	hdr := make([]any, len(findingsHeaders))
	for i, h := range findingsHeaders {
		hdr[i] = h
	}
	must(f.SetSheetRow("Findings", "A1", &hdr))
	for i, row := range r.Rows {
		detail := row.Detail
		if row.EditDetail != "" {
			detail = row.EditDetail
		}
		vals := []any{row.ID, row.Rule, row.Family, row.Severity, row.Title, row.Source, row.Product,
			row.EntityType, row.Entity, row.DisplayName, "", detail, "", row.Reviewer, "new",
			row.Decision, row.Comment, row.Fingerprint}
		for j, v := range vals {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+2)
			if s, _ := v.(string); s != "" {
				must(f.SetCellStr("Findings", cell, s))
			}
		}
	}
	must(f.SetColVisible("Findings", "R", false))
	must(f.SaveAs(path))
}

func itoa(n int) string {
	name, _ := excelize.CoordinatesToCellName(1, n)
	return name[1:]
}

// RowsOf are the findings of reviewer as undecided rows.
func RowsOf(findings []campaign.IssuedFinding, reviewer string) []Row {
	var rows []Row
	for _, f := range findings {
		if f.Reviewer == reviewer {
			rows = append(rows, Row{IssuedFinding: f})
		}
	}
	return rows
}

// Inflate rewrites the workbook at path with n spaces after the
// <sheetData> of every worksheet: a file that stays small on disk (deflate
// packs a MiB of spaces into about a KB) and expands to one run of text
// that excelize's XML decoder would hold whole, as a zip bomb does.
func Inflate(t testing.TB, path string, n int) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		part, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		text, err := io.ReadAll(part)
		part.Close()
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.Create(zf.Name)
		if err != nil {
			t.Fatal(err)
		}
		before, after, found := bytes.Cut(text, []byte("<sheetData>"))
		if !found || !strings.HasPrefix(zf.Name, "xl/worksheets/") {
			w.Write(text)
			continue
		}
		w.Write(append(before, "<sheetData>"...))
		spaces := bytes.Repeat([]byte(" "), 1<<20)
		for left := n; left > 0; left -= len(spaces) {
			w.Write(spaces[:min(left, len(spaces))])
		}
		w.Write(after)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
