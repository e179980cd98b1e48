package xlsx

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/model"
)

// The License True-Up columns. Every count is zero or more: the two sides of
// a purchased-versus-enabled gap have a column each, so no sign needs
// reading. Each money column sits after Currency and its cells carry the
// currency code in their number format. The notes under the totals say how
// each column is counted (licenseNotes).
var licensesSpec = sheetSpec{Name: layout.SheetLicenses, Columns: []column{
	{"Source", 18},
	{"Product", 9},
	{"Seat Type", 11},
	{"Purchased", 12},
	{"Enabled Accounts", 18},
	{"Active (≤ stale_days)", 23},
	{"Stale (> stale_days)", 22},
	{"Never Used", 13},
	{"Terminated but Enabled", 24},
	{"Not in Roster", 15},
	{"Reclaimable (each account once)", 33},
	{"Reclaimable by Strongest Reason", 36},
	{"Unassigned Seats", 18},
	{"Seats Short", 13},
	{"Currency", 10},
	{"Annual Cost per Seat", 22},
	{"Reclaimable Cost", 19},
	{"Unassigned Cost (savings)", 27},
	{"Savings per Year", 19},
	{"Money Back per Year", 22},
	{"Purchase Avoided", 19},
	{"Renewal Date", 14},
	{"Days to Renewal", 17},
	{"Use Counted From", 40},
}, Kinds: map[string]cellKind{
	// Numbers, so that their headers stand right-aligned over them.
	"Purchased": kindCount, "Enabled Accounts": kindCount, "Active (≤ stale_days)": kindCount,
	"Stale (> stale_days)": kindCount, "Never Used": kindCount, "Terminated but Enabled": kindCount,
	"Not in Roster": kindCount, "Reclaimable (each account once)": kindCount, "Unassigned Seats": kindCount,
	"Seats Short": kindCount, "Annual Cost per Seat": kindMoney, "Reclaimable Cost": kindMoney,
	"Unassigned Cost (savings)": kindMoney, "Savings per Year": kindMoney, "Money Back per Year": kindMoney, "Purchase Avoided": kindMoney, "Renewal Date": kindDate,
	"Days to Renewal": kindCount,
}}

// Column positions used by the total rows.
const (
	licColSource = iota
	licColProduct
	licColSeatType
	licColPurchased
	licColEnabled
	licColActive
	licColStale
	licColNeverUsed
	licColTerminated
	licColNotInRoster
	licColReclaimable
	licColReclaimableBy
	licColUnassigned
	licColShort
	licColCurrency
	licColCostPerSeat
	licColReclaimableCost
	licColUnassignedCost
	licColSavings
	licColMoneyBack
	licColPurchaseAvoided
	licColRenewal
	licColDaysToRenewal
	licColUseFrom
)

// reasonLabels name model.ReclaimReasons in the sheets' words.
var reasonLabels = [len(model.ReclaimReasons)]string{"terminated", "not in roster", "never used", "stale"}

// licenseTotal adds up the license lines of one currency; the lines without
// an annual cost form a group of their own (Priced false), whose money is
// unknown rather than zero.
type licenseTotal struct {
	Currency string
	Priced   bool
	Lines    int
	// Seat counts.
	Purchased, Enabled, Active, Stale, NeverUsed, Terminated, NotInRoster int64
	Reclaimable, Unassigned, Short                                        int64
	ReclaimableBy                                                         [len(model.ReclaimReasons)]int64
	// Whether any line of the group knew these counts; unknown stays blank.
	AuthKnown, TerminatedChecked, NotInRosterChecked bool
	// Money per year, in Currency.
	ReclaimableCost, UnassignedCost, Savings, MoneyBack, PurchaseAvoided float64
}

// licenseTotals groups the license lines by currency, priced currencies in
// code order and then the unpriced lines. Amounts in different currencies
// are never added together. Both the License True-Up sheet and the
// Summary's headline are made of these totals, so they agree by
// construction.
func licenseTotals(lines []model.LicenseLine) []licenseTotal {
	byKey := map[string]*licenseTotal{}
	for i := range lines {
		l := &lines[i]
		key := "\x00unpriced"
		if l.HasCost {
			key = l.Currency
		}
		t := byKey[key]
		if t == nil {
			t = &licenseTotal{Currency: l.Currency, Priced: l.HasCost}
			byKey[key] = t
		}
		t.Lines++
		t.AuthKnown = t.AuthKnown || l.AuthKnown
		t.TerminatedChecked = t.TerminatedChecked || l.TerminatedChecked
		t.NotInRosterChecked = t.NotInRosterChecked || l.NotInRosterChecked
		t.Purchased += l.Purchased
		t.Enabled += l.Enabled
		t.Active += l.Active
		t.Stale += l.Stale
		t.NeverUsed += l.NeverUsed
		t.Terminated += l.Terminated
		t.NotInRoster += l.NotInRoster
		t.Reclaimable += l.Reclaimable
		t.Unassigned += l.Unassigned
		t.Short += l.Short
		for k, n := range l.ReclaimableBy {
			t.ReclaimableBy[k] += n
		}
		t.ReclaimableCost += l.ReclaimableCost
		t.UnassignedCost += l.UnassignedCost
		t.Savings += l.Savings
		t.MoneyBack += l.MoneyBack
		t.PurchaseAvoided += l.PurchaseAvoided
	}
	var out []licenseTotal
	for _, k := range slices.Sorted(maps.Keys(byKey)) { // "\x00unpriced" sorts first
		if k != "\x00unpriced" {
			out = append(out, *byKey[k])
		}
	}
	if t, ok := byKey["\x00unpriced"]; ok {
		out = append(out, *t)
	}
	return out
}

