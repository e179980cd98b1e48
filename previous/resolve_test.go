package previous

import (
	"strings"
	"testing"

	"github.com/review-tool/review/internal/model"
)

func fnd(id, rule, source, entity string, sev model.Severity) model.Finding {
	return model.Finding{ID: id, Rule: rule, Source: source, EntityType: "account", Entity: entity, Severity: sev, Status: model.StatusNew}
}

// Found again: recurring with the decision; listed resolved and found
// again: reappeared with the decision it had; else new.
func TestCompareStatuses(t *testing.T) {
	run := &Run{
		Findings: []Entry{{Finding: fnd(idA, "stale-account", "pra", "bob", model.Medium), Decision: "Keep", Comment: "service"}},
		Resolved: []Entry{{Finding: fnd(idB, "stale-account", "pra", "eve", model.Medium), Decision: "Revoke", Comment: "gone", Outcome: model.OutcomeResolved}},
	}
	cur := []model.Finding{
		fnd(idA, "stale-account", "pra", "bob", model.Medium),
		fnd(idB, "stale-account", "pra", "eve", model.Medium),
		fnd(idC, "stale-account", "pra", "new.person", model.Medium),
	}
	resolved := Compare(run, cur, Coverage{Ran: map[string]map[string]bool{"stale-account": {"pra": true}}})
	want := []string{"recurring Keep service", "reappeared Revoke gone", "new  "}
	for i, f := range cur {
		if got := f.Status + " " + f.PreviousDecision + " " + f.PreviousComment; got != want[i] {
			t.Errorf("%s: %q, want %q", f.Entity, got, want[i])
		}
	}
	if len(resolved) != 0 {
		t.Errorf("resolved %+v, want none: every previous finding was found", resolved)
	}
}

