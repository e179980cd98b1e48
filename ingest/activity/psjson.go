package activity

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/review-tool/review/ingest/located"
	"github.com/review-tool/review/ingest/reader"
	"github.com/review-tool/review/product"
	"github.com/review-tool/review/schema"
)

// How a Password Safe field is read.
const (
	asText = iota
	asInt
	asTime
	asIP
)

// psField is one field as the API spells it (matched ignoring case), its
// column and how it is read.
type psField struct {
	api, column string
	as          int
}

// psKind is one Password Safe export read here.
type psKind struct {
	kind     schema.Kind
	table    *schema.Table
	endpoint string
	fields   []psField
	required []string // API names a record must have a value for
}

// secret fields are dropped on read: never stored, never shown, not even
// in extra. A session's Token replays the session.
var secret = map[string]bool{"token": true}

var psKinds = []*psKind{
	{schema.KindPSUserAudits, schema.PSUserAudits, "UserAudits", []psField{
		{"AuditID", "audit_id", asInt}, {"ActionType", "action_type", asText}, {"Section", "section", asText},
		{"UserID", "user_id", asInt}, {"UserName", "username", asText}, {"IPAddress", "ip_address", asIP},
		{"CreateDate", "create_date", asTime},
	}, []string{"AuditID", "ActionType", "CreateDate"}},
	{schema.KindPSSessions, schema.PSSessions, "Sessions", []psField{
		{"SessionID", "session_id", asInt}, {"UserID", "user_id", asInt}, {"Status", "status", asInt},
		{"StartTime", "start_time", asTime}, {"EndTime", "end_time", asTime}, {"Duration", "duration", asText},
		{"AssetName", "asset_name", asText}, {"ManagedSystemID", "managed_system_id", asInt},
		{"ManagedAccountID", "managed_account_id", asInt}, {"ManagedAccountName", "managed_account_name", asText},
		{"Protocol", "protocol", asInt}, {"RequestID", "request_id", asInt},
	}, []string{"SessionID"}},
	{schema.KindPSRoles, schema.PSRoles, "Roles", []psField{
		{"RoleID", "role_id", asInt}, {"Name", "name", asText},
	}, []string{"RoleID", "Name"}},
}

func psKindOf(k schema.Kind) *psKind {
	for _, p := range psKinds {
		if p.kind == k {
			return p
		}
	}
	return nil
}

// readPS loads a Password Safe export of kind f.Kind from text (UTF-8).
func readPS(f reader.File, text io.Reader, sink schema.Sink) (*reader.Result, error) {
	k := psKindOf(f.Kind)
	res := &reader.Result{Kind: f.Kind, Product: product.PasswordSafe,
		Capabilities: []string{schema.KindCapability(k.table)}}
	s := newJScan(text, f.Path)
	records := int64(0)
	pg, err := s.each(func(e element) error {
		records++
		row, bad, err := k.decode(f, e)
		if err != nil {
			return err
		}
		if bad != nil {
			if f.BadRow == nil {
				return bad
			}
			bad.Raw = cut(string(e.data), maxRaw)
			return f.BadRow(bad)
		}
		res.Rows++
		return sink.Append(k.table, row)
	})
	if err != nil {
		return nil, err
	}
	if pg.totalCount != nil && *pg.totalCount != records {
		more := "fewer"
		if records > *pg.totalCount {
			more = "more"
		}
		res.Warnings = append(res.Warnings, fmt.Sprintf("%s:%d: TotalCount is %d but the file holds %d records (%s): possibly a partial page of %s; export every page",
			f.Path, pg.totalAt.Line, *pg.totalCount, records, more, k.endpoint))
	}
	if len(pg.others) > 0 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("%s: fields of the page besides Data and TotalCount were passed over: %s", f.Path, strings.Join(pg.others, ", ")))
	}
	return res, nil
}

