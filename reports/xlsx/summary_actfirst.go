package xlsx

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/model"
)

// actFirst lists the high findings no exception covers, capped, each entity a link to its row
// on the Findings sheet, where the reviewer records the decision. They
// are in the order an attacker would use them (actFirstRank), each rank in
// review order.
func (s *summary) actFirst() {
	var high []int // indexes into the findings, in review order
	for i := range s.r.Findings {
		if f := &s.r.Findings[i]; f.Severity == model.High && f.Status != model.StatusExcepted {
			high = append(high, i)
		}
	}
	slices.SortStableFunc(high, func(a, b int) int {
		return cmp.Compare(actFirstRank(&s.r.Findings[a]), actFirstRank(&s.r.Findings[b]))
	})
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

// actFirstRank is the order of Act first: a revoke the previous review
// decided and nobody carried out, a leaver's access and access used after
// offboarding (a possible incident, docs/rules.md), then an
// administrator without a second factor (one password from the whole
// site), then the rest; licensing last, since an over-assigned license
// opens no door.
func actFirstRank(f *model.Finding) int {
	switch {
	case f.Status == model.StatusRevokeNotDone, f.Family == model.FamilyOffboarding:
		return 0
	case f.Rule == "admin-without-mfa":
		return 1
	case f.EntityType == model.EntityProduct:
		return 3 // license-over-assigned: about seats, not access
	}
	return 2
}
