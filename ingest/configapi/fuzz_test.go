package configapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/review-tool/review/ingest/located"
	"github.com/review-tool/review/ingest/textio"
	"github.com/review-tool/review/schema"
)

// The fuzz targets read any bytes as an export and check what comes out:
// either a *located.Error placed in the file, or rows that fit their table and
// agree with the result. Their seeds (f.Add and testdata/fuzz) run as
// ordinary tests; make fuzz runs each for a while.

// fixture reads an export of the bundled fixtures, for seeds.
func fixture(f *testing.F, path string) []byte {
	b, err := os.ReadFile(filepath.Join("..", "..", "fixtures", path))
	if err != nil {
		f.Fatal(err)
	}
	return b
}

func FuzzReadUsers(f *testing.F) {
	f.Add(fixture(f, "mixed/pra/user.json"))
	f.Add([]byte("[\n {\"id\": 1, \"security_provider_id\": 1, \"username\": \"jdoe\", \"enabled\": true, \"last_authentication\": \"2025-10-16T14:46:25+00:00\", \"perm_admin\": true, \"perm_access_allowed\": true, \"x\": [1, {\"y\": null}]},\n {\"id\": 2, \"security_provider_id\": 2, \"username\": \"zoë\", \"private_display_name\": \"Z\", \"perm_support_allowed\": false}\n]\n"))
	f.Add(utf16LE("[{\"id\": 1, \"username\": \"a\", \"created_at\": \"2025-01-02T03:04:05Z\"}]"))
	f.Add([]byte("[\r {\"id\": 1, \"username\": \"a\"},\r {\"id\": 1, \"username\": \"b\"}\r]"))
	f.Add([]byte("[{\"id\": NaN, \"username\": \"a\"}] x"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkRead(t, schema.KindUsers, data)
	})
}

