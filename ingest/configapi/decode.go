package configapi

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/valyala/fastjson"

	"github.com/review-tool/review/ingest/cells"
	"github.com/review-tool/review/ingest/located"
	"github.com/review-tool/review/ingest/textio"
	"github.com/review-tool/review/schema"
)

// decoder turns the elements of one file into rows of one table.
type decoder struct {
	path   string
	source string
	fileID int
	k      *kind
	parser fastjson.Parser
	seen   map[string]bool // field names seen, for capabilities
	// fields are the keys met so far, as written: a key's name, column and
	// the object that last had it, found without a copy of the key (a
	// 600,000-user export has 35 keys an object and a few dozen distinct).
	fields map[string]*field
	obj    uint64 // the object being decoded, counted from 1
	// arena holds the JSON of the object's perm_* and extra values until
	// they are joined (jsonObject), one buffer for all, reused.
	arena []byte
	perms []kv
	extra []kv
	// ids are the ids read so far (by parent, for per-parent kinds) and
	// the line of each, to find an object exported twice.
	ids        map[idKey]int64
	idCol      int // the table's id column, or -1
	parentCol  int // the table's parent column, or -1
	parent2Col int // the table's second parent column, or -1
	permsCol   int // the table's perms column, or -1: perm_* fields then go to extra
	// names marks, by column, those that name a person or an account
	// (checkIdentity), looked up once per file.
	names []bool
	// keys are the keys of the object being decoded, to find one given twice.
	keys map[string]struct{}
	// withParent counts the rows of a flat per-parent export that have
	// their parent id; without is where the first one that has not starts.
	withParent int
	without    *pos
}

type idKey struct{ parent, parent2, id int64 }

// field is one key as written in the file, and what the decoder made of it.
type field struct {
	name string
	col  int    // d.column(name)
	perm bool   // a perm_* field for the perms column
	obj  uint64 // the last object that had it (a key given twice in one)
}

// marshal is v's JSON, in the arena: valid until the next object. A
// buffer grown past its room leaves the values already in it where they
// were, unchanged.
func (d *decoder) marshal(v *fastjson.Value) []byte {
	start := len(d.arena)
	d.arena = v.MarshalTo(d.arena)
	return d.arena[start:len(d.arena):len(d.arena)]
}

// field is the key as met in an object; the first time the file has it, it
// is looked up and marked as seen.
func (d *decoder) field(key []byte) *field {
	if f := d.fields[string(key)]; f != nil {
		return f
	}
	name := string(key)
	if d.k.caseInsensitive {
		d.seen[strings.ToLower(name)] = true
	} else {
		d.seen[name] = true
	}
	f := &field{name: name, col: d.column(name), perm: strings.HasPrefix(name, "perm_") && d.permsCol >= 0}
	d.fields[name] = f
	return f
}

type kv struct {
	key string
	val []byte
}

func newDecoder(path, source string, fileID int, k *kind) *decoder {
	d := &decoder{path: path, source: source, fileID: fileID, k: k, seen: map[string]bool{}, fields: map[string]*field{},
		ids: map[idKey]int64{}, idCol: k.table.Index("id"), parentCol: k.table.Index(k.parent), parent2Col: -1,
		permsCol: k.table.Index("perms"), keys: map[string]struct{}{}}
	if k.parent2 != "" {
		d.parent2Col = k.table.Index(k.parent2)
	}
	d.names = make([]bool, len(k.table.Columns))
	for i, c := range k.table.Columns {
		d.names[i] = k.table.Identity(c.Name)
	}
	return d
}

func (d *decoder) column(field string) int {
	name := field
	if d.k.caseInsensitive {
		name = d.k.fields[strings.ToLower(field)] // "" (no column) when not named
	} else if m, ok := d.k.fields[field]; ok {
		name = m
	}
	i := d.k.table.Index(name)
	if i < 3 || name == "perms" || name == "extra" || name == "origin" || name == "type" && d.k.itemType != "" {
		i = -1 // source, file_id, line, the JSON columns and what the reader sets are not API fields
	}
	return i
}

