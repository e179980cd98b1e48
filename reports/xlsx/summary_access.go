package xlsx

import "github.com/review-tool/review/internal/layout"

// accessChangesLine is the Summary's line of access changes since the
// previous run (--previous), or that they could not be compared: a
// reviewer sees there is a sheet of joiner, mover and leaver evidence.
func (s *summary) accessChangesLine() {
	switch {
	case s.r.Previous == nil:
	case s.r.AccessChanges == nil:
		s.put(text("Access changes since the previous run"), nil, text("not compared: see "+layout.SheetAccessChanges))
	default:
		s.put(text("Access changes since the previous run"), styled(s.r.AccessChangeCount, s.st2.countGap), text("listed on "+layout.SheetAccessChanges))
	}
}
