package tabular

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/review-tool/review/ingest/located"
	"github.com/review-tool/review/ingest/reader"
	"github.com/review-tool/review/ingest/textio"
	"github.com/review-tool/review/schema"
)

// The fuzz targets read any bytes as a table and check what comes out:
// either a *located.Error placed in the file, or rows that fit their table and
// agree with the result; and lenient mode (Input.BadRow) agrees with strict
// mode. Their seeds (f.Add and testdata/fuzz) run as ordinary tests; make
// fuzz runs each for a while.

// seed reads a file of testdata or of the bundled fixtures, for seeds.
func seed(f *testing.F, path string) []byte {
	b, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	return b
}

func FuzzReadUserReport(f *testing.F) {
	for _, name := range []string{"report.csv", "report_semicolon.csv", "report_tab.txt", "report_bad_bool.csv", "report_short.csv"} {
		f.Add(seed(f, filepath.Join("testdata", name)))
	}
	f.Add(utf16LE(crlf(seed(f, "testdata/report_bad_date.csv"))))
	f.Add(cr([]byte("Username,Teams,Perm Admin\r\"alice\",\"Ops (lead)\rSupport\",yes\r")))
	f.Add([]byte("Username,,Email\nalice,x,a@corp.example\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkTable(t, schema.KindUserReport, "exports/rs-prod/users.csv", data)
	})
}

func FuzzReadUserReportXLSX(f *testing.F) {
	f.Add(reportWorkbook(f, time.Date(2025, 10, 16, 14, 46, 25, 0, time.UTC)))
	f.Add(workbook(f, []string{"Users"}, map[string][][]any{
		"Users": {{"Username", "Email", "Enabled", "FIDO2 Credentials", "perm_admin"}, {"alice", "a@corp.example", "yes", 2, true}, {"bob", nil, "no", "x", nil, "stray"}},
	}))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkTable(t, schema.KindUserReport, "exports/rs-prod/users.xlsx", data)
	})
}

func FuzzReadRoster(f *testing.F) {
	for _, name := range []string{"roster.csv", "roster_idp.csv", "roster_bad_status.csv"} {
		f.Add(seed(f, filepath.Join("testdata", name)))
	}
	f.Add(utf16BE(cr([]byte("mail;userPrincipalName;accountEnabled;employeeLeaveDateTime\nA@Corp.Example;;true;\n;b@corp.example;false;2025-06-30T17:00:00Z\n"))))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkTable(t, schema.KindRoster, "hr/roster.csv", data)
	})
}

func FuzzReadLicensesCSV(f *testing.F) {
	for _, name := range []string{"licenses.csv", "licenses_bad_product.csv"} {
		f.Add(seed(f, filepath.Join("testdata", name)))
	}
	f.Add([]byte("product;seat_type;purchased;annual_cost_per_seat;currency;renewal_date;source\r\npra;named;5;1e3;eur;03/31/2026;pra-prod\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkTable(t, schema.KindLicenses, "licenses.csv", data)
	})
}

func FuzzReadLicensesYAML(f *testing.F) {
	for _, name := range []string{"licenses.yaml", "licenses_map.yml", "licenses_bad_value.yaml", "licenses_missing.yaml", "licenses_bad_syntax.yaml"} {
		f.Add(seed(f, filepath.Join("testdata", name)))
	}
	f.Add([]byte("base: &b {product: pra, seat_type: named}\nlicenses:\n  - <<: *b\n    purchased: 5\n  - *b\n  - 7\n  -\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkTable(t, schema.KindLicenses, "licenses.yaml", data)
	})
}

// FuzzDetect recognises any head as one of the tabular kinds or nothing.
func FuzzDetect(f *testing.F) {
	f.Add("users.csv", seed(f, "testdata/report.csv"))
	f.Add("hr.xlsx", rosterWorkbook(f)[:300])
	f.Add("seats.yaml", seed(f, "testdata/licenses.yaml"))
	f.Fuzz(func(t *testing.T, name string, head []byte) {
		switch k := Detect(name, head); k {
		case schema.KindUnknown, schema.KindUserReport, schema.KindRoster, schema.KindLicenses:
		default:
			t.Fatalf("Detect = %q", k)
		}
	})
}

// outcome is what one read gave.
type outcome struct {
	res  *reader.Result
	sink *memSink
	err  error
	bad  []*located.Error
}

