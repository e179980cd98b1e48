package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/reports/reportstest"
)

// writeTest writes r to a new workbook in a temporary folder and opens it.
func writeTest(t *testing.T, r *model.Review) (string, *excelize.File) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "review-findings.xlsx")
	if err := writeFile(path, func(w io.Writer) error { return Write(w, r, "") }); err != nil {
		t.Fatalf("Write: %v", err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return path, f
}

func rows(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rs, err := f.GetRows(sheet)
	if err != nil {
		t.Fatalf("rows of %s: %v", sheet, err)
	}
	return rs
}

func cell(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, ref)
	if err != nil {
		t.Fatalf("%s!%s: %v", sheet, ref, err)
	}
	return v
}

// findRow returns the 1-based row whose column col (0-based) holds want.
func findRow(t *testing.T, rs [][]string, col int, want string) int {
	t.Helper()
	for i, r := range rs {
		if col < len(r) && r[col] == want {
			return i + 1
		}
	}
	t.Fatalf("no row with %q in column %d", want, col)
	return 0
}

// wantSheets are the test review's sheets: the layout's, in its order,
// without those of a run with exceptions, a previous run, controls or
// rows kept out, which it has not.
var wantSheets = layout.SheetNames(layout.Content{})

func TestWorkbookSheetsInOrder(t *testing.T) {
	_, f := writeTest(t, testReview())
	if got := f.GetSheetList(); !slices.Equal(got, wantSheets) {
		t.Errorf("sheets:\n got %q\nwant %q", got, wantSheets)
	}
}

// wantHeaders are the header rows of the streamed sheets; those a later
// run reads back are the layout's.
var wantHeaders = map[string][]string{
	"Findings": layout.FindingsHeaders,
	"Orphaned Groups": {"Finding ID", "Rule", "Severity", "Source", "Entity Type", "Entity", "Display Name",
		"Members", "Default Policy Of", "Detail", "Reviewer"},
	"Stale Seats": {"Finding ID", "Rule", "Severity", "Source", "Entity Type", "Entity", "Display Name",
		"Last Authentication (UTC)", "Days Since", "Seat Product", "Annual Cost", "Currency", "Detail", "Reviewer"},
	"Admin Sprawl": {"Finding ID", "Rule", "Severity", "Source", "Entity Type", "Entity", "Display Name",
		"Administrator", "Two Factor Enabled", "Passwordless Credentials", "Provider Type", "Last Authentication (UTC)",
		"Detail", "Reviewer"},
	"Missing Group Policy": {"Finding ID", "Rule", "Severity", "Source", "Entity Type", "Entity", "Display Name",
		"Group Policies", "Unknown Group Policies", "Provider", "Detail", "Reviewer"},
	"Account Hygiene": {"Finding ID", "Rule", "Severity", "Source", "Entity Type", "Entity", "Display Name",
		"Smart Rules", "Providers", "Account Expiration", "Vendor", "Vendor Expiry (Days)", "Vendor Approval Required", "Detail", "Reviewer"},
	"License True-Up": {"Source", "Product", "Seat Type", "Purchased", "Enabled Accounts",
		"Active (≤ stale_days)", "Stale (> stale_days)", "Never Used", "Terminated but Enabled", "Not in Roster",
		"Reclaimable (each account once)", "Reclaimable by Strongest Reason", "Unassigned Seats", "Seats Short",
		"Currency", "Annual Cost per Seat", "Reclaimable Cost", "Unassigned Cost (savings)", "Savings per Year", "Money Back per Year", "Purchase Avoided",
		"Renewal Date", "Days to Renewal", "Use Counted From"},
	"Accounts": layout.AccountsHeaders,
	"Group Policies": {"Source", "ID", "Name", "User Members", "Enabled User Members", "Directory-Group Members",
		"Default Policy Of", "Finding Count"},
	"Rules": {"ID", "Family", "Title", "Severity", "Description", "Remediation", "Parameters", "Findings",
		"Excepted", "Not Checked", "Controls", "Origin"},
	"People": {"Person", "Name", "Roster Status", "Terminated", "Manager", "PRA Accounts", "PRA Enabled",
		"RS Accounts", "RS Enabled", "Password Safe Accounts", "Password Safe Enabled", "Administrator Anywhere",
		"Sources Reachable", "Last Session (UTC)", "Sessions In Window", "Finding Count", "Finding Rules"},
	"Evidence": {"Item", "Value"},
}

