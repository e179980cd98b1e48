package xlsx

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/internal/xlsxprint"
)

// summaryTable is a table on the Summary as a reader sees it: the row of
// its header and the rows under it down to the first empty row.
type summaryTable struct {
	headerRow int // 1-based
	col       int // 0-based column of its first header
	header    []string
	rows      [][]string // cells from col on
	firstRow  int        // 1-based row of rows[0]
}

// tableUnder finds the table whose section title is title.
func tableUnder(t *testing.T, f *excelize.File, title string) summaryTable {
	t.Helper()
	rs := rows(t, f, "Summary")
	for i, r := range rs {
		for j, v := range r {
			if v != title {
				continue
			}
			tb := summaryTable{headerRow: i + 2, col: j, firstRow: i + 3}
			width := 0
			for _, h := range rs[i+1][j:] {
				if h == "" {
					break
				}
				tb.header = append(tb.header, h)
				width++
			}
			for _, row := range rs[i+2:] {
				if j >= len(row) || row[j] == "" {
					break
				}
				tb.rows = append(tb.rows, slices.Clone(row[j:min(len(row), j+width)]))
			}
			return tb
		}
	}
	t.Fatalf("Summary: no section %q", title)
	return summaryTable{}
}

// row returns the table's row whose first cell is label.
func (tb summaryTable) row(t *testing.T, label string) []string {
	t.Helper()
	for _, r := range tb.rows {
		if r[0] == label {
			return r
		}
	}
	t.Fatalf("no row %q in %q", label, tb.rows)
	return nil
}

// drawnAlignment is how a cell's content is drawn: its style's horizontal
// alignment, or, when the style leaves it to the program, right for a
// number and left for text.
func drawnAlignment(t *testing.T, f *excelize.File, ref string) string {
	t.Helper()
	id, err := f.GetCellStyle("Summary", ref)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.Alignment != nil && st.Alignment.Horizontal != "" && st.Alignment.Horizontal != "general" {
		return st.Alignment.Horizontal
	}
	typ, _ := f.GetCellType("Summary", ref)
	v, _ := f.GetCellValue("Summary", ref, excelize.Options{RawCellValue: true})
	if _, err := strconv.ParseFloat(v, 64); err == nil && typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
		return "right"
	}
	return "left"
}

// The issue: headers left-aligned over numbers drawn on the right put a
// high count under the Medium header. Every number on a Summary table is
// drawn on the same side as its column's header.
func TestSummaryNumbersSitUnderTheirHeaders(t *testing.T) {
	_, f := writeTest(t, testReview())
	for _, title := range []string{"Sources", "Findings by severity", "Findings per rule", "License savings per year (from " + layout.SheetLicenses + ")"} {
		tb := tableUnder(t, f, title)
		numbers := 0
		for c := range tb.header {
			head, _ := excelize.CoordinatesToCellName(tb.col+c+1, tb.headerRow)
			want := drawnAlignment(t, f, head)
			for r := range tb.rows {
				ref, _ := excelize.CoordinatesToCellName(tb.col+c+1, tb.firstRow+r)
				if v, _ := f.GetCellValue("Summary", ref); v == "" {
					continue
				}
				if got := drawnAlignment(t, f, ref); got != want {
					t.Errorf("%s: %s (%s) is drawn %s under a header drawn %s", title, ref, tb.header[c], got, want)
				}
				if drawnAlignment(t, f, ref) == "right" {
					numbers++
				}
			}
		}
		if numbers == 0 {
			t.Errorf("%s: no number found", title)
		}
	}
	sev := tableUnder(t, f, "Findings by severity")
	if want := []string{"Family", "High", "Medium", "Low", "Total"}; !slices.Equal(sev.header, want) {
		t.Errorf("severity header %q, want %q", sev.header, want)
	}
	if got := sev.row(t, "Stale Seats"); !slices.Equal(got, []string{"Stale Seats", "0", "4", "0", "4"}) {
		t.Errorf("Stale Seats row %q", got)
	}
	if got := sev.row(t, "Total"); !slices.Equal(got, []string{"Total", "2", "6", "4", "12"}) {
		t.Errorf("Total row %q", got)
	}
	rules := tableUnder(t, f, "Findings per rule")
	if got := rules.row(t, "stale-account"); !slices.Equal(got, []string{"stale-account", "0", "2", "0", "2"}) {
		t.Errorf("stale-account row %q", got)
	}
	// The rules with high findings come first.
	if first := rules.rows[0][0]; first != "admin-without-mfa" && first != "expired-vendor-account-enabled" {
		t.Errorf("first rule %q, want one with a high finding", first)
	}
	src := tableUnder(t, f, "Sources")
	if got := src.row(t, "pra-prod"); !slices.Equal(got, []string{"pra-prod", "pra", "120", "100", "7"}) {
		t.Errorf("source row %q", got)
	}
	if got := src.row(t, "Total"); !slices.Equal(got, []string{"Total", "", "150", "125", "9"}) {
		t.Errorf("source total %q", got)
	}
	// A source that does not say who is an administrator (a User Account
	// Report without the column) is "not stated", not 0, and the total is
	// at least the others'.
	r := testReview()
	r.Sources[1].AdminsKnown = false
	_, f2 := writeTest(t, r)
	src2 := tableUnder(t, f2, "Sources")
	if got := src2.row(t, "rs-prod"); got[4] != "not stated" {
		t.Errorf("rs-prod without an administrator column: %q, want not stated", got)
	}
	if got := src2.row(t, "Total"); got[4] != "≥ 7" {
		t.Errorf("total with a source not stated: %q, want ≥ 7", got)
	}
	if got := src.row(t, "Roster"); got[1] != "My Roster.csv (10 rows)" {
		t.Errorf("roster row %q", got)
	}
	if got := src.row(t, "Licenses"); got[1] != "none given (--licenses)" {
		t.Errorf("licenses row %q", got)
	}
}

