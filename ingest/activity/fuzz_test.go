package activity

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/review-tool/review/ingest/located"
	"github.com/review-tool/review/ingest/reader"
	"github.com/review-tool/review/ingest/textio"
	"github.com/review-tool/review/schema"
)

// The fuzz targets read any bytes as a report and check what comes out:
// either a *located.Error placed in the file, or rows that fit their table and
// agree with the result; and, read leniently, rows loaded plus rows handed
// to BadRow are the rows of the file, counted here on their own. Their
// seeds (f.Add and testdata/fuzz) run as ordinary tests; make fuzz runs
// each for a while.

const fuzzPath = "exports/pra-prod/report.xml"

func FuzzReadSessionReport(f *testing.F) {
	for _, name := range []string{"access-session.xml", "support-session-nons.xml", "documented-ns.xml", "bad-sessions.xml",
		"empty-session-list.xml", "truncated.xml"} {
		f.Add(testdata(f, name))
	}
	f.Add([]byte("<session_list><session lsid=\"0123456789abcdef0123456789ABCDEF\"><start_time>2025-01-01T00:00:00+02:00</start_time><rep_list><representative id=\"1\"><invited>2</invited></representative></rep_list></session></session_list>"))
	f.Add([]byte("<session_list><error code=\"x\">no</error></session_list>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkXML(t, schema.KindSessionReport, "session", data)
	})
}

func FuzzReadVaultActivity(f *testing.F) {
	f.Add(testdata(f, "vault-activity.xml"))
	f.Add([]byte("<vault_account_activity_list><vault_account_activity timestamp=\"x\" event_type=\"E\" account=\"0\"/><error>none</error></vault_account_activity_list>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkXML(t, schema.KindVaultActivity, "vault_account_activity", data)
	})
}

// FuzzReadPasswordSafe reads the bytes as each Password Safe kind in turn
// (kind picks one).
func FuzzReadPasswordSafe(f *testing.F) {
	f.Add(uint8(0), testdata(f, "UserAudits-page.json"))
	f.Add(uint8(0), testdata(f, "UserAudits-array.json"))
	f.Add(uint8(0), testdata(f, "UserAudits-partial.json"))
	f.Add(uint8(1), testdata(f, "Sessions.json"))
	f.Add(uint8(2), testdata(f, "Roles.json"))
	f.Add(uint8(0), []byte(`{"Data": [1, {"AuditID": "7", "ActionType": "x", "CreateDate": "2025-01-01T00:00:00.1234567+05:30", "IPAddress": 10}], "TotalCount": "2"}`))
	f.Fuzz(func(t *testing.T, kind uint8, data []byte) {
		checkPS(t, psKinds[int(kind)%len(psKinds)], data)
	})
}

// FuzzDetect recognises any head: one of the reader's kinds, or none, and
// what it looked for exactly when the format is its own but the kind not.
func FuzzDetect(f *testing.F) {
	f.Add("r.xml", testdata(f, "access-session.xml")[:400])
	f.Add("Roles.json", testdata(f, "Roles.json"))
	f.Add("UserAudits.json", []byte(`{"TotalCount": 0, "Data": []}`))
	f.Add("x.json", []byte(`{"12/5": [{"RoleID": 1}]}`))
	kinds := Reader{}.Kinds()
	f.Fuzz(func(t *testing.T, name string, head []byte) {
		h := reader.NewHead(name, head, true, bytes.NewReader(nil), func() (io.ReadCloser, error) {
			return io.NopCloser(bytes.NewReader(head)), nil
		}, "")
		defer h.Close()
		d, err := Reader{}.Detect(h)
		if err != nil {
			var te *textio.TextError
			if !errors.As(err, &te) {
				t.Fatalf("Detect error %T: %v", err, err)
			}
			return
		}
		switch d.Confidence {
		case reader.None:
		case reader.Format:
			if d.LookFor == "" || d.Kind != schema.KindUnknown {
				t.Fatalf("Detect = %+v", d)
			}
		default:
			found := false
			for _, k := range kinds {
				found = found || k == d.Kind
			}
			if !found || d.LookFor != "" {
				t.Fatalf("Detect = %+v", d)
			}
		}
	})
}

// checkXML reads data as a report of kind k, strictly and leniently, and
// checks the errors and rows; unit is the element of one row.
func checkXML(t *testing.T, k schema.Kind, unit string, data []byte) {
	decoded, lines := decodeAll(data)
	var table *schema.Table
	switch k {
	case schema.KindSessionReport:
		table = schema.Sessions
	default:
		table = schema.VaultActivity
	}
	sink, res, err := readAs(t, fuzzPath, k, data, nil)
	if err != nil {
		checkError(t, err, lines)
	} else {
		checkRows(t, sink, res, table, lines)
	}
	var bad int64
	sink, res, err = readAs(t, fuzzPath, k, data, func(e *located.Error) error {
		checkError(t, e, lines)
		if e.Raw == "" || !utf8.ValidString(e.Raw) {
			t.Fatalf("bad row without its text: %v %q", e, e.Raw)
		}
		bad++
		return nil
	})
	if err != nil {
		checkError(t, err, lines)
		return
	}
	checkRows(t, sink, res, table, lines)
	if want := countUnits(decoded, unit); res.Rows+bad != want {
		t.Fatalf("lenient: %d %ss loaded and %d rejected, of %d", res.Rows, unit, bad, want)
	}
}