func TestWorkbookHeadersAndRowCounts(t *testing.T) {
	_, f := writeTest(t, testReview())
	wantRows := map[string]int{ // header included
		"Findings": 13, "Orphaned Groups": 3, "Stale Seats": 5, "Admin Sprawl": 3, "Missing Group Policy": 3,
		"Account Hygiene": 3, "License True-Up": 16, "Accounts": 4, "Group Policies": 3, "Rules": 3, "People": 3, "Evidence": 20,
	}
	for sheet, want := range wantHeaders {
		rs := rows(t, f, sheet)
		if len(rs) == 0 || !slices.Equal(rs[0], want) {
			t.Errorf("%s header:\n got %q\nwant %q", sheet, rs[0], want)
		}
		if len(rs) != wantRows[sheet] {
			t.Errorf("%s: %d rows, want %d", sheet, len(rs), wantRows[sheet])
		}
	}
	if got := cell(t, f, "Summary", "A1"); got != "BeyondTrust access review" {
		t.Errorf("Summary!A1 = %q", got)
	}
}

func TestFindingsSheet(t *testing.T) {
	r := testReview()
	_, f := writeTest(t, r)
	rs := rows(t, f, "Findings")
	for i, fd := range r.Findings {
		if rs[i+1][0] != fd.ID {
			t.Errorf("row %d: id %q, want %q (review order)", i+2, rs[i+1][0], fd.ID)
		}
	}
	jdoe := findRow(t, rs, 8, "jdoe")
	want := []string{model.FindingID("stale-account", "pra-prod", "account", "jdoe"), "stale-account", "stale-seats",
		"medium", "stale account", "pra-prod", "pra", "account", "jdoe", "Jane Doe", "jane.doe@corp.example",
		"last authenticated 2025-04-02, 234 days before 2025-11-22", "Fix jdoe.", "boss@corp.example", "new"}
	if !slices.Equal(rs[jdoe-1], want) {
		t.Errorf("jdoe row:\n got %q\nwant %q", rs[jdoe-1], want)
	}

	tables, err := f.GetTables("Findings")
	if err != nil || len(tables) != 1 {
		t.Fatalf("tables: %v %v", tables, err)
	}
	if tables[0].Name != "Findings" || tables[0].Range != "A1:Q13" {
		t.Errorf("table %s over %s, want Findings over A1:Q13", tables[0].Name, tables[0].Range)
	}

	panes, err := f.GetPanes("Findings")
	if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.XSplit != 0 || panes.TopLeftCell != "A2" {
		t.Errorf("panes %+v %v: want the header row frozen", panes, err)
	}

	dvs, err := f.GetDataValidations("Findings")
	if err != nil || len(dvs) != 1 {
		t.Fatalf("data validations: %v %v", dvs, err)
	}
	if dvs[0].Sqref != "P2:P13" || dvs[0].Type != "list" || dvs[0].Formula1 != `"Keep,Revoke,Modify,Accept risk"` {
		t.Errorf("decision drop-down: sqref %s type %s formula %s", dvs[0].Sqref, dvs[0].Type, dvs[0].Formula1)
	}

	// Severity cells are coloured by severity.
	wantFill := map[string]string{"high": "FFC7CE", "medium": "FFEB9C", "low": "D9D9D9"}
	for row := 2; row <= len(rs); row++ {
		ref := fmt.Sprintf("D%d", row)
		id, err := f.GetCellStyle("Findings", ref)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		sev := rs[row-1][3]
		if len(st.Fill.Color) != 1 || st.Fill.Color[0] != wantFill[sev] {
			t.Errorf("%s (%s) fill %v, want %s", ref, sev, st.Fill.Color, wantFill[sev])
		}
	}
}