func TestSummaryAsOfIsADate(t *testing.T) {
	_, f := writeTest(t, testReview())
	rs := rows(t, f, "Summary")
	r := findRow(t, rs, 0, "As-of date (UTC)")
	ref := fmt.Sprintf("B%d", r)
	raw, _ := f.GetCellValue("Summary", ref, excelize.Options{RawCellValue: true})
	if raw != "45983" { // 2025-11-22
		t.Errorf("%s raw value %q, want the date serial 45983", ref, raw)
	}
	if got := cell(t, f, "Summary", ref); got != "2025-11-22" {
		t.Errorf("%s shows %q", ref, got)
	}
}

// highReview is the test review with n more high findings.
func highReview(n int) *model.Review {
	r := testReview()
	for i := range n {
		r.Findings = append(r.Findings, finding("admin-without-mfa", "admin-sprawl", model.High, "rs-prod", "rs",
			model.EntityAccount, fmt.Sprintf("zadmin%02d", i), nil))
	}
	slices.SortFunc(r.Findings, func(a, b model.Finding) int {
		if model.Less(&a, &b) {
			return -1
		}
		return 1
	})
	return r
}

// Each act-first entry opens the row of its finding on the Findings sheet,
// where the decision is recorded.
func TestSummaryActFirstLinksToFindings(t *testing.T) {
	r := testReview()
	_, f := writeTest(t, r)
	act := tableUnder(t, f, "Act first: 2 high findings")
	if want := []string{"Entity", "Source", "Rule"}; !slices.Equal(act.header, want) {
		t.Errorf("header %q, want %q", act.header, want)
	}
	want := [][]string{{"admin1", "pra-prod", "admin-without-mfa"}, {"vendor7", "pra-prod", "expired-vendor-account-enabled"}}
	if !slices.EqualFunc(act.rows, want, slices.Equal) {
		t.Fatalf("act first %q, want %q", act.rows, want)
	}
	findings := rows(t, f, "Findings")
	for i, row := range act.rows {
		ref, _ := excelize.CoordinatesToCellName(act.col+1, act.firstRow+i)
		ok, target, err := f.GetCellHyperLink("Summary", ref)
		if err != nil || !ok {
			t.Fatalf("%s: no link (%v)", ref, err)
		}
		m := regexp.MustCompile(`^Findings!A(\d+)$`).FindStringSubmatch(target)
		if m == nil {
			t.Fatalf("%s links to %q, want Findings!A<row>", ref, target)
		}
		n, _ := strconv.Atoi(m[1])
		got := findings[n-1]
		if got[8] != row[0] || got[1] != row[2] || got[3] != "high" {
			t.Errorf("%s → Findings row %d: %q, want the finding of %s", ref, n, got, row[0])
		}
	}
}

