package xlsx

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/internal/xlsxprint"
)

func TestLicenseSheet(t *testing.T) {
	_, f := writeTest(t, testReview())
	rs := rows(t, f, layout.SheetLicenses)
	want := [][]string{
		{"pra-prod, pra-test", "pra", "named", "50", "57", "40", "12", "5", "3", "2", "19",
			"terminated 3; not in roster 2; never used 4; stale 10", "0", "7", "USD", "1,200.00 USD",
			"22,800.00 USD", "0.00 USD", "22,800.00 USD", "14,400.00 USD", "8,400.00 USD", "2026-03-31", "129"},
		// Concurrent, no cost, no roster rules run: blank, not zero.
		{"rs-prod", "rs", "concurrent", "10", "25", "20", "3", "2", "", "", "5", "never used 2; stale 3"},
		{"Total USD", "", "", "50", "57", "40", "12", "5", "3", "2", "19",
			"terminated 3; not in roster 2; never used 4; stale 10", "0", "7", "USD", "",
			"22,800.00 USD", "0.00 USD", "22,800.00 USD", "14,400.00 USD", "8,400.00 USD"},
		{"Total, no annual cost given", "", "", "10", "25", "20", "3", "2", "", "", "5",
			"never used 2; stale 3", "0", "0"},
		nil,
		{"How to read this sheet"},
	}
	for i, w := range want {
		if !slices.Equal(rs[i+1], w) {
			t.Errorf("row %d:\n got %q\nwant %q", i+2, rs[i+1], w)
		}
	}
	// Counts, money and the renewal date are numbers (the date formatted as
	// one), so they sort and add up.
	for _, ref := range []string{"D2", "K2", "P2", "Q2", "S2", "T2", "U2", "V2", "W2", "S4"} {
		if typ, _ := f.GetCellType(layout.SheetLicenses, ref); typ != excelize.CellTypeUnset {
			t.Errorf("%s: type %v, want a number", ref, typ)
		}
	}
	if raw := rawCell(t, f, layout.SheetLicenses, "V2"); raw != "46112" {
		t.Errorf("V2 renewal date serial %q, want 46112 (2026-03-31)", raw)
	}
}

// rawCell is a cell's stored value, not formatted.
func rawCell(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("%s!%s: %v", sheet, ref, err)
	}
	return v
}

// licenseFigures are one currency's reclaimable seats, reclaimable cost,
// unassigned seats, unassigned cost, savings and seats short.
// licenseFigures are, in the Summary's order: reclaimable seats and cost,
// unassigned seats and cost, savings, of which money back and purchase
// avoided, seats short.
type licenseFigures [8]string

// trueUpTotals reads the License True-Up's total rows back, by currency
// ("" for the lines without a cost).
func trueUpTotals(t *testing.T, f *excelize.File) map[string]licenseFigures {
	t.Helper()
	rs, err := f.GetRows(layout.SheetLicenses, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]licenseFigures{}
	for _, r := range rs {
		if len(r) == 0 {
			continue
		}
		cur, ok := strings.CutPrefix(r[0], "Total ")
		switch {
		case r[0] == "Total, no annual cost given":
			cur = ""
		case !ok || strings.Contains(cur, " "): // not a total row: a note
			continue
		}
		r = append(r, make([]string, len(licensesSpec.Columns))...)
		out[cur] = licenseFigures{r[licColReclaimable], r[licColReclaimableCost], r[licColUnassigned],
			r[licColUnassignedCost], r[licColSavings], r[licColMoneyBack], r[licColPurchaseAvoided], r[licColShort]}
	}
	return out
}