func FuzzReadGroupPolicyMembers(f *testing.F) {
	f.Add(fixture(f, "mixed/pra/group-policy-member.json"))
	f.Add([]byte(`{"12": [{"id": 7, "security_provider_id": 1, "user_id": 42}], "13": []}`))
	f.Add([]byte(`[{"group_policy_id": 12, "id": 7, "security_provider_id": 1, "user_id": 42}, {"group_policy_id": "12", "id": 8, "distinguished_name": "CN=A,DC=corp", "group_name": "A"}]`))
	f.Add([]byte("{\r\n \"1\": [],\r\n \"2\": [{\"id\": 1, \"user_id\": 1}, {\"id\": 1, \"user_id\": 2}]\r\n}"))
	f.Add([]byte(`{"0": [], "x": [{}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkRead(t, schema.KindGroupPolicyMembers, data)
	})
}

// FuzzReadKinds reads the bytes as each kind in turn (kind picks one).
func FuzzReadKinds(f *testing.F) {
	for i, k := range kinds {
		name := "pra-json/pra-prod/" + string(k.kind) + ".json"
		if _, err := os.Stat(filepath.Join("..", "..", "fixtures", name)); err == nil {
			f.Add(uint8(i), fixture(f, name))
		}
	}
	f.Add(uint8(len(kinds)-1), []byte(`[{"vendor_id": 1, "id": 2, "username": "v", "last_authenticated_date": "2025-01-01T00:00:00", "is_expired": "no"}]`))
	for i, k := range kinds {
		switch k.kind {
		case schema.KindPSUsers:
			f.Add(uint8(i), []byte(`[{"UserID": 1, "userName": "a", "LastLoginDate": "2025-01-01T00:00:00.1234567", "IsActive": true}]`))
		case schema.KindPSUserGroupSmartRuleRoles:
			f.Add(uint8(i), []byte(`{"12/5": [{"RoleID": 1, "Name": "Requestor"}], "12/6": []}`))
		}
	}
	f.Fuzz(func(t *testing.T, kind uint8, data []byte) {
		checkRead(t, kinds[int(kind)%len(kinds)].kind, data)
	})
}

// FuzzDetect recognises any head: a kind and nothing to look for, or no
// kind and what was looked for.
func FuzzDetect(f *testing.F) {
	f.Add("user.json", fixture(f, "mixed/pra/user.json")[:300])
	f.Add("x.json", []byte(`{"5": [], "6": [{"id": 1, "security_provider_id": 1, "user_id": 3}]}`))
	f.Add("team.json", []byte(`[{"id":1,"name":"A","code_name":"a"}]`))
	f.Add("group-policies.json", []byte(`[]`))
	f.Fuzz(func(t *testing.T, name string, head []byte) {
		k, lookFor := Detect(name, head)
		if (k == schema.KindUnknown) == (lookFor == "") {
			t.Fatalf("Detect = %q, %q", k, lookFor)
		}
		if k != schema.KindUnknown && kindOf(k) == nil {
			t.Fatalf("Detect = %q, not a Configuration API kind", k)
		}
	})
}

// checkRead reads data as the ingest does (textio.DecodeText, then Read) and
// checks the error or the rows.
func checkRead(t *testing.T, k schema.Kind, data []byte) {
	const path = "exports/pra-prod/export.json"
	text, _, err := textio.DecodeText(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("DecodeText: %v", err)
	}
	sink := &checkSink{t: t}
	res, err := Read(k, Input{Path: path, Source: "pra-prod", FileID: 3}, text, sink)
	// The decoded text, as far as it reads, bounds the lines.
	decoded, textErr := decodeAll(data)
	lines := int64(1 + bytes.Count(decoded, []byte("\n")) + bytes.Count(decoded, []byte("\r")) - bytes.Count(decoded, []byte("\r\n")))
	checkLenient(t, k, path, data, decoded, lines)
	if err != nil {
		checkError(t, err, path, lines)
		return
	}
	if textErr != nil {
		t.Fatalf("read text with an error (%v) without one", textErr)
	}
	if !json.Valid(decoded) {
		t.Fatalf("read what is not JSON: %q", decoded)
	}
	spec := kindOf(k)
	if res == nil || res.Kind != k {
		t.Fatalf("result %+v for kind %s", res, k)
	}
	if got := int64(len(sink.rows[spec.table])); got != res.Rows {
		t.Fatalf("%d rows in the sink, result says %d", got, res.Rows)
	}
	if !sort.StringsAreSorted(res.Capabilities) || !contains(res.Capabilities, spec.capability) {
		t.Fatalf("capabilities %v", res.Capabilities)
	}
	switch {
	case spec.caseInsensitive && res.Product == "password-safe":
	case !spec.caseInsensitive && (res.Product == "" || res.Product == "pra" || res.Product == "rs"):
	default:
		t.Fatalf("product %q of a %s export", res.Product, k)
	}
	prev := int64(0)
	type key struct{ parent, id any }
	ids := map[key]bool{}
	for _, row := range sink.rows[spec.table] {
		checkRow(t, spec.table, row, lines)
		line := row[2].(int64)
		if line < prev {
			t.Fatalf("row on line %d after one on line %d", line, prev)
		}
		prev = line
		if i := spec.table.Index("id"); i >= 0 && row[i] != nil {
			if row[i].(int64) < 1 {
				t.Fatalf("id %v", row[i])
			}
			kk := key{id: row[i]}
			if spec.parent != "" {
				kk.parent = row[spec.table.Index(spec.parent)]
			}
			if ids[kk] {
				t.Fatalf("id %v twice", kk)
			}
			ids[kk] = true
		}
		if spec.parent != "" && k != schema.KindVendorUsers {
			if p, ok := row[spec.table.Index(spec.parent)].(int64); !ok || p < 1 {
				t.Fatalf("parent id %v", row[spec.table.Index(spec.parent)])
			}
		}
		if (k == schema.KindUsers || k == schema.KindPSUsers) && row[spec.table.Index("username")] == nil {
			t.Fatalf("a user without a username")
		}
	}
	for _, row := range sink.rows[schema.Parents] {
		checkRow(t, schema.Parents, row, lines)
		if row[3] != string(k) || row[4].(int64) < 1 {
			t.Fatalf("parents row %v", row)
		}
	}
	for table := range sink.rows {
		if table != spec.table && table != schema.Parents {
			t.Fatalf("rows in %s", table.Name)
		}
	}
}

// checkLenient reads data leniently: every bad object is handed over with
// its place and its text, and, when the file is JSON throughout, the
// objects loaded and the objects handed over are all the objects of the
// file, counted here on their own: loaded plus rejected is the auditor's
// completeness test. (testdata/fuzz/FuzzReadUsers/dc600271e2e08ad4, a
// lone object without an id, is the case that once counted it wrong.)
func checkLenient(t *testing.T, k schema.Kind, path string, data, decoded []byte, lines int64) {
	t.Helper()
	text, _, err := textio.DecodeText(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("DecodeText: %v", err)
	}
	var bad int64
	sink := &checkSink{t: t}
	res, err := Read(k, Input{Path: path, Source: "pra-prod", FileID: 3, BadRow: func(e *located.Error) error {
		checkError(t, e, path, lines)
		if e.Raw == "" {
			t.Fatalf("bad row without its text: %v", e)
		}
		bad++
		return nil
	}}, text, sink)
	if err != nil {
		checkError(t, err, path, lines)
		return
	}
	if got := int64(len(sink.rows[kindOf(k).table])); got != res.Rows {
		t.Fatalf("lenient: %d rows in the sink, result says %d", got, res.Rows)
	}
	var doc any
	if json.Unmarshal(decoded, &doc) != nil {
		return // bad objects that are not JSON: nothing to count them by
	}
	var objects int64
	switch d := doc.(type) {
	case []any:
		objects = int64(len(d))
	case map[string]any:
		keyed := false
		for _, v := range d {
			if list, ok := v.([]any); ok {
				keyed = true
				objects += int64(len(list))
			}
		}
		if kindOf(k).parent == "" || !keyed {
			// One object where a list was expected, not lists keyed by
			// parent: the one object of the file (GET /user/{id} saved
			// alone), loaded or rejected; {} holds none, as [] does
			// (FuzzReadUsers/8093511184ad3e25, and
			// FuzzReadGroupPolicyMembers/1ceeb2a6a3731b23, a lone
			// member without its parent).
			objects = int64(min(len(d), 1))
		}
	}
	if res.Rows+bad != objects {
		t.Fatalf("lenient: %d objects loaded and %d rejected, of %d", res.Rows, bad, objects)
	}
}

// decodeAll decodes data whole: the text as far as it reads, and the text
// error that stops it.
func decodeAll(data []byte) ([]byte, *textio.TextError) {
	text, _, _ := textio.DecodeText(bytes.NewReader(data))
	b, err := io.ReadAll(text)
	var te *textio.TextError
	errors.As(err, &te)
	return b, te
}

// checkError checks an error of a read: a *located.Error in the file, on one
// of its lines, with a short, readable message.
func checkError(t *testing.T, err error, path string, lines int64) {
	t.Helper()
	var e *located.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %T is not a *located.Error: %v", err, err)
	}
	msg := err.Error()
	switch {
	case e.File != path || !strings.HasPrefix(msg, path+":"):
		t.Fatalf("error does not name the file: %s", msg)
	case e.Line < 1 || e.Column < 1:
		t.Fatalf("error without a line and column: %s", msg)
	case e.Line > lines:
		t.Fatalf("error on line %d of %d: %s", e.Line, lines, msg)
	case e.Found == "" || e.Expected == "":
		t.Fatalf("error without found or expected: %s", msg)
	case !utf8.ValidString(msg):
		t.Fatalf("error is not UTF-8: %q", msg)
	case len(e.Found) > 300:
		t.Fatalf("error finds %d bytes: %.400s", len(e.Found), msg)
	}
}

// checkRow checks that a row fits its table: the common prefix, and a Go
// value of each column's type.
func checkRow(t *testing.T, table *schema.Table, row []any, lines int64) {
	t.Helper()
	if row[0] != "pra-prod" || row[1] != int64(3) {
		t.Fatalf("%s row prefix %v", table.Name, row[:3])
	}
	if line, ok := row[2].(int64); !ok || line < 1 || line > lines {
		t.Fatalf("%s row on line %v of %d", table.Name, row[2], lines)
	}
	if err := table.CheckRow(row); err != nil {
		t.Fatal(err)
	}
}

// checkSink keeps rows by table and checks their width.
type checkSink struct {
	t    *testing.T
	rows map[*schema.Table][][]any
}

func (s *checkSink) Append(table *schema.Table, row []any) error {
	if len(row) != len(table.Columns) {
		s.t.Fatalf("%s: %d values for %d columns", table.Name, len(row), len(table.Columns))
	}
	if s.rows == nil {
		s.rows = map[*schema.Table][][]any{}
	}
	s.rows[table] = append(s.rows[table], append([]any(nil), row...))
	return nil
}