func TestSummaryActFirstIsCapped(t *testing.T) {
	_, f := writeTest(t, highReview(12))
	act := tableUnder(t, f, "Act first: 14 high findings")
	if len(act.rows) != maxActFirst+1 {
		t.Fatalf("%d rows, want %d and a note", len(act.rows), maxActFirst+1)
	}
	if note := act.rows[maxActFirst][0]; note != "… 4 more: filter Findings by Severity high" {
		t.Errorf("note %q", note)
	}
}

// Once the findings continue on "Findings (2)", a link goes there.
func TestSummaryLinksFollowContinuationSheets(t *testing.T) {
	defer func(n int64) { maxDataRows = n }(maxDataRows)
	maxDataRows = 2
	_, f := writeTest(t, highReview(1)) // three high findings: the third is on Findings (2)
	act := tableUnder(t, f, "Act first: 3 high findings")
	ref, _ := excelize.CoordinatesToCellName(act.col+1, act.firstRow+2)
	_, target, _ := f.GetCellHyperLink("Summary", ref)
	if target != "'Findings (2)'!A2" {
		t.Fatalf("third link %q, want 'Findings (2)'!A2", target)
	}
	if got := cell(t, f, "Findings (2)", "I2"); got != act.rows[2][0] {
		t.Errorf("'Findings (2)'!I2 = %q, want %q", got, act.rows[2][0])
	}
}

// noRosterReview is the test review as a run without --roster gives it:
// the two roster rules did not run on any source.
func noRosterReview() *model.Review {
	r := testReview()
	for _, id := range []string{"terminated-user-enabled", "account-not-in-roster"} {
		r.Rules = append(r.Rules, model.RuleInfo{ID: id, Family: "stale-seats", Severity: model.High, Gaps: []model.Gap{
			{Source: "pra-prod", Missing: [][]string{{"roster"}}},
			{Source: "rs-prod", Missing: [][]string{{"roster"}}},
		}})
	}
	r.Rules = append(r.Rules, model.RuleInfo{ID: "orphaned-team", Family: "orphaned-groups", Gaps: []model.Gap{
		{Source: "rs-prod", Missing: [][]string{{"teams"}, {"team_users", "user.teams"}}},
	}})
	return r
}

