package xlsx

import (
	"fmt"

	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/model"
)

// maxSummaryRevokes caps the Summary's revokes not carried out; the
// Findings sheet lists them all (filter Status).
const maxSummaryRevokes = 3

// revokesNotCarriedOut is the block under the leavers, with a previous
// run: the findings the previous review decided to revoke that this run
// found again, with when it was decided and which rule found it (an
// account may have two: the Findings row says who decided). It is the
// auditor's first test
// of a review ("were the revocations carried out?"), so it comes before
// the counts. Each entity links to its row on the Findings sheet.
func (s *summary) revokesNotCarriedOut() {
	if s.r.Previous == nil {
		return
	}
	var open []int // indexes into the findings, in review order
	for i := range s.r.Findings {
		if s.r.Findings[i].Status == model.StatusRevokeNotDone {
			open = append(open, i)
		}
	}
	s.title(fmt.Sprintf("Revokes decided and not carried out: %d", len(open)))
	if len(open) == 0 {
		return
	}
	// The date is left-aligned, under a left-aligned header: right-aligned,
	// it would run into the reviewer's name beside it.
	s.head("Entity", "Source", "Decided On", "Rule")
	for n, i := range open {
		if n == maxSummaryRevokes {
			s.note(fmt.Sprintf("… %d more: filter %s by Status %q", len(open)-n, layout.SheetFindings, model.StatusRevokeNotDone))
			break
		}
		f := &s.r.Findings[i]
		entity := f.Entity
		if entity == "" {
			entity = f.ID
		}
		on := styled(isoDateCell(f.PreviousDecidedOn), s.st2.date)
		s.put(link{text: cellText(entity), location: findingLocation(i)}, text(f.Source), on, text(f.Rule))
	}
}
