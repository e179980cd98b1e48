package campaign_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/campaign"
	"github.com/review-tool/review/engine"
	"github.com/review-tool/review/internal/digest"
	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/xlsxprint"
	"github.com/review-tool/review/rules"
)

func decisionsWorkbook(t *testing.T, res *campaign.Result) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := campaign.WriteDecisionsWorkbook(&buf, res); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDecisionsWorkbookReadsBack(t *testing.T) {
	s := newScenario(t)
	f, err := excelize.OpenReader(bytes.NewReader(decisionsWorkbook(t, s.collect(t))))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, want := f.GetSheetList(), []string{"Campaign", "Decisions", "Revoke", "Missing", "Sign-offs"}; !slices.Equal(got, want) {
		t.Fatalf("sheets = %q, want %q", got, want)
	}
	// Every sheet prints as the findings workbook's do: A4 landscape at
	// the tables' scale, not fitted smaller, the header row and the key
	// columns on every page, the as-of date in the footer.
	titles := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			titles[dn.Scope] = dn.RefersTo
		}
	}
	keys := map[string]string{"Decisions": "$A:$A", "Revoke": "$A:$D", "Missing": "$A:$B", "Sign-offs": "$A:$A"}
	for _, sheet := range f.GetSheetList() {
		pl, err := f.GetPageLayout(sheet)
		if err != nil || pl.Size == nil || *pl.Size != 9 || *pl.Orientation != "landscape" || *pl.AdjustTo != xlsxprint.Scale || pl.FitToWidth != nil {
			t.Errorf("%s: page layout %+v, %v: want A4 landscape at %d%%", sheet, pl, err, xlsxprint.Scale)
		}
		ref := xlsxprint.SheetRef(sheet)
		// The Campaign sheet repeats its returned workbooks' header instead
		// (TestDecisionsCampaignSheet).
		if want := ref + "!" + keys[sheet] + "," + ref + "!$1:$1"; sheet != campaign.SheetCampaign && titles[sheet] != want {
			t.Errorf("%s: print titles %q, want %q", sheet, titles[sheet], want)
		}
		hf, _ := f.GetHeaderFooter(sheet)
		if hf == nil || !strings.Contains(hf.OddFooter, "As of "+s.issued.AsOf) || s.issued.AsOf == "" {
			t.Errorf("%s: footer %+v, want the as-of date", sheet, hf)
		}
	}
	// Long text wraps, on screen and on paper, instead of being cut at the
	// column's edge: a revoke's where and instruction, comments, why a
	// finding is missing.
	for sheet, cols := range map[string][]string{"Decisions": {"C", "K"}, "Revoke": {"F", "G", "I"}, "Missing": {"H"}} {
		for _, col := range cols {
			id, err := f.GetColStyle(sheet, col)
			st, _ := f.GetStyle(id)
			if err != nil || st == nil || st.Alignment == nil || !st.Alignment.WrapText {
				t.Errorf("%s!%s: column style %d %v, want wrapped text", sheet, col, id, err)
			}
		}
	}
	// A column of numbers or dates has its header right-aligned over them
	// (Sign-offs: Rows, Decided, Signed Off On); a column of text keeps it
	// left.
	for cell, right := range map[string]bool{"A1": false, "B1": true, "C1": true, "F1": false} {
		id, _ := f.GetCellStyle("Sign-offs", cell)
		st, _ := f.GetStyle(id)
		got := st != nil && st.Alignment != nil && st.Alignment.Horizontal == "right"
		if got != right {
			t.Errorf("Sign-offs!%s header right-aligned %v, want %v", cell, got, right)
		}
	}
	// A row is as tall as its wrapped text, so that none of it is hidden.
	revoke, _ := f.GetRows("Revoke")
	tall := 0
	for i, row := range revoke[1:] {
		if len(row) > 6 && len(row[6]) > 62 { // Instruction, wider than its column
			tall++
			if h, _ := f.GetRowHeight("Revoke", i+2); h <= 15 {
				t.Errorf("Revoke row %d: height %v for an instruction of %d characters, want it grown", i+2, h, len(row[6]))
			}
		}
	}
	if tall == 0 {
		t.Errorf("no Revoke instruction wider than its column: the row heights are not tested")
	}
	// Its tables look like the findings workbook's: the same table style,
	// headers bold without a fill of their own that would hide it.
	for _, sheet := range []string{"Decisions", "Sign-offs"} {
		tables, err := f.GetTables(sheet)
		if err != nil || len(tables) != 1 || tables[0].StyleName != layout.TableStyle {
			t.Errorf("%s: tables %+v (%v), want one styled %s", sheet, tables, err, layout.TableStyle)
		}
		id, _ := f.GetCellStyle(sheet, "A1")
		if st, err := f.GetStyle(id); err != nil || st.Font == nil || !st.Font.Bold || len(st.Fill.Color) > 0 {
			t.Errorf("%s!A1: style %+v (%v), want bold and no fill", sheet, st, err)
		}
	}
	rowsOf := func(sheet string) [][]string {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	dec := rowsOf("Decisions")
	if want := "Finding ID|Rule|Title|Severity|Source|Product|Entity Type|Entity|Reviewer|Decision|Comment|File|Signed Off By|Signed Off On"; strings.Join(dec[0], "|") != want {
		t.Errorf("Decisions headers = %q, want %q", strings.Join(dec[0], "|"), want)
	}
	if len(dec) != 7 {
		t.Fatalf("Decisions has %d rows, want the header and the campaign's 6 findings", len(dec))
	}
	first := strings.Join(dec[1], "|")
	want := s.findings[0].ID + "|terminated-user-enabled|Terminated user still enabled|high|pra-prod|pra|account|jdoe@corp.example|" +
		anna + "|Revoke|left the company on 2025-10-15|" + s.files[0] + "|Anna Schmidt|2025-11-28"
	if first != want {
		t.Errorf("Decisions row 2 =\n %q\nwant\n %q", first, want)
	}
	// An entity that looks like a formula is text, a sign-off date a date.
	if typ, _ := f.GetCellType("Decisions", "H3"); typ == excelize.CellTypeFormula {
		t.Errorf("H3 (=old.admin) is a formula")
	}
	if formula, _ := f.GetCellFormula("Decisions", "H3"); formula != "" {
		t.Errorf("H3 has formula %q, want the text =old.admin", formula)
	}
	if raw, _ := f.GetCellValue("Decisions", "N2", excelize.Options{RawCellValue: true}); raw != "45989" {
		t.Errorf("N2 raw = %q, want the date serial 45989 (2025-11-28)", raw)
	}
	rev := rowsOf("Revoke")
	if want := "Source|Product|Entity Type|Entity|Action|Where|Instruction|Decision|Comment|Reviewer|Finding ID|Rule"; strings.Join(rev[0], "|") != want {
		t.Errorf("Revoke headers = %q", strings.Join(rev[0], "|"))
	}
	if len(rev) != 3 || rev[1][4] != "disable-account" || rev[1][5] != "/login > Users & Security > Users" || rev[2][4] != "review-manually" {
		t.Errorf("Revoke rows = %q", rev[1:])
	}
	miss := rowsOf("Missing")
	if len(miss) != 4 || miss[1][0] != anna || miss[2][0] != rahul || miss[3][0] != "unassigned" || miss[3][7] != "workbook not returned" {
		t.Errorf("Missing rows = %q", miss)
	}
	sign := rowsOf("Sign-offs")
	if got := strings.Join(sign[0], "|"); got != "Reviewer|Rows|Decided|Signed Off By|Signed Off On|File" {
		t.Errorf("Sign-offs headers = %q", got)
	}
	if got := strings.Join(sign[3], "|"); got != "unassigned|1|0|||(not returned)" {
		t.Errorf("Sign-offs row 4 = %q", got)
	}
	if typ, _ := f.GetCellType("Sign-offs", "B2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("Sign-offs B2 type = %v, want a number", typ)
	}
	if raw, _ := f.GetCellValue("Sign-offs", "B2", excelize.Options{RawCellValue: true}); raw != "3" {
		t.Errorf("Sign-offs B2 = %q, want 3", raw)
	}
}

