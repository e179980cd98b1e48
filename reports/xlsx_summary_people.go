package reports

import "fmt"

// peopleLine is the Summary's line of people across sources: how many, and
// how many leavers still have an enabled account somewhere, so that a
// reviewer turns to the People sheet, where those leavers come first. It is
// text, like the roster line above it, so it sits under the table's text
// column.
func (s *summary) peopleLine() {
	if s.r.People == nil {
		return
	}
	var leavers string
	switch {
	case !s.hasRoster():
		leavers = "leavers not known without a roster (--roster)"
	case s.r.PeopleLeavers == 0:
		leavers = "no leaver with an enabled account"
	case s.r.PeopleLeavers == 1:
		leavers = "1 leaver with an enabled account, listed first"
	default:
		leavers = fmt.Sprintf("%d leavers with an enabled account, listed first", s.r.PeopleLeavers)
	}
	s.put(text("People"), text(fmt.Sprintf("%d across the sources (see %s); %s", s.r.PeopleCount, sheetPeople, leavers)))
}

// hasRoster says a roster was read.
func (s *summary) hasRoster() bool {
	for _, in := range s.r.Inputs {
		if in.Kind == "roster" {
			return true
		}
	}
	return false
}
