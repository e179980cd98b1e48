package tabular

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/xuri/excelize/v2"
)

// sheetPart is the zip part of the sheet named sheet, read from the
// workbook's relationships; "" when it cannot be found.
func (p *parts) sheetPart(sheet string) string {
	book := p.workbookPart()
	dir, base := path.Split(book)
	rels, err := p.relationships(dir+"_rels/"+base+".rels", dir)
	if err != nil {
		return ""
	}
	ids := map[string]string{}
	for _, r := range rels {
		ids[r.id] = r.target
	}
	d, closer, err := p.decoder(book)
	if err != nil {
		return ""
	}
	defer closer.Close()
	for {
		tok, err := d.Token()
		if err != nil {
			return ""
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "sheet" || attr(se, "name", false) != sheet {
			continue
		}
		return ids[attr(se, "id", true)]
	}
}

// workbookPart is the workbook's main part, as the package's
// relationships name it (xl/workbook.xml by default).
func (p *parts) workbookPart() string {
	book := "xl/workbook.xml"
	if rels, err := p.relationships("_rels/.rels", ""); err == nil {
		for _, r := range rels {
			if strings.HasSuffix(r.typ, "/officeDocument") {
				book = r.target
			}
		}
	}
	return book
}

// relationship is one <Relationship> of a .rels part, its target resolved
// against dir.
type relationship struct{ id, typ, target string }

func (p *parts) relationships(name, dir string) ([]relationship, error) {
	d, closer, err := p.decoder(name)
	if err != nil {
		return nil, err
	}
	defer closer.Close()
	var out []relationship
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "Relationship" {
			t := attr(se, "Target", false)
			if strings.HasPrefix(t, "/") {
				t = strings.TrimPrefix(t, "/")
			} else {
				t = path.Join(dir, t)
			}
			out = append(out, relationship{id: attr(se, "Id", false), typ: attr(se, "Type", false), target: t})
		}
	}
}

// attr is the value of se's attribute local (in a namespace when spaced:
// r:id).
func attr(se xml.StartElement, local string, spaced bool) string {
	for _, a := range se.Attr {
		if a.Name.Local == local && (a.Name.Space != "") == spaced {
			return a.Value
		}
	}
	return ""
}

// decoder opens the part name (its case ignored, as excelize does) as XML.
func (p *parts) decoder(name string) (*xml.Decoder, io.Closer, error) {
	for _, zf := range p.zr.File {
		if strings.EqualFold(strings.ReplaceAll(zf.Name, `\`, "/"), name) {
			rc, err := zf.Open()
			if err != nil {
				return nil, nil, err
			}
			return xml.NewDecoder(rc), rc, nil
		}
	}
	return nil, nil, fmt.Errorf("no part %s", name)
}

// uncomputed lists a worksheet part's formula cells that have no stored
// value: by row, the 1-based columns. A spreadsheet would show the
// computed value; a reader that takes the stored one sees an empty cell
// (scripts such as openpyxl write <f> and no or an empty <v>) or a
// placeholder (XlsxWriter stores 0 and asks for a full calculation on
// load, fullCalcOnLoad, which makes every formula count here). An empty
// <v> of a string cell (t="str") is a stored empty text.
func (p *parts) uncomputed(part string) (map[int64][]int, error) {
	out := map[int64][]int{}
	if !p.formulas[part] {
		return out, nil
	}
	all := p.fullCalcOnLoad()
	d, closer, err := p.decoder(part)
	if err != nil {
		return nil, err
	}
	defer closer.Close()
	var row int64
	var col int
	var inCell, inValue, formula, value bool
	var typ string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				row++
				if _, r, err := excelize.SplitCellName("A" + attr(t, "r", false)); err == nil {
					row = int64(r)
				}
				col = 0
			case "c":
				col++
				if c, _, err := excelize.CellNameToCoordinates(attr(t, "r", false)); err == nil {
					col = c
				}
				inCell, formula, value, typ = true, false, false, attr(t, "t", false)
			case "f":
				formula = inCell
			case "v":
				inValue = inCell
				value = value || inCell && typ == "str"
			case "is":
				value = inCell
			}
		case xml.CharData:
			if inValue && len(bytes.TrimSpace(t)) > 0 {
				value = true
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v":
				inValue = false
			case "c":
				if formula && (all || !value) {
					out[row] = append(out[row], col)
				}
				inCell = false
			}
		}
	}
}

// fullCalcOnLoad tells whether the workbook asks to be calculated in full
// when opened (<calcPr fullCalcOnLoad="1">): its stored formula values are
// placeholders.
func (p *parts) fullCalcOnLoad() bool {
	d, closer, err := p.decoder(p.workbookPart())
	if err != nil {
		return false
	}
	defer closer.Close()
	for {
		tok, err := d.Token()
		if err != nil {
			return false
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "calcPr" {
			v := attr(se, "fullCalcOnLoad", false)
			return v == "1" || v == "true"
		}
	}
}
