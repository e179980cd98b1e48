package activity

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/review-tool/review/ingest/located"
	"github.com/review-tool/review/ingest/reader"
	"github.com/review-tool/review/schema"
)

// Each report is recognised by its root element, whatever its namespace
// and whatever the file is called; Password Safe's exports by the fields
// of their first record, an empty one by its name.
func TestDetect(t *testing.T) {
	tests := []struct {
		file string
		kind schema.Kind
		conf reader.Confidence
	}{
		{"access-session.xml", schema.KindSessionReport, reader.Content},
		{"support-session-nons.xml", schema.KindSessionReport, reader.Content},
		{"documented-ns.xml", schema.KindSessionReport, reader.Content},
		{"session-listing.xml", schema.KindSessionListing, reader.Content},
		{"team-activity.xml", schema.KindTeamActivity, reader.Content},
		{"vault-activity.xml", schema.KindVaultActivity, reader.Content},
		{"empty-report.xml", schema.KindEmptyReport, reader.Content},
		{"empty-session-list.xml", schema.KindSessionReport, reader.Content},
		{"error-code.xml", schema.KindEmptyReport, reader.Content},
		{"truncated.xml", schema.KindSessionReport, reader.Content},
		{"UserAudits-page.json", schema.KindPSUserAudits, reader.Content},
		{"UserAudits-array.json", schema.KindPSUserAudits, reader.Content},
		{"Sessions.json", schema.KindPSSessions, reader.Content},
		{"Roles.json", schema.KindPSRoles, reader.Content},
	}
	for _, tt := range tests {
		d := detect(t, "export.dat", testdata(t, tt.file))
		if d.Kind != tt.kind || d.Confidence != tt.conf {
			t.Errorf("%s: detected %+v, want %s by %v", tt.file, d, tt.kind, tt.conf)
		}
	}
	for _, tt := range []struct {
		name, text string
		want       reader.Detection
	}{
		{"UserAudits.json", `{"Data": [], "TotalCount": 0}`, reader.Detection{Kind: schema.KindPSUserAudits, Confidence: reader.Name}},
		{"ps-sessions.json", `[]`, reader.Detection{Kind: schema.KindPSSessions, Confidence: reader.Name}},
		{"roles.json", `[]`, reader.Detection{Kind: schema.KindPSRoles, Confidence: reader.Name}},
		{"ps-user-group-smart-rule-roles.json", `[]`, reader.Detection{}},
		// A group's roles on a Smart Rule are ingest/configapi's.
		{"roles.json", `{"12/5": [{"RoleID": 1, "Name": "Requestor"}]}`, reader.Detection{}},
		{"roles.json", `[{"GroupID": 12, "SmartRuleId": 5, "RoleID": 1, "Name": "Requestor"}]`, reader.Detection{}},
		{"user.json", `[{"id": 1, "username": "a", "security_provider_id": 1}]`, reader.Detection{}},
		{"other.xml", `<?xml version="1.0"?><license_usage/>`, reader.Detection{Confidence: reader.Format, LookFor: lookFor}},
		{"notes.txt", "username,email\n", reader.Detection{}},
	} {
		if d := detect(t, tt.name, []byte(tt.text)); d != tt.want {
			t.Errorf("Detect(%s, %s) = %+v, want %+v", tt.name, tt.text, d, tt.want)
		}
	}
}