// decode reads one record into a row. A record that is not an object, or
// whose values are not what its fields need, is bad (returned as bad, for
// BadRow); JSON that does not parse stops the file (err).
func (k *psKind) decode(f reader.File, e element) (row []any, bad *located.Error, err error) {
	if !json.Valid(e.data) {
		return nil, nil, &located.Error{File: f.Path, Line: e.at.Line, Column: e.at.Col, Found: "a record that is not JSON", Expected: "a JSON object"}
	}
	if e.data[0] != '{' {
		return nil, &located.Error{File: f.Path, Line: e.at.Line, Column: e.at.Col, Found: located.JSONStart(e.data[0]), Expected: "a record (a JSON object)"}, nil
	}
	t := k.table
	row = t.NewRow(f.Source, f.FileID, e.at.Line)
	badAt := func(off int64, found, expected string) *located.Error {
		p := e.at
		p.Advance(e.data[:off])
		return &located.Error{File: f.Path, Line: p.Line, Column: p.Col, Found: found, Expected: expected}
	}
	d := json.NewDecoder(bytes.NewReader(e.data))
	d.UseNumber()
	d.Token() // {
	var x bytes.Buffer
	x.WriteByte('{')
	seen := map[string]bool{}
	for d.More() {
		before := d.InputOffset()
		tok, _ := d.Token()
		key, _ := tok.(string)
		at := keyStart(e.data, before)
		var v json.RawMessage
		if err := d.Decode(&v); err != nil {
			return nil, nil, &located.Error{File: f.Path, Line: e.at.Line, Column: e.at.Col, Found: "a record that is not JSON", Expected: "a JSON object"}
		}
		lower := strings.ToLower(key)
		if seen[lower] {
			return nil, badAt(at, "the field "+quote(key)+" twice", "each field once (names are matched ignoring case)"), nil
		}
		seen[lower] = true
		if secret[lower] {
			continue
		}
		fd := k.field(lower)
		if fd == nil {
			if x.Len() > 1 {
				x.WriteByte(',')
			}
			kj, _ := json.Marshal(key)
			x.Write(kj)
			x.WriteByte(':')
			json.Compact(&x, v)
			continue
		}
		val, problem := fd.read(v)
		if problem != "" {
			var c bytes.Buffer
			json.Compact(&c, v)
			return nil, badAt(at, fd.api+" "+cut(c.String(), 80), problem), nil
		}
		row[t.Index(fd.column)] = val
	}
	x.WriteByte('}')
	for _, req := range k.required {
		if row[t.Index(k.field(strings.ToLower(req)).column)] == nil {
			return nil, &located.Error{File: f.Path, Line: e.at.Line, Column: e.at.Col, Found: "a record without " + req, Expected: req + " on every " + k.endpoint + " record"}, nil
		}
	}
	row[t.Index("extra")] = x.String()
	return row, nil, nil
}

// keyStart is the offset of the key that follows offset off in an
// object's text: past white space and the comma.
func keyStart(data []byte, off int64) int64 {
	for off < int64(len(data)) {
		switch data[off] {
		case ' ', '\t', '\n', '\r', ',':
			off++
			continue
		}
		break
	}
	return off
}

func (k *psKind) field(lower string) *psField {
	for i := range k.fields {
		if strings.ToLower(k.fields[i].api) == lower {
			return &k.fields[i]
		}
	}
	return nil
}

