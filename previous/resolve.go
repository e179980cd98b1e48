package previous

import (
	"fmt"
	"slices"
	"strings"

	"github.com/review-tool/review/internal/model"
)

// Coverage is where this run's rules ran: by rule id and source, whether
// the rule ran there (every source read has an entry for every rule
// loaded), and by rule id, what each source it did not run on lacked.
// A previous finding only counts as resolved where its rule ran again.
type Coverage struct {
	Ran  map[string]map[string]bool
	Gaps map[string][]model.Gap
}

// Compare gives each current finding its status against the previous run
// and returns the previous findings this run did not find again, in
// finding order.
//
// A finding the previous run listed is recurring and carries the decision
// taken on it; one the previous Resolved sheet listed as resolved is
// reappeared, with the decision it had; any other is new. Exceptions are
// applied afterwards and win. A previous finding not found again is
// resolved only where this run could have found it (its rule loaded, its
// source read, the rule able to run there); otherwise it is listed as not
// re-checked, with why. An entry the previous Resolved sheet had as not
// re-checked is still open as far as anyone knows: it is compared like a
// listed finding, so it is carried forward, or recurs, or is resolved now.
func Compare(run *Run, findings []model.Finding, cov Coverage) []model.ResolvedFinding {
	open := append([]Entry(nil), run.Findings...)
	listed := map[string]bool{}
	for i := range open {
		listed[open[i].ID] = true
	}
	resolvedBefore := map[string]*Entry{}
	for i := range run.Resolved {
		e := &run.Resolved[i]
		if listed[e.ID] {
			continue
		}
		switch e.Outcome {
		case model.OutcomeNotRechecked:
			listed[e.ID] = true
			open = append(open, *e)
		case model.OutcomeResolved, model.OutcomeRevokedVerified:
			if resolvedBefore[e.ID] == nil {
				resolvedBefore[e.ID] = e
			}
		}
	}
	byID := make(map[string]*Entry, len(open))
	for i := range open {
		if byID[open[i].ID] == nil {
			byID[open[i].ID] = &open[i]
		}
	}
	found := map[string]bool{}
	for i := range findings {
		f := &findings[i]
		switch e := byID[f.ID]; {
		case e != nil:
			f.Status = model.StatusRecurring
			if run.carry(f, e) == model.DecisionRevoke {
				f.Status = model.StatusRevokeNotDone
			}
			found[f.ID] = true
		case resolvedBefore[f.ID] != nil:
			f.Status = model.StatusReappeared
			run.carry(f, resolvedBefore[f.ID])
		default:
			f.Status = model.StatusNew
		}
	}
	var out []model.ResolvedFinding
	for id, e := range byID {
		if found[id] {
			continue
		}
		rechecked, why := cov.recheck(&e.Finding)
		out = append(out, model.ResolvedFinding{Finding: e.Finding, Decision: carried(e.Decision, e.Comment), Comment: e.Comment,
			Rechecked: rechecked, Why: why})
	}
	slices.SortFunc(out, func(a, b model.ResolvedFinding) int {
		switch {
		case model.Less(&a.Finding, &b.Finding):
			return -1
		case model.Less(&b.Finding, &a.Finding):
			return 1
		}
		return 0
	})
	return out
}

// carry sets on f the decision the previous run took on it (e), who took
// it and when, and returns the decision as carried. The date is the
// sign-off a decisions workbook records, else the previous run's as-of
// date: the review the decision was taken in.
func (run *Run) carry(f *model.Finding, e *Entry) string {
	f.PreviousDecision, f.PreviousComment = carried(e.Decision, e.Comment), e.Comment
	if strings.TrimSpace(e.Decision) == "" {
		return ""
	}
	f.PreviousReviewer, f.PreviousDecidedOn = e.Reviewer, e.DecidedOn
	if f.PreviousDecidedOn == "" {
		f.PreviousDecidedOn = run.AsOf
	}
	return f.PreviousDecision
}

// recheck says whether this run could have found f again, and why (not).
// A finding of no single source ("*": a license row over several, or "")
// could be found again wherever its rule ran.
func (c Coverage) recheck(f *model.Finding) (bool, string) {
	ran, loaded := c.Ran[f.Rule]
	if !loaded {
		return false, fmt.Sprintf("rule %s is not among this run's rules", f.Rule)
	}
	if f.Source == "" || f.Source == "*" {
		for _, ok := range ran {
			if ok {
				return true, fmt.Sprintf("rule %s ran and did not find it", f.Rule)
			}
		}
		return false, fmt.Sprintf("rule %s ran on no source this run", f.Rule)
	}
	ok, read := ran[f.Source]
	switch {
	case !read:
		return false, fmt.Sprintf("source %s was not read this run", f.Source)
	case !ok:
		for _, g := range c.Gaps[f.Rule] {
			if g.Source == f.Source {
				return false, fmt.Sprintf("rule %s could not run on %s", f.Rule, g)
			}
		}
		return false, fmt.Sprintf("rule %s could not run on %s", f.Rule, f.Source)
	}
	return true, fmt.Sprintf("rule %s ran on %s and did not find it", f.Rule, f.Source)
}

// incompleteSuffix marks a previous decision that was not complete.
const incompleteSuffix = " (incomplete: no comment)"

// carried is a previous decision as this run carries it: a Revoke or
// Modify without the comment it needs was never a complete decision
// (review collect lists it as missing), so it is not carried as "Revoke",
// which reads as decided and done, but as what it was.
// A decision of the list is carried as the list spells it, whatever the
// case a workbook or decisions.jsonl wrote it in.
func carried(decision, comment string) string {
	d, ok := model.ParseDecision(decision)
	switch {
	case !ok:
		return decision
	case !model.DecisionComplete(d, comment):
		return d + incompleteSuffix
	}
	return d
}
