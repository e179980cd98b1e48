package tabular

import "sort"

// object writes a compact JSON object per row from a fixed set of columns,
// keys sorted; the keys are encoded once per file.
type object struct {
	cols []int    // the columns, in key order
	keys [][]byte // `"key":`, with a leading comma after the first
	buf  []byte
}

// newObject makes the object of the columns cols named names.
func newObject(names []string, cols []int) *object {
	order := make([]int, len(cols))
	for k := range order {
		order[k] = k
	}
	sort.SliceStable(order, func(a, b int) bool { return names[order[a]] < names[order[b]] })
	o := &object{}
	for n, k := range order {
		var key []byte
		if n > 0 {
			key = append(key, ',')
		}
		key = appendJSONString(key, names[k])
		o.keys = append(o.keys, append(key, ':'))
		o.cols = append(o.cols, cols[k])
	}
	return o
}

func (o *object) empty() bool { return len(o.cols) == 0 }

// write encodes one row; value writes the value of key k (column
// o.cols[k]) after it.
func (o *object) write(value func(buf []byte, k int) []byte) string {
	o.buf = append(o.buf[:0], '{')
	for k := range o.cols {
		o.buf = append(o.buf, o.keys[k]...)
		o.buf = value(o.buf, k)
	}
	o.buf = append(o.buf, '}')
	return string(o.buf)
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string. s is valid UTF-8 (the
// readers check it); only quotes, backslashes and control characters need
// escaping.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