func TestFormulaLookingTextStaysText(t *testing.T) {
	path, f := writeTest(t, testReview())
	rs := rows(t, f, "Findings")
	row := findRow(t, rs, 8, formulaEntity)
	for _, col := range []string{"I", "J", "K"} { // Entity, Display Name (+…), Email (@…)
		ref := fmt.Sprintf("%s%d", col, row)
		typ, err := f.GetCellType("Findings", ref)
		if err != nil || typ != excelize.CellTypeInlineString {
			t.Errorf("Findings!%s: cell type %v (%v), want an inline string", ref, typ, err)
		}
	}
	if got := rs[row-1][8:11]; !slices.Equal(got, []string{formulaEntity, "+Evil Display", "@evil.example"}) {
		t.Errorf("Findings row %d: %q", row, got)
	}
	// Every formula-looking value on every sheet is text, not a formula.
	seen := 0
	for _, sheet := range f.GetSheetList() {
		for i, r := range rows(t, f, sheet) {
			for j, v := range r {
				if v == "" || !strings.ContainsAny(v[:1], "=+-@") {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
				formula, err := f.GetCellFormula(sheet, ref)
				if err != nil || formula != "" {
					t.Errorf("%s!%s: formula %q (%v)", sheet, ref, formula, err)
				}
				typ, _ := f.GetCellType(sheet, ref)
				if v == formulaEntity && typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
					t.Errorf("%s!%s: type %v, want a string", sheet, ref, typ)
				}
				if v == formulaEntity {
					seen++
				}
			}
		}
	}
	if seen != 2 { // Findings, Stale Seats
		t.Errorf("the formula-looking entity appears %d times, want 2", seen)
	}
	// The only formulas are the family sheets' links to Findings, which
	// the writer makes of a hex id and a row number.
	link := regexp.MustCompile(`^<f>HYPERLINK\(&#34;#&#39;Findings&#39;!A\d+&#34;,&#34;[0-9a-f]{16}&#34;\)</f>$`)
	for name, data := range zipParts(t, path) {
		if !strings.HasPrefix(name, "xl/worksheets/") {
			continue
		}
		for _, f := range regexp.MustCompile(`<f>.*?</f>`).FindAll(data, -1) {
			if !link.Match(f) {
				t.Errorf("%s holds a formula that is not a link to Findings: %s", name, f)
			}
		}
	}
}

func TestLongTextIsTruncated(t *testing.T) {
	_, f := writeTest(t, testReview())
	for _, sheet := range []string{"Findings", "Account Hygiene"} {
		rs := rows(t, f, sheet)
		row := findRow(t, rs, slices.Index(rs[0], "Entity"), "vendor7")
		detail := rs[row-1][slices.Index(rs[0], "Detail")]
		if n := len(utf16.Encode([]rune(detail))); n != excelize.TotalCellChars {
			t.Errorf("%s: detail of %d characters, want %d", sheet, n, excelize.TotalCellChars)
		}
		if !strings.HasSuffix(detail, "…[truncated]") || !strings.HasPrefix(detail, "0123456789") {
			t.Errorf("%s: detail does not end with the marker: …%s", sheet, detail[len(detail)-30:])
		}
	}
}