// label names a total's group.
func (t *licenseTotal) label() string {
	if t.Priced {
		return "Total " + t.Currency
	}
	return "Total, no annual cost given"
}

// reclaimableBy says how the reclaimable seats split by strongest reason,
// e.g. "terminated 2; not in roster 1".
func reclaimableBy(by [len(model.ReclaimReasons)]int64) string {
	var parts []string
	for k, n := range by {
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", reasonLabels[k], n))
		}
	}
	return strings.Join(parts, "; ")
}

// licenseRows are the license lines, the totals per currency and the notes
// that say how each figure is counted.
func (b *book) licenseRows() [][]any {
	if len(b.r.Licenses) == 0 {
		return nil // the Summary says there was no license file
	}
	var rows [][]any
	for i := range b.r.Licenses {
		rows = append(rows, b.licenseLineRow(&b.r.Licenses[i]))
	}
	for _, t := range licenseTotals(b.r.Licenses) {
		rows = append(rows, b.licenseTotalRow(&t))
	}
	rows = append(rows, nil)
	for _, line := range b.licenseNotes() {
		rows = append(rows, []any{note(line)})
	}
	return rows
}

func (b *book) licenseLineRow(l *model.LicenseLine) []any {
	row := make([]any, len(licensesSpec.Columns))
	source := l.Source
	if source == "*" && len(l.Sources) > 0 {
		source = strings.Join(l.Sources, ", ")
	}
	row[licColSource], row[licColProduct], row[licColSeatType] = text(source), text(l.Product), text(l.SeatType)
	row[licColPurchased], row[licColEnabled] = l.Purchased, l.Enabled
	if l.AuthKnown {
		row[licColActive], row[licColStale], row[licColNeverUsed] = l.Active, l.Stale, l.NeverUsed
	}
	if l.TerminatedChecked {
		row[licColTerminated] = l.Terminated
	}
	if l.NotInRosterChecked {
		row[licColNotInRoster] = l.NotInRoster
	}
	row[licColReclaimable], row[licColReclaimableBy] = l.Reclaimable, text(reclaimableBy(l.ReclaimableBy))
	if l.SeatType == "named" {
		row[licColUnassigned], row[licColShort] = l.Unassigned, l.Short
	}
	if l.HasCost {
		money := b.moneyStyle(l.Currency, false)
		row[licColCurrency] = text(l.Currency)
		row[licColCostPerSeat] = styled(l.AnnualCost, money)
		if l.SeatType == "named" {
			row[licColReclaimableCost] = styled(l.ReclaimableCost, money)
			row[licColUnassignedCost] = styled(l.UnassignedCost, money)
			row[licColSavings] = styled(l.Savings, money)
			row[licColMoneyBack] = styled(l.MoneyBack, money)
			row[licColPurchaseAvoided] = styled(l.PurchaseAvoided, money)
		}
	}
	if d, err := time.Parse(time.DateOnly, l.RenewalDate); err == nil {
		row[licColRenewal] = styled(d, b.dateStyle())
	}
	if l.DaysToRenewal != nil {
		row[licColDaysToRenewal] = *l.DaysToRenewal
	}
	row[licColUseFrom] = text(l.UseFrom)
	return row
}

