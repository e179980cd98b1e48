package xlsx

import (
	"fmt"

	"github.com/review-tool/review/internal/layout"
)

// peopleLine is the Summary's lines of people across sources: how many,
// and how many leavers still have an enabled account somewhere, so that a
// reviewer turns to the People sheet, where those leavers come first. They
// are text, like the roster line above them, so they sit under the table's
// text column; two short lines, since a long one runs under the chart.
func (s *summary) peopleLine() {
	if s.r.People == nil {
		return
	}
	var leavers string
	switch {
	case !s.hasRoster():
		leavers = "not known without a roster (--roster)"
	case s.r.PeopleLeavers == 0:
		leavers = "none"
	default:
		leavers = fmt.Sprintf("%d, listed first on %s", s.r.PeopleLeavers, layout.SheetPeople)
	}
	s.put(text("People"), text(fmt.Sprintf("%d across the sources (see %s)", s.r.PeopleCount, layout.SheetPeople)))
	s.put(text(leaversLabel), text(leavers))
}

// leaversLabel heads the Summary's line of leavers who still have an
// enabled account on some source.
const leaversLabel = "Leavers still enabled"

// hasRoster says a roster was read.
func (s *summary) hasRoster() bool {
	for _, in := range s.r.Inputs {
		if in.Kind == "roster" {
			return true
		}
	}
	return false
}
