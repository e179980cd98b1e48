package xlsx

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/model"
)

// coverageLineChars is about how many characters of a sentence one line
// across the whole Summary holds; longer sentences get a taller row.
const coverageLineChars = 150

// coverage writes the Coverage sentences across the page, one merged and
// wrapped row each, capped; the Rules sheet says the rest.
func (s *summary) coverage() {
	lines := model.Coverage(s.r)
	s.title("Coverage: rules that did not run")
	if len(lines) == 0 {
		s.note("every rule ran on every source")
		return
	}
	for i, line := range lines {
		if i == maxCoverage {
			s.note(fmt.Sprintf("… %d more: see %s, column Not Checked", len(lines)-i, layout.SheetRules))
			break
		}
		s.sentence(line)
	}
}

// sentence writes text over a row merged across the page, wrapped.
func (s *summary) sentence(line string) {
	row := s.c.row
	s.put(styled(text(line), s.st2.sentence))
	if s.err != nil {
		return
	}
	first, _ := excelize.CoordinatesToCellName(s.c.col, row)
	last, _ := excelize.CoordinatesToCellName(summaryCols, row)
	if s.err = s.f.MergeCell(layout.SheetSummary, first, last); s.err != nil {
		return
	}
	if n := (len([]rune(line)) + coverageLineChars - 1) / coverageLineChars; n > 1 {
		s.err = s.f.SetRowHeight(layout.SheetSummary, row, 15*float64(n))
	}
}