func TestFamilySheets(t *testing.T) {
	_, f := writeTest(t, testReview())
	tests := []struct {
		sheet, entity string
		want          map[string]string // header → value
	}{
		{"Stale Seats", "jdoe", map[string]string{
			"Last Authentication (UTC)": "2025-04-02 09:00", "Days Since": "234", "Seat Product": "pra",
			"Annual Cost": "1,200.00", "Reviewer": "boss@corp.example",
		}},
		{"Stale Seats", "pra", map[string]string{"Last Authentication (UTC)": "", "Annual Cost": "", "Entity Type": "product"}},
		{"Admin Sprawl", "admin1", map[string]string{
			"Severity": "high", "Administrator": "yes", "Two Factor Enabled": "no", "Passwordless Credentials": "0",
			"Provider Type": "local", "Last Authentication (UTC)": "2025-11-20 07:00",
		}},
		{"Orphaned Groups", "Vendors", map[string]string{
			"Members": "directory_groups=0; enabled_users=0; total=0; users=0", "Default Policy Of": "",
		}},
		{"Orphaned Groups", "user:9999", map[string]string{"Members": "", "Entity Type": "reference"}},
		{"Missing Group Policy", "ghosted", map[string]string{
			"Group Policies": "Support; Ghost", "Unknown Group Policies": "Ghost; #99", "Provider": "",
		}},
		{"Missing Group Policy", "floater", map[string]string{"Provider": "Corp LDAP", "Group Policies": ""}},
		{"Account Hygiene", "jsmith", map[string]string{"Providers": "Corp LDAP; Local", "Account Expiration": ""}},
		{"Account Hygiene", "vendor7", map[string]string{"Account Expiration": "2025-10-01", "Vendor": "Acme IT",
			"Vendor Expiry (Days)": "30", "Vendor Approval Required": "no"}},
		{"Account Hygiene", "jsmith", map[string]string{"Vendor": "", "Vendor Expiry (Days)": "", "Vendor Approval Required": ""}},
	}
	for _, tt := range tests {
		rs := rows(t, f, tt.sheet)
		row := findRow(t, rs, 5, tt.entity)
		for h, want := range tt.want {
			col := slices.Index(rs[0], h)
			if col < 0 {
				t.Fatalf("%s: no column %s", tt.sheet, h)
			}
			got := ""
			if col < len(rs[row-1]) {
				got = rs[row-1][col]
			}
			if got != want {
				t.Errorf("%s %s %s = %q, want %q", tt.sheet, tt.entity, h, got, want)
			}
		}
	}
	// Numbers from evidence are numbers.
	rs := rows(t, f, "Stale Seats")
	row := findRow(t, rs, 5, "jdoe")
	for _, h := range []string{"Days Since", "Annual Cost"} {
		ref, _ := excelize.CoordinatesToCellName(slices.Index(rs[0], h)+1, row)
		if typ, _ := f.GetCellType("Stale Seats", ref); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("Stale Seats!%s (%s): type %v, want a number", ref, h, typ)
		}
		raw, _ := f.GetCellValue("Stale Seats", ref, excelize.Options{RawCellValue: true})
		if raw != map[string]string{"Days Since": "234", "Annual Cost": "1200"}[h] {
			t.Errorf("Stale Seats!%s raw value %q", ref, raw)
		}
	}
	// The Decision is taken on Findings only: no family sheet has a
	// Decision or Comment column, nor a drop-down.
	for _, fam := range model.Families {
		head := rows(t, f, fam.Sheet)[0]
		if slices.Contains(head, "Decision") || slices.Contains(head, "Comment") {
			t.Errorf("%s has a Decision or Comment column: %q", fam.Sheet, head)
		}
		if dvs, _ := f.GetDataValidations(fam.Sheet); len(dvs) != 0 {
			t.Errorf("%s: %d drop-downs, want none", fam.Sheet, len(dvs))
		}
		// A family without findings (the test review has no offboarding
		// finding yet) is a sheet without a table.
		if !slices.ContainsFunc(reportstest.Findings(), func(x model.Finding) bool { return x.Family == fam.ID }) {
			continue
		}
		if tables, _ := f.GetTables(fam.Sheet); len(tables) != 1 || tables[0].Name != tableName(fam.Sheet) {
			t.Errorf("%s: tables %+v", fam.Sheet, tables)
		}
	}
}

// linkTarget reads a family sheet's Finding ID link: the sheet and cell
// it goes to.
var linkTarget = regexp.MustCompile(`^HYPERLINK\("#'([^']+)'!(A\d+)","([0-9a-f]{16})"\)$`)

// Every row of every family sheet links to the row of its finding on
// Findings (a continuation sheet when Findings is split), whose Finding ID
// is the one the family row shows.
func TestFamilySheetsLinkToFindings(t *testing.T) {
	defer func(n int64) { maxDataRows = n }(maxDataRows)
	for _, limit := range []int64{maxDataRows, 5} {
		maxDataRows = limit
		r := testReview()
		_, f := writeTest(t, r)
		links := 0
		for _, fam := range model.Families {
			if strings.HasPrefix(cell(t, f, fam.Sheet, "A2"), "No findings") {
				continue // an empty family sheet says so (TestEmptyFamilySheetSaysWhy)
			}
			for i, row := range rows(t, f, fam.Sheet)[1:] {
				ref := fmt.Sprintf("A%d", i+2)
				formula, err := f.GetCellFormula(fam.Sheet, ref)
				m := linkTarget.FindStringSubmatch(formula)
				if err != nil || m == nil {
					t.Fatalf("%s!%s: formula %q (%v), want a link to Findings", fam.Sheet, ref, formula, err)
				}
				if m[3] != row[0] {
					t.Errorf("%s!%s links to finding %s but shows %s", fam.Sheet, ref, m[3], row[0])
				}
				if got := cell(t, f, m[1], m[2]); got != row[0] {
					t.Errorf("%s!%s links to %s!%s, which holds %q, want %s", fam.Sheet, ref, m[1], m[2], got, row[0])
				}
				style, _ := f.GetCellStyle(fam.Sheet, ref)
				if st, _ := f.GetStyle(style); st == nil || st.Font == nil || st.Font.Underline != "single" {
					t.Errorf("%s!%s does not look like a link", fam.Sheet, ref)
				}
				links++
			}
		}
		if links != len(r.Findings) {
			t.Errorf("max %d rows: %d links, want one per finding (%d)", limit, links, len(r.Findings))
		}
	}
}

