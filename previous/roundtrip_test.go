package previous_test

import (
	"path/filepath"
	"testing"

	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/previous"
	"github.com/review-tool/review/reports"
)

// What the workbook writer writes, the reader reads: the Findings and
// Resolved sheets' headers are spelt in both packages, and this pins them
// together.
func TestReadsTheWorkbookReviewWrites(t *testing.T) {
	f := model.Finding{ID: "0123456789abcdef", Rule: "stale-account", Family: "stale-seats", Severity: model.Medium,
		Source: "pra", EntityType: "account", Entity: "bob", Reviewer: "m@x", Status: model.StatusRecurring,
		PreviousDecision: "Keep", PreviousComment: "service"}
	gone := model.Finding{ID: "fedcba9876543210", Rule: "orphaned-team", Family: "orphaned-groups", Severity: model.Low,
		Source: "rs", EntityType: "team", Entity: "Old", Status: model.StatusNew}
	r := &model.Review{AsOf: "2025-11-22", Findings: []model.Finding{f},
		Previous: &model.PreviousRun{Path: "before.xlsx", Format: "xlsx"},
		Resolved: []model.ResolvedFinding{{Finding: gone, Decision: "Revoke", Comment: "gone", Rechecked: false, Why: "source rs was not read this run"}}}
	path := filepath.Join(t.TempDir(), "last.xlsx")
	if err := reports.WriteWorkbook(path, r, ""); err != nil {
		t.Fatal(err)
	}
	run, err := previous.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(run.Findings) != 1 || len(run.Resolved) != 1 || len(run.Notes) != 0 {
		t.Fatalf("read %d findings, %d resolved, notes %q", len(run.Findings), len(run.Resolved), run.Notes)
	}
	got := run.Findings[0]
	// Nobody re-decided in that workbook: the decision it carried is the last.
	if got.ID != f.ID || got.Rule != f.Rule || got.Family != f.Family || got.Severity != f.Severity || got.Entity != f.Entity ||
		got.Reviewer != f.Reviewer || got.Status != f.Status || got.Decision != "Keep" || got.Comment != "service" {
		t.Errorf("finding %+v", got)
	}
	res := run.Resolved[0]
	if res.ID != gone.ID || res.Rule != gone.Rule || res.Status != model.StatusNew || res.Decision != "Revoke" ||
		res.Comment != "gone" || res.Outcome != model.OutcomeNotRechecked || res.Why != "source rs was not read this run" {
		t.Errorf("resolved %+v", res)
	}
}
