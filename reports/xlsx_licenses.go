package reports

// licensesSpec is the License True-Up sheet: one row per license line, then
// the reclaimable totals.
var licensesSpec = sheetSpec{Name: sheetLicenses, Columns: []column{
	{"Source", 14},
	{"Product", 9},
	{"Seat Type", 11},
	{"Purchased", 11},
	{"Enabled Accounts", 17},
	{"Active (in stale_days)", 21},
	{"Stale", 8},
	{"Never Used", 11},
	{"Reclaimable", 12},
	{"Over/Under", 11},
	{"Annual Cost per Seat", 20},
	{"Currency", 9},
	{"Reclaimable Cost", 17},
}}

// licenseRows are the license lines, then the totals.
func (b *book) licenseRows() [][]any {
	var rows [][]any
	for i := range b.r.Licenses {
		l := &b.r.Licenses[i]
		var cost, currency, reclaim any
		if l.HasCost {
			cost = styled(l.AnnualCost, b.st.money)
			currency = text(l.Currency)
			reclaim = styled(l.ReclaimableCost, b.st.money)
		}
		rows = append(rows, []any{text(l.Source), text(l.Product), text(l.SeatType), l.Purchased, l.Enabled,
			l.Active, l.Stale, l.NeverUsed, l.Reclaimable, l.OverUnder, cost, currency, reclaim})
	}
	return append(rows, b.licenseTotals()...)
}

// licenseTotals are the total rows: reclaimable seats over every line, and
// reclaimable cost per currency (one row when there is one currency).
func (b *book) licenseTotals() [][]any {
	if len(b.r.Licenses) == 0 {
		return nil
	}
	var seats int64
	cost := map[string]float64{}
	costSeats := map[string]int64{}
	for _, l := range b.r.Licenses {
		seats += l.Reclaimable
		if l.HasCost {
			cost[l.Currency] += l.ReclaimableCost
			costSeats[l.Currency] += l.Reclaimable
		}
	}
	bold := func(v any) any { return styled(v, b.st.bold) }
	row := func(label string, seats int64, currency string, cost any) []any {
		r := make([]any, len(licensesSpec.Columns))
		r[0], r[8], r[11], r[12] = bold(text(label)), bold(seats), bold(text(currency)), cost
		return r
	}
	currencies := sortedKeys(cost)
	if len(currencies) == 1 {
		c := currencies[0]
		return [][]any{row("Total", seats, c, styled(cost[c], b.st.boldCash))}
	}
	rows := [][]any{row("Total", seats, "", nil)}
	for _, c := range currencies {
		rows = append(rows, row("Total "+c, costSeats[c], c, styled(cost[c], b.st.boldCash)))
	}
	return rows
}
