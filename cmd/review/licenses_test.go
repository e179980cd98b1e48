package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A license row for a product with several sources counts their enabled
// accounts together and gives one finding of source "*".
func TestLicenseRowOverSeveralSources(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	lic := filepath.Join(dir, "licenses.csv")
	os.WriteFile(lic, []byte("product,seat_type,purchased,annual_cost_per_seat,currency\nrs,named,1,980.00,EUR\n"), 0o644)
	fx := fixtures[1]
	fx.args = append([]string{"--licenses", lic}, fx.args...)
	_, jsonl := runFixture(t, fx, dir)
	var got []string
	for _, f := range readJSONL(t, jsonl) {
		if f.Rule == "license-over-assigned" {
			got = append(got, f.Source+" "+f.EntityType+" "+f.Entity)
		}
	}
	if len(got) != 1 || got[0] != "* product rs" {
		t.Errorf("license-over-assigned findings %v, want one on * for product rs", got)
	}
}

// A license row naming a source the run does not have (a misspelling) is
// an error naming the file, the line and the sources that exist; with
// --lenient it is a listed bad row, and the run goes on without it.
func TestLicenseRowNamingNoSource(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	lic := filepath.Join(dir, "licenses.csv")
	os.WriteFile(lic, []byte("product,seat_type,purchased,source\npra,named,8,pra\nrs,named,10,rs-prdo\n"), 0o644)
	out := filepath.Join(dir, "findings.xlsx")
	args := []string{"run", "--quiet", "--as-of", "2025-11-22", "--out", out, "--licenses", lic,
		"../../fixtures/mixed/pra", "../../fixtures/mixed/rs"}
	code, msg := runCLI(t, args...)
	want := lic + `:3: found the source "rs-prdo", which is not a source of this run, expected the name of a rs source (sources: pra (pra), rs (rs)), or no source for all of them`
	if code != exitBadInput || !strings.Contains(msg, want) {
		t.Fatalf("exit %d, %q; want 2 and %q", code, msg, want)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a workbook was written on exit 2")
	}
	code, msg = runCLI(t, append([]string{"run", "--lenient"}, args[1:]...)...)
	if code != exitOK {
		t.Fatalf("--lenient: exit %d: %s", code, msg)
	}
	f := openWorkbook(t, out)
	rows, _ := f.GetRows("Ingest Issues")
	if len(rows) != 2 || rows[1][1] != "3" || !strings.Contains(rows[1][3], `"rs-prdo"`) {
		t.Errorf("Ingest Issues = %q", rows)
	}
}