// An AccessSession report loads one row per session and representative:
// closed and open sessions told apart (no end_time, an empty one, an
// xsi:nil one), the owner as stated or by primary_rep@id, an invited user,
// two representatives of one username told apart by id, IPv6 addresses,
// & and non-ASCII names, a session with no representative kept without a
// user, and every element no column reads kept in extra.
func TestReadAccessSession(t *testing.T) {
	sink, res, err := readFile(t, "access-session.xml", nil)
	if err != nil {
		t.Fatal(err)
	}
	rows := sink.rows[schema.Sessions]
	if res.Rows != 5 || len(rows) != 8 {
		t.Fatalf("read %d sessions in %d rows, want 5 in 8", res.Rows, len(rows))
	}
	if !reflect.DeepEqual(res.Capabilities, []string{"sessions"}) || res.Product != "" || len(res.Warnings) != 0 {
		t.Errorf("result %+v", res)
	}
	st := schema.Sessions
	get := func(i int, c string) any { return col(st, rows[i], c) }
	want := func(i int, c string, v any) {
		t.Helper()
		if got := get(i, c); !reflect.DeepEqual(got, v) {
			t.Errorf("row %d %s = %#v, want %#v", i+1, c, got, v)
		}
	}
	// The first session, closed, its owner and a conference member.
	for i := 0; i < 2; i++ {
		want(i, "line", int64(3))
		want(i, "lsid", "3f0c2a9e8b7d4c1a9e6f5d4c3b2a1908")
		want(i, "lseq", int64(12))
		want(i, "start_time", utc("2025-02-28T23:41:12Z"))
		want(i, "end_time", utc("2025-03-01T01:15:40Z"))
		want(i, "open", false)
		want(i, "duration", "01:34:28")
		want(i, "primary_customer", "Zürich & Genève DB-01")
		want(i, "jump_group", "Datenbanken & Speicher")
		want(i, "jump_group_id", int64(7))
		want(i, "jump_group_type", "shared")
		want(i, "jumpoint_id", int64(3))
		want(i, "public_site", "Default")
		want(i, "primary_rep_id", int64(12))
		want(i, "file_transfer_count", int64(3))
		want(i, "file_delete_count", int64(1))
		want(i, "rep_count", int64(2))
		want(i, "event_count", int64(3))
		want(i, "rep_ordinal", int64(i+1))
	}
	want(0, "rep_id", int64(12))
	want(0, "username", "aschmidt")
	want(0, "session_owner", int64(1))
	want(0, "owner", true)
	want(0, "invited", nil)
	want(0, "public_ip", "[2001:db8:85a3::8a2e:370:7334]:51822")
	want(0, "private_ip", "fe80::1ff:fe23:4567:890a")
	want(0, "seconds_involved", int64(5668))
	want(0, "private_display_name", "Anna Schmidt (DBA)")
	want(1, "rep_id", int64(19))
	want(1, "display_name", "Björn König")
	want(1, "session_owner", int64(0))
	want(1, "owner", false)
	var x map[string]any
	if err := json.Unmarshal([]byte(get(1, "extra").(string)), &x); err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]any{
		"session_chat_view_url":           "https://pra.example.test/session_download?lsid=x&view=1",
		"customer_list/customer/username": "Zürich & Genève DB-01",
		"customer_list/customer@gsnumber": "41",
		"primary_customer@gsnumber":       "41",
		"representative@gsnumber":         "43",
		"representative/skill_level":      "senior",
	} {
		if x[k] != v {
			t.Errorf("extra[%s] = %#v, want %#v (extra %v)", k, x[k], v, x)
		}
	}
	// Just after midnight UTC, still open, no session_owner written: the
	// primary representative owns it; an invited external user.
	for i := 2; i < 4; i++ {
		want(i, "start_time", utc("2025-03-01T00:00:07Z"))
		want(i, "end_time", nil)
		want(i, "open", true)
		want(i, "jumpoint_id", nil) // -1: none
		want(i, "jump_group_type", "personal")
	}
	want(2, "username", "acme.vendor")
	want(2, "owner", true)
	want(2, "invited", nil)
	want(3, "username", "guest-7f2a")
	want(3, "owner", false)
	want(3, "invited", true)
	// One username, two ids: two rows, told apart by rep_id; an empty
	// end_time is open.
	want(4, "username", "jdoe")
	want(5, "username", "jdoe")
	want(4, "rep_id", int64(5))
	want(5, "rep_id", int64(6))
	want(4, "owner", true)
	want(5, "owner", false)
	want(4, "open", true)
	// Times from the text, with an offset; no representative: one row,
	// no user.
	want(6, "start_time", utc("2025-03-03T09:00:00Z"))
	want(6, "end_time", utc("2025-03-03T09:47:31Z"))
	want(6, "open", false)
	want(6, "rep_ordinal", nil)
	want(6, "username", nil)
	want(6, "owner", nil)
	want(6, "rep_count", int64(0))
	// xsi:nil end_time: open.
	want(7, "open", true)
	want(7, "end_time", nil)
	want(7, "start_time", utc("2025-03-04T14:02:00Z"))

	ev := sink.rows[schema.SessionEvents]
	if len(ev) != 4 {
		t.Fatalf("%d events, want 4", len(ev))
	}
	et := schema.SessionEvents
	e := ev[1]
	if col(et, e, "lsid") != "3f0c2a9e8b7d4c1a9e6f5d4c3b2a1908" || col(et, e, "ordinal") != int64(2) ||
		col(et, e, "timestamp") != utc("2025-03-01T00:00:07Z") || col(et, e, "event_type") != "Conference Member Added" ||
		col(et, e, "performed_by") != "Anna Schmidt" || col(et, e, "performed_by_type") != "representative" ||
		col(et, e, "destination") != "Björn König" || col(et, e, "line") != int64(53) {
		t.Errorf("event 2 = %v", e)
	}
	if got := col(et, e, "data"); got != `{"user_id":"19","public_ip":"198.51.100.23:40112"}` {
		t.Errorf("event data = %v", got)
	}
	if got := col(et, e, "extra"); got != `{"performed_by@gsnumber":"40","destination@gsnumber":"43"}` {
		t.Errorf("event extra = %v", got)
	}
	if got := col(et, ev[2], "extra"); !strings.Contains(got.(string), `"filename":"backup & restore.sql"`) {
		t.Errorf("event 3 extra = %v", got)
	}
	if col(et, ev[3], "lsid") != "a1b2c3d4e5f60718293a4b5c6d7e8f90" || col(et, ev[3], "ordinal") != int64(1) {
		t.Errorf("event 4 = %v", ev[3])
	}
}

