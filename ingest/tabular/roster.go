package tabular

import (
	"strings"

	"github.com/review-tool/review/ingest/reader"
	"github.com/review-tool/review/schema"
)

var (
	rosterEmail = schema.Roster.Index("email")
	rosterName  = schema.Roster.Index("name")
)

// ReadRoster reads an HR or IdP roster (docs/inputs.md §4), CSV or a workbook's
// first sheet with an email column, into the roster table (source ""). The
// email, the join key, is trimmed and lower-cased; when several email
// columns are present (mail and userPrincipalName) an empty one falls back
// to the next. The name is display_name/name, else first + last name.
// Status becomes active, leave or terminated; the termination date is a
// DATE. Columns that fill no field are listed in UnknownColumns.
func ReadRoster(in Input, sink schema.Sink) (*reader.Result, error) {
	t, err := openTable(in, func(h []string) bool { return rosterSet.has(h, "email") })
	if err != nil {
		return nil, err
	}
	defer t.close()
	m, err := mapColumns(t, rosterSet)
	if err != nil {
		return nil, err
	}
	emailCols := m.byKey["email"]
	if len(emailCols) == 0 {
		return nil, missingColumn(in.Path, t.headerLine, rosterSet, "email")
	}
	dst := m.dst(schema.Roster)
	first, last := m.col("first_name"), m.col("last_name")
	res := stamp(&reader.Result{Kind: schema.KindRoster, Capabilities: []string{schema.CapRoster}}, t.encoding, in)
	emails := rosterEmails{first: map[string]int64{}, again: map[string][]int64{}}
	for _, i := range m.rest {
		if rosterSet.has(t.header[i:i+1], "email") {
			continue // a fallback email column
		}
		res.UnknownColumns = append(res.UnknownColumns, t.name(i))
	}
	err = t.each(in, func(rec []string) error {
		row := schema.Roster.NewRow("", in.FileID, t.line())
		for i, f := range m.fields {
			if f == nil || dst[i] < 0 {
				continue
			}
			v, expected := parseCell(f, cell(rec, i), t.dates.at(i))
			if expected != "" {
				return t.bad(i, shown(f, cell(rec, i)), expected)
			}
			row[dst[i]] = v
		}
		for _, c := range emailCols[1:] {
			if row[rosterEmail] != nil {
				break
			}
			if e := strings.TrimSpace(cell(rec, c)); e != "" {
				row[rosterEmail] = strings.ToLower(e)
			}
		}
		if row[rosterName] == nil && (first >= 0 || last >= 0) {
			for _, c := range []int{first, last} {
				if c < 0 {
					continue
				}
				if _, expected := parseCell(m.fields[c], cell(rec, c), t.dates); expected != "" {
					return t.bad(c, shown(m.fields[c], cell(rec, c)), expected)
				}
			}
			n := strings.TrimSpace(strings.TrimSpace(cellAt(rec, first)) + " " + strings.TrimSpace(cellAt(rec, last)))
			if n != "" {
				row[rosterName] = n
			}
		}
		if err := sink.Append(schema.Roster, row); err != nil {
			return err
		}
		emails.add(row[rosterEmail], t.line())
		res.Rows++
		return nil
	})
	if err != nil {
		return nil, err
	}
	res.Warnings = emails.warnings(in.Path)
	noteAmbiguousDates(res, t)
	return res, nil
}

// cellAt is cell i of rec, "" for i < 0.
func cellAt(rec []string, i int) string {
	if i < 0 {
		return ""
	}
	return cell(rec, i)
}
