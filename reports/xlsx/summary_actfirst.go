package xlsx

import (
	"fmt"

	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/model"
)

// actFirst lists the high findings no exception covers, capped, each entity a link to its row
// on the Findings sheet, where the reviewer records the decision.
func (s *summary) actFirst() {
	var high []int // indexes into the findings, in review order
	for i := range s.r.Findings {
		if f := &s.r.Findings[i]; f.Severity == model.High && f.Status != model.StatusExcepted {
			high = append(high, i)
		}
	}
	s.title(fmt.Sprintf("Act first: %d high findings", len(high)))
	s.head("Entity", "Source", "Rule")
	for n, i := range high {
		if n == maxActFirst {
			s.note(fmt.Sprintf("… %d more: filter %s by Severity high", len(high)-n, layout.SheetFindings))
			break
		}
		f := &s.r.Findings[i]
		entity := f.Entity
		if entity == "" {
			entity = f.ID
		}
		s.put(link{text: cellText(entity), location: findingLocation(i)}, text(f.Source), text(f.Rule))
	}
	if len(high) == 0 {
		s.note("no high finding")
	}
}
