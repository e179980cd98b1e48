package xlsx

import (
	"fmt"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/model"
)

// controlsReview is a review with two sources, three rules mapped to three
// controls (one mapped to nothing), findings open and excepted, and one
// rule that could not run on one source.
func controlsReview(previous bool) *model.Review {
	cc62 := model.ControlRef{Framework: "soc2", ID: "CC6.2"}
	pci := model.ControlRef{Framework: "pci-dss", ID: "8.2.6"}
	own := model.ControlRef{Framework: "Acme ITGC", ID: "IAM-04"}
	r := &model.Review{AsOf: "2025-11-22",
		Sources: []model.SourceSummary{{Name: "pra-prod", Product: "pra"}, {Name: "rs-prod", Product: "rs"}},
		Controls: []model.Control{
			{ControlRef: cc62, FrameworkName: "SOC 2", Title: "User registration and credential removal", DefinedIn: "built-in",
				Checks: []string{model.CheckRevokeNotDone}},
			{ControlRef: pci, FrameworkName: "PCI DSS v4.0", Title: "Inactive accounts disabled within 90 days", DefinedIn: "built-in"},
			{ControlRef: own, FrameworkName: "Acme ITGC", Title: "Leavers lose access in a day", DefinedIn: "review.yaml:4"},
		},
		Rules: []model.RuleInfo{
			{ID: "stale-account", Family: "stale-seats", Severity: model.Medium, Controls: []model.ControlRef{cc62, pci},
				Gaps: []model.Gap{{Source: "rs-prod", Missing: [][]string{{"user.last_authentication"}}}}},
			{ID: "terminated-user-enabled", Family: "stale-seats", Severity: model.High, Controls: []model.ControlRef{cc62}},
		},
		Findings: []model.Finding{
			{ID: "a1", Rule: "terminated-user-enabled", Family: "stale-seats", Severity: model.High, Source: "pra-prod", Entity: "jdoe", Status: model.StatusNew},
			{ID: "a2", Rule: "stale-account", Family: "stale-seats", Severity: model.Medium, Source: "pra-prod", Entity: "old1", Status: model.StatusExcepted},
			{ID: "a3", Rule: "stale-account", Family: "stale-seats", Severity: model.Medium, Source: "pra-prod", Entity: "old2", Status: model.StatusExceptionExpired},
		},
	}
	if previous {
		// Revoked last quarter, found again: open, and counted apart on the
		// controls the check evidences.
		r.Findings = append(r.Findings, model.Finding{ID: "a4", Rule: "terminated-user-enabled", Family: "stale-seats", Severity: model.High,
			Source: "rs-prod", Entity: "kept", Status: model.StatusRevokeNotDone, PreviousDecision: "Revoke"})
		r.Previous = &model.PreviousRun{Path: "last.xlsx", Format: "xlsx"}
		r.Resolved = []model.ResolvedFinding{
			{Finding: model.Finding{ID: "b1", Rule: "stale-account"}, Rechecked: true},
			// Not rechecked: its rule could not look again, so it is not
			// counted as resolved.
			{Finding: model.Finding{ID: "b2", Rule: "stale-account"}, Rechecked: false},
			{Finding: model.Finding{ID: "b3", Rule: "terminated-user-enabled"}, Rechecked: true},
		}
	}
	return r
}

// The Controls sheet has one row per control of the catalogue, in its
// order, before Evidence: the rules mapped to it, where each ran, findings
// open (an expired exception counts as open) and excepted, resolved only
// with --previous (n/a without, never 0), and the sources a rule could not
// run on, as text a filter finds.
func TestControlsSheet(t *testing.T) {
	_, f := writeTest(t, controlsReview(true))
	list := f.GetSheetList()
	if i := slices.Index(list, layout.SheetControls); i < 0 || list[i+1] != "Evidence" {
		t.Fatalf("sheets %q: want Controls right before Evidence", list)
	}
	got := rows(t, f, layout.SheetControls)
	want := [][]string{
		{"Framework", "Control", "Title", "Rules", "Ran On", "Open", "Excepted", "Resolved", "Revokes Not Carried Out", "Coverage", "Not Run", "Defined In"},
		{"SOC 2", "CC6.2", "User registration and credential removal", "stale-account; terminated-user-enabled",
			"stale-account: pra-prod; terminated-user-enabled: pra-prod, rs-prod", "3", "1", "2", "1", "partial",
			"stale-account on rs-prod: no Last Authentication column or field of the users", "built-in"},
		{"PCI DSS v4.0", "8.2.6", "Inactive accounts disabled within 90 days", "stale-account", "stale-account: pra-prod",
			"1", "1", "1", "", "partial", "stale-account on rs-prod: no Last Authentication column or field of the users", "built-in"},
		{"Acme ITGC", "IAM-04", "Leavers lose access in a day", "no rule evidences this control", "", "0", "0", "0", "",
			"not evidenced", "every rule ran on every source", "review.yaml:4"},
	}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("Controls:\n got %q\nwant %q", got, want)
	}
	// Counts are numbers, text is text.
	for _, c := range []struct {
		header string
		row    int
		want   excelize.CellType
	}{
		{"Open", 2, excelize.CellTypeUnset}, {"Excepted", 2, excelize.CellTypeUnset}, {"Resolved", 2, excelize.CellTypeUnset},
		{"Control", 3, excelize.CellTypeInlineString}, {"Coverage", 4, excelize.CellTypeInlineString},
	} {
		ref := colRef(t, f, layout.SheetControls, c.header, c.row)
		if typ, _ := f.GetCellType(layout.SheetControls, ref); typ != c.want {
			t.Errorf("%s!%s (%s): cell type %v, want %v", layout.SheetControls, ref, c.header, typ, c.want)
		}
	}
	// The Rules sheet names each rule's controls, as labels.
	rules := rows(t, f, "Rules")
	col := slices.Index(rules[0], "Controls")
	if col < 0 || rules[1][col] != "SOC 2 CC6.2; PCI DSS v4.0 8.2.6" || rules[2][col] != "SOC 2 CC6.2" {
		t.Errorf("Rules: Controls column %d: %q", col, rules)
	}
}

