package tabular

import (
	"fmt"
	"sort"

	"github.com/review-tool/review/ingest/raw"
)

// columnMap is a table's header mapped to fields, worked out once per file.
type columnMap struct {
	// fields is by column: the field the column fills, nil when none. When
	// two columns name one key, the one whose alias ranks first fills it.
	fields []*field
	// byKey lists the columns that name each key, the filling one first.
	byKey map[string][]int
	// rest are the columns that fill no field, in header order.
	rest []int
}

// mapColumns matches t's header against set. A column without a name, or
// two with the same normalised name, are an error naming the column.
func mapColumns(t *table, set *fieldSet) (*columnMap, error) {
	m := &columnMap{fields: make([]*field, len(t.header)), byKey: map[string][]int{}}
	seen := map[string]int{}
	rank := make([]int, len(t.header))
	for i, h := range t.header {
		if h == "" {
			return nil, &raw.Error{File: t.path, Line: t.headerLine, Column: int64(i + 1),
				Found: "a column without a name", Expected: "a name for every column of the header"}
		}
		n := raw.NormalizeHeader(h)
		if n == "" {
			continue
		}
		if j, ok := seen[n]; ok {
			return nil, &raw.Error{File: t.path, Line: t.headerLine, Column: int64(i + 1),
				Found:    fmt.Sprintf("a second column %s (column %d is %s)", quote(h), j+1, quote(t.header[j])),
				Expected: "each column once"}
		}
		seen[n] = i
		if a, ok := set.byAlias[n]; ok {
			m.byKey[a.f.key] = append(m.byKey[a.f.key], i)
			m.fields[i], rank[i] = a.f, a.rank
		}
	}
	for _, cols := range m.byKey {
		sort.SliceStable(cols, func(a, b int) bool { return rank[cols[a]] < rank[cols[b]] })
		for _, c := range cols[1:] {
			m.fields[c] = nil
		}
	}
	for i, f := range m.fields {
		if f == nil {
			m.rest = append(m.rest, i)
		}
	}
	return m, nil
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
func (m *columnMap) dst(table *raw.Table) []int {
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