func TestSummaryCoverageWithoutRoster(t *testing.T) {
	_, f := writeTest(t, noRosterReview())
	rs := rows(t, f, "Summary")
	title := findRow(t, rs, 0, "Coverage: rules that did not run")
	want := []string{
		"no roster given (--roster): account-not-in-roster and terminated-user-enabled did not run",
		"rs-prod has no team export (/team): orphaned-team did not run there",
	}
	for i, w := range want {
		if got := rs[title+i][0]; got != w {
			t.Errorf("coverage line %d: %q, want %q", i+1, got, w)
		}
	}
	// Each sentence is merged across the page and wrapped.
	merged, err := f.GetMergeCells("Summary")
	if err != nil {
		t.Fatal(err)
	}
	var spans []string
	for _, m := range merged {
		spans = append(spans, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	last, _ := excelize.ColumnNumberToName(summaryCols)
	for i := range want {
		span := fmt.Sprintf("A%d:%s%d", title+1+i, last, title+1+i)
		if !slices.Contains(spans, span) {
			t.Errorf("coverage line %d: %s not merged (merged: %q)", i+1, span, spans)
		}
	}
}

func TestSummaryCoverageWhenEverythingRan(t *testing.T) {
	_, f := writeTest(t, testReview())
	rs := rows(t, f, "Summary")
	title := findRow(t, rs, 0, "Coverage: rules that did not run")
	if got := rs[title][0]; got != "every rule ran on every source" {
		t.Errorf("coverage %q", got)
	}
}

func TestSummaryCoverageIsCapped(t *testing.T) {
	r := testReview()
	for i := range maxCoverage + 3 {
		r.Rules = append(r.Rules, model.RuleInfo{ID: fmt.Sprintf("rule-%02d", i),
			Gaps: []model.Gap{{Source: "pra-prod", Missing: [][]string{{fmt.Sprintf("kind_%02d", i)}}}}})
	}
	_, f := writeTest(t, r)
	rs := rows(t, f, "Summary")
	title := findRow(t, rs, 0, "Coverage: rules that did not run")
	if got := rs[title+maxCoverage][0]; got != "… 3 more: see Rules, column Not Checked" {
		t.Errorf("line after the cap %q", got)
	}
}

// The chart stacks the findings of each family by severity, each severity
// in the fill its cells have on the Findings sheet, from the Summary's
// severity table.
func TestSummaryChartBySeverityPerFamily(t *testing.T) {
	path, f := writeTest(t, testReview())
	chart := string(zipParts(t, path)["xl/charts/chart1.xml"])
	for _, want := range []string{`<barDir val="bar">`, `<grouping val="stacked">`, `<overlap val="100">`} {
		if !strings.Contains(chart, want) {
			t.Errorf("chart1.xml lacks %s", want)
		}
	}
	sev := tableUnder(t, f, "Findings by severity")
	series := regexp.MustCompile(`(?s)<ser>.*?</ser>`).FindAllString(chart, -1)
	if len(series) != 3 {
		t.Fatalf("%d series, want high, medium and low", len(series))
	}
	findings := rows(t, f, "Findings")
	for i, ser := range series {
		col, _ := excelize.ColumnNumberToName(2 + i)
		name := fmt.Sprintf("Summary&#39;!$%s$%d<", col, sev.headerRow)
		values := fmt.Sprintf("Summary&#39;!$%s$%d:$%s$%d<", col, sev.firstRow, col, sev.firstRow+len(model.Families)-1)
		if !strings.Contains(ser, name) || !strings.Contains(ser, values) {
			t.Errorf("series %d does not draw column %s of the severity table: %.400s", i+1, col, ser)
		}
		sevName := strings.ToLower(sev.header[1+i])
		row := findRow(t, findings, 3, sevName)
		id, _ := f.GetCellStyle("Findings", fmt.Sprintf("D%d", row))
		st, _ := f.GetStyle(id)
		if want := `<a:srgbClr val="` + st.Fill.Color[0] + `">`; !strings.Contains(ser, want) {
			t.Errorf("%s series not in the %s cells' fill %s", sevName, sevName, st.Fill.Color[0])
		}
	}
	if !bytes.Contains(zipParts(t, path)["xl/worksheets/sheet1.xml"], []byte("<drawing ")) {
		t.Errorf("the chart is not drawn on the Summary")
	}
	// Axis labels black and 11 points, as the cells: printed at the
	// Summary's scale, no smaller than they.
	axes := regexp.MustCompile(`(?s)<(catAx|valAx)>.*?</(catAx|valAx)>`).FindAllString(chart, -1)
	label := regexp.MustCompile(`<a:defRPr [^>]*sz="1100"[^>]*><a:solidFill><a:srgbClr val="000000">`)
	if len(axes) != 2 || !label.MatchString(axes[0]) || !label.MatchString(axes[1]) {
		t.Errorf("axes without black 11-point labels: %q", axes)
	}
}

// Every sheet prints on A4 landscape at a fixed scale, never fitted
// smaller (the Summary at 75%, the tables at 80%), pages across before
// pages down, repeats its header row and its key columns (a finding's ID,
// an account's source to username), and has a footer naming the sheet,
// the page and the as-of date.
func TestPrintSetupOnEverySheet(t *testing.T) {
	defer func(n int64) { maxDataRows = n }(maxDataRows)
	maxDataRows = 5 // continuation sheets too
	_, f := writeTest(t, testReview())
	titles := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			titles[dn.Scope] = dn.RefersTo
		}
	}
	sheets := f.GetSheetList()
	if !slices.Contains(sheets, "Findings (2)") {
		t.Fatalf("no continuation sheet in %q", sheets)
	}
	for _, sheet := range sheets {
		pl, err := f.GetPageLayout(sheet)
		if err != nil {
			t.Fatal(err)
		}
		scale := uint(xlsxprint.Scale)
		if sheet == "Summary" {
			scale = xlsxprint.MinScale
		}
		if *pl.Size != paperA4 || *pl.Orientation != "landscape" || *pl.AdjustTo != scale || pl.FitToWidth != nil ||
			pl.PageOrder == nil || *pl.PageOrder != "overThenDown" {
			t.Errorf("%s: size %d %s, scale %d%%, fit %v wide, order %v; want A4 landscape at %d%%, not fitted, over then down",
				sheet, *pl.Size, *pl.Orientation, *pl.AdjustTo, pl.FitToWidth, pl.PageOrder, scale)
		}
		props, err := f.GetSheetProps(sheet)
		if err != nil || props.FitToPage != nil && *props.FitToPage {
			t.Errorf("%s: fit to page on (%v)", sheet, err)
		}
		hf, err := f.GetHeaderFooter(sheet)
		if err != nil || hf == nil {
			t.Fatalf("%s: no header/footer (%v)", sheet, err)
		}
		for _, want := range []string{"&A", "&P", "&N", "As of 2025-11-22"} {
			if !strings.Contains(hf.OddFooter, want) {
				t.Errorf("%s: footer %q lacks %s", sheet, hf.OddFooter, want)
			}
		}
		keys := "$D:$F" // a family sheet's Source to Entity
		base, _ := layout.PartOf(sheet)
		switch base {
		case "Findings", "Resolved":
			keys = "$E:$I" // Title to Entity
		case "Accounts", "Access Changes", "Sessions":
			keys = "$A:$D"
		case "License True-Up", "Group Policies":
			keys = "$A:$C"
		case "Exceptions", "People", "Controls", "Ingest Issues":
			keys = "$A:$B"
		case "Rules", "Evidence":
			keys = "$A:$A"
		}
		want := sheetRef(sheet) + "!" + keys + "," + sheetRef(sheet) + "!$1:$1"
		if sheet == "Summary" {
			want = ""
		}
		if got := titles[sheet]; got != want {
			t.Errorf("%s: print titles %q, want %q", sheet, got, want)
		}
	}
}