// decode turns one element into a row and hands it to sink.
func (d *decoder) decode(e element, sink schema.Sink) error {
	// fastjson's parser takes NaN, +1 or a raw control character in a
	// string; its validator, like the JSON spec, does not.
	if err := fastjson.ValidateBytes(e.data); err != nil {
		return d.syntaxError(e)
	}
	v, err := d.parser.ParseBytes(e.data)
	if err != nil {
		return d.syntaxError(e)
	}
	obj, err := v.Object()
	if err != nil {
		return d.at(e, 0, "not an object", "an object")
	}
	row := d.k.table.NewRow(d.source, d.fileID, e.start.line)
	if i := d.k.table.Index("origin"); i >= 0 {
		row[i] = "api"
	}
	if d.k.itemType != "" {
		row[d.k.table.Index("type")] = d.k.itemType
	}
	d.perms, d.extra, d.arena = d.perms[:0], d.extra[:0], d.arena[:0]
	d.obj++
	if d.k.caseInsensitive {
		clear(d.keys)
	}
	var ferr error
	obj.Visit(func(key []byte, fv *fastjson.Value) {
		if ferr != nil {
			return
		}
		f := d.field(key)
		name, col, perm := f.name, f.col, f.perm
		// A key twice in one object: by its spelling, or, where keys are
		// read regardless of case, by the keys of this object so far.
		if d.k.caseInsensitive {
			ferr = d.keyOnce(e, name)
		} else if f.obj == d.obj {
			ferr = d.keyAgain(e, name, func(k string) bool { return k == name })
		}
		if ferr != nil {
			return
		}
		f.obj = d.obj
		if perm {
			d.perms = append(d.perms, kv{name, d.marshal(fv)})
		}
		if col < 0 {
			if !perm {
				d.extra = append(d.extra, kv{name, d.marshal(fv)})
			}
			return
		}
		if ferr = d.checkIdentity(e, name, col, fv); ferr != nil {
			return
		}
		val, problem, expected := convert(fv, d.k.table.Columns[col])
		if problem != "" {
			ferr = d.at(e, fieldOffset(e.data, name), fmt.Sprintf("%s %s in field %q", problem, short(fv), name), expected)
			return
		}
		row[col] = val
	})
	if ferr != nil {
		return ferr
	}
	if d.k.itemType != "" {
		if err := d.otherItemType(e); err != nil {
			return err
		}
	}
	if d.parentCol >= 0 {
		if err := d.parentOf(e, row); err != nil {
			return err
		}
	}
	if d.permsCol >= 0 && len(d.perms) > 0 {
		row[d.permsCol] = jsonObject(d.perms)
	}
	if i := d.k.table.Index("extra"); i >= 0 && len(d.extra) > 0 {
		row[i] = jsonObject(d.extra)
	}
	if err := d.identity(e, row); err != nil {
		return err
	}
	for _, c := range []string{"id", d.k.parent, d.k.parent2} {
		if i := d.k.table.Index(c); c != "" && i >= 0 && row[i] != nil && row[i].(int64) < 1 {
			return d.at(e, d.offsetOf(e.data, c), fmt.Sprintf("%s %d", d.k.apiName(c), row[i]), expectID)
		}
	}
	if err := d.once(e, row); err != nil {
		return err
	}
	return sink.Append(d.k.table, row)
}

// fileError is a problem of the whole file found at a row: --lenient
// cannot set the row aside to fix it.
type fileError struct{ err *located.Error }

func (e *fileError) Error() string { return e.err.Error() }

// parentOf fills or checks the parent id of a per-parent row: the key of a
// keyed export (a field of the same name must agree with it), or the row's
// own field in a flat one, which every row must then have (vendor users
// may be a flat list of all of them, without vendor_id).
func (d *decoder) parentOf(e element, row []any) error {
	if e.parent != "" {
		return d.keyedParent(e, row)
	}
	if d.k.kind == schema.KindVendorUsers {
		return nil
	}
	field := d.k.apiName(d.k.parent)
	if d.k.parent2 != "" {
		field += " or " + d.k.apiName(d.k.parent2)
	}
	without := func(p pos, data []byte) error {
		return &located.Error{File: d.path, Line: p.line, Column: p.col, Found: fmt.Sprintf("a row without %s", field),
			Expected: fmt.Sprintf("%s on each row, as other rows have", d.parentFields()), Raw: string(data)}
	}
	has := row[d.parentCol] != nil && (d.parent2Col < 0 || row[d.parent2Col] != nil)
	switch {
	case has && d.without != nil:
		// The rows before, already loaded, lack what this one has: the
		// file as a whole is inconsistent, not this row.
		return &fileError{without(*d.without, nil).(*located.Error)}
	case has:
		d.withParent++
	case d.withParent > 0:
		return without(e.start, e.data)
	case d.without == nil:
		p := e.start
		d.without = &p
	}
	return nil
}