// Namespaces are ignored: none at all (a SupportSession report, its
// elements in another order, lsid as an element), or the documented one
// with a prefix.
func TestReadSessionNamespaces(t *testing.T) {
	st := schema.Sessions
	sink, res, err := readFile(t, "support-session-nons.xml", nil)
	if err != nil || res.Rows != 1 {
		t.Fatalf("rows %v, err %v", res, err)
	}
	r := sink.rows[st][0]
	if col(st, r, "lsid") != "e1e2e3e4e5e6e7e8e9e0e1e2e3e4e5e6" || col(st, r, "start_time") != utc("2025-03-05T08:30:00Z") ||
		col(st, r, "end_time") != utc("2025-03-05T10:00:00Z") || col(st, r, "username") != "kim" ||
		col(st, r, "private_display_name") != "Kim (Tier 2)" || col(st, r, "owner") != true || col(st, r, "seconds_involved") != int64(60) {
		t.Errorf("row = %v", r)
	}
	if got := col(st, r, "extra"); got != `{"future_field@kind":"x","future_field":"kept"}` {
		t.Errorf("extra = %v", got)
	}
	sink, _, err = readFile(t, "documented-ns.xml", nil)
	if err != nil {
		t.Fatal(err)
	}
	r = sink.rows[st][0]
	if col(st, r, "lsid") != "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff" || col(st, r, "username") != "ops" || col(st, r, "rep_id") != int64(9) {
		t.Errorf("row = %v", r)
	}
}

