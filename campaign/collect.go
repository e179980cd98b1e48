package campaign

import (
	"fmt"
	"slices"
	"strings"

	"github.com/review-tool/review/internal/cellcap"
	"github.com/review-tool/review/internal/model"
)

// Result is the campaign's decisions, consolidated from the returned
// workbooks.
type Result struct {
	Campaign *Issued
	// Entries are the campaign's findings in campaign order, each with
	// the decision taken on it, if any.
	Entries []Entry
	// Refused are the problems that make the returned workbooks unusable
	// as evidence: a workbook of another campaign, a row changed or not
	// in the campaign, a decision that is none of the four, two different
	// decisions for one finding. Every one found, in file and row order.
	Refused []string
	// SignOffs are one line per returned workbook, and one per reviewer
	// whose workbook did not come back, in campaign reviewer order.
	SignOffs []SignOff
	// CollectedOn is the day the decisions were collected, YYYY-MM-DD
	// (review collect's --collected-on, default today): not the clock's
	// time, so that the same files give the same decisions workbook. The
	// caller sets it; WriteDecisionsWorkbook needs it.
	CollectedOn string
}

// Entry is one finding of the campaign and what was decided on it.
type Entry struct {
	*IssuedFinding
	// Decision is canonical, or "" when undecided; Comment the reviewer's.
	Decision, Comment string
	// File and Row are where the decision was read; SignedBy and SignedOn
	// that workbook's sign-off.
	File               string
	Row                int
	SignedBy, SignedOn string
	// Missing says why the finding has no usable decision yet ("" when it
	// has one): undecided, a Revoke or Modify without its comment, or the
	// reviewer's workbook not returned.
	Missing string
	// Incomplete marks a Revoke or Modify without a comment.
	Incomplete bool
}

// Decided says the entry has a usable decision.
func (e *Entry) Decided() bool { return e.Missing == "" }

// SignOff is one reviewer's workbook as it came back.
type SignOff struct {
	Reviewer string
	// File is the returned workbook, "" when none came back, and SHA256
	// the hex SHA-256 of its bytes as read. Rows are its finding rows, or,
	// not returned, the findings it was sent with.
	File, SHA256       string
	Rows, Decided      int
	SignedBy, SignedOn string
}

// vote is one row's decision on a finding.
type vote struct {
	decision, comment string
	from              *Returned
	row               int
}

// Collect checks the returned workbooks against the campaign and
// consolidates their decisions. The workbooks are taken in the order
// given; give them sorted for the same output from the same files.
func Collect(c *Issued, returned []*Returned) *Result {
	res := &Result{Campaign: c}
	votes := map[string][]vote{}
	decidedIn := map[*Returned]int{}
	for _, w := range returned {
		if w.Campaign != c.ID {
			res.Refused = append(res.Refused, fmt.Sprintf("%s: from campaign %s, not %s", w.File, w.Campaign, c.ID))
			continue
		}
		for _, row := range w.Rows {
			v, problem := check(c, w, row)
			if problem != "" {
				res.Refused = append(res.Refused, problem)
				continue
			}
			if v.decision != "" {
				// Decided as the Campaign sheet's total counts it: a Revoke
				// or Modify without its comment is not (it is Missing).
				if model.DecisionComplete(v.decision, v.comment) {
					decidedIn[w]++
				}
				votes[row.ID] = append(votes[row.ID], v)
			}
		}
	}
	for i := range c.Findings {
		e, conflict := consolidate(&c.Findings[i], votes[c.Findings[i].ID], returned)
		if conflict != "" {
			res.Refused = append(res.Refused, conflict)
		}
		res.Entries = append(res.Entries, e)
	}
	res.SignOffs = signOffs(c, returned, decidedIn)
	return res
}

// check is a returned row's vote, or why the row is refused.
func check(c *Issued, w *Returned, row ReturnedRow) (vote, string) {
	f := c.finding(row.ID)
	if f == nil {
		return vote{}, fmt.Sprintf("%s: finding %q is not in campaign %s", w.at(row), row.ID, c.ID)
	}
	if changed := changedFields(f, row); len(changed) > 0 {
		return vote{}, fmt.Sprintf("%s: finding %s was changed (%s from the campaign)", w.at(row), row.ID, changed)
	}
	if w.Reviewer != "" && f.Reviewer != w.Reviewer {
		// The row is intact but was copied from another reviewer's
		// workbook: a decision on someone else's finding.
		return vote{}, fmt.Sprintf("%s: finding %s is %s's to decide, not %s's (whose workbook this is)",
			w.at(row), row.ID, f.Reviewer, w.Reviewer)
	}
	if row.Fingerprint != f.Fingerprint {
		return vote{}, fmt.Sprintf("%s: finding %s was changed (its Fingerprint %q differs from the campaign's %s)",
			w.at(row), row.ID, row.Fingerprint, f.Fingerprint)
	}
	v := vote{comment: row.Comment, from: w, row: row.Row}
	if row.Decision != "" {
		d, ok := model.ParseDecision(row.Decision)
		if !ok {
			return vote{}, fmt.Sprintf("%s: finding %s: decision %q, expected %s", w.at(row), row.ID, row.Decision,
				strings.Join(model.Decisions, ", "))
		}
		v.decision = d
	}
	return v, ""
}