// A table's print keys are columns side by side, in order: a sheet whose
// keys are not is a bug, caught when the workbook is written.
func TestPrintKeysAreColumnsSideBySide(t *testing.T) {
	spec := &sheetSpec{Name: "Accounts", Columns: []column{{"Note", 5}, {"Source", 10}, {"Product", 10}, {"ID", 5}, {"Username", 10}}}
	if got := tablePlan(spec); got.FirstKey != 2 || got.LastKey != 5 || !got.HeaderRow {
		t.Errorf("plan %+v, want keys B:E and the header row", got)
	}
	spec.Columns[3], spec.Columns[4] = spec.Columns[4], spec.Columns[3]
	defer func() {
		if recover() == nil {
			t.Error("Accounts keyed by columns out of order: no panic")
		}
	}()
	tablePlan(spec)
}

// The Summary is bounded at any size: its lists are capped, so a review
// with many sources, rules and high findings fills no more rows than a
// small one with every list full.
func TestSummaryRowsAreBoundedWhateverTheSize(t *testing.T) {
	r := highReview(200)
	for i := range 40 {
		r.Sources = append(r.Sources, model.SourceSummary{Name: fmt.Sprintf("site-%02d", i), Product: "rs", Accounts: 25000})
		r.Findings = append(r.Findings, finding(fmt.Sprintf("rule-%02d", i), "account-hygiene", model.Low, "site", "rs",
			model.EntityAccount, "x", nil))
		r.Rules = append(r.Rules, model.RuleInfo{ID: fmt.Sprintf("rule-%02d", i),
			Gaps: []model.Gap{{Source: fmt.Sprintf("site-%02d", i), Missing: [][]string{{"teams"}}}}})
	}
	r.Lenient = true
	r.Leavers = &model.Leavers{}
	for i := range 30 {
		r.Leavers.Used = append(r.Leavers.Used, model.LeaverUse{Person: fmt.Sprintf("Leaver %02d", i), Sessions: 3})
		r.Leavers.NotComparable = append(r.Leavers.NotComparable, fmt.Sprintf("Undated %02d", i))
	}
	_, f := writeTest(t, r)
	dim, err := f.GetSheetDimension("Summary")
	if err != nil {
		t.Fatal(err)
	}
	_, lastRow, err := excelize.CellNameToCoordinates(dim[strings.Index(dim, ":")+1:])
	if err != nil {
		t.Fatal(err)
	}
	// Heading 4, leavers 8, sources 17, severity 10, rules 15, coverage 10, gaps 3.
	if lastRow > 68 {
		t.Errorf("Summary uses %d rows (%s), want at most 68", lastRow, dim)
	}
	rs := rows(t, f, "Summary")
	findRow(t, rs, 0, "… 32 more sources: see Evidence")
	findRow(t, rs, 0, "… 32 more: see Rules, column Not Checked")
	findRow(t, rs, 0, "… 27 more: see Offboarding")
	findRow(t, rs, 0, "Not comparable: 30 terminated without a termination date (Undated 00, Undated 01, Undated 02 and 27 more)")
}

