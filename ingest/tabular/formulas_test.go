package tabular

import (
	"archive/zip"
	"bytes"
	"io"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/ingest/located"
	"github.com/review-tool/review/schema"
)

// formulaRoster is a roster workbook (sheet "HR") whose status cells in
// rows 3 and 4 are formulas, written by excelize as scripts write them: an
// <f> and no stored <v>.
func formulaRoster(t *testing.T, bobStatus, carolStatus string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "HR"); err != nil {
		t.Fatal(err)
	}
	for r, row := range [][]any{
		{"email", "status", "termination_date"},
		{"alice@corp.example", "active"},
		{"bob@corp.example", nil, "2025-06-30"},
		{"carol@corp.example"},
	} {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := f.SetSheetRow("HR", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	for cell, formula := range map[string]string{"B3": bobStatus, "B4": carolStatus} {
		if err := f.SetCellFormula("HR", cell, formula); err != nil {
			t.Fatal(err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	sheet := partText(t, buf.Bytes(), "xl/worksheets/sheet1.xml")
	for _, ref := range []string{"B3", "B4"} {
		i := strings.Index(sheet, `<c r="`+ref+`"`)
		if i < 0 {
			t.Fatalf("no cell %s in %s", ref, sheet)
		}
		if c := sheet[i : i+strings.Index(sheet[i:], "</c>")]; !strings.Contains(c, "<f>") || strings.Contains(c, "<v") {
			t.Fatalf("cell %s is not a formula without a stored value: %s", ref, c)
		}
	}
	return buf.Bytes()
}

// partText is one part of a zip, as text.
func partText(t *testing.T, b []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if zf.Name == name {
			rc, err := zf.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			text, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return string(text)
		}
	}
	t.Fatalf("no part %s", name)
	return ""
}

func TestFormulaWithoutValueIsComputed(t *testing.T) {
	b := formulaRoster(t, `IF(C3<>"","terminated","active")`, `"act"&"ive"`)
	for _, in := range []Input{onDisk(t, "hr.xlsx", b), bytesInput("hr.xlsx", b)} {
		sink := newSink()
		res, err := ReadRoster(in, sink)
		if err != nil {
			t.Fatal(err)
		}
		sameLines(t, "roster", sink.show(schema.Roster), []string{
			`2 | email=alice@corp.example | status=active`,
			`3 | email=bob@corp.example | status=terminated | termination_date=2025-06-30`,
			`4 | email=carol@corp.example | status=active`,
		})
		if res.Rows != 3 {
			t.Errorf("rows = %d", res.Rows)
		}
	}
}

func TestFormulaThatCannotBeComputedIsAnError(t *testing.T) {
	const want = `hr.xlsx:4:2: found sheet "HR" cell B4: a formula without a stored value, =NOSUCHFN(1), ` +
		`that cannot be computed here (not support NOSUCHFN function), ` +
		`expected a stored value (open and save the workbook in Excel or LibreOffice, which store each formula's value)`
	b := formulaRoster(t, `"terminated"`, `NOSUCHFN(1)`)
	_, err := ReadRoster(onDisk(t, "hr.xlsx", b), newSink())
	if err == nil || err.Error() != want {
		t.Fatalf("error:\n got %v\nwant %s", err, want)
	}

	// An error value is no value either.
	b = formulaRoster(t, `"terminated"`, `1/0`)
	_, err = ReadRoster(bytesInput("hr.xlsx", b), newSink())
	if err == nil || !strings.HasPrefix(err.Error(), `hr.xlsx:4:2: found sheet "HR" cell B4: a formula without a stored value, =1/0, that cannot be computed here (#DIV/0!)`) {
		t.Fatalf("error: %v", err)
	}

	// Under --lenient the row is listed and the others load.
	in := bytesInput("hr.xlsx", formulaRoster(t, `"terminated"`, `NOSUCHFN(1)`))
	var bad []string
	in.BadRow = func(e *located.Error) error { bad = append(bad, e.Error()+" | "+e.Raw); return nil }
	sink := newSink()
	res, err := ReadRoster(in, sink)
	if err != nil {
		t.Fatal(err)
	}
	sameLines(t, "bad rows", bad, []string{want + ` | carol@corp.example,`})
	sameLines(t, "roster", sink.show(schema.Roster), []string{
		`2 | email=alice@corp.example | status=active`,
		`3 | email=bob@corp.example | status=terminated | termination_date=2025-06-30`,
	})
	if res.Rows != 2 {
		t.Errorf("rows = %d", res.Rows)
	}
}

// handWorkbook writes a one-sheet workbook (sheet "HR") from its sheetData
// and the workbook's calcPr element, as other programs write them.
func handWorkbook(t testing.TB, sheetData, calcPr string) []byte {
	t.Helper()
	return zipOf(t, map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
		"_rels/.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
			`<sheets><sheet name="HR" sheetId="1" r:id="rId1"/></sheets>` + calcPr + `</workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml": `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
			sheetData + `</sheetData></worksheet>`,
	})
}

// zipOf zips parts, in name order.
func zipOf(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range sortedNames(parts) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, parts[name]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func sortedNames(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

const rosterHeaderXML = `<row r="1"><c r="A1" t="inlineStr"><is><t>email</t></is></c><c r="B1" t="inlineStr"><is><t>status</t></is></c></row>`

func emailXML(row string) string {
	return `<c r="A` + row + `" t="inlineStr"><is><t>p` + row + `@corp.example</t></is></c>`
}

func TestStoredFormulaValues(t *testing.T) {
	tests := []struct {
		name, cell, calcPr, want string
	}{
		// openpyxl: an empty <v/> after the formula, no type.
		{"empty v", `<c r="B2"><f>"termin"&amp;"ated"</f><v/></c>`, ``, `status=terminated`},
		// XlsxWriter: a placeholder 0 and a full calculation asked on load.
		{"placeholder", `<c r="B2"><f>"termin"&amp;"ated"</f><v>0</v></c>`, `<calcPr fullCalcOnLoad="1"/>`, `status=terminated`},
		// Excel: the stored value is what it shows, even where review
		// could not compute the formula.
		{"stored", `<c r="B2" t="str"><f>NOSUCHFN(1)</f><v>leave</v></c>`, `<calcPr calcId="191029"/>`, `status=leave`},
		// A stored empty text is a value too.
		{"stored empty", `<c r="B2" t="str"><f>NOSUCHFN(1)</f><v></v></c>`, ``, ``},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := handWorkbook(t, rosterHeaderXML+`<row r="2">`+emailXML("2")+tt.cell+`</row>`, tt.calcPr)
			sink := newSink()
			if _, err := ReadRoster(bytesInput("hr.xlsx", b), sink); err != nil {
				t.Fatal(err)
			}
			want := `2 | email=p2@corp.example`
			if tt.want != "" {
				want += " | " + tt.want
			}
			sameLines(t, "roster", sink.show(schema.Roster), []string{want})
		})
	}
}
