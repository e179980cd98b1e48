package apischema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"
)

// Field is one property of an Object.
type Field struct {
	Name  string
	Value any // int64, float64, bool, string, []any, map[string]any or nil
}

// Object is an API object with its properties in a fixed order, so the
// JSON written from it is the same on every run.
type Object []Field

// Get returns the value of a property.
func (o Object) Get(name string) (any, bool) {
	for _, f := range o {
		if f.Name == name {
			return f.Value, true
		}
	}
	return nil, false
}

// With returns a copy of o with the property set, added at the end when o
// has none of that name.
func (o Object) With(name string, v any) Object {
	out := append(Object(nil), o...)
	for i := range out {
		if out[i].Name == name {
			out[i].Value = v
			return out
		}
	}
	return append(out, Field{name, v})
}

// JSON writes the object, its properties in order.
func (o Object) JSON() []byte {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			b.WriteString(", ")
		}
		k, _ := json.Marshal(f.Name)
		v, err := json.Marshal(f.Value)
		if err != nil {
			panic(fmt.Sprintf("apischema: value of %s: %v", f.Name, err))
		}
		b.Write(k)
		b.WriteString(": ")
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes()
}

// Array writes objects as a JSON array, one object a line.
func Array(objs []Object) []byte {
	var b bytes.Buffer
	b.WriteString("[\n")
	for i, o := range objs {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.Write(o.JSON())
	}
	b.WriteString("\n]\n")
	return b.Bytes()
}

// Count is how many objects Samples makes for props: enough for every
// enum value and both booleans to appear in an object with no nulls, and
// one more in which every nullable property is null.
func Count(props []Property) int {
	n := 2
	for _, p := range props {
		n = max(n, len(p.Enum))
	}
	return n + 1
}

// Samples makes Count(props) objects that carry every property, each value
// of the property's type and format, within its minimum and maximum. Object
// i takes enum value i (modulo their number); ids and names differ between
// objects; the last object has null in every nullable property.
func Samples(props []Property) []Object {
	n := Count(props)
	out := make([]Object, n)
	for i := range out {
		o := make(Object, 0, len(props))
		for _, p := range props {
			var v any
			if !(p.Nullable && i == n-1) {
				v = value(p, i)
			}
			o = append(o, Field{p.Name, v})
		}
		out[i] = o
	}
	return out
}

// value is the i-th value of a property.
func value(p Property, i int) any {
	if len(p.Enum) > 0 {
		return normalize(p.Enum[i%len(p.Enum)])
	}
	switch p.Type {
	case "integer":
		lo, hi := int64(1), int64(1<<31-1)
		if p.Minimum != nil {
			lo = int64(*p.Minimum)
		}
		if p.Maximum != nil {
			hi = int64(*p.Maximum)
		}
		return lo + int64(i)%(hi-lo+1)
	case "number":
		return 1.5 + float64(i)
	case "boolean":
		return i%2 == 0
	case "array":
		if p.Items == nil {
			return []any{}
		}
		return []any{value(*p.Items, i), value(*p.Items, i+1)}
	case "object":
		return map[string]any{}
	}
	switch p.Format {
	case "date-time":
		// The API's own form, +00:00.
		return time.Date(2025, time.Month(1+i%12), 1+i%28, 9, 30, 15, 0, time.UTC).Format("2006-01-02T15:04:05-07:00")
	case "date":
		return time.Date(2025, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	}
	return fmt.Sprintf("%s-%d", p.Name, i+1)
}

// normalize turns what YAML decoded into the types Object holds.
func normalize(v any) any {
	switch n := v.(type) {
	case int:
		return int64(n)
	case uint64:
		return int64(n)
	}
	return v
}