func TestAccountsSheet(t *testing.T) {
	_, f := writeTest(t, testReview())
	rs := rows(t, f, "Accounts")
	want := []string{"pra-prod", "pra", "42", "jdoe", "Jane Doe", "jane.doe@corp.example", "jane.doe@corp.example", "Corp LDAP", "", "yes", "no",
		"yes", "2025-01-10", "2025-04-02 09:00", "234", "", "", "Support Tier 1; Vendors", "Night shift",
		"Linux Servers; Windows Servers", "Prod Accounts", "yes", "active", "", "", "", "1"}
	if !slices.Equal(rs[1], want) {
		t.Errorf("row 2:\n got %q\nwant %q", rs[1], want)
	}
	// Never authenticated: Days Since is empty, not 0; Finding Count is a number.
	if got := cell(t, f, "Accounts", "N3"); got != "" {
		t.Errorf("N3 = %q, want empty", got)
	}
	if typ, _ := f.GetCellType("Accounts", "W4"); typ != excelize.CellTypeUnset {
		t.Errorf("W4: type %v, want a number", typ)
	}
	if got, _ := f.GetCellType("Accounts", "D4"); got != excelize.CellTypeInlineString {
		t.Errorf("D4 (-report-only): type %v, want an inline string", got)
	}
}

func TestGroupPoliciesRulesEvidence(t *testing.T) {
	_, f := writeTest(t, testReview())
	gp := rows(t, f, "Group Policies")
	if want := []string{"pra-prod", "3", "Vendors", "2", "0", "0", "security provider Corp LDAP", "1"}; !slices.Equal(gp[1], want) {
		t.Errorf("group policy row:\n got %q\nwant %q", gp[1], want)
	}
	rules := rows(t, f, "Rules")
	if got := rules[1][9]; got != "ran on every source" {
		t.Errorf("admin-without-mfa Not Checked = %q", got)
	}
	if got := rules[2][6]; got != `a_list=["x","<y>"]; stale_days=90` {
		t.Errorf("stale-account Parameters = %q", got)
	}
	if got := rules[2][9]; got != "rs-test: no last_authentication; pra-test: no users export" {
		t.Errorf("stale-account Not Checked = %q", got)
	}
	// A custom rule that replaces a built-in id says so; a built-in one
	// says it is built in.
	if got := rules[1][11]; got != "built-in" {
		t.Errorf("admin-without-mfa Origin = %q", got)
	}
	if got, want := rules[2][11], "custom rule my-rules/stale.rego, replacing the built-in rule rules/stale-seats/stale_account.rego"; got != want {
		t.Errorf("stale-account Origin = %q, want %q", got, want)
	}
	ev := rows(t, f, "Evidence")
	wantKV := [][]string{
		{"Review version", reportstest.Version},
		{"Review revision", "3a1e790cc25b7a613b63d8aaa8f26502396e4638 (modified: uncommitted changes)"},
		{"Review binary (SHA-256)", strings.Repeat("cd", 32)},
		{"OPA version", "v1.22.2"},
		{"DuckDB version", "v1.5.6"},
		{"Rules digest (SHA-256)", strings.Repeat("ab", 32)},
		{"As-of date", "2025-11-22"},
		{"Command line", "review --as-of 2025-11-22 --roster 'My Roster.csv' exports/"},
		{"param max_admin_ratio", "0.05"},
		{"param service_account_patterns", `["svc-*","api-*"]`},
		{"param stale_days", "90"},
	}
	if !slices.EqualFunc(ev[1:12], wantKV, slices.Equal) {
		t.Errorf("evidence key/values:\n got %q\nwant %q", ev[1:12], wantKV)
	}
	if !slices.Equal(ev[13], inputColumns) {
		t.Errorf("input header %q", ev[13])
	}
	if want := []string{"rs-prod", "user-account-report", "exports/rs-prod/report.csv", strings.Repeat("02", 32),
		"4096", "31", "1", "Favourite Colour; Shoe Size", "windows-1252", "dmy"}; !slices.Equal(ev[15], want) {
		t.Errorf("input row:\n got %q\nwant %q", ev[15], want)
	}
	if got := ev[len(ev)-2:]; !slices.Equal(got[0], []string{"Warnings"}) || got[1][0] != "rs-prod: 1 row rejected (line 6)" {
		t.Errorf("warnings %q", got)
	}
}

