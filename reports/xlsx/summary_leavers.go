package xlsx

import (
	"fmt"
	"strings"
	"time"

	"github.com/review-tool/review/internal/model"
)

// maxSummaryLeavers caps the Summary's leavers who got in; the Offboarding
// sheet lists them all.
const maxSummaryLeavers = 3

// leaversWhoGotIn is the Summary's first block: the leavers whose access
// was used after their termination date, with how many sessions and other
// records say so. It comes before anything else because such a use is a
// possible incident (docs/rules.md, offboarding). Without a roster it says
// it could not be checked; without session or activity reports, that only
// the last authentication was compared.
func (s *summary) leaversWhoGotIn() {
	const what = "Leavers who got in after leaving"
	l := s.r.Leavers
	if l == nil {
		s.title(what + ": not checked without a roster (--roster)")
		return
	}
	only := ""
	if s.r.Activity == nil {
		only = " (last authentication only: no session or activity report given)"
	}
	s.title(fmt.Sprintf("%s: %d%s", what, len(l.Used), only))
	if len(l.Used) > 0 {
		s.headNumeric(map[string]bool{"Left": true, "Sessions": true, "Vault/PS": true, "Last Seen": true},
			"Person", "Left", "Sessions", "Vault/PS", "Last Seen")
	}
	for n, u := range l.Used {
		if n == maxSummaryLeavers {
			s.note(fmt.Sprintf("… %d more: see %s", len(l.Used)-n, model.FamilySheet(model.FamilyOffboarding)))
			break
		}
		s.put(text(u.Person), s.day(u.TerminationDate), s.count(u.Sessions), s.count(u.Activity), s.day(u.LastSeen))
	}
	if n := len(l.NotComparable); n > 0 {
		names := l.NotComparable[:min(n, 3)]
		more := ""
		if n > len(names) {
			more = fmt.Sprintf(" and %d more", n-len(names))
		}
		s.note(fmt.Sprintf("Not comparable: %d terminated without a termination date (%s%s)", n, strings.Join(names, ", "), more))
	}
}

// day is a date cell, or nothing for the zero time.
func (s *summary) day(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return styled(excelDate(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)), s.st2.day)
}