// read converts one value for its column: nil for null, or what was
// expected when it cannot.
func (fd *psField) read(v json.RawMessage) (any, string) {
	s := string(v)
	if s == "null" {
		return nil, ""
	}
	str, isString := "", false
	if s[0] == '"' {
		if json.Unmarshal(v, &str) != nil {
			return nil, "a string"
		}
		isString = true
	}
	switch fd.as {
	case asInt:
		if isString {
			s = str
		}
		n, ok := integer(s)
		if !ok || strings.TrimSpace(s) != s {
			return nil, "a whole number"
		}
		return n, ""
	case asTime:
		if !isString {
			return nil, "a date-time string (RFC 3339; without a zone, UTC)"
		}
		if str == "" {
			return nil, ""
		}
		t, err := isoTime(str)
		if err != nil {
			return nil, "a date-time (RFC 3339; without a zone, UTC)"
		}
		return t, ""
	}
	switch {
	case isString:
	case s[0] == '-' || s[0] >= '0' && s[0] <= '9':
		str = s // a number where text was expected: kept as written
	default:
		return nil, "a string"
	}
	if fd.as == asIP {
		return ipAddress(strings.TrimSpace(str)), ""
	}
	return str, ""
}

// detectPS recognises a Password Safe activity export by the fields of its
// first record, or, when it holds none, by its file name.
func detectPS(name string, text io.Reader) (reader.Detection, error) {
	fields, ok, empty, err := firstRecord(name, text)
	if err != nil {
		return reader.Detection{}, err
	}
	if !ok {
		return reader.Detection{}, nil
	}
	if empty {
		if k := psKindFromName(name); k != schema.KindUnknown {
			return reader.Detection{Kind: k, Confidence: reader.Name}, nil
		}
		return reader.Detection{}, nil
	}
	if k := psByFields(fields); k != schema.KindUnknown {
		return reader.Detection{Kind: k, Confidence: reader.Content}, nil
	}
	return reader.Detection{}, nil
}

// psByFields is the kind whose records have these fields (lower-cased):
// AuditID and ActionType are a user audit; SessionID and StartTime a
// session; RoleID and Name, without the group, Smart Rule or user a role
// assignment carries, the role catalogue (ingest/configapi leaves such a
// flat list to this reader).
func psByFields(f map[string]bool) schema.Kind {
	switch {
	case f["auditid"] && f["actiontype"]:
		return schema.KindPSUserAudits
	case f["sessionid"] && f["starttime"]:
		return schema.KindPSSessions
	case f["roleid"] && f["name"] && !f["groupid"] && !f["smartruleid"] && !f["userid"]:
		return schema.KindPSRoles
	}
	return schema.KindUnknown
}

// psKindFromName is the kind an empty export's name gives: the endpoint's
// name (UserAudits.json) or the kind's (ps-user-audits.json).
func psKindFromName(name string) schema.Kind {
	base := strings.ToLower(name[strings.LastIndexAny(name, `/\`)+1:])
	if i := strings.LastIndexByte(base, '.'); i > 0 {
		base = base[:i]
	}
	base = strings.NewReplacer("-", "", "_", "", " ", "").Replace(base)
	base = strings.TrimSuffix(base, "s")
	for _, k := range psKinds {
		if base == strings.ToLower(strings.TrimSuffix(k.endpoint, "s")) || base == strings.ReplaceAll(string(k.kind), "-", "") {
			return k.kind
		}
	}
	return schema.KindUnknown
}

// errStop ends the scan once the first record is read.
var errStop = errors.New("stop")

// firstRecord reads an export as far as its first record and returns its
// field names, lower-cased. ok is false for JSON that is no export this
// reader knows (another shape, or not JSON); empty is true for an export
// with no record. err is only for text that cannot be decoded.
func firstRecord(name string, text io.Reader) (fields map[string]bool, ok, empty bool, err error) {
	s := newJScan(text, name)
	s.detecting = true
	got := false
	_, serr := s.each(func(e element) error {
		got = true
		var m map[string]json.RawMessage
		if json.Unmarshal(e.data, &m) == nil {
			fields = map[string]bool{}
			for k := range m {
				fields[strings.ToLower(k)] = true
			}
		}
		return errStop
	})
	switch {
	case s.textErr != nil:
		return nil, false, false, s.textErr
	case got:
		return fields, fields != nil, false, nil
	case serr == nil:
		return nil, true, true, nil
	}
	return nil, false, false, nil
}
