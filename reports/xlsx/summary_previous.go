package xlsx

import (
	"fmt"
	"strings"

	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/model"
)

// Labels of the rows of "Since the previous run" that are not statuses.
const (
	sinceFindings      = "Findings this run"
	sinceResolved      = "Resolved since"
	sinceRevokedVerify = "  of which revoked and verified"
	sinceNotRechecked  = "Not re-checked"
)

// sincePrevious is the table of how this run stands against the previous
// one (--previous), by severity: one row per status, so that every finding
// of this run is in exactly one row and the rows add up to "Findings this
// run"; then the previous findings not found again (resolved, of which
// revoked as decided), and those this run could not look for again.
// Without a previous run there is no table.
func (s *summary) sincePrevious() {
	if s.r.Previous == nil {
		return
	}
	byStatus := map[string]*severityCounts{}
	for _, st := range model.Statuses {
		byStatus[st] = &severityCounts{}
	}
	var findings, resolved, revoked, notRechecked severityCounts
	for i := range s.r.Findings {
		f := &s.r.Findings[i]
		c := byStatus[f.Status]
		if c == nil { // a status of no list is review's own bug: in the total, so the rows do not add up
			c = &severityCounts{}
			byStatus[f.Status] = c
		}
		c.add(f.Severity)
		findings.add(f.Severity)
	}
	for i := range s.r.Resolved {
		r := &s.r.Resolved[i]
		switch r.Outcome() {
		case model.OutcomeNotRechecked:
			notRechecked.add(r.Severity)
		case model.OutcomeRevokedVerified:
			revoked.add(r.Severity)
			resolved.add(r.Severity)
		default:
			resolved.add(r.Severity)
		}
	}
	s.title("Since the previous run")
	s.countHead("Status")
	for _, st := range model.Statuses {
		s.countRow(statusLabel(st), *byStatus[st], false)
	}
	s.countRow(sinceFindings, findings, true)
	s.countRow(sinceResolved, resolved, false)
	s.countRow(sinceRevokedVerify, revoked, false)
	if !s.r.Previous.ResolvedListed {
		s.note("Reappeared: not compared, the previous file has no Resolved list (see Evidence)")
	}
	if notRechecked.total() > 0 {
		s.countRow(sinceNotRechecked, notRechecked, false)
		s.note(fmt.Sprintf("not re-checked: previous findings this run could not look for again, not counted as resolved (see %s)", layout.SheetResolved))
	}
}

// statusLabel is a status as a row label: "Revoke not carried out".
func statusLabel(status string) string {
	if status == "" {
		return status
	}
	return strings.ToUpper(status[:1]) + status[1:]
}
