package xlsx

import (
	"fmt"

	"github.com/review-tool/review/internal/layout"
)

// licenseTitle heads the Summary's license section.
const licenseTitle = "License savings per year (from " + layout.SheetLicenses + ")"

// maxHeadlineCurrencies is how many currencies the Summary's license section
// shows side by side in the right pane; the License True-Up lists all.
const maxHeadlineCurrencies = 4

// licenseHeadline is the Summary's license section, in the right pane under
// the act-first list: the License True-Up's totals (licenseTotals), one
// column per currency and one row per figure, so the two sheets cannot
// disagree and no amount is added across currencies.
func (s *summary) licenseHeadline() {
	s.title(licenseTitle)
	if len(s.r.Licenses) == 0 {
		s.note("no license file given (--licenses): no savings computed")
		return
	}
	totals := licenseTotals(s.r.Licenses)
	shown := totals[:min(len(totals), maxHeadlineCurrencies)]
	head := []string{"Per year"}
	numeric := map[string]bool{}
	for _, t := range shown {
		name := t.Currency
		if !t.Priced {
			name = "no cost given"
		}
		head = append(head, name)
		numeric[name] = true
	}
	s.headNumeric(numeric, head...)
	money := func(t licenseTotal, v float64) any {
		if !t.Priced {
			return nil
		}
		return styled(v, s.moneyStyle(t.Currency, false))
	}
	for _, row := range []struct {
		label string
		cell  func(t licenseTotal) any
	}{
		{"Reclaimable seats", func(t licenseTotal) any { return s.count(t.Reclaimable) }},
		{"Reclaimable cost", func(t licenseTotal) any { return money(t, t.ReclaimableCost) }},
		{"Unassigned seats", func(t licenseTotal) any { return s.count(t.Unassigned) }},
		{"Unassigned cost", func(t licenseTotal) any { return money(t, t.UnassignedCost) }},
		{"Savings per year", func(t licenseTotal) any { return money(t, t.Savings) }},
		{"of which money back", func(t licenseTotal) any { return money(t, t.MoneyBack) }},
		{"of which purchase avoided", func(t licenseTotal) any { return money(t, t.PurchaseAvoided) }},
		{"Seats short", func(t licenseTotal) any { return s.count(t.Short) }},
	} {
		cells := []any{text(row.label)}
		for _, t := range shown {
			cells = append(cells, row.cell(t))
		}
		s.put(cells...)
	}
	if len(totals) > len(shown) {
		s.note(fmt.Sprintf("… %d more currencies: see %s", len(totals)-len(shown), layout.SheetLicenses))
	}
	s.note("Reclaimable: each account once, by its strongest reason (terminated > not in roster > never used > stale).")
	s.note("Unassigned: seats bought, held by nobody. Savings = reclaimable cost + unassigned cost; never added across currencies.")
}
