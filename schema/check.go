package schema

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// CheckRow says what is wrong with a row for table t, or nil: the width, a
// Go value of each column's type (the Sink contract above), text that is
// UTF-8 without NUL, the JSON columns (perms, extra) holding objects, and
// times in UTC, dates at midnight. The readers' fuzz tests hold every row
// to it.
func (t *Table) CheckRow(row []any) error {
	if len(row) != len(t.Columns) {
		return fmt.Errorf("%s row of %d values, want %d", t.Name, len(row), len(t.Columns))
	}
	for i, c := range t.Columns {
		v := row[i]
		if v == nil {
			continue
		}
		ok := false
		switch c.Type {
		case Text:
			var s string
			if s, ok = v.(string); ok {
				if !utf8.ValidString(s) || strings.IndexByte(s, 0) >= 0 {
					return fmt.Errorf("%s.%s = %q, not text", t.Name, c.Name, s)
				}
				if (c.Name == "perms" || c.Name == "extra") && (!json.Valid([]byte(s)) || s[0] != '{') {
					return fmt.Errorf("%s.%s = %s, not a JSON object", t.Name, c.Name, s)
				}
			}
		case Int:
			_, ok = v.(int64)
		case Bool:
			_, ok = v.(bool)
		case Float:
			_, ok = v.(float64)
		case Timestamp, Date:
			var tm time.Time
			if tm, ok = v.(time.Time); ok {
				if tm.IsZero() || tm.Location() != time.UTC || (c.Type == Date && !tm.Equal(tm.Truncate(24*time.Hour))) {
					return fmt.Errorf("%s.%s = %v", t.Name, c.Name, tm)
				}
			}
		}
		if !ok {
			return fmt.Errorf("%s.%s = %T %v, not a %s", t.Name, c.Name, v, v, c.Type)
		}
	}
	return nil
}