// The Summary's first block names the leavers who got in after leaving,
// with their sessions, and says when it could not be checked or only the
// last authentication was compared.
func TestSummaryLeaversWhoGotIn(t *testing.T) {
	r := testReview()
	_, f := writeTest(t, r)
	rs := rows(t, f, "Summary")
	if got := rs[4][0]; got != "Leavers who got in after leaving: not checked without a roster (--roster)" {
		t.Errorf("first block %q, want it not checked without a roster", got)
	}

	r = testReview()
	r.Leavers = &model.Leavers{Used: []model.LeaverUse{
		{Person: "Carla Rey", TerminationDate: time.Date(2025, 11, 10, 0, 0, 0, 0, time.UTC), Sessions: 2, Activity: 1,
			LastSeen: time.Date(2025, 11, 14, 9, 31, 0, 0, time.UTC)},
	}, NotComparable: []string{"Fay Olsen"}}
	r.Activity = &model.Activity{}
	_, f = writeTest(t, r)
	block := tableUnder(t, f, "Leavers who got in after leaving: 1")
	if want := []string{"Person", "Left", "Sessions", "Vault/PS", "Last Seen"}; !slices.Equal(block.header, want) {
		t.Errorf("header %q, want %q", block.header, want)
	}
	if want := [][]string{{"Carla Rey", "2025-11-10", "2", "1", "2025-11-14"}}; !slices.EqualFunc(block.rows[:1], want, slices.Equal) {
		t.Errorf("rows %q, want %q", block.rows, want)
	}
	findRow(t, rows(t, f, "Summary"), 0, "Not comparable: 1 terminated without a termination date (Fay Olsen)")

	r.Activity = nil
	r.Leavers.Used = nil
	_, f = writeTest(t, r)
	findRow(t, rows(t, f, "Summary"), 0, "Leavers who got in after leaving: 0 (last authentication only: no session or activity report given)")
}

// Act first is in the order an attacker would use what it lists: the
// offboarding family's high findings, then administrators without a
// second factor, then the rest in review order, licensing last; each
// still links to its own row.
func TestSummaryActFirstPutsOffboardingFirst(t *testing.T) {
	r := highReview(2)
	r.Findings = append(r.Findings, finding("session-after-termination", model.FamilyOffboarding, model.High, "pra-prod", "pra",
		model.EntityAccount, "leaver", nil),
		finding("license-over-assigned", "stale-seats", model.High, "pra-prod", "pra", model.EntityProduct, "pra", nil),
		// In review order, one before admin-without-mfa and one after the license.
		finding("admin-count-exceeds-threshold", "admin-sprawl", model.High, "pra-prod", "pra", model.EntitySource, "pra-prod", nil),
		finding("stale-admin", "admin-sprawl", model.High, "pra-prod", "pra", model.EntityAccount, "oldadmin", nil))
	slices.SortFunc(r.Findings, func(a, b model.Finding) int {
		if model.Less(&a, &b) {
			return -1
		}
		return 1
	})
	_, f := writeTest(t, r)
	act := tableUnder(t, f, "Act first: 8 high findings")
	var got []string
	for _, row := range act.rows {
		got = append(got, row[0]+" "+row[2])
	}
	want := []string{"leaver session-after-termination", "admin1 admin-without-mfa", "zadmin00 admin-without-mfa",
		"zadmin01 admin-without-mfa", "pra-prod admin-count-exceeds-threshold", "vendor7 expired-vendor-account-enabled",
		"oldadmin stale-admin", "pra license-over-assigned"}
	if !slices.Equal(got, want) {
		t.Errorf("Act first:\n got %q\nwant %q", got, want)
	}
}