func TestDecisionsWorkbookByteIdentical(t *testing.T) {
	s := newScenario(t)
	a, b := decisionsWorkbook(t, s.collect(t)), decisionsWorkbook(t, s.collect(t))
	if !bytes.Equal(a, b) {
		t.Error("two decisions workbooks of the same returned workbooks differ")
	}
	// The collection date is in it, so another one gives other bytes.
	later := s.collect(t)
	later.CollectedOn = "2025-12-02"
	if bytes.Equal(a, decisionsWorkbook(t, later)) {
		t.Error("decisions workbooks collected on two days are the same bytes")
	}
	later.CollectedOn = ""
	if err := campaign.WriteDecisionsWorkbook(&bytes.Buffer{}, later); err == nil || !strings.Contains(err.Error(), "collection date") {
		t.Errorf("a result without its collection date: %v, want an error naming it", err)
	}
}

// sha256File is the hex SHA-256 of a file's bytes.
func sha256File(t *testing.T, path string) string {
	t.Helper()
	sum, _, err := digest.File(path)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// The Campaign sheet comes first and says what the decisions are of: the
// campaign, its as-of date, the campaign file and the findings workbook
// with their SHA-256, when the decisions were collected, the totals, and
// each returned workbook with the SHA-256 of the file as read. Dates are
// date cells, counts numbers.
func TestDecisionsCampaignSheet(t *testing.T) {
	s := newScenario(t)
	res := s.collect(t)
	book := &campaign.IssuedWorkbook{File: "findings.xlsx", SHA256: strings.Repeat("0123456789abcdef", 4)}
	res.Campaign.FindingsWorkbook = book
	f, err := excelize.OpenReader(bytes.NewReader(decisionsWorkbook(t, res)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const sheet = "Campaign"
	if f.GetSheetName(f.GetActiveSheetIndex()) != sheet || f.GetSheetName(0) != sheet {
		t.Errorf("the first and active sheet is %q (%q), want %s", f.GetSheetName(0), f.GetSheetName(f.GetActiveSheetIndex()), sheet)
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	value := map[string]string{}  // label → value as shown
	at := map[string]string{}     // label → its value's cell
	for i, r := range rows[:14] { // the Item and Value table
		if len(r) < 2 {
			t.Fatalf("row %d: %q, want a label and its value", i+1, r)
		}
		value[r[0]] = r[1]
		at[r[0]] = fmt.Sprintf("B%d", i+1)
	}
	if rows[0][0] != "Item" || rows[0][1] != "Value" {
		t.Errorf("row 1 = %q, want the header Item, Value", rows[0])
	}
	want := map[string]string{
		"Campaign": s.issued.ID, "As of": "2025-11-22", "Campaign file": s.issued.File,
		"Campaign file SHA-256": sha256File(t, s.issued.File), "Findings workbook": "findings.xlsx",
		"Findings workbook SHA-256": book.SHA256, "Collected on": collectedOn, "Reviewers": "3", "Workbooks returned": "2",
		"Findings": "6", "Decided": "3", "To revoke or modify": "2", "Missing": "3",
	}
	for label, v := range want {
		if value[label] != v {
			t.Errorf("%s = %q, want %q", label, value[label], v)
		}
	}
	raw := func(cell string) string {
		v, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		return v
	}
	isDate := func(cell string) {
		t.Helper()
		id, _ := f.GetCellStyle(sheet, cell)
		st, err := f.GetStyle(id)
		if err != nil || st.CustomNumFmt == nil || *st.CustomNumFmt != "yyyy-mm-dd" {
			t.Errorf("%s: style %+v (%v), want a date yyyy-mm-dd", cell, st, err)
		}
		if typ, _ := f.GetCellType(sheet, cell); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
			t.Errorf("%s is text, want a date", cell)
		}
	}
	// 2025-11-22 and 2025-12-01 as date serials.
	if raw(at["As of"]) != "45983" || raw(at["Collected on"]) != "45992" {
		t.Errorf("As of %q, Collected on %q: want the date serials 45983 and 45992", raw(at["As of"]), raw(at["Collected on"]))
	}
	isDate(at["As of"])
	isDate(at["Collected on"])
	for _, label := range []string{"Findings", "Decided", "Missing"} {
		if typ, _ := f.GetCellType(sheet, at[label]); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
			t.Errorf("%s (%s) type %v, want a number", label, at[label], typ)
		}
	}

	// The returned workbooks, under a header after a blank row, as Sign-offs
	// lists them.
	const head = 16
	if got := strings.Join(rows[head-1], "|"); got != "Returned Workbook|SHA-256|Reviewer|Signed Off By|Signed Off On|Rows|Decided" {
		t.Fatalf("row %d = %q, want the returned workbooks' header", head, got)
	}
	wantBooks := []string{
		s.files[0] + "|" + sha256File(t, s.files[0]) + "|" + anna + "|Anna Schmidt|2025-11-28|3|2",
		s.files[1] + "|" + sha256File(t, s.files[1]) + "|" + rahul + "|||2|1",
		"(not returned)||unassigned|||1|0",
	}
	if got := flat(rows[head:]); !slices.Equal(got, wantBooks) {
		t.Errorf("returned workbooks:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(wantBooks, "\n"))
	}
	signed := fmt.Sprintf("E%d", head+1)
	if raw(signed) != "45989" {
		t.Errorf("%s = %q, want the date serial of 2025-11-28", signed, raw(signed))
	}
	isDate(signed)

	tables, err := f.GetTables(sheet)
	if err != nil || len(tables) != 2 {
		t.Fatalf("tables %+v (%v), want two", tables, err)
	}
	for _, tb := range tables {
		if tb.StyleName != layout.TableStyle {
			t.Errorf("table %s: style %s, want %s", tb.Name, tb.StyleName, layout.TableStyle)
		}
	}
	if tables[0].Range != "A1:B14" || tables[1].Range != fmt.Sprintf("A%d:G%d", head, head+3) {
		t.Errorf("tables over %s and %s", tables[0].Range, tables[1].Range)
	}
	// A long list of workbooks prints with its header on every page.
	found := false
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" && dn.Scope == sheet {
			found = dn.RefersTo == fmt.Sprintf("%s!$A:$A,%s!$%d:$%d", sheet, sheet, head, head)
			if !found {
				t.Errorf("print titles %s", dn.RefersTo)
			}
		}
	}
	if !found {
		t.Error("no print titles on the Campaign sheet")
	}
	// The document was made on the collection day.
	if p, err := f.GetDocProps(); err != nil || p.Created != collectedOn+"T00:00:00Z" || p.Modified != p.Created || p.Subject != "Campaign "+s.issued.ID {
		t.Errorf("document properties %+v (%v), want created and modified on %s", p, err, collectedOn)
	}

	// A campaign.json that does not record its findings workbook says so.
	res.Campaign.FindingsWorkbook = nil
	g, err := excelize.OpenReader(bytes.NewReader(decisionsWorkbook(t, res)))
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if v, _ := g.GetCellValue(sheet, at["Findings workbook"]); !strings.HasPrefix(v, "not recorded in campaign.json") {
		t.Errorf("Findings workbook not recorded: %q", v)
	}
}

func TestDecisionsJSONL(t *testing.T) {
	s := newScenario(t)
	var buf bytes.Buffer
	if err := campaign.WriteDecisionsJSONL(&buf, s.collect(t)); err != nil {
		t.Fatal(err)
	}
	f := s.findings
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != len(f) {
		t.Fatalf("decisions.jsonl has %d lines, want one per finding of the campaign (%d):\n%s", len(lines), len(f), buf.String())
	}
	want := `{"finding_id":"` + f[0].ID + `","rule":"terminated-user-enabled","family":"stale-seats","title":"Terminated user still enabled","severity":"high","source":"pra-prod","product":"pra","entity_type":"account","entity":"jdoe@corp.example","detail":"` + f[0].Detail + `","reviewer":"anna.schmidt@corp.example","decision":"Revoke","comment":"left the company on 2025-10-15","action":"disable-account","place":"/login > Users & Security > Users","ids":{"account_id":4711}}`
	if lines[0] != want {
		t.Errorf("line 1 =\n%s\nwant\n%s", lines[0], want)
	}
	var actions []string
	for i, line := range lines {
		var v campaign.DecisionLine
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			t.Fatalf("line %s: %v", line, err)
		}
		if v.FindingID != f[i].ID {
			t.Errorf("line %d is finding %s, want %s (campaign order)", i+1, v.FindingID, f[i].ID)
		}
		actions = append(actions, v.Decision+":"+v.Action)
	}
	// A Revoke without its comment is incomplete: nothing to do yet.
	if want := []string{"Revoke:disable-account", "Revoke:none"}; !slices.Equal(actions[:2], want) {
		t.Errorf("actions %q, want %q first", actions, want)
	}
	if !slices.Contains(actions, "Revoke:review-manually") {
		t.Errorf("actions %q: the custom rule's Revoke should be review-manually", actions)
	}
}