func (b *book) licenseTotalRow(t *licenseTotal) []any {
	bold := func(v any) any { return styled(v, b.st.bold) }
	row := make([]any, len(licensesSpec.Columns))
	row[licColSource] = bold(text(t.label()))
	counts := map[int]int64{licColPurchased: t.Purchased, licColEnabled: t.Enabled,
		licColReclaimable: t.Reclaimable, licColUnassigned: t.Unassigned, licColShort: t.Short}
	if t.AuthKnown {
		counts[licColActive], counts[licColStale], counts[licColNeverUsed] = t.Active, t.Stale, t.NeverUsed
	}
	if t.TerminatedChecked {
		counts[licColTerminated] = t.Terminated
	}
	if t.NotInRosterChecked {
		counts[licColNotInRoster] = t.NotInRoster
	}
	for col, n := range counts {
		row[col] = bold(n)
	}
	row[licColReclaimableBy] = bold(text(reclaimableBy(t.ReclaimableBy)))
	if t.Priced {
		money := b.moneyStyle(t.Currency, true)
		row[licColCurrency] = bold(text(t.Currency))
		row[licColReclaimableCost] = styled(t.ReclaimableCost, money)
		row[licColUnassignedCost] = styled(t.UnassignedCost, money)
		row[licColSavings] = styled(t.Savings, money)
		row[licColMoneyBack] = styled(t.MoneyBack, money)
		row[licColPurchaseAvoided] = styled(t.PurchaseAvoided, money)
	}
	return row
}

// licenseNotes explain the License True-Up's columns under its totals.
func (b *book) licenseNotes() []string {
	stale := "stale_days"
	if v, ok := b.r.Params["stale_days"]; ok {
		stale = fmt.Sprintf("stale_days = %s", EvidenceText(v))
	}
	return []string{
		"How to read this sheet",
		"Active + Stale + Never Used = Enabled Accounts: the enabled accounts split by last authentication (" + stale + "). Blank: the source exports no last authentication. A session or audited action in the window is use too, whatever the last authentication says: Use Counted From names what the line's sources gave.",
		"Terminated but Enabled and Not in Roster count the findings of terminated-user-enabled and account-not-in-roster; blank when the rule did not run (no roster given).",
		"Reclaimable counts each enabled account with a stale-seats finding once, under its strongest reason: terminated > not in roster > never used (past new_account_grace_days) > stale; a finding an exception covers is not counted. Reclaimable by Strongest Reason adds up to Reclaimable.",
		"Unassigned Seats = Purchased − Enabled Accounts when more seats were bought than are enabled; Seats Short = Enabled Accounts − Purchased when fewer (the seats to buy at true-up). Neither is ever negative.",
		"Reclaimable Cost = Reclaimable × Annual Cost per Seat; Unassigned Cost = Unassigned Seats × Annual Cost per Seat, counted as savings: seats bought but held by nobody.",
		"Savings per Year = Reclaimable Cost + Unassigned Cost = Money Back per Year + Purchase Avoided. Where seats are short, reclaimed seats first cover the shortage: that part is a purchase avoided (seats not bought at true-up), the rest money back (seats dropped at renewal).",
		"Days to Renewal: from the as-of date (" + b.r.AsOf + ") to the Renewal Date; negative when it has passed.",
		"Concurrent seats are not held by accounts: they have no unassigned, short or cost figures.",
		"Totals are per currency and never added across currencies; money is per year, in the currency shown beside it. The Summary's license figures are these totals.",
	}
}

// headerRightStyle is a header over a column of numbers.
func (b *book) headerRightStyle() int {
	if id, ok := b.licStyles["\x00headRight"]; ok {
		return id
	}
	return b.newLicStyle("\x00headRight", &excelize.Style{Font: &excelize.Font{Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "right"}})
}

// moneyStyle is the number format of an amount in currency: the code is
// shown in the cell, so no money figure stands without its currency.
func (b *book) moneyStyle(currency string, bold bool) int {
	key := currency
	if bold {
		key += "\x00bold"
	}
	if id, ok := b.licStyles[key]; ok {
		return id
	}
	code := strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, currency)
	format := "#,##0.00"
	if code != "" {
		format += ` "` + code + `"`
	}
	style := &excelize.Style{CustomNumFmt: &format}
	if bold {
		style.Font = &excelize.Font{Bold: true}
	}
	return b.newLicStyle(key, style)
}

// dateStyle shows a date cell as YYYY-MM-DD.
func (b *book) dateStyle() int {
	if id, ok := b.licStyles["\x00date"]; ok {
		return id
	}
	format := "yyyy-mm-dd"
	return b.newLicStyle("\x00date", &excelize.Style{CustomNumFmt: &format})
}

// newLicStyle adds a style and remembers it under key. A style that cannot
// be added falls back to the general format (0): the figure still shows.
func (b *book) newLicStyle(key string, style *excelize.Style) int {
	if b.licStyles == nil {
		b.licStyles = map[string]int{}
	}
	if style.Font != nil {
		// Named, as newStyles names every font: without a name LibreOffice
		// prints the cell in its default serif, wider (the bold totals).
		style.Font.Family = cmp.Or(style.Font.Family, "Calibri")
		style.Font.Size = cmp.Or(style.Font.Size, 11)
	}
	id, err := b.f.NewStyle(style)
	if err != nil {
		id = 0
	}
	b.licStyles[key] = id
	return id
}