// changedFields names the visible facts of row that differ from the
// campaign's finding, as "detail differs" or "entity and detail differ".
func changedFields(f *IssuedFinding, row ReturnedRow) string {
	var names []string
	for _, c := range []struct{ name, got, want string }{
		{"rule", row.Rule, f.Rule}, {"source", row.Source, f.Source}, {"entity type", row.EntityType, f.EntityType},
		{"entity", row.Entity, f.Entity}, {"detail", row.Detail, cellcap.Cut(f.Detail)},
	} {
		if c.got != c.want {
			names = append(names, c.name)
		}
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0] + " differs"
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1] + " differ"
}

// consolidate is the entry of one finding from its votes, or a conflict
// when they disagree. The same decision in two files is one decision: the
// first file's, with the first comment given.
func consolidate(f *IssuedFinding, votes []vote, returned []*Returned) (Entry, string) {
	e := Entry{IssuedFinding: f}
	if len(votes) == 0 {
		e.Missing = missingWhy(f, returned)
		return e, ""
	}
	first := votes[0]
	var others []string
	for _, v := range votes[1:] {
		if v.decision != first.decision {
			others = append(others, fmt.Sprintf("%s in %s (row %d)", v.decision, v.from.File, v.row))
		}
	}
	if len(others) > 0 {
		e.Missing = "conflicting decisions"
		return e, fmt.Sprintf("finding %s: conflicting decisions: %s in %s (row %d), %s",
			f.ID, first.decision, first.from.File, first.row, strings.Join(others, ", "))
	}
	e.Decision, e.File, e.Row = first.decision, first.from.File, first.row
	e.SignedBy, e.SignedOn = first.from.SignedBy, first.from.SignedOn
	for _, v := range votes {
		if v.comment != "" {
			e.Comment = v.comment
			break
		}
	}
	if !model.DecisionComplete(e.Decision, e.Comment) {
		e.Incomplete = true
		e.Missing = fmt.Sprintf("%s without a comment in %s, sheet %s, row %d", e.Decision, e.File, SheetFindings, e.Row)
	}
	return e, ""
}

// missingWhy says why a finding has no decision: the reviewer left its row
// blank, deleted it, or their workbook did not come back.
func missingWhy(f *IssuedFinding, returned []*Returned) string {
	for _, w := range returned {
		for _, row := range w.Rows {
			if row.ID == f.ID {
				return fmt.Sprintf("no decision in %s, sheet %s, row %d", w.File, SheetFindings, row.Row)
			}
		}
	}
	for _, w := range returned {
		if w.Reviewer == f.Reviewer {
			return fmt.Sprintf("no row in %s: the row was deleted", w.File)
		}
	}
	return "workbook not returned"
}

// signOffs lists each returned workbook under its reviewer, campaign
// reviewers first in campaign order, and a line for each reviewer whose
// workbook did not come back.
func signOffs(c *Issued, returned []*Returned, decided map[*Returned]int) []SignOff {
	var out []SignOff
	used := map[*Returned]bool{}
	line := func(w *Returned) SignOff {
		used[w] = true
		return SignOff{Reviewer: w.Reviewer, File: w.File, SHA256: w.SHA256, Rows: len(w.Rows), Decided: decided[w],
			SignedBy: w.SignedBy, SignedOn: w.SignedOn}
	}
	for _, r := range c.Reviewers {
		found := false
		for _, w := range returned {
			if w.Reviewer == r.Name && w.Campaign == c.ID {
				out = append(out, line(w))
				found = true
			}
		}
		if !found { // its rows are the findings it was sent with
			out = append(out, SignOff{Reviewer: r.Name, Rows: r.Findings})
		}
	}
	for _, w := range returned {
		if !used[w] && w.Campaign == c.ID {
			out = append(out, line(w))
		}
	}
	return out
}

// Missing are the entries without a usable decision, by reviewer (in
// campaign reviewer order), then in campaign order.
func (r *Result) Missing() []*Entry {
	rank := map[string]int{}
	for i, rv := range r.Campaign.Reviewers {
		rank[rv.Name] = i + 1
	}
	var out []*Entry
	for i := range r.Entries {
		if !r.Entries[i].Decided() {
			out = append(out, &r.Entries[i])
		}
	}
	slices.SortStableFunc(out, func(a, b *Entry) int {
		ra, rb := rank[a.Reviewer], rank[b.Reviewer]
		if ra == 0 {
			ra = len(rank) + 1
		}
		if rb == 0 {
			rb = len(rank) + 1
		}
		if ra != rb {
			return ra - rb
		}
		return strings.Compare(a.Reviewer, b.Reviewer)
	})
	return out
}

// Incomplete are the Revoke and Modify decisions without a comment.
func (r *Result) Incomplete() []*Entry {
	var out []*Entry
	for i := range r.Entries {
		if r.Entries[i].Incomplete {
			out = append(out, &r.Entries[i])
		}
	}
	return out
}