func TestEveryBuiltinRuleHasAnAction(t *testing.T) {
	rs, err := engine.LoadRules(rules.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range rs.Rules {
		ids = append(ids, r.ID)
		a, ok := campaign.ActionFor(r.ID)
		if !ok || a.Name == "" || a.Place == "" || strings.Count(a.Do, "%s") != 1 {
			t.Errorf("rule %s: no revoke action (%+v)", r.ID, a)
		}
	}
	slices.Sort(ids)
	if got := campaign.BuiltinActionRules(); !slices.Equal(got, ids) {
		t.Errorf("the action table covers %q, the built-in rules are %q: remove the entries of rules that are gone", got, ids)
	}
}

// A workbook a reviewer saved in LibreOffice reads as the one sent: the
// shared strings, styles and date cells LibreOffice rewrites give the same
// rows, decisions and sign-off.
func TestCollectReadsLibreOfficeResave(t *testing.T) {
	s := newScenario(t)
	before := s.collect(t)
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice (LibreOffice) is not installed: the LibreOffice re-save is not checked")
	}
	out := filepath.Join(s.dir, "resaved")
	for _, f := range s.files {
		cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(s.dir, "lo-profile"),
			"--convert-to", "xlsx", "--outdir", out, f)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("soffice: %v\n%s", err, b)
		}
	}
	for i, f := range s.files {
		s.files[i] = filepath.Join(out, filepath.Base(f))
		if _, err := os.Stat(s.files[i]); err != nil {
			t.Fatalf("soffice wrote no %s: %v", s.files[i], err)
		}
	}
	after := s.collect(t)
	if len(after.Refused) > 0 {
		t.Fatalf("refused after the re-save: %q", after.Refused)
	}
	for i := range before.Entries {
		b, a := before.Entries[i], after.Entries[i]
		if a.Decision != b.Decision || a.Comment != b.Comment || a.SignedBy != b.SignedBy || a.SignedOn != b.SignedOn ||
			a.Row != b.Row || filepath.Base(a.File) != filepath.Base(b.File) {
			t.Errorf("finding %s: after the re-save %+v, before %+v", b.ID, a, b)
		}
	}
}

