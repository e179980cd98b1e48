package tabular

import (
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
	book := "xl/workbook.xml"
	if rels, err := p.relationships("_rels/.rels", ""); err == nil {
		for _, r := range rels {
			if strings.HasSuffix(r.typ, "/officeDocument") {
				book = r.target
			}
		}
	}
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
// value (scripts such as openpyxl write <f> and no <v>): by row, the
// 1-based columns. A spreadsheet would show the computed value; a reader
// that takes the stored one would see an empty cell.
func (p *parts) uncomputed(part string) (map[int64][]int, error) {
	out := map[int64][]int{}
	if !p.formulas[part] {
		return out, nil
	}
	d, closer, err := p.decoder(part)
	if err != nil {
		return nil, err
	}
	defer closer.Close()
	var row int64
	var col int
	var inCell, formula, value bool
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
				inCell, formula, value = true, false, false
			case "f":
				formula = inCell
			case "v", "is":
				value = inCell
			}
		case xml.EndElement:
			if t.Name.Local == "c" {
				if formula && !value {
					out[row] = append(out[row], col)
				}
				inCell = false
			}
		}
	}
}
