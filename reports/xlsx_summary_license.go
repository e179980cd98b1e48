package reports

import (
	"cmp"
	"fmt"
	"slices"
)

// topSavings is how many stale-seat findings the Summary lists by cost.
const topSavings = 10

// licenseHeadline is the Summary's license section, in the right pane
// under the act-first list. For now it lists the stale-seat findings with
// the largest annual cost; the license headline computed from the License
// True-Up rows replaces it.
func (s *summary) licenseHeadline() {
	type saving struct {
		f    int
		cost float64
	}
	var list []saving
	for i := range s.r.Findings {
		f := &s.r.Findings[i]
		if f.Family != "stale-seats" {
			continue
		}
		if cost, ok := evidenceFloat(f.Evidence["annual_cost"]); ok {
			list = append(list, saving{i, cost})
		}
	}
	slices.SortStableFunc(list, func(a, b saving) int { return cmp.Compare(b.cost, a.cost) })
	list = list[:min(len(list), topSavings)]
	s.title(fmt.Sprintf("Top %d stale-seat savings", topSavings))
	s.headNumeric(map[string]bool{"Days Since": true, "Annual Cost": true},
		"Entity", "Source", "Product", "Days Since", "Annual Cost")
	if len(list) == 0 {
		s.note("no stale-seat finding with an annual cost")
	}
	for _, sv := range list {
		f := &s.r.Findings[sv.f]
		s.put(link{text: cellText(f.Entity), location: findingLocation(sv.f)}, text(f.Source),
			evidenceCell(f.Evidence["seat_product"]), evidenceCell(f.Evidence["days_since"]),
			styled(sv.cost, s.st.money))
	}
}