// A previous finding not found is resolved only where this run could have
// found it; otherwise it is listed as not re-checked, saying why.
func TestCompareResolvedOnlyWhereRechecked(t *testing.T) {
	team := fnd("1111111111111111", "orphaned-team", "rs", "Old Team", model.Medium)
	team.EntityType = "team"
	run := &Run{Findings: []Entry{
		{Finding: fnd(idA, "stale-account", "pra", "bob", model.Medium), Decision: "Revoke"},
		{Finding: fnd(idB, "stale-account", "pra-old", "eve", model.Medium)},
		{Finding: team},
		{Finding: fnd(idC, "custom-rule", "pra", "carl", model.High), Comment: "ask Carl"},
		{Finding: fnd(idD, "stale-account", "pra", "dora", model.Low)},
	}}
	cov := Coverage{
		Ran:  map[string]map[string]bool{"stale-account": {"pra": true, "rs": true}, "orphaned-team": {"pra": true, "rs": false}},
		Gaps: map[string][]model.Gap{"orphaned-team": {{Source: "rs", Missing: [][]string{{"teams"}}}}},
	}
	cur := []model.Finding{fnd(idD, "stale-account", "pra", "dora", model.Low)}
	resolved := Compare(run, cur, cov)
	var got []string
	for _, r := range resolved {
		got = append(got, strings.Join([]string{r.Rule, r.Source, r.Entity, r.Outcome(), r.Why, r.Decision, r.Comment}, "|"))
	}
	want := []string{ // finding order: high first, then rule, source, entity
		"custom-rule|pra|carl|not re-checked|rule custom-rule is not among this run's rules||ask Carl",
		"orphaned-team|rs|Old Team|not re-checked|rule orphaned-team could not run on rs: no team export (/team)||",
		"stale-account|pra|bob|resolved|rule stale-account ran on pra and did not find it|Revoke (incomplete: no comment)|", // decided without its comment
		"stale-account|pra-old|eve|not re-checked|source pra-old was not read this run||",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("resolved\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if cur[0].Status != model.StatusRecurring {
		t.Errorf("dora: %s, want recurring", cur[0].Status)
	}
}

// An entry the previous Resolved sheet had as not re-checked is carried
// forward while it still cannot be checked, recurs when found, and is
// resolved once its rule runs again and finds nothing.
func TestCompareCarriesNotRechecked(t *testing.T) {
	entry := func(id, entity string) Entry {
		return Entry{Finding: fnd(id, "stale-account", "pra-old", entity, model.Medium), Decision: "Keep",
			Outcome: model.OutcomeNotRechecked, Why: "source pra-old was not read this run"}
	}
	run := &Run{Resolved: []Entry{entry(idA, "bob"), entry(idB, "eve")}}
	cur := []model.Finding{fnd(idB, "stale-account", "pra-old", "eve", model.Medium)}

	resolved := Compare(run, cur, Coverage{Ran: map[string]map[string]bool{"stale-account": {"pra": true}}})
	if len(resolved) != 1 || resolved[0].ID != idA || resolved[0].Rechecked || resolved[0].Decision != "Keep" {
		t.Errorf("resolved %+v, want bob carried forward, not re-checked, with his decision", resolved)
	}
	if cur[0].Status != model.StatusRecurring || cur[0].PreviousDecision != "Keep" {
		t.Errorf("eve: %+v, want recurring with Keep", cur[0])
	}

	resolved = Compare(run, nil, Coverage{Ran: map[string]map[string]bool{"stale-account": {"pra-old": true}}})
	if len(resolved) != 2 || !resolved[0].Rechecked || !resolved[1].Rechecked {
		t.Errorf("resolved %+v, want both resolved once the source is read again", resolved)
	}
}

// A Revoke or Modify without its comment was never a complete decision:
// the next quarter carries it as incomplete, not as "Revoke", which would
// read as decided and done; with its comment, or a Keep, as it was.
func TestCompareCarriesAnIncompleteRevokeAsIncomplete(t *testing.T) {
	run := &Run{Findings: []Entry{
		{Finding: fnd(idA, "stale-account", "pra", "bob", model.Medium), Decision: "revoke", Comment: " "},
		{Finding: fnd(idB, "stale-account", "pra", "eve", model.Medium), Decision: "Modify"},
		{Finding: fnd(idC, "stale-account", "pra", "kim", model.Medium), Decision: "Revoke", Comment: "left"},
		{Finding: fnd(idD, "stale-account", "pra", "lou", model.Medium), Decision: "Keep"},
	}}
	cur := []model.Finding{
		fnd(idA, "stale-account", "pra", "bob", model.Medium), fnd(idB, "stale-account", "pra", "eve", model.Medium),
		fnd(idC, "stale-account", "pra", "kim", model.Medium), fnd(idD, "stale-account", "pra", "lou", model.Medium),
	}
	Compare(run, cur, Coverage{Ran: map[string]map[string]bool{"stale-account": {"pra": true}}})
	want := []string{"Revoke (incomplete: no comment)", "Modify (incomplete: no comment)", "Revoke", "Keep"}
	for i, f := range cur {
		if f.PreviousDecision != want[i] {
			t.Errorf("%s: previous decision %q, want %q", f.Entity, f.PreviousDecision, want[i])
		}
	}
}

// A complete Revoke found again was not carried out: it says so in its
// status, with who decided and when (the decisions workbook's sign-off
// date, else the previous review's as-of date). An incomplete Revoke, or
// one resolved and now back, is not; a Revoke gone is revoked and verified.
func TestCompareMarksARevokeNotCarriedOut(t *testing.T) {
	run := &Run{AsOf: "2025-08-22",
		Findings: []Entry{
			{Finding: fnd(idA, "stale-account", "pra", "bob", model.Medium), Decision: "revoke", Comment: "left"},
			{Finding: fnd(idB, "stale-account", "pra", "eve", model.Medium), Decision: "Revoke"},
			{Finding: fnd(idC, "stale-account", "pra", "kim", model.Medium), Decision: "Revoke", Comment: "gone", DecidedOn: "2025-09-03"},
			{Finding: fnd(idD, "stale-account", "pra", "lou", model.Medium), Decision: "Revoke", Comment: "contractor ended"},
		},
		Resolved: []Entry{{Finding: fnd("eeeeeeeeeeeeeeee", "stale-account", "pra", "max", model.Medium), Decision: "Revoke", Comment: "left",
			Outcome: model.OutcomeRevokedVerified}},
	}
	for i := range run.Findings {
		run.Findings[i].Reviewer = "ana@example.com"
	}
	cur := []model.Finding{
		fnd(idA, "stale-account", "pra", "bob", model.Medium), fnd(idB, "stale-account", "pra", "eve", model.Medium),
		fnd(idC, "stale-account", "pra", "kim", model.Medium), fnd("eeeeeeeeeeeeeeee", "stale-account", "pra", "max", model.Medium),
	}
	resolved := Compare(run, cur, Coverage{Ran: map[string]map[string]bool{"stale-account": {"pra": true}}})
	want := []string{
		"revoke not carried out|Revoke|ana@example.com|2025-08-22",
		"recurring|Revoke (incomplete: no comment)|ana@example.com|2025-08-22",
		"revoke not carried out|Revoke|ana@example.com|2025-09-03",
		"reappeared|Revoke||2025-08-22",
	}
	for i, f := range cur {
		if got := strings.Join([]string{f.Status, f.PreviousDecision, f.PreviousReviewer, f.PreviousDecidedOn}, "|"); got != want[i] {
			t.Errorf("%s: %q, want %q", f.Entity, got, want[i])
		}
	}
	if len(resolved) != 1 || resolved[0].Entity != "lou" || resolved[0].Outcome() != model.OutcomeRevokedVerified {
		t.Errorf("resolved %+v, want lou revoked and verified", resolved)
	}
}
