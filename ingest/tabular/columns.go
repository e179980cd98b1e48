package tabular

import (
	"fmt"
	"sort"
	"strings"

	"github.com/review-tool/review/ingest/cells"
	"github.com/review-tool/review/ingest/located"
	"github.com/review-tool/review/schema"
)

// columnMap is a table's header mapped to fields, worked out once per file.
type columnMap struct {
	// fields is by column: the field the column fills, nil when none.
	fields []*field
	// byKey lists the columns that name each key, the filling one first
	// (for a fallback key, in the order its aliases rank).
	byKey map[string][]int
	// agree pairs a column that fills a field with a second column of its
	// key that must say the same on each row (field.agree).
	agree []agreePair
	// rest are the columns that fill no field and check none, in header
	// order.
	rest []int
}

// agreePair is a field's column and the column checked against it, read
// as its own field reads it.
type agreePair struct {
	fill, check int
	checkField  *field
}

// mapColumns matches t's header against set. A column without a name, two
// with the same normalised name, or two that fill one field (Last Login
// and Last Authentication Date) are an error naming the columns: one of
// the two would be dropped without a word, and nothing says which is
// right.
func mapColumns(t *table, set *fieldSet) (*columnMap, error) {
	m := &columnMap{fields: make([]*field, len(t.header)), byKey: map[string][]int{}}
	seen := map[string]int{}
	rank := make([]int, len(t.header))
	var keys []string
	for i, h := range t.header {
		if h == "" {
			return nil, &located.Error{File: t.path, Line: t.headerLine, Column: int64(i + 1),
				Found: "a column without a name", Expected: "a name for every column of the header"}
		}
		n := cells.NormalizeHeader(h)
		if n == "" {
			continue
		}
		if j, ok := seen[n]; ok {
			return nil, &located.Error{File: t.path, Line: t.headerLine, Column: int64(i + 1),
				Found:    fmt.Sprintf("a second column %s (column %d is %s)", quote(h), j+1, quote(t.header[j])),
				Expected: "each column once"}
		}
		seen[n] = i
		if a, ok := set.byAlias[n]; ok {
			if len(m.byKey[a.f.key]) == 0 {
				keys = append(keys, a.f.key)
			}
			m.byKey[a.f.key] = append(m.byKey[a.f.key], i)
			m.fields[i], rank[i] = a.f, a.rank
		}
	}
	checks := map[int]bool{}
	for _, key := range keys {
		cols := m.byKey[key]
		if len(cols) == 1 {
			continue
		}
		sort.SliceStable(cols, func(a, b int) bool { return rank[cols[a]] < rank[cols[b]] })
		pair, err := settleKey(t, m.fields, cols)
		if err != nil {
			return nil, err
		}
		if pair != nil {
			m.agree = append(m.agree, *pair)
			checks[pair.check] = true
			cols[0], cols[1] = pair.fill, pair.check
		}
		for _, c := range cols[1:] {
			m.fields[c] = nil
		}
	}
	for i, f := range m.fields {
		if f == nil && !checks[i] {
			m.rest = append(m.rest, i)
		}
	}
	return m, nil
}

// settleKey decides a key named by several columns: fine for a fallback
// field; one column beside one agree column gives a pair to check on each
// row; anything else is an error naming two of the columns.
func settleKey(t *table, fields []*field, cols []int) (*agreePair, error) {
	var agree, other []int
	for _, c := range cols {
		switch f := fields[c]; {
		case f.fallback:
			continue
		case f.agree:
			agree = append(agree, c)
		default:
			other = append(other, c)
		}
	}
	switch {
	case len(other) > 1:
		return nil, twoColumns(t, fields[other[0]].key, other[0], other[1])
	case len(agree) > 1:
		return nil, twoColumns(t, fields[agree[0]].key, agree[0], agree[1])
	case len(agree) == 1 && len(other) == 1:
		return &agreePair{fill: other[0], check: agree[0], checkField: fields[agree[0]]}, nil
	}
	return nil, nil
}

// twoColumns is the error for columns a and b filling one field; it points
// at the later of the two.
func twoColumns(t *table, key string, a, b int) error {
	if a > b {
		a, b = b, a
	}
	return &located.Error{File: t.path, Line: t.headerLine, Column: int64(b + 1),
		Found: fmt.Sprintf("the columns %s (column %d) and %s (column %d), which both give the %s",
			quote(t.header[a]), a+1, quote(t.header[b]), b+1, strings.ReplaceAll(key, "_", " ")),
		Expected: "one column for each field (remove or rename one of them)"}
}

// checkAgree returns the error for a row where a pair's two columns say
// different things; values are read as their fields read them, and an
// empty cell says nothing, so that the other column's value fills row
// (whose columns dst gives, as columnMap.dst).
func (t *table) checkAgree(m *columnMap, rec []string, row []any, dst []int) error {
	for _, p := range m.agree {
		a, expected := parseCell(m.fields[p.fill], cell(rec, p.fill), t.dates.at(p.fill))
		if expected != "" {
			return t.bad(p.fill, quote(cell(rec, p.fill)), expected)
		}
		b, expected := parseCell(p.checkField, cell(rec, p.check), t.dates.at(p.check))
		if expected != "" {
			return t.bad(p.check, quote(cell(rec, p.check)), expected)
		}
		switch {
		case a == nil:
			row[dst[p.fill]] = b
		case b != nil && a != b:
			return t.bad(p.check, fmt.Sprintf("%s in column %s but %s in column %s",
				quote(cell(rec, p.check)), quote(t.header[p.check]), quote(cell(rec, p.fill)), quote(t.header[p.fill])),
				"the two columns to agree on every row")
		}
	}
	return nil
}

// col is the column that fills key, or -1.
func (m *columnMap) col(key string) int {
	if cols := m.byKey[key]; len(cols) > 0 {
		return cols[0]
	}
	return -1
}

// dst is by column: the index in table's rows of the column each fills,
// -1 for none.
func (m *columnMap) dst(table *schema.Table) []int {
	out := make([]int, len(m.fields))
	for i, f := range m.fields {
		out[i] = -1
		if f != nil && f.column != "" {
			out[i] = table.Index(f.column)
		}
	}
	return out
}

// names are the headers of cols, as messages and JSON keys write them.
func (t *table) names(cols []int) []string {
	out := make([]string, len(cols))
	for k, c := range cols {
		out[k] = t.name(c)
	}
	return out
}