// Without --previous nothing was compared: Resolved says n/a, as text,
// where a 0 would claim that nothing was resolved.
func TestControlsResolvedWithoutPrevious(t *testing.T) {
	_, f := writeTest(t, controlsReview(false))
	// Nothing compared: the revokes of the check are n/a too, on the
	// control it evidences only.
	for row, want := range map[int]string{2: notCompared, 3: "", 4: ""} {
		ref := colRef(t, f, layout.SheetControls, "Revokes Not Carried Out", row)
		if v := cell(t, f, layout.SheetControls, ref); v != want {
			t.Errorf("%s!%s = %q, want %q", layout.SheetControls, ref, v, want)
		}
	}
	for row := 2; row <= 4; row++ {
		ref := colRef(t, f, layout.SheetControls, "Resolved", row)
		if v := cell(t, f, layout.SheetControls, ref); v != notCompared {
			t.Errorf("%s!%s = %q, want %q", layout.SheetControls, ref, v, notCompared)
		}
		if typ, _ := f.GetCellType(layout.SheetControls, ref); typ != excelize.CellTypeInlineString {
			t.Errorf("%s!%s: cell type %v, want text", layout.SheetControls, ref, typ)
		}
	}
}

// A catalogue of 200,000 controls, every one mapped to both rules: one row
// per control, each naming both rules and counting both rules' findings,
// and the Rules sheet's labels naming each control. (Each control once
// scanned each rule's controls: quadratic, minutes at this size.)
func TestControlsManyMappings(t *testing.T) {
	const n = 200_000
	r := controlsReview(false)
	r.Controls = make([]model.Control, n)
	refs := make([]model.ControlRef, n)
	for i := range n {
		refs[i] = model.ControlRef{Framework: "acme", ID: fmt.Sprintf("C-%d", i)}
		r.Controls[i] = model.Control{ControlRef: refs[i], FrameworkName: "Acme", Title: "t", DefinedIn: "review.yaml"}
	}
	for i := range r.Rules {
		r.Rules[i].Controls = refs
	}
	rows := controlRows(r)
	if len(rows) != n {
		t.Fatalf("%d rows, want %d", len(rows), n)
	}
	for _, i := range []int{0, n - 1} {
		row := rows[i]
		if row[1] != fmt.Sprintf("C-%d", i) || row[3] != "stale-account; terminated-user-enabled" || row[5] != 2 || row[6] != 1 {
			t.Errorf("row %d: %v, want C-%d evidenced by both rules, 2 open, 1 excepted", i, row, i)
		}
	}
	labels := model.ControlLabels(refs, r.Controls)
	if labels[0] != "Acme C-0" || labels[n-1] != fmt.Sprintf("Acme C-%d", n-1) {
		t.Errorf("labels %q … %q", labels[0], labels[n-1])
	}
}

// A rule that ran nowhere because it applies to no source read (a Password
// Safe rule on PRA and RS exports) is said under Not Run, so that "Ran On:
// nowhere" is not beside "every rule ran on every source"; it is no gap in
// coverage.
func TestControlsSayWhatAppliesNowhere(t *testing.T) {
	r := controlsReview(false)
	own := r.Controls[2].ControlRef
	r.Rules = append(r.Rules, model.RuleInfo{ID: "password-safe-self-approval", Family: "account-hygiene", Severity: model.Medium,
		Controls: []model.ControlRef{own}, NotApplicable: []string{"pra-prod", "rs-prod"}})
	rows := controlRows(r)
	got := rows[2]
	if ran, notRun := got[4], got[10]; ran != text("password-safe-self-approval: nowhere") ||
		notRun != text("password-safe-self-approval: applies to no source read") {
		t.Errorf("Ran On %v, Not Run %v: want nowhere, and that it applies to no source read", ran, notRun)
	}
	if cov := got[9]; cov != text(coverageNotEvidenced) {
		t.Errorf("Coverage %v, want %q: no rule that evidences it ran", cov, coverageNotEvidenced)
	}
}