// docs/campaign.md lists what a Revoke does per rule: the line of every
// rule must be the table's.
func TestCampaignDocListsEveryAction(t *testing.T) {
	doc, err := os.ReadFile("../docs/campaign.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range campaign.BuiltinActionRules() {
		a, _ := campaign.ActionFor(id)
		line := "| `" + id + "` | `" + a.Name + "` | " + a.Place + " | " + fmt.Sprintf(a.Do, "ENTITY") + " |"
		if !strings.Contains(string(doc), line) {
			t.Errorf("docs/campaign.md lacks the line\n%s", line)
		}
	}
}

// The decisions workbook opens in LibreOffice: re-saved there, every sheet
// reads back with the same cells.
func TestDecisionsWorkbookOpensInLibreOffice(t *testing.T) {
	s := newScenario(t)
	path := filepath.Join(s.dir, "decisions.xlsx")
	if err := os.WriteFile(path, decisionsWorkbook(t, s.collect(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice (LibreOffice) is not installed: opening the decisions workbook in LibreOffice is not checked")
	}
	out := filepath.Join(s.dir, "resaved")
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(s.dir, "lo-profile"),
		"--convert-to", "xlsx", "--outdir", out, path)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	before, after := openRows(t, path), openRows(t, filepath.Join(out, "decisions.xlsx"))
	if len(before) != 5 || len(after) != len(before) {
		t.Fatalf("sheets: %d written, %d after LibreOffice", len(before), len(after))
	}
	for sheet, rows := range before {
		if got := after[sheet]; strings.Join(flat(got), "\x00") != strings.Join(flat(rows), "\x00") {
			t.Errorf("sheet %s after LibreOffice:\n%q\nwritten:\n%q", sheet, got, rows)
		}
	}
}

// openRows are every sheet's rows as displayed.
func openRows(t *testing.T, path string) map[string][][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][][]string{}
	for _, sheet := range f.GetSheetList() {
		if out[sheet], err = f.GetRows(sheet); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func flat(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, strings.Join(r, "|"))
	}
	return out
}
