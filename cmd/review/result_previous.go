package main

import (
	"fmt"

	"github.com/review-tool/review/internal/model"
)

// sincePrevious is the result line's part about the previous run
// (--previous): how the findings stand against it, and how many of its
// findings are gone; "" without one. Findings an exception covers are in
// none of the counts, as on the Summary.
func sincePrevious(rev *model.Review) string {
	if rev.Previous == nil {
		return ""
	}
	counts := map[string]int{}
	for i := range rev.Findings {
		counts[rev.Findings[i].Status]++
	}
	resolved, notRechecked := model.CountResolved(rev.Resolved)
	s := fmt.Sprintf("; since the previous run: %d new, %d recurring, %d reappeared, %d resolved",
		counts[model.StatusNew], counts[model.StatusRecurring], counts[model.StatusReappeared], resolved)
	if n := counts[model.StatusRevokeNotDone]; n > 0 {
		s += ", " + plural(n, "revoke") + " decided and not carried out"
	}
	if notRechecked > 0 {
		s += fmt.Sprintf(" (%d more not re-checked)", notRechecked)
	}
	return s
}
