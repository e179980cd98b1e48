package activity

import (
	"strings"
	"testing"

	"github.com/review-tool/review/ingest/located"
	"github.com/review-tool/review/schema"
)

// User audits read from the API's page and from a bare array, field names
// in any case: zero-padded IPv4 read as numbers (IPv6 kept), dates with Z
// and seven fraction digits, without a zone (UTC) and with an offset,
// UserID -1 kept, unnamed fields in extra; product password-safe.
func TestReadUserAudits(t *testing.T) {
	sink, res, err := readFile(t, "UserAudits-page.json", nil)
	if err != nil {
		t.Fatal(err)
	}
	at := schema.PSUserAudits
	rows := sink.rows[at]
	if res.Rows != 3 || len(rows) != 3 || res.Product != "password-safe" || len(res.Warnings) != 0 ||
		len(res.Capabilities) != 1 || res.Capabilities[0] != "ps_user_audits" {
		t.Fatalf("res %+v", res)
	}
	r := rows[0]
	if col(at, r, "audit_id") != int64(9001) || col(at, r, "action_type") != "Login" || col(at, r, "section") != "PMM" ||
		col(at, r, "user_id") != int64(7) || col(at, r, "username") != `CORP\jdoe` || col(at, r, "ip_address") != "10.0.0.1" ||
		col(at, r, "create_date") != utc("2025-03-01T00:00:07.1234567Z") || col(at, r, "line") != int64(2) || col(at, r, "extra") != "{}" {
		t.Errorf("row 1 = %v", r)
	}
	if r = rows[1]; col(at, r, "ip_address") != "2001:db8::1" || col(at, r, "create_date") != utc("2025-03-03T09:00:00Z") || col(at, r, "action_type") != "login" {
		t.Errorf("row 2 = %v", r)
	}
	if r = rows[2]; col(at, r, "user_id") != int64(-1) || col(at, r, "ip_address") != "192.168.1.20" ||
		col(at, r, "create_date") != utc("2025-03-04T13:02:00Z") || col(at, r, "extra") != `{"Details":{"Account":"sa"}}` {
		t.Errorf("row 3 = %v", r)
	}
	sink, res, err = readFile(t, "UserAudits-array.json", nil)
	if err != nil || res.Rows != 1 {
		t.Fatalf("array: %v %v", res, err)
	}
	if r = sink.rows[at][0]; col(at, r, "audit_id") != int64(1) || col(at, r, "action_type") != "Logout" || col(at, r, "create_date") != utc("2025-03-05T08:30:00.5Z") {
		t.Errorf("array row = %v", r)
	}
}