// Printed, the Summary breaks to a second page at the coverage sentences
// when it does not fit one page at its scale but its heading and panes do:
// the demo's size. A short Summary has no break.
func TestSummaryPageBreakAtCoverage(t *testing.T) {
	rowBreaks := regexp.MustCompile(`<rowBreaks[^>]*>.*?</rowBreaks>`)
	brk := regexp.MustCompile(`<brk id="(\d+)"`)
	for _, tt := range []struct {
		name   string
		r      *model.Review
		breaks bool
	}{
		{"short", &model.Review{AsOf: "2025-11-22"}, false},
		{"the demo's length", testReview(), true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.breaks {
				// The demo's length: more coverage sentences.
				for i := range 8 {
					tt.r.Rules = append(tt.r.Rules, model.RuleInfo{ID: fmt.Sprintf("rule-%02d", i),
						Gaps: []model.Gap{{Source: fmt.Sprintf("site-%02d", i), Missing: [][]string{{"teams"}}}}})
				}
			}
			path, f := writeTest(t, tt.r)
			xml := zipParts(t, path)["xl/worksheets/sheet1.xml"]
			got := rowBreaks.Find(xml)
			if !tt.breaks {
				if got != nil {
					t.Errorf("a page break in a short Summary: %s", got)
				}
				return
			}
			m := brk.FindSubmatch(got)
			if m == nil {
				rs := rows(t, f, "Summary")
				t.Fatalf("no page break in the Summary (%d rows, coverage from row %d)", len(rs), findRow(t, rs, 0, "Coverage: rules that did not run"))
			}
			row, _ := strconv.Atoi(string(m[1]))
			cell, _ := f.GetCellValue("Summary", fmt.Sprintf("A%d", row+1))
			if cell != "Coverage: rules that did not run" {
				t.Errorf("the page breaks before row %d, %q, want before the coverage sentences", row+1, cell)
			}
		})
	}
}

// The chart's value axis steps by 1, 2 or 5 times a power of ten, at most
// 5 steps to the largest family's total.
func TestAxisUnit(t *testing.T) {
	for peak, want := range map[int64]float64{0: 1, 5: 1, 7: 2, 10: 2, 12: 5, 545: 200, 1717: 500, 2500: 500, 1_000_000: 200_000} {
		if got := axisUnit(peak); got != want {
			t.Errorf("axisUnit(%d) = %v, want %v", peak, got, want)
		}
	}
}

// A printed Findings page holds Decision and Comment together, beside the
// key columns: a manual page break across starts at Decision, on the full
// workbook's Findings (with and without a previous run) and a reviewer's.
func TestFindingsPrintDecisionAndCommentTogether(t *testing.T) {
	colBreak := regexp.MustCompile(`<colBreaks[^>]*><brk id="(\d+)"[^>]*man="true"`)
	sheetPart := func(t *testing.T, path string, f *excelize.File) []byte {
		t.Helper()
		for id, name := range f.GetSheetMap() {
			if name == layout.SheetFindings {
				return zipParts(t, path)[fmt.Sprintf("xl/worksheets/sheet%d.xml", id)]
			}
		}
		t.Fatalf("no Findings sheet")
		return nil
	}
	check := func(t *testing.T, path string, f *excelize.File, previous bool) {
		t.Helper()
		m := colBreak.FindSubmatch(sheetPart(t, path, f))
		want := slices.Index(layout.Findings(previous), layout.FindingsDecision) // zero-based: the break is before it
		if m == nil || string(m[1]) != strconv.Itoa(want) {
			t.Errorf("Findings column break %q, want one before column %d (Decision)", m, want+1)
		}
	}
	path, f := writeTest(t, testReview())
	check(t, path, f, false)
	path, f = writeTest(t, previousReview())
	check(t, path, f, true)
	path, f = writeReviewerTest(t, testReview(), ReviewerBook{Campaign: "c", Reviewer: "x", Findings: []int{0, 1}})
	check(t, path, f, false)
}