// An <error> without a code is an empty report, whether it is the root or
// a child of the list: no rows and a warning that says so. With a code,
// the file is an error page, refused at its place.
func TestReadReportingErrors(t *testing.T) {
	for f, line := range map[string]string{"empty-report.xml": "2", "empty-session-list.xml": "3"} {
		sink, res, err := readFile(t, f, nil)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if res.Rows != 0 || len(sink.rows) != 0 || len(res.Warnings) != 1 ||
			!strings.HasPrefix(res.Warnings[0], "exports/pra-prod/"+f+":"+line+": empty report: the reporting API answered") {
			t.Errorf("%s: %+v", f, res)
		}
	}
	_, _, err := readFile(t, "error-code.xml", nil)
	var re *located.Error
	want := `exports/pra-prod/error-code.xml:2:1: found the file is an error page of the reporting API, not a report (code "authentication_failed": "Authentication failed. Please check your credentials."), expected a report`
	if !errors.As(err, &re) || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("err = %v\nwant %s", err, want)
	}
	// In lenient mode too: it is the file, not a row.
	_, _, err = readFile(t, "error-code.xml", func(*located.Error) error { return nil })
	if !errors.As(err, &re) {
		t.Errorf("lenient: err = %v", err)
	}
}

// A file cut short is an error naming the session it ends in and its line,
// in both modes.
func TestReadTruncated(t *testing.T) {
	for _, bad := range []func(*located.Error) error{nil, func(*located.Error) error { return nil }} {
		_, _, err := readFile(t, "truncated.xml", bad)
		var re *located.Error
		want := "exports/pra-prod/truncated.xml:29:41: found the end of the file inside <session> that starts at line 3, expected the rest of the report: the file looks truncated"
		if !errors.As(err, &re) || err.Error() != want {
			t.Errorf("err = %v\nwant %s", err, want)
		}
	}
	// Cut between sessions: inside the list.
	_, _, err := readAs(t, "cut.xml", schema.KindSessionReport, []byte("<session_list>\n<session lsid=\"11111111111111111111111111111111\"><start_time timestamp=\"1\"/></session>\n"), nil)
	if err == nil || !strings.Contains(err.Error(), "inside <session_list> that starts at line 1") {
		t.Errorf("err = %v", err)
	}
}

