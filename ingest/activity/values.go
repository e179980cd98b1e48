package activity

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// maxExtra bounds the JSON of one row's extra column: what a report holds
// beyond the fields read is kept, but a row is not a place for megabytes.
const maxExtra = 1 << 20

// extra gathers what a row holds that no column reads, by path ("a/b" for
// an element, "a@x" for an attribute), in the order met. A path met twice
// holds a list.
type extra struct {
	items []pathValue
	size  int
}

type pathValue struct{ path, value string }

// reset empties x and returns it, keeping its list for the next row
// unless it grew large.
func (x *extra) reset() extra {
	items := x.items
	clear(items)
	if cap(items) > 4096 {
		items = nil
	}
	*x = extra{items: items[:0]}
	return *x
}

func (x *extra) add(path, value string) bool {
	x.items = append(x.items, pathValue{path, value})
	x.size += len(path) + len(value) + 8
	return x.size <= maxExtra
}

// merge adds y's paths to x under the element prefix (none when "").
func (x *extra) merge(prefix string, y *extra) bool {
	ok := true
	for _, it := range y.items {
		path := it.path
		switch {
		case prefix == "":
		case strings.HasPrefix(path, "@"):
			path = prefix + path
		default:
			path = prefix + "/" + path
		}
		ok = x.add(path, it.value) && ok
	}
	return ok
}

// object is the JSON object of x: a path's one value as a string, several
// as a list, in the order each path was first met. An empty extra is {}.
func (x *extra) object() string {
	if len(x.items) == 0 {
		return "{}"
	}
	if len(x.items) > 32 {
		return x.objectLarge()
	}
	// Few items: a path's others are looked for among them, without maps.
	var b strings.Builder
	b.Grow(x.size)
	b.WriteByte('{')
	for i, it := range x.items {
		first, many := true, false
		for j := range x.items {
			if j != i && x.items[j].path == it.path {
				if j < i {
					first = false
					break
				}
				many = true
			}
		}
		if !first {
			continue
		}
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		writeJSON(&b, it.path)
		b.WriteByte(':')
		if !many {
			writeJSON(&b, it.value)
			continue
		}
		b.WriteByte('[')
		writeJSON(&b, it.value)
		for _, o := range x.items[i+1:] {
			if o.path == it.path {
				b.WriteByte(',')
				writeJSON(&b, o.value)
			}
		}
		b.WriteByte(']')
	}
	b.WriteByte('}')
	return b.String()
}

// objectLarge is object for many items.
func (x *extra) objectLarge() string {
	// next links each item to the next of its path; head marks the first.
	next := make([]int, len(x.items))
	head := make([]bool, len(x.items))
	last := make(map[string]int, len(x.items))
	for i, it := range x.items {
		next[i] = -1
		if j, ok := last[it.path]; ok {
			next[j] = i
		} else {
			head[i] = true
		}
		last[it.path] = i
	}
	var b strings.Builder
	b.Grow(x.size)
	b.WriteByte('{')
	for i, it := range x.items {
		if !head[i] {
			continue
		}
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		writeJSON(&b, it.path)
		b.WriteByte(':')
		if next[i] < 0 {
			writeJSON(&b, it.value)
			continue
		}
		b.WriteByte('[')
		for j := i; j >= 0; j = next[j] {
			if j != i {
				b.WriteByte(',')
			}
			writeJSON(&b, x.items[j].value)
		}
		b.WriteByte(']')
	}
	b.WriteByte('}')
	return b.String()
}

// writeJSON writes s as a JSON string, & < > as they are (the column is
// read, not put in a web page), bytes that are not UTF-8 as U+FFFD.
func writeJSON(b *strings.Builder, s string) {
	const hex = "0123456789abcdef"
	b.WriteByte('"')
	for i := 0; i < len(s); {
		// A run of bytes written as they are.
		j := i
		for j < len(s) && s[j] >= 0x20 && s[j] < utf8.RuneSelf && s[j] != '"' && s[j] != '\\' {
			j++
		}
		if j > i {
			b.WriteString(s[i:j])
			i = j
			continue
		}
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\t':
			b.WriteString(`\t`)
		case c == '\r':
			b.WriteString(`\r`)
		case c < 0x20:
			b.WriteString(`\u00`)
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&0xF])
		case c < utf8.RuneSelf:
			b.WriteByte(c)
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				b.WriteString(`\ufffd`)
			} else {
				b.WriteString(s[i : i+n])
			}
			i += n
			continue
		}
		i++
	}
	b.WriteByte('"')
}

// unixTime reads a Unix time in seconds, as the reporting API writes
// timestamps.
func unixTime(s string) (time.Time, error) {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n < 0 || n > 253402300799 { // 9999-12-31T23:59:59Z
		return time.Time{}, fmt.Errorf("not a Unix time")
	}
	return time.Unix(n, 0).UTC(), nil
}

// rfc3339 reads a date-time with its offset, as the reporting API writes
// an element's text.
func rfc3339(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, err
	}
	return t.UTC(), nil
}

// isoTime reads a Password Safe date-time: RFC 3339 with Z or an offset,
// up to nine fraction digits (.NET writes seven), and without a zone as
// UTC.
func isoTime(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("not a date-time")
}

// integer reads a whole number written in decimal digits, with an optional
// minus sign.
func integer(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasPrefix(s, "+") {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// isLSID says whether s is a session id: 32 hex digits.
func isLSID(s string) bool {
	if len(s) != 32 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// ipAddress reads zero-padded IPv4 octets as numbers (010.000.000.001 is
// 10.0.0.1, as Password Safe writes them); anything else is kept as
// written.
func ipAddress(s string) string {
	parts := strings.Split(s, ".")
	if len(parts) != 4 {
		return s
	}
	out := make([]string, 4)
	for i, p := range parts {
		if len(p) == 0 || len(p) > 3 {
			return s
		}
		n := 0
		for _, c := range []byte(p) {
			if c < '0' || c > '9' {
				return s
			}
			n = n*10 + int(c-'0')
		}
		if n > 255 {
			return s
		}
		out[i] = strconv.Itoa(n)
	}
	return strings.Join(out, ".")
}

// cut shortens a value quoted in a message.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && s[i]&0xC0 == 0x80 {
		i--
	}
	return s[:i] + "…"
}

// quote quotes a value for a message, cut to a readable length.
func quote(s string) string { return strconv.Quote(cut(s, 80)) }