func TestEmptyReview(t *testing.T) {
	_, f := writeTest(t, &model.Review{AsOf: "2025-11-22"})
	if got := f.GetSheetList(); !slices.Equal(got, wantSheets) {
		t.Errorf("sheets %q", got)
	}
	for sheet, want := range wantHeaders {
		rs := rows(t, f, sheet)
		if sheet == "Evidence" {
			continue // always has the tool versions
		}
		if isFamily := slices.ContainsFunc(model.Families, func(f struct{ ID, Sheet string }) bool { return f.Sheet == sheet }); isFamily {
			if len(rs) != 2 || !slices.Equal(rs[0], want) || !slices.Equal(rs[1], []string{"No findings: no rule of this family was loaded."}) {
				t.Errorf("%s: %q, want the header and a line saying no rule was loaded", sheet, rs)
			}
		} else if len(rs) != 1 || !slices.Equal(rs[0], want) {
			t.Errorf("%s: %q, want the header only", sheet, rs)
		}
		if tables, _ := f.GetTables(sheet); len(tables) != 0 {
			t.Errorf("%s: a table over no rows", sheet)
		}
	}
}

func TestSheetsSplitAtRowLimit(t *testing.T) {
	defer func(n int64) { maxDataRows = n }(maxDataRows)
	maxDataRows = 2
	_, f := writeTest(t, testReview())
	want := []string{"Summary",
		"Findings", "Findings (2)", "Findings (3)", "Findings (4)", "Findings (5)", "Findings (6)",
		"Offboarding", "Orphaned Groups", "Stale Seats", "Stale Seats (2)", "Admin Sprawl", "Missing Group Policy", "Account Hygiene", "Jump Access",
		"License True-Up", "License True-Up (2)", "License True-Up (3)", "License True-Up (4)", "License True-Up (5)",
		"License True-Up (6)", "License True-Up (7)", "License True-Up (8)", "Accounts", "Accounts (2)", "Group Policies", "Rules",
		"People", "Evidence", "Evidence (2)", "Evidence (3)", "Evidence (4)", "Evidence (5)", "Evidence (6)", "Evidence (7)",
		"Evidence (8)", "Evidence (9)", "Evidence (10)"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets:\n got %q\nwant %q", got, want)
	}
	a1, a2 := rows(t, f, "Accounts"), rows(t, f, "Accounts (2)")
	if len(a1) != 3 || len(a2) != 2 || !slices.Equal(a2[0], wantHeaders["Accounts"]) {
		t.Errorf("Accounts %d rows, Accounts (2) %d rows, header %q", len(a1), len(a2), a2[0])
	}
	if a2[1][3] != "-report-only" {
		t.Errorf("Accounts (2) row 2 = %q", a2[1])
	}
	if tables, _ := f.GetTables("Accounts (2)"); len(tables) != 1 || tables[0].Name != "Accounts_2" || tables[0].Range != "A1:AA2" {
		t.Errorf("Accounts (2) tables %+v", tables)
	}
	if dim, _ := f.GetSheetDimension("Accounts (2)"); dim != "A1:AA2" {
		t.Errorf("Accounts (2) dimension %s", dim)
	}
	var ids []string
	for _, s := range want[1:7] {
		rs := rows(t, f, s)
		if !slices.Equal(rs[0], wantHeaders["Findings"]) {
			t.Errorf("%s header %q", s, rs[0])
		}
		for _, r := range rs[1:] {
			ids = append(ids, r[0])
		}
	}
	r := testReview()
	for i, fd := range r.Findings {
		if i >= len(ids) || ids[i] != fd.ID {
			t.Fatalf("finding %d across the Findings sheets: %q, want %s", i, ids, fd.ID)
		}
	}
}