// Without --lenient the first bad session stops the read at its place;
// with it, each bad session goes to BadRow whole, with its place and its
// text, and the others load: loaded and rejected add up to the sessions
// of the file.
func TestReadBadSessions(t *testing.T) {
	_, _, err := readFile(t, "bad-sessions.xml", nil)
	want := `exports/pra-prod/bad-sessions.xml:8:3: found <start_time timestamp="yesterday">, expected a Unix time (seconds)`
	if err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant %s", err, want)
	}
	var bad []*located.Error
	sink, res, err := readFile(t, "bad-sessions.xml", func(e *located.Error) error {
		bad = append(bad, e)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Rows != 2 || len(bad) != 2 {
		t.Fatalf("%d loaded, %d rejected; want 2 and 2", res.Rows, len(bad))
	}
	if bad[0].Line != 8 || !strings.HasPrefix(bad[0].Raw, `<session lsid="22222222222222222222222222222222">`) || !strings.HasSuffix(bad[0].Raw, "</session>") {
		t.Errorf("bad 1 = %+v", bad[0])
	}
	if bad[1].Error() != `exports/pra-prod/bad-sessions.xml:11:1: found lsid "not-a-session-id", expected a session id of 32 hex characters` {
		t.Errorf("bad 2 = %v", bad[1])
	}
	st := schema.Sessions
	rows := sink.rows[st]
	if len(rows) != 2 || col(st, rows[0], "username") != "good" || col(st, rows[1], "lsid") != "33333333333333333333333333333333" {
		t.Errorf("rows = %v", rows)
	}
	if ev := sink.rows[schema.SessionEvents]; len(ev) != 1 || col(schema.SessionEvents, ev[0], "lsid") != "33333333333333333333333333333333" {
		t.Errorf("events = %v", ev)
	}
}

// The listing and team reports are recognised and read through, their
// entries counted in a warning, no rows.
func TestReadListingAndTeam(t *testing.T) {
	for f, want := range map[string]string{
		"session-listing.xml": "exports/pra-prod/session-listing.xml: a session listing report of 2 session summary(s), recognised and not used",
		"team-activity.xml":   "exports/pra-prod/team-activity.xml: a team activity report of 1 team activity(s), recognised and not used",
	} {
		sink, res, err := readFile(t, f, nil)
		if err != nil {
			t.Fatal(err)
		}
		if res.Rows != 0 || len(sink.rows) != 0 || len(res.Capabilities) != 0 || len(res.Warnings) != 1 || !strings.HasPrefix(res.Warnings[0], want) {
			t.Errorf("%s: %+v", f, res)
		}
	}
}

// A Vault activity report: one row per activity, the actor's id, type and
// name, the data (a session's lsid for Credentials Used), other attributes
// in extra.
func TestReadVaultActivity(t *testing.T) {
	sink, res, err := readFile(t, "vault-activity.xml", nil)
	if err != nil {
		t.Fatal(err)
	}
	vt := schema.VaultActivity
	rows := sink.rows[vt]
	if res.Rows != 3 || len(rows) != 3 || !reflect.DeepEqual(res.Capabilities, []string{"vault_activity"}) {
		t.Fatalf("res %+v rows %v", res, rows)
	}
	r := rows[1]
	if col(vt, r, "timestamp") != utc("2025-03-05T08:31:00Z") || col(vt, r, "event_type") != "Credentials Used" ||
		col(vt, r, "account_id") != int64(31) || col(vt, r, "performed_by_id") != int64(12) ||
		col(vt, r, "performed_by_type") != "User" || col(vt, r, "performed_by") != "Anna Schmidt" ||
		col(vt, r, "data") != "3f0c2a9e8b7d4c1a9e6f5d4c3b2a1908" || col(vt, r, "line") != int64(6) {
		t.Errorf("row 2 = %v", r)
	}
	r = rows[2]
	if col(vt, r, "performed_by_id") != nil || col(vt, r, "performed_by_type") != "System" || col(vt, r, "extra") != `{"@source":"rotation"}` {
		t.Errorf("row 3 = %v", r)
	}
}

// A report that says it is one kind and has another root (a file changed
// after it was recognised, or a kind given wrongly) is refused at its root.
func TestReadWrongRoot(t *testing.T) {
	_, _, err := readAs(t, "v.xml", schema.KindSessionReport, testdata(t, "vault-activity.xml"), nil)
	if err == nil || err.Error() != "v.xml:2:1: found a report whose root is <vault_account_activity_list>, expected <session_list>, as when the file was recognised" {
		t.Errorf("err = %v", err)
	}
}

// End tags must close what is open (the stream matches them itself): a
// stray one is an error at its place naming the element it should close.
func TestReadMismatchedEndTag(t *testing.T) {
	text := "<session_list>\n<session lsid=\"11111111111111111111111111111111\">\n  <start_time timestamp=\"1\"></rep_list>\n</session>\n</session_list>\n"
	_, _, err := readAs(t, "m.xml", schema.KindSessionReport, []byte(text), nil)
	if err == nil || err.Error() != "m.xml:3:29: found </rep_list>, expected </start_time> to close the element that starts at line 3" {
		t.Errorf("err = %v", err)
	}
}

// The space between rows is layout, not text of the list: a report whose
// rows are indented is read whatever its length (it once counted against
// the list's 1 MiB of text, and the list's memory grew with every row).
func TestReadLayoutBetweenRows(t *testing.T) {
	var b strings.Builder
	b.WriteString("<session_list>")
	const n = 6000
	for i := 0; i < n; i++ {
		b.WriteString("\n" + strings.Repeat(" ", 200))
		b.WriteString(`<session lsid="0123456789abcdef0123456789abcdef"><start_time timestamp="1741163400"/></session>`)
	}
	b.WriteString("\n</session_list>\n")
	_, res, err := readAs(t, "indented.xml", schema.KindSessionReport, []byte(b.String()), nil)
	if err != nil || res.Rows != n {
		t.Fatalf("res %v, err %v", res, err)
	}
}
