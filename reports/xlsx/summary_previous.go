package xlsx

import (
	"fmt"

	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/model"
)

// deltaCounts counts findings by how they stand against the previous run:
// new, recurring, reappeared, resolved.
type deltaCounts [4]int64

var deltaHeaders = []string{"New", "Recurring", "Reappeared", "Resolved"}

// deltaIndex is where a status counts in deltaCounts; -1 for a status an
// exception gave, counted apart on the tables above.
func deltaIndex(status string) int {
	switch status {
	case model.StatusNew:
		return 0
	case model.StatusRecurring:
		return 1
	case model.StatusReappeared:
		return 2
	}
	return -1
}

// sincePrevious is the table of what changed since the previous run
// (--previous), per family and per severity: findings new, recurring and
// reappeared this run, and previous findings resolved. Those not
// re-checked are not resolved: a note counts them. Without a previous run
// there is no table.
func (s *summary) sincePrevious() {
	if s.r.Previous == nil {
		return
	}
	byFamily := map[string]*deltaCounts{}
	var bySeverity [3]deltaCounts
	var total deltaCounts
	add := func(family string, sev model.Severity, k int) {
		c := byFamily[family]
		if c == nil {
			c = &deltaCounts{}
			byFamily[family] = c
		}
		c[k]++
		if r := sev.Rank(); r < len(bySeverity) {
			bySeverity[r][k]++
		}
		total[k]++
	}
	excepted := 0
	for i := range s.r.Findings {
		if f := &s.r.Findings[i]; deltaIndex(f.Status) >= 0 {
			add(f.Family, f.Severity, deltaIndex(f.Status))
		} else {
			excepted++
		}
	}
	_, notRechecked := model.CountResolved(s.r.Resolved)
	for i := range s.r.Resolved {
		if r := &s.r.Resolved[i]; r.Rechecked {
			add(r.Family, r.Severity, 3)
		}
	}
	s.title("Since the previous run")
	numeric := map[string]bool{}
	for _, h := range deltaHeaders {
		numeric[h] = true
	}
	s.headNumeric(numeric, append([]string{"Family"}, deltaHeaders...)...)
	other := deltaCounts{}
	for fam, c := range byFamily {
		if !isFamilySheet(fam) {
			for k := range other {
				other[k] += c[k]
			}
		}
	}
	for _, fam := range model.Families {
		s.deltaRow(fam.Sheet, byFamily[fam.ID], false)
	}
	if other != (deltaCounts{}) {
		s.deltaRow("Other", &other, false)
	}
	for i, sev := range severities {
		s.deltaRow(severityLabel(sev), &bySeverity[i], false)
	}
	s.deltaRow("Total", &total, true)
	if notRechecked > 0 {
		s.note(fmt.Sprintf("%d previous findings not re-checked (not counted as resolved): see %s", notRechecked, layout.SheetResolved))
	}
	if excepted > 0 {
		s.note(fmt.Sprintf("%d findings with an exception (excepted or expired) are not in these counts", excepted))
	}
}

// deltaRow is a label and its four counts (nil: all zero).
func (s *summary) deltaRow(label string, c *deltaCounts, bold bool) {
	if c == nil {
		c = &deltaCounts{}
	}
	num, lab := s.count, text(label)
	if bold {
		num, lab = s.boldCount, s.bold(text(label))
	}
	s.put(lab, num(c[0]), num(c[1]), num(c[2]), num(c[3]))
}

// isFamilySheet says the family has a sheet of its own.
func isFamilySheet(family string) bool {
	for _, f := range model.Families {
		if f.ID == family {
			return true
		}
	}
	return false
}