func TestDimensionCoversRows(t *testing.T) {
	_, f := writeTest(t, testReview())
	for _, sheet := range f.GetSheetList() {
		rs := rows(t, f, sheet)
		cols := 0
		for _, r := range rs {
			cols = max(cols, len(r))
		}
		if h, ok := wantHeaders[sheet]; ok && sheet != "Evidence" {
			cols = len(h)
		}
		last, _ := excelize.CoordinatesToCellName(cols, len(rs))
		dim, err := f.GetSheetDimension(sheet)
		if err != nil || dim != "A1:"+last {
			t.Errorf("%s: dimension %q (%v), want A1:%s", sheet, dim, err, last)
		}
	}
}

// zipParts reads every part of the package at path.
func zipParts(t *testing.T, path string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	parts := map[string][]byte{}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", zf.Name, err)
		}
		parts[zf.Name] = data
	}
	return parts
}

func TestWorkbookIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	var first []byte
	for i := range 4 { // map order differs between runs; four tries would show it
		path := filepath.Join(dir, fmt.Sprintf("w%d.xlsx", i))
		if err := writeFile(path, func(w io.Writer) error { return Write(w, testReview(), "") }); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = data
		} else if !bytes.Equal(first, data) {
			t.Fatalf("write %d differs from write 0", i)
		}
	}
	path := filepath.Join(dir, "w0.xlsx")
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var names []string
	for _, zf := range zr.File {
		names = append(names, zf.Name)
		if !zf.Modified.IsZero() && zf.Modified.Year() > 1980 {
			t.Errorf("%s carries a time: %v", zf.Name, zf.Modified)
		}
	}
	if !slices.IsSorted(names) || names[0] != "[Content_Types].xml" {
		t.Errorf("parts not sorted: %q", names)
	}
	parts := zipParts(t, path)
	defaults := regexp.MustCompile(`<Default [^>]*>`).FindAll(parts["[Content_Types].xml"], -1)
	if len(defaults) < 2 || !slices.IsSortedFunc(defaults, bytes.Compare) {
		t.Errorf("[Content_Types].xml defaults not sorted: %s", defaults)
	}
	core := string(parts["docProps/core.xml"])
	dates := regexp.MustCompile(`\d{4}-\d\d-\d\dT[^<]*`).FindAllString(core, -1)
	if len(dates) != 2 || dates[0] != "2025-11-22T00:00:00Z" || dates[1] != dates[0] {
		t.Errorf("docProps/core.xml dates %q, want the as-of date", dates)
	}
	if strings.Contains(core, "xuri") {
		t.Errorf("docProps/core.xml names excelize's author: %s", core)
	}
}

func TestAccountCountUnsetIsCounted(t *testing.T) {
	r := testReview()
	r.AccountCount = 0
	_, f := writeTest(t, r)
	if rs := rows(t, f, "Accounts"); len(rs) != 4 {
		t.Errorf("Accounts: %d rows, want 4", len(rs))
	}
}