// countUnits counts the unit elements that are children of the root, on
// its own: the file read whole, as it is small.
func countUnits(text []byte, unit string) int64 {
	d := xml.NewDecoder(bytes.NewReader(text))
	d.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	depth, n := 0, int64(0)
	for {
		tok, err := d.Token()
		if err != nil {
			return n
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 2 && t.Name.Local == unit {
				n++
			}
		case xml.EndElement:
			depth--
		}
	}
}

// checkRows checks a read's rows: the table's, one unit per Result.Rows
// (a session's first row), in file order.
func checkRows(t *testing.T, sink *memSink, res *reader.Result, table *schema.Table, lines int64) {
	t.Helper()
	units := int64(0)
	prev := int64(0)
	for tb, rows := range sink.rows {
		if tb != table && !(table == schema.Sessions && tb == schema.SessionEvents) {
			t.Fatalf("rows in %s", tb.Name)
		}
		for _, row := range rows {
			if row[0] != "pra-prod" || row[1] != int64(3) {
				t.Fatalf("%s row prefix %v", tb.Name, row[:3])
			}
			if line := row[2].(int64); line < 1 || line > lines {
				t.Fatalf("%s row on line %d of %d", tb.Name, line, lines)
			}
		}
	}
	for _, row := range sink.rows[table] {
		line := row[2].(int64)
		if line < prev {
			t.Fatalf("row on line %d after one on line %d", line, prev)
		}
		prev = line
		if table != schema.Sessions {
			units++
			continue
		}
		if o := col(table, row, "rep_ordinal"); o == nil || o == int64(1) {
			units++
		}
		if !isLSID(col(table, row, "lsid").(string)) || col(table, row, "start_time") == nil {
			t.Fatalf("session row %v", row)
		}
		if (col(table, row, "end_time") == nil) != col(table, row, "open").(bool) {
			t.Fatalf("open and end_time disagree: %v", row)
		}
	}
	if res == nil || units != res.Rows {
		t.Fatalf("%d rows in the sink, result %+v", units, res)
	}
}

// checkPS reads data as a Password Safe export of kind k, strictly and
// leniently.
func checkPS(t *testing.T, k *psKind, data []byte) {
	const path = "exports/ps/export.json"
	decoded, lines := decodeAll(data)
	check := func(sink *memSink, res *reader.Result) {
		if res == nil || int64(len(sink.rows[k.table])) != res.Rows || len(sink.rows) > 1 || res.Product != "password-safe" {
			t.Fatalf("result %+v, rows %v", res, sink.rows)
		}
		for _, row := range sink.rows[k.table] {
			if line := row[2].(int64); line < 1 || line > lines {
				t.Fatalf("row on line %d of %d", line, lines)
			}
			x := col(k.table, row, "extra").(string)
			if strings.Contains(strings.ToLower(x), `"token"`) {
				t.Fatalf("a token kept: %s", x)
			}
		}
	}
	sink, res, err := readAs(t, path, k.kind, data, nil)
	if err != nil {
		checkErrorIn(t, err, path, lines)
	} else {
		check(sink, res)
	}
	var bad int64
	sink, res, err = readAs(t, path, k.kind, data, func(e *located.Error) error {
		checkErrorIn(t, e, path, lines)
		if e.Raw == "" {
			t.Fatalf("bad row without its text: %v", e)
		}
		bad++
		return nil
	})
	if err != nil {
		checkErrorIn(t, err, path, lines)
		return
	}
	check(sink, res)
	var doc any
	if json.Unmarshal(decoded, &doc) != nil {
		return
	}
	var records int64
	switch d := doc.(type) {
	case []any:
		records = int64(len(d))
	case map[string]any:
		for key, v := range d {
			if list, ok := v.([]any); ok && strings.EqualFold(key, "Data") {
				records = int64(len(list))
			}
		}
	}
	if res.Rows+bad != records {
		t.Fatalf("lenient: %d records loaded and %d rejected, of %d", res.Rows, bad, records)
	}
}

// decodeAll decodes data as the reader does, and counts its lines.
func decodeAll(data []byte) ([]byte, int64) {
	text, _, _ := textio.DecodeText(bytes.NewReader(data))
	b, _ := io.ReadAll(text)
	lines := int64(1 + bytes.Count(b, []byte("\n")) + bytes.Count(b, []byte("\r")) - bytes.Count(b, []byte("\r\n")))
	return b, lines
}

func checkError(t *testing.T, err error, lines int64) {
	t.Helper()
	checkErrorIn(t, err, fuzzPath, lines)
}

// checkErrorIn checks an error of a read: a *located.Error in the file, on one
// of its lines, with a short, readable message.
func checkErrorIn(t *testing.T, err error, path string, lines int64) {
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