// summaryHeadline reads the Summary's license headline back, by currency.
func summaryHeadline(t *testing.T, f *excelize.File) map[string]licenseFigures {
	t.Helper()
	rs, err := f.GetRows(layout.SheetSummary, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return headlineFigures(t, rs)
}

// headlineFigures reads the Summary's license section: a column per
// currency ("no cost given" is ""), a row per figure, in licenseFigures
// order.
func headlineFigures(t *testing.T, rs [][]string) map[string]licenseFigures {
	t.Helper()
	pane := rightPane - 1 // the headline stands in the Summary's right pane
	at := findRow(t, rs, pane, licenseTitle)
	cell := func(r []string, c int) string {
		if c < len(r) {
			return r[c]
		}
		return ""
	}
	out := map[string]licenseFigures{}
	header := rs[at]
	for c := pane + 1; cell(header, c) != ""; c++ {
		cur := cell(header, c)
		if cur == "no cost given" {
			cur = ""
		}
		var fig licenseFigures
		for k := range fig {
			fig[k] = cell(rs[at+1+k], c)
		}
		out[cur] = fig
	}
	return out
}

// The Summary's license headline is the License True-Up's totals, currency
// by currency; no total adds amounts of two currencies.
func TestLicenseTotalsAgreeWithSummaryPerCurrency(t *testing.T) {
	r := testReview()
	line := func(product, currency string, cost float64, purchased, enabled, reclaimable int64) model.LicenseLine {
		l := model.LicenseLine{Source: product + "-prod", Sources: []string{product + "-prod"}, Product: product,
			SeatType: "named", Purchased: purchased, Enabled: enabled, Reclaimable: reclaimable,
			Unassigned: max(purchased-enabled, 0), Short: max(enabled-purchased, 0),
			HasCost: cost > 0, AnnualCost: cost, Currency: currency}
		l.ReclaimableBy[3] = reclaimable
		l.ReclaimableCost, l.UnassignedCost = cost*float64(reclaimable), cost*float64(l.Unassigned)
		l.Savings = l.ReclaimableCost + l.UnassignedCost
		l.PurchaseAvoided = cost * float64(min(reclaimable, l.Short))
		l.MoneyBack = l.Savings - l.PurchaseAvoided
		return l
	}
	r.Licenses = []model.LicenseLine{
		line("pra", "USD", 1450, 8, 10, 3),
		line("rs", "EUR", 980, 260, 10, 4),
		line("password-safe", "USD", 200.5, 20, 12, 2),
		line("pra", "", 0, 5, 4, 1),
	}
	_, f := writeTest(t, r)
	totals, headline := trueUpTotals(t, f), summaryHeadline(t, f)
	want := map[string]licenseFigures{
		// 3×1450 + 2×200.5; 8×200.5; pra is 2 seats short, so 2 of its 3
		// reclaimed seats (2×1450) are a purchase avoided, not money back.
		"USD": {"5", "4751", "8", "1604", "6355", "3455", "2900", "2"},
		"EUR": {"4", "3920", "250", "245000", "248920", "248920", "0", "0"},
		"":    {"1", "", "1", "", "", "", "", "0"},
	}
	for cur, w := range want {
		if got := totals[cur]; got != w {
			t.Errorf("License True-Up total %q = %q, want %q", cur, got, w)
		}
		if got := headline[cur]; got != w {
			t.Errorf("Summary headline %q = %q, want %q", cur, got, w)
		}
	}
	if len(totals) != len(want) || len(headline) != len(want) {
		t.Errorf("groups: License True-Up %v, Summary %v; want one per currency and one without cost", totals, headline)
	}
	// The money cells state their currency; the headers over numbers are
	// right-aligned like the numbers.
	rs := rows(t, f, layout.SheetSummary)
	header := findRow(t, rs, rightPane-1, licenseTitle) + 1
	for col := rightPane + 1; col <= rightPane+3; col++ {
		ref, _ := excelize.CoordinatesToCellName(col, header)
		id, _ := f.GetCellStyle(layout.SheetSummary, ref)
		st, err := f.GetStyle(id)
		if err != nil || st.Alignment == nil || st.Alignment.Horizontal != "right" {
			t.Errorf("Summary!%s header %q is not right-aligned", ref, rs[header-1][col-1])
		}
	}
	savings := rs[findRow(t, rs, rightPane-1, "Savings per year")-1]
	eur := slices.Index(rs[header-1], "EUR")
	if eur < 0 || savings[eur] != "248,920.00 EUR" {
		t.Errorf("Summary EUR savings shown as %q in %q", savings, rs[header-1])
	}
}

// Without a license file the Summary says so instead of showing zeros.
func TestSummaryHeadlineWithoutLicenses(t *testing.T) {
	r := testReview()
	r.Licenses = nil
	_, f := writeTest(t, r)
	rs := rows(t, f, layout.SheetSummary)
	at := findRow(t, rs, rightPane-1, licenseTitle)
	if got := rs[at][rightPane-1]; got != "no license file given (--licenses): no savings computed" {
		t.Errorf("row after the headline title %q", got)
	}
}

// The License True-Up's notes print as notes do: each merged over the
// columns one printed page holds (several, not the whole sheet) and
// wrapped, a long one on a taller row, so that on paper no line runs off
// the page.
func TestLicenseNotesWrapOverOnePage(t *testing.T) {
	_, f := writeTest(t, testReview())
	rs := rows(t, f, layout.SheetLicenses)
	row := findRow(t, rs, 0, "How to read this sheet") + 1 // the first note under the title
	merges, err := f.GetMergeCells(layout.SheetLicenses)
	if err != nil {
		t.Fatal(err)
	}
	var span string
	for _, m := range merges {
		if m.GetStartAxis() == fmt.Sprintf("A%d", row) {
			span = m.GetEndAxis()
		}
	}
	end, _, err := excelize.CellNameToCoordinates(span)
	if err != nil || end < 3 || end >= len(licensesSpec.Columns) {
		t.Fatalf("note at A%d merged to %q (%v), want over several columns, not all %d", row, span, err, len(licensesSpec.Columns))
	}
	width := 0.0
	for c := 1; c <= end; c++ {
		name, _ := excelize.ColumnNumberToName(c)
		w, _ := f.GetColWidth(layout.SheetLicenses, name)
		width += xlsxprint.ColumnPoints(w)
	}
	if page := (xlsxprint.Plan{}).PageWidth(); width > page {
		t.Errorf("the note spans %.0f points, more than a page's %.0f", width, page)
	}
	if h, _ := f.GetRowHeight(layout.SheetLicenses, row); h <= 15 {
		t.Errorf("a two-line note on a row %.0f points high", h)
	}
	id, _ := f.GetCellStyle(layout.SheetLicenses, fmt.Sprintf("A%d", row))
	if st, err := f.GetStyle(id); err != nil || st.Alignment == nil || !st.Alignment.WrapText {
		t.Errorf("note style %+v (%v), want wrapped", st, err)
	}
}