// The Accounts and People sheets of a large review are written beside each
// other and the smaller sheets; the file must be the same as a serial
// write, byte for byte, also when they span continuation sheets (whose
// tables are added mid-stream).
func TestConcurrentWriteMatchesSerial(t *testing.T) {
	defer func(rows, conc int64) { maxDataRows, concurrentRows = rows, conc }(maxDataRows, concurrentRows)
	maxDataRows = 4000
	r := benchReview(10000)
	write := func(conc int64) []byte {
		concurrentRows = conc
		var buf bytes.Buffer
		if err := Write(&buf, r, ""); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	serial := write(math.MaxInt64)
	for i := range 3 {
		if got := write(100); !bytes.Equal(got, serial) {
			t.Fatalf("concurrent write %d differs from the serial one", i)
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(serial))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, name := range []string{"Accounts", "Accounts (2)", "Accounts (3)", "People", "People (2)", "People (3)"} {
		if idx, _ := f.GetSheetIndex(name); idx < 0 {
			t.Errorf("no sheet %q in %v", name, f.GetSheetList())
		}
	}
}

// A Password Safe account shows its user groups, its quarantine and its
// UserType, so a reviewer sees why a quarantined user is not stale and an
// application user not "not in roster".
func TestAccountsSheetPasswordSafe(t *testing.T) {
	r := &model.Review{AsOf: "2025-11-22", Accounts: func(fn func(*model.AccountRow) error) error {
		return fn(&model.AccountRow{Source: "ps-prod", Product: "password-safe", ID: 14, Username: "nina.patel",
			Enabled: model.Yes, Administrator: model.No, UserGroups: "Auditors; Windows Server Requestors",
			Quarantined: model.Yes, UserType: "Application"})
	}}
	_, f := writeTest(t, r)
	rs := rows(t, f, "Accounts")
	got := map[string]string{}
	for i, h := range rs[0] {
		if i < len(rs[1]) {
			got[h] = rs[1][i]
		}
	}
	if got["User Groups"] != "Auditors; Windows Server Requestors" || got["Quarantined"] != "yes" || got["User Type"] != "Application" {
		t.Errorf("Password Safe row %q", rs[1])
	}
}

// A review with everything has every sheet of the layout, in its order:
// the writer knows each one.
func TestWorkbookHasEveryLayoutSheet(t *testing.T) {
	r := controlsReview(true)
	r.Exceptions = []model.Exception{{File: "exceptions.yaml", Line: 1, Rule: "stale-account", Entity: "*",
		Reason: "accepted", ApprovedBy: "ciso@corp.example", Expires: "2026-03-31"}}
	r.IngestIssues = []model.IngestIssue{{File: "users.csv", Line: 3, Problem: "found x, expected a date", Raw: "x"}}
	r.Activity = &model.Activity{}
	r.JumpItems = []model.JumpItemRow{{Source: "pra-prod", JumpGroup: "Databases", Item: "pg-prod", ItemType: "PostgreSQL Tunnel", ID: 1,
		GroupType: "shared", Policies: "no policy (direct)", Approval: "no policy", Accounts: 2}}
	_, f := writeTest(t, r)
	all := layout.Content{Exceptions: true, Previous: true, Controls: true, IngestIssues: true, Activity: true, JumpItems: true}
	if got, want := f.GetSheetList(), layout.SheetNames(all); !slices.Equal(got, want) {
		t.Errorf("sheets:\n got %q\nwant %q", got, want)
	}
}

// A family sheet without findings says why under its header: every rule
// of the family ran and found nothing, or which did not run and where,
// so that "nothing found" never looks like "not looked at".
func TestEmptyFamilySheetSaysWhy(t *testing.T) {
	r := testReview()
	r.Rules = append(r.Rules,
		model.RuleInfo{ID: "orphaned-team", Family: "orphaned-groups", NotChecked: []string{"pra-prod: no teams", "rs-prod: no teams"}},
		model.RuleInfo{ID: "orphaned-group-policy", Family: "orphaned-groups"},
		model.RuleInfo{ID: "unknown-group-policy", Family: "missing-group-policy"},
		model.RuleInfo{ID: "user-without-group-policy", Family: "missing-group-policy"})
	var kept []model.Finding
	for _, f := range r.Findings {
		if f.Family != "orphaned-groups" && f.Family != "missing-group-policy" {
			kept = append(kept, f)
		}
	}
	r.Findings = kept
	_, f := writeTest(t, r)
	want := map[string][]string{
		"Orphaned Groups": {"No findings where the rules ran: orphaned-group-policy ran on every source and found nothing.",
			"Did not run everywhere: orphaned-team (pra-prod: no teams; rs-prod: no teams). See Rules, column Not Checked."},
		"Missing Group Policy": {"No findings: every rule of this family ran on every source and found nothing (unknown-group-policy, user-without-group-policy)."},
	}
	for sheet, lines := range want {
		rs := rows(t, f, sheet)
		var got []string
		for _, row := range rs[1:] {
			got = append(got, row[0])
		}
		if !slices.Equal(got, lines) {
			t.Errorf("%s:\n got %q\nwant %q", sheet, got, lines)
		}
		if tables, _ := f.GetTables(sheet); len(tables) != 0 {
			t.Errorf("%s: a table over a note", sheet)
		}
	}
}