// trueUpRows reads the License True-Up back with raw values: the license
// lines by source, and the total rows by their label.
func trueUpRows(t *testing.T, f *excelize.File) map[string][]string {
	t.Helper()
	rs, err := f.GetRows("License True-Up", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, r := range rs[1:] {
		if len(r) > 1 {
			out[r[0]] = append(r, make([]string, max(0, 24-len(r)))...)
		}
	}
	return out
}

// headlineRows reads the Summary's license headline back, by currency:
// the currency, then reclaimable seats and cost, unassigned seats and
// cost, savings per year and seats short. The Summary shows a column per
// currency and a row per figure.
func headlineRows(t *testing.T, f *excelize.File) map[string][]string {
	t.Helper()
	rs, err := f.GetRows("Summary", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	cell := func(r []string, c int) string {
		if c < len(r) {
			return r[c]
		}
		return ""
	}
	out := map[string][]string{}
	for i, r := range rs {
		c := slices.Index(r, "License savings per year (from License True-Up)")
		if c < 0 || i+9 >= len(rs) {
			continue
		}
		header := rs[i+1]
		for col := c + 1; cell(header, col) != ""; col++ {
			fig := []string{cell(header, col)}
			for k := 0; k < 8; k++ {
				fig = append(fig, cell(rs[i+2+k], col))
			}
			out[fig[0]] = fig
		}
	}
	return out
}

// The demo's license figures, worked out by hand from fixtures/mixed (as of
// 2025-11-22). pra: 8 seats at 1,450 USD; 10 enabled (8 users, 2 vendor
// users), so 2 short and none unassigned; chloe.martin and david.levi
// terminated, george.hill not in the roster: 3 reclaimable = 4,350 USD;
// renewal 2026-03-31, 129 days on. rs: 10 seats at 980 EUR, 10 enabled;
// peter.novak stale (234 days), chloe.martin and ivan.petrov terminated,
// helpdesk01 not in the roster: 4 reclaimable = 3,920 EUR; renewal
// 2026-06-30, 220 days on. The Summary shows the same totals.
func TestLicenseTrueUpOfTheDemoByHand(t *testing.T) {
	t.Parallel()
	xlsx, _ := runFixture(t, fixtures[2], t.TempDir())
	f := openWorkbook(t, xlsx)
	lines := trueUpRows(t, f)
	// Source … Reclaimable by Reason, Unassigned, Short, Currency, cost per
	// seat, reclaimable cost, unassigned cost, savings, renewal (Excel
	// serial of the date), days to renewal, what counted as use. pra is 2
	// seats short: 2 of its 3 reclaimed seats cover the shortage, so of
	// 4,350 USD saved only 1,450 is money back, 2,900 a purchase avoided.
	want := map[string][]string{
		"pra": {"pra", "pra", "named", "8", "10", "10", "0", "0", "2", "1", "3", "terminated 2; not in roster 1",
			"0", "2", "USD", "1450", "4350", "0", "4350", "1450", "2900", "46112", "129", "last authentication; session reports"},
		"rs": {"rs", "rs", "named", "10", "10", "9", "1", "0", "2", "1", "4", "terminated 2; not in roster 1; stale 1",
			"0", "0", "EUR", "980", "3920", "0", "3920", "3920", "0", "46203", "220", "last authentication; session reports"},
	}
	for src, w := range want {
		if got := lines[src]; !slices.Equal(got, w) {
			t.Errorf("License True-Up %s:\n got %q\nwant %q", src, got, w)
		}
	}
	headline := headlineRows(t, f)
	for cur, w := range map[string][]string{
		// Reclaimable seats and cost, unassigned seats and cost, savings, of
		// which money back and purchase avoided, seats short.
		"USD": {"USD", "3", "4350", "0", "0", "4350", "1450", "2900", "2"},
		"EUR": {"EUR", "4", "3920", "0", "0", "3920", "3920", "0", "0"},
	} {
		if got := headline[cur]; !slices.Equal(got, w) {
			t.Errorf("Summary headline %s:\n got %q\nwant %q", cur, got, w)
		}
		total := lines["Total "+cur]
		if total == nil || !slices.Equal([]string{cur, total[10], total[16], total[12], total[17], total[18], total[19], total[20], total[13]}, w) {
			t.Errorf("License True-Up total %s %q disagrees with the Summary %q", cur, total, w)
		}
	}
	if len(headline) != 2 {
		t.Errorf("Summary headline rows %q, want USD and EUR", headline)
	}
}

// Seats bought and held by nobody count as savings, in the Summary too;
// without a roster the roster counts are blank (not checked), not zero, and
// only the stale account is reclaimable.
func TestUnassignedSeatsAreSavingsAndNoRosterIsBlank(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	lic := filepath.Join(dir, "licenses.csv")
	os.WriteFile(lic, []byte("product,seat_type,purchased,annual_cost_per_seat,currency\nrs,named,250,980.00,EUR\n"), 0o644)
	xlsx, _ := runFixture(t, fixture{"rs-only", []string{"--licenses", lic, "../../fixtures/mixed/rs"}}, dir)
	f := openWorkbook(t, xlsx)
	rs := trueUpRows(t, f)["rs"]
	// Terminated and Not in Roster blank; 1 reclaimable (stale); 240
	// unassigned; 980 + 235,200 = 236,180 EUR, all money back (none short).
	if got, want := []string{rs[8], rs[9], rs[10], rs[12], rs[16], rs[17], rs[18]},
		[]string{"", "", "1", "240", "980", "235200", "236180"}; !slices.Equal(got, want) {
		t.Errorf("rs line %q: got %q, want %q", rs, got, want)
	}
	if got, want := headlineRows(t, f)["EUR"], []string{"EUR", "1", "980", "240", "235200", "236180", "236180", "0", "0"}; !slices.Equal(got, want) {
		t.Errorf("Summary headline %q, want %q", got, want)
	}
}

// Every account finding on Stale Seats shows the account's last
// authentication and the days since, whatever the rule (a terminated
// person's account too, as Accounts shows it).
func TestStaleSeatsShowLastAuthentication(t *testing.T) {
	t.Parallel()
	xlsx, _ := runFixture(t, fixtures[2], t.TempDir())
	f := openWorkbook(t, xlsx)
	rs, _ := f.GetRows("Stale Seats")
	col := func(name string) int { return slices.Index(rs[0], name) }
	rule, entity, last, days := col("Rule"), col("Entity"), col("Last Authentication (UTC)"), col("Days Since")
	seen := map[string]bool{}
	for _, r := range rs[1:] {
		if r[col("Entity Type")] != "account" {
			continue
		}
		seen[r[rule]] = true
		if r[last] == "" || r[days] == "" {
			t.Errorf("%s %s: last authentication %q, days since %q", r[rule], r[entity], r[last], r[days])
		}
	}
	// terminated-user-enabled is on Offboarding since the family moved.
	if !seen["stale-account"] || !seen["account-not-in-roster"] {
		t.Errorf("rules seen on Stale Seats: %v", seen)
	}
}