// keyedParent fills the parent id of a row of a keyed export from its
// key: one id, or "{parent}/{parent2}" for a kind with two parents. A
// field of the same name must agree with it.
func (d *decoder) keyedParent(e element, row []any) error {
	ids, ok := parseKey(e.parent, d.parent2Col >= 0)
	if !ok {
		return d.at(e, 0, fmt.Sprintf("parent id %q", e.parent), d.keyExpected()+" as the key")
	}
	for i, col := range []int{d.parentCol, d.parent2Col}[:len(ids)] {
		name := d.k.apiName(d.k.table.Columns[col].Name)
		if v, ok := row[col].(int64); ok && v != ids[i] {
			return d.at(e, d.offsetOf(e.data, d.k.table.Columns[col].Name), fmt.Sprintf("%s %d in the list of parent %s", name, v, keyText(ids)),
				fmt.Sprintf("the parent's id as %s, or no %s", name, name))
		}
		row[col] = ids[i]
	}
	return nil
}

// parseKey reads the key of a keyed export: an integer id ≥ 1, or with two
// parents two such ids joined by '/'.
func parseKey(key string, two bool) ([]int64, bool) {
	parts := []string{key}
	if two {
		a, b, ok := strings.Cut(key, "/")
		if !ok {
			return nil, false
		}
		parts = []string{a, b}
	}
	ids := make([]int64, len(parts))
	for i, p := range parts {
		id, err := strconv.ParseInt(p, 10, 64)
		if err != nil || id < 1 {
			return nil, false
		}
		ids[i] = id
	}
	return ids, true
}

// keyText writes a parsed key back: 12, or 12/5.
func keyText(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, "/")
}

// keyExpected is what a key of the kind's keyed form must be.
func (d *decoder) keyExpected() string {
	if d.k.parent2 != "" {
		return fmt.Sprintf("two integer ids ≥ 1, %s/%s", d.k.apiName(d.k.parent), d.k.apiName(d.k.parent2))
	}
	return "an integer id ≥ 1"
}

// parentFields names the parent fields a flat row must carry, as the
// export spells them.
func (d *decoder) parentFields() string {
	if d.k.parent2 != "" {
		return fmt.Sprintf("%q and %q fields", d.k.apiName(d.k.parent), d.k.apiName(d.k.parent2))
	}
	return fmt.Sprintf("a %q field", d.k.apiName(d.k.parent))
}

// offsetOf is fieldOffset for the field of column col as the export
// spells it: in any case for a case-insensitive kind.
func (d *decoder) offsetOf(data []byte, col string) int {
	if !d.k.caseInsensitive {
		return fieldOffset(data, col)
	}
	name, at := d.k.apiName(col), 0
	topLevelKeys(data, func(k string, start int) bool {
		if strings.EqualFold(k, name) {
			at = start
			return false
		}
		return true
	})
	return at
}

// once checks that no other object of the file has row's id (under the
// same parent, for per-parent kinds): an object exported twice would count
// twice.
func (d *decoder) once(e element, row []any) error {
	if d.idCol < 0 || row[d.idCol] == nil {
		return nil
	}
	key := idKey{id: row[d.idCol].(int64)}
	if d.parentCol >= 0 {
		if p, ok := row[d.parentCol].(int64); ok {
			key.parent = p
		}
	}
	if d.parent2Col >= 0 {
		if p, ok := row[d.parent2Col].(int64); ok {
			key.parent2 = p
		}
	}
	offset := d.offsetOf(e.data, "id")
	line := advance(e.start, e.data, offset).line
	first, ok := d.ids[key]
	if !ok {
		d.ids[key] = line
		return nil
	}
	found := fmt.Sprintf("%s %d again (first at line %d)", d.k.apiName("id"), key.id, first)
	if d.k.parent != "" {
		found = fmt.Sprintf("%s %d of %s %d again (first at line %d)", d.k.apiName("id"), key.id, d.k.apiName(d.k.parent), key.parent, first)
	}
	return d.at(e, offset, found, "each id once")
}

// expectID is what every id field must hold (docs/inputs.md §1).
const expectID = "an integer id ≥ 1"

// isID tells the columns that hold ids: id, every *_id, and
// default_policy (a group policy id).
func isID(c schema.Column) bool {
	return c.Type == schema.Int && (c.Name == "id" || strings.HasSuffix(c.Name, "_id") || c.Name == "default_policy")
}

// orNone is an integer as its column holds it: a default_policy of 0 is the
// API's "no default policy" (its published schema allows 0), so it is stored
// as NULL here, once, and every fact built on it sees none.
func orNone(c schema.Column, n int64) any {
	if n == 0 && c.Name == "default_policy" {
		return nil
	}
	return n
}