func readAs(kind schema.Kind, path string, data []byte, lenient bool) outcome {
	o := outcome{sink: newSink()}
	in := Input{Path: path, Source: "rs-prod", FileID: 5, Open: func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(data)), nil
	}}
	if lenient {
		in.BadRow = func(e *located.Error) error {
			o.bad = append(o.bad, e)
			return nil
		}
	}
	o.res, o.err = Read(kind, in, o.sink)
	return o
}

// checkTable reads data as kind, strictly and leniently, and checks both.
func checkTable(t *testing.T, kind schema.Kind, path string, data []byte) {
	strict := readAs(kind, path, data, false)
	lenient := readAs(kind, path, data, true)
	lines := int64(-1) // unknown for a workbook
	if !bytes.HasPrefix(data, zipMagic) {
		lines = textLines(data)
	}
	for _, o := range []outcome{strict, lenient} {
		if o.err != nil {
			checkError(t, o.err, path, lines, false)
			continue
		}
		checkResult(t, kind, o, lines)
	}
	for _, e := range lenient.bad {
		checkError(t, e, path, lines, true)
	}
	if len(strict.bad) > 0 {
		t.Fatalf("strict read handed over bad rows")
	}
	// Strict mode stops at the first problem: the first bad row of lenient
	// mode, or the error that stops it too.
	switch {
	case strict.err == nil && (lenient.err != nil || len(lenient.bad) > 0):
		t.Fatalf("strict read succeeds, lenient gives %v and %d bad rows", lenient.err, len(lenient.bad))
	case strict.err == nil:
		if a, b := fmt.Sprint(strict.sink.rows), fmt.Sprint(lenient.sink.rows); a != b || strict.res.Rows != lenient.res.Rows {
			t.Fatalf("strict and lenient rows differ:\n%.500s\n%.500s", a, b)
		}
	case len(lenient.bad) > 0:
		if strict.err.Error() != lenient.bad[0].Error() {
			t.Fatalf("strict error %v, first bad row %v", strict.err, lenient.bad[0])
		}
	case lenient.err == nil:
		t.Fatalf("strict error %v, lenient read succeeds without bad rows", strict.err)
	case strict.err.Error() != lenient.err.Error():
		t.Fatalf("strict error %v, lenient error %v", strict.err, lenient.err)
	}
}

// textLines is how many lines data has as text (as far as it decodes).
func textLines(data []byte) int64 {
	text, _, _ := textio.DecodeText(bytes.NewReader(data))
	b, _ := io.ReadAll(text)
	return int64(1 + bytes.Count(b, []byte("\n")) + bytes.Count(b, []byte("\r")) - bytes.Count(b, []byte("\r\n")))
}

// wholeFile are the problems an error may have with no line: the file as
// a whole.
var wholeFile = []string{"an empty file", "an empty document", "a workbook", "a YAML file over"}

// checkError checks an error of a read, or a bad row: a *located.Error in the
// file, on one of its lines, with a short, readable message.
func checkError(t *testing.T, err error, path string, lines int64, row bool) {
	t.Helper()
	var e *located.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %T is not a *located.Error: %v", err, err)
	}
	msg := err.Error()
	switch {
	case e.File != path || !strings.HasPrefix(msg, path+":"):
		t.Fatalf("error does not name the file: %s", msg)
	case e.Line < 1 && (row || !hasPrefix(e.Found, wholeFile)):
		t.Fatalf("error without a line: %s", msg)
	case e.Column < 0 || (e.Column > 0 && e.Line < 1):
		t.Fatalf("error with column %d on line %d: %s", e.Column, e.Line, msg)
	case lines > 0 && e.Line > lines:
		t.Fatalf("error on line %d of %d: %s", e.Line, lines, msg)
	case e.Found == "" || e.Expected == "":
		t.Fatalf("error without found or expected: %s", msg)
	case !utf8.ValidString(msg):
		t.Fatalf("error is not UTF-8: %q", msg)
	case len(e.Found) > 300:
		t.Fatalf("error finds %d bytes: %.400s", len(e.Found), msg)
	case row && e.Raw == "":
		t.Fatalf("bad row without the row: %s", msg)
	}
}

func hasPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// checkResult checks the rows of a read that succeeded.
func checkResult(t *testing.T, kind schema.Kind, o outcome, lines int64) {
	t.Helper()
	if o.res == nil || o.res.Kind != kind {
		t.Fatalf("result %+v for kind %s", o.res, kind)
	}
	main := map[schema.Kind]*schema.Table{schema.KindUserReport: schema.Users, schema.KindRoster: schema.Roster, schema.KindLicenses: schema.Licenses}[kind]
	if got := int64(len(o.sink.rows[main])); got != o.res.Rows {
		t.Fatalf("%d rows in the sink, result says %d", got, o.res.Rows)
	}
	for table := range o.sink.rows {
		if table != main && !(kind == schema.KindUserReport && table == schema.UserMemberships) {
			t.Fatalf("rows in %s", table.Name)
		}
	}
	for _, c := range o.res.UnknownColumns {
		if c == "" {
			t.Fatalf("an unknown column without a name: %q", o.res.UnknownColumns)
		}
	}
	source := ""
	if kind == schema.KindUserReport {
		source = "rs-prod"
	}
	userLines := map[int64]any{}
	prev := int64(0)
	for _, row := range o.sink.rows[main] {
		checkRow(t, main, row, source, lines)
		line := row[2].(int64)
		if line <= prev {
			t.Fatalf("row on line %d after one on line %d", line, prev)
		}
		prev = line
		get := func(col string) any { return row[main.Index(col)] }
		switch kind {
		case schema.KindUserReport:
			if get("origin") != "report" || get("username") == nil {
				t.Fatalf("user row %v", row)
			}
			userLines[line] = get("username")
			for _, c := range []string{"id", "security_provider_id"} {
				if v, ok := get(c).(int64); ok && v < 1 {
					t.Fatalf("%s %d", c, v)
				}
			}
			for _, c := range []string{"fido2_credential_count", "failed_logins"} {
				if v, ok := get(c).(int64); ok && v < 0 {
					t.Fatalf("%s %d", c, v)
				}
			}
		case schema.KindRoster:
			if e, ok := get("email").(string); ok && e != strings.ToLower(e) {
				t.Fatalf("email %q", e)
			}
			if s := get("status"); s != nil && s != "active" && s != "leave" && s != "terminated" {
				t.Fatalf("status %q", s)
			}
		case schema.KindLicenses:
			if p := get("product"); p != "pra" && p != "rs" && p != "password-safe" {
				t.Fatalf("product %v", p)
			}
			if s := get("seat_type"); s != "named" && s != "concurrent" {
				t.Fatalf("seat type %v", s)
			}
			if n, ok := get("purchased").(int64); !ok || n < 0 {
				t.Fatalf("purchased %v", get("purchased"))
			}
			if c, ok := get("currency").(string); !ok || len(c) != 3 || strings.Trim(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
				t.Fatalf("currency %v", get("currency"))
			}
			if f, ok := get("annual_cost_per_seat").(float64); ok && (f < 0 || math.IsInf(f, 0) || math.IsNaN(f)) {
				t.Fatalf("cost %v", f)
			}
		}
	}
	for _, row := range o.sink.rows[schema.UserMemberships] {
		checkRow(t, schema.UserMemberships, row, source, lines)
		m := schema.UserMemberships
		if u, ok := userLines[row[2].(int64)]; !ok || u != row[m.Index("username")] {
			t.Fatalf("membership %v of no user on its line", row)
		}
		switch row[m.Index("kind")] {
		case "group-policy", "team", "jump-group", "vault-account-group":
		default:
			t.Fatalf("membership kind %v", row[m.Index("kind")])
		}
		if n, ok := row[m.Index("name")].(string); !ok || n == "" {
			t.Fatalf("membership name %v", row[m.Index("name")])
		}
	}
}

// checkRow checks that a row fits its table: the common prefix, and a Go
// value of each column's type; text is UTF-8 without NUL, trimmed; dates
// are midnight UTC.
func checkRow(t *testing.T, table *schema.Table, row []any, source string, lines int64) {
	t.Helper()
	if row[0] != source || row[1] != int64(5) {
		t.Fatalf("%s row prefix %v", table.Name, row[:3])
	}
	if line, ok := row[2].(int64); !ok || line < 1 || (lines > 0 && line > lines) {
		t.Fatalf("%s row on line %v of %d", table.Name, row[2], lines)
	}
	if err := table.CheckRow(row); err != nil {
		t.Fatal(err)
	}
	// Cells are trimmed: an empty or blank cell is NULL. A username is
	// kept as written (parseName: " 0000" and "0000" are two accounts;
	// FuzzReadUserReport/a4854dd12c60ca43), but never blank.
	for i, c := range table.Columns[3:] {
		s, ok := row[i+3].(string)
		if ok && table == schema.Users && c.Name == "username" {
			if strings.TrimSpace(s) == "" {
				t.Fatalf("users.username = %q, blank", s)
			}
			continue
		}
		if ok && (s == "" || s != strings.TrimSpace(s)) {
			t.Fatalf("%s.%s = %q, not trimmed", table.Name, c.Name, s)
		}
	}
}