// A page whose TotalCount is more than the records it holds loads what it
// holds and warns that it may be one page of several.
func TestReadPartialPage(t *testing.T) {
	_, res, err := readFile(t, "UserAudits-partial.json", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := "exports/pra-prod/UserAudits-partial.json:1: TotalCount is 250 but the file holds 1 records (fewer): possibly a partial page of UserAudits"
	if res.Rows != 1 || len(res.Warnings) != 1 || !strings.HasPrefix(res.Warnings[0], want) {
		t.Errorf("res %+v", res)
	}
}

// Sessions: an open one (EndTime null), a start without a zone; Token,
// in any case, is dropped: in no column and not in extra.
func TestReadPSSessions(t *testing.T) {
	sink, res, err := readFile(t, "Sessions.json", nil)
	if err != nil {
		t.Fatal(err)
	}
	pt := schema.PSSessions
	rows := sink.rows[pt]
	if res.Rows != 2 || len(rows) != 2 {
		t.Fatalf("res %+v", res)
	}
	r := rows[0]
	if col(pt, r, "session_id") != int64(501) || col(pt, r, "status") != int64(2) || col(pt, r, "end_time") != utc("2025-03-03T09:47:31Z") ||
		col(pt, r, "duration") != "2851" || col(pt, r, "managed_account_name") != "sa" || col(pt, r, "protocol") != int64(0) ||
		col(pt, r, "request_id") != int64(3301) || col(pt, r, "extra") != `{"NodeID":"a-b"}` {
		t.Errorf("row 1 = %v", r)
	}
	r = rows[1]
	if col(pt, r, "start_time") != utc("2025-03-05T08:31:00Z") || col(pt, r, "end_time") != nil || col(pt, r, "extra") != "{}" {
		t.Errorf("row 2 = %v", r)
	}
	for _, row := range rows {
		for _, v := range row {
			if s, ok := v.(string); ok && strings.Contains(s, "secret") || strings.Contains(s, "c2Vzc2lvbi") {
				t.Errorf("a token was kept: %v", row)
			}
		}
	}
}

// The role catalogue loads as a lookup of names.
func TestReadRoles(t *testing.T) {
	sink, res, err := readFile(t, "Roles.json", nil)
	if err != nil {
		t.Fatal(err)
	}
	rt := schema.PSRoles
	rows := sink.rows[rt]
	if res.Rows != 8 || col(rt, rows[3], "role_id") != int64(4) || col(rt, rows[3], "name") != "Information Security Administrator" {
		t.Errorf("rows %v", rows)
	}
}

// Bad records: without --lenient the first stops the read at the field's
// place; with it each goes to BadRow with its text. JSON that does not
// parse, or ends early, stops the file in both modes.
func TestReadPSBadRecords(t *testing.T) {
	data := []byte("[\n {\"AuditID\": 1, \"ActionType\": \"Login\", \"CreateDate\": \"2025-03-05T08:30:00Z\"},\n" +
		" {\"AuditID\": 2, \"ActionType\": \"Login\",\n  \"CreateDate\": \"05/03/2025\"},\n" +
		" {\"AuditID\": \"x\", \"ActionType\": \"Login\", \"CreateDate\": \"2025-03-05T08:30:00Z\"},\n" +
		" {\"ActionType\": \"Login\", \"CreateDate\": \"2025-03-05T08:30:00Z\"},\n" +
		" 7,\n" +
		" {\"AuditID\": 6, \"auditid\": 6, \"ActionType\": \"Login\", \"CreateDate\": \"2025-03-05T08:30:00Z\"}\n]")
	_, _, err := readAs(t, "a.json", schema.KindPSUserAudits, data, nil)
	if err == nil || err.Error() != `a.json:4:3: found CreateDate "05/03/2025", expected a date-time (RFC 3339; without a zone, UTC)` {
		t.Errorf("err = %v", err)
	}
	var bad []string
	_, res, err := readAs(t, "a.json", schema.KindPSUserAudits, data, func(e *located.Error) error {
		if e.Raw == "" {
			t.Errorf("no raw text: %v", e)
		}
		bad = append(bad, e.Error())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`a.json:4:3: found CreateDate "05/03/2025", expected a date-time (RFC 3339; without a zone, UTC)`,
		`a.json:5:3: found AuditID "x", expected a whole number`,
		`a.json:6:2: found a record without AuditID, expected AuditID on every UserAudits record`,
		`a.json:7:2: found a number, expected a record (a JSON object)`,
		`a.json:8:17: found the field "auditid" twice, expected each field once (names are matched ignoring case)`,
	}
	if res.Rows != 1 || strings.Join(bad, "\n") != strings.Join(want, "\n") {
		t.Errorf("%d loaded; bad:\n%s\nwant:\n%s", res.Rows, strings.Join(bad, "\n"), strings.Join(want, "\n"))
	}
	for _, tt := range []struct{ text, want string }{
		{`[{"AuditID": 1, "ActionType": "Login", "CreateDate": "2025-03-05T08:30:00Z"}`, "a.json:1:77: found the end of the file inside the array that starts at line 1, expected the rest of it: the file looks truncated"},
		{`{"Data": [{"AuditID": 1, "Act`, "a.json:1:30: found the end of the file inside the string that starts at line 1, expected the rest of it: the file looks truncated"},
		{`[{"AuditID": 1 "x": 2}]`, "a.json:1:2: found a record that is not JSON, expected a JSON object"},
		{`[][]`, "a.json:1:3: found an array after the export's JSON value, expected the end of the file (one JSON value per file)"},
		{`{"TotalCount": 1}`, "a.json:1:1: found an object without a Data array, expected a JSON array of records, or {\"Data\": [...], \"TotalCount\": n}"},
	} {
		for _, lenient := range []func(*located.Error) error{nil, func(*located.Error) error { return nil }} {
			if _, _, err := readAs(t, "a.json", schema.KindPSUserAudits, []byte(tt.text), lenient); err == nil || err.Error() != tt.want {
				t.Errorf("%s: err = %v\nwant %s", tt.text, err, tt.want)
			}
		}
	}
}