// expectation is what a column's field must hold, as messages say it.
func expectation(c schema.Column) string {
	switch c.Type {
	case schema.Int:
		if isID(c) {
			return expectID
		}
		return "an integer that fits in 64 bits"
	case schema.Float:
		return "a finite number"
	case schema.Bool:
		return "true or false"
	case schema.Timestamp, schema.Date:
		return "an RFC 3339 date-time such as 2025-10-16T14:46:25+00:00, or null"
	}
	return "a string"
}

// convert turns a JSON value into the Go value of a column. problem is
// non-empty when the value does not fit.
func convert(v *fastjson.Value, c schema.Column) (val any, problem, expected string) {
	if v.Type() == fastjson.TypeNull {
		return nil, "", ""
	}
	switch c.Type {
	case schema.Int:
		switch v.Type() {
		case fastjson.TypeNumber:
			n, err := v.Int64()
			if err != nil {
				return nil, "the number", expectation(c)
			}
			return orNone(c, n), "", ""
		case fastjson.TypeString:
			// Some tools quote ids; accept digits only.
			s := string(v.GetStringBytes())
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				if isID(c) {
					return nil, "the string", expectID
				}
				return nil, "the string", "an integer"
			}
			return orNone(c, n), "", ""
		}
		if isID(c) {
			return nil, typeName(v), expectID
		}
		return nil, typeName(v), "an integer"
	case schema.Float:
		if v.Type() == fastjson.TypeNumber {
			f, err := v.Float64()
			if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
				return nil, "the number", "a finite number"
			}
			return f, "", ""
		}
		return nil, typeName(v), "a number"
	case schema.Bool:
		switch v.Type() {
		case fastjson.TypeTrue:
			return true, "", ""
		case fastjson.TypeFalse:
			return false, "", ""
		case fastjson.TypeNumber:
			if n, err := v.Int64(); err == nil && (n == 0 || n == 1) {
				return n == 1, "", ""
			}
		case fastjson.TypeString:
			if b, ok, err := cells.ParseBool(string(v.GetStringBytes())); err == nil && ok {
				return b, "", ""
			}
		}
		return nil, typeName(v), "true or false"
	case schema.Timestamp, schema.Date:
		if v.Type() != fastjson.TypeString {
			return nil, typeName(v), "a date-time string (RFC 3339) or null"
		}
		t, never, err := cells.ParseTime(string(v.GetStringBytes()))
		if err != nil {
			return nil, "the date", "an RFC 3339 date-time such as 2025-10-16T14:46:25+00:00, or null"
		}
		if never {
			return nil, "", ""
		}
		return t, "", ""
	default: // text
		switch v.Type() {
		case fastjson.TypeString:
			s := string(v.GetStringBytes())
			if cells.HasControl(s) {
				return nil, "the string", cells.ExpectNoControl
			}
			return s, "", ""
		case fastjson.TypeNumber, fastjson.TypeTrue, fastjson.TypeFalse:
			return string(v.MarshalTo(nil)), "", ""
		}
		return nil, typeName(v), "a string"
	}
}

func typeName(v *fastjson.Value) string {
	switch v.Type() {
	case fastjson.TypeObject:
		return "an object"
	case fastjson.TypeArray:
		return "an array"
	case fastjson.TypeString:
		return "the string"
	case fastjson.TypeNumber:
		return "the number"
	}
	return "the value"
}

// short renders a value for an error message, cut to 60 bytes.
func short(v *fastjson.Value) string {
	return cut(string(v.MarshalTo(nil)), 60)
}

// cut shortens s to at most n bytes, ending in "...", without splitting a
// character.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n - 3
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "..."
}

// jsonObject writes fields as a JSON object with sorted keys, so that the
// same object gives the same text whatever the order of its export.
func jsonObject(fields []kv) string {
	slices.SortStableFunc(fields, func(a, b kv) int { return strings.Compare(a.key, b.key) })
	var b strings.Builder
	n := 2
	for _, f := range fields {
		n += len(f.key) + len(f.val) + 4
	}
	b.Grow(n)
	b.WriteByte('{')
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(',')
		}
		if plainKey(f.key) {
			b.WriteByte('"')
			b.WriteString(f.key)
			b.WriteByte('"')
		} else {
			k, _ := json.Marshal(f.key)
			b.Write(k)
		}
		b.WriteByte(':')
		b.Write(f.val)
	}
	b.WriteByte('}')
	return b.String()
}

// plainKey reports whether a key needs no JSON escaping.
func plainKey(k string) bool {
	for i := 0; i < len(k); i++ {
		if c := k[i]; c < 0x20 || c == '"' || c == '\\' || c >= 0x80 {
			return false
		}
	}
	return true
}

// at builds an error at a byte offset inside an element.
func (d *decoder) at(e element, offset int, found, expected string) error {
	p := advance(e.start, e.data, offset)
	return &located.Error{File: d.path, Line: p.line, Column: p.col, Found: found, Expected: expected, Raw: string(e.data)}
}

// syntaxError locates a syntax error inside an element with encoding/json,
// which reports the offset fastjson does not.
func (d *decoder) syntaxError(e element) error {
	var v any
	err := json.Unmarshal(e.data, &v)
	offset := 0
	msg := "invalid JSON"
	if se, ok := err.(*json.SyntaxError); ok {
		offset = int(se.Offset) - 1
		msg = "invalid JSON (" + se.Error() + ")"
	}
	if offset < 0 {
		offset = 0
	}
	if word := nonFinite(e.data, offset); word != "" {
		// NaN or Infinity, which JavaScript writes and JSON has not: name
		// the field and what it must hold instead.
		if key := keyAt(e.data, offset); key != "" {
			expected := "a JSON number (NaN and Infinity are not JSON)"
			if col := d.column(key); col >= 0 {
				expected = expectation(d.k.table.Columns[col])
			}
			return d.at(e, fieldOffset(e.data, key), fmt.Sprintf("%s in field %q", word, key), expected)
		}
	}
	return d.at(e, offset, msg, "a valid JSON object")
}

// nonFinite returns the NaN or Infinity (with its sign) that a syntax error
// at offset is about, or "".
func nonFinite(data []byte, offset int) string {
	letter := func(i int) bool { return i < len(data) && data[i]|0x20 >= 'a' && data[i]|0x20 <= 'z' }
	start := offset
	for start > 0 && letter(start-1) {
		start--
	}
	i := start
	if start > 0 && (data[start-1] == '-' || data[start-1] == '+') {
		start--
	} else if i < len(data) && (data[i] == '-' || data[i] == '+') {
		i++
	}
	j := i
	for letter(j) {
		j++
	}
	switch strings.ToLower(string(data[i:j])) {
	case "nan", "inf", "infinity":
		return string(data[start:j])
	}
	return ""
}

// keyAt returns the top-level field of an object whose value holds offset
// (the last key before it), or "".
func keyAt(data []byte, offset int) string {
	key := ""
	topLevelKeys(data, func(k string, start int) bool {
		if start >= offset {
			return false
		}
		key = k
		return true
	})
	return key
}

// advance moves a position over data[:offset].
func advance(p pos, data []byte, offset int) pos {
	at := textio.Place{Line: p.line, Col: p.col}
	at.Advance(data[:min(offset, len(data))])
	return pos{at.Line, at.Col}
}

// fieldOffset finds where a top-level field's key starts in an object, or
// 0 (the object's start) when it has no such field.
func fieldOffset(data []byte, name string) int {
	at := 0
	topLevelKeys(data, func(k string, start int) bool {
		if k == name {
			at = start
			return false
		}
		return true
	})
	return at
}

// topLevelKeys calls fn with each key of the object in data, at its top
// level only, as written (not unescaped), and the offset of its opening
// quote, until fn returns false. A key is a string followed by ':'.
func topLevelKeys(data []byte, fn func(key string, start int) bool) {
	var q quoted
	depth, start := 0, 0
	for i, b := range data {
		was := q.in
		if q.step(b) {
			switch {
			case !was:
				start = i
			case !q.in && depth == 1 && colonAfter(data, i+1):
				if !fn(string(data[start+1:i]), start) {
					return
				}
			}
			continue
		}
		switch b {
		case '{', '[':
			depth++
		case '}', ']':
			depth--
		}
	}
}

// colonAfter says whether data[i:] starts with ':' after white space.
func colonAfter(data []byte, i int) bool {
	for ; i < len(data); i++ {
		switch data[i] {
		case ':':
			return true
		case ' ', '\t', '\n', '\r':
		default:
			return false
		}
	}
	return false
}

// quoted follows JSON text byte by byte to tell what is inside a string.
type quoted struct{ in, escaped bool }

// step takes the next byte and reports whether it belongs to a string,
// its quotes included.
func (q *quoted) step(b byte) bool {
	if !q.in {
		if b != '"' {
			return false
		}
		q.in = true
		return true
	}
	switch {
	case q.escaped:
		q.escaped = false
	case b == '\\':
		q.escaped = true
	case b == '"':
		q.in = false
	}
	return true
}
