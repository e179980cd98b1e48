package tabular

import (
	"testing"

	"github.com/review-tool/review/ingest/located"
	"github.com/review-tool/review/ingest/reader"
	"github.com/review-tool/review/schema"
)

// lenientRead reads in with a BadRow that lists each bad row as
// "error | raw".
func lenientRead(t *testing.T, kind schema.Kind, in Input) (*memSink, *reader.Result, []string) {
	t.Helper()
	var bad []string
	in.BadRow = func(e *located.Error) error { bad = append(bad, e.Error()+" | "+e.Raw); return nil }
	sink := newSink()
	res, err := Read(kind, in, sink)
	if err != nil {
		t.Fatal(err)
	}
	return sink, res, bad
}

func TestTwoColumnsForOneFieldAreAnError(t *testing.T) {
	const one = "expected one column for each field (remove or rename one of them)"
	tests := []struct {
		kind       schema.Kind
		name, text string
		want       string
	}{
		{schema.KindUserReport, "login.csv", "Username,Last Login,Email,Last Authentication Date\nalice,2025-01-01,,2025-01-02\n",
			`login.csv:1:4: found the columns "Last Login" (column 2) and "Last Authentication Date" (column 4), which both give the last authentication, ` + one},
		{schema.KindUserReport, "names.csv", "Login,Username\nalice,alice\n",
			`names.csv:1:2: found the columns "Login" (column 1) and "Username" (column 2), which both give the username, ` + one},
		{schema.KindUserReport, "enabled.csv", "Username,Enabled,Account Disabled\nalice,yes,no\n",
			`enabled.csv:1:3: found the columns "Enabled" (column 2) and "Account Disabled" (column 3), which both give the enabled, ` + one},
		{schema.KindRoster, "hr.csv", "email,status,accountEnabled\na@corp.example,active,true\n",
			`hr.csv:1:3: found the columns "status" (column 2) and "accountEnabled" (column 3), which both give the status, ` + one},
	}
	for _, tt := range tests {
		_, err := Read(tt.kind, bytesInput(tt.name, []byte(tt.text)), newSink())
		if err == nil || err.Error() != tt.want {
			t.Errorf("error:\n got %v\nwant %s", err, tt.want)
		}
	}
	// In a workbook the header row is the line.
	b := workbook(t, []string{"Users"}, map[string][][]any{"Users": {{"Report"}, {"Username", "Last Login", "Last Authentication Date"}}})
	_, err := ReadUserReport(bytesInput("users.xlsx", b), newSink())
	const want = `users.xlsx:2:3: found the columns "Last Login" (column 2) and "Last Authentication Date" (column 3), which both give the last authentication, ` + one
	if err == nil || err.Error() != want {
		t.Errorf("error:\n got %v\nwant %s", err, want)
	}
}

func TestStatusBesideEnabledMustAgree(t *testing.T) {
	const text = "Username,Status,Account Enabled\n" +
		"alice,Active,yes\n" +
		"bob,Disabled,yes\n" + // disagree
		"carol,Inactive,no\n" +
		"dave,,no\n" + // Status says nothing
		"erin,Enabled,\n"
	const want = `status.csv:3:2: found "Disabled" in column "Status" but "yes" in column "Account Enabled", expected the two columns to agree on every row`
	_, err := ReadUserReport(bytesInput("status.csv", []byte(text)), newSink())
	if err == nil || err.Error() != want {
		t.Fatalf("error:\n got %v\nwant %s", err, want)
	}
	sink, res, bad := lenientRead(t, schema.KindUserReport, bytesInput("status.csv", []byte(text)))
	sameLines(t, "bad rows", bad, []string{want + " | bob,Disabled,yes"})
	sameLines(t, "users", sink.show(schema.Users), []string{
		`2 | source=pra-prod | origin=report | username=alice | enabled=true`,
		`4 | source=pra-prod | origin=report | username=carol | enabled=false`,
		`5 | source=pra-prod | origin=report | username=dave | enabled=false`,
		`6 | source=pra-prod | origin=report | username=erin | enabled=true`,
	})
	// Status is read, not an unknown column.
	if res.Rows != 4 || len(res.UnknownColumns) != 0 {
		t.Errorf("result = %+v", res)
	}
	// Account Disabled beside Status: inverted, then compared.
	_, err = ReadUserReport(bytesInput("disabled.csv", []byte("Username,Account Disabled,Status\nalice,yes,Active\n")), newSink())
	if want := `disabled.csv:2:3: found "Active" in column "Status" but "yes" in column "Account Disabled", expected the two columns to agree on every row`; err == nil || err.Error() != want {
		t.Errorf("error:\n got %v\nwant %s", err, want)
	}
}

func TestUsernamesKeepTheirBytes(t *testing.T) {
	// Three cells that trimming would make one account, and padding
	// around a delimiter.
	text := "Username,Email\n\" =1+1\",a@corp.example\n\"=1+1 \",b@corp.example\n=1+1,c@corp.example\n alice , d@corp.example \n"
	sink := newSink()
	if _, err := ReadUserReport(bytesInput("users.csv", []byte(text)), sink); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, row := range sink.rows[schema.Users] {
		names = append(names, quoteExact(row[usersUsername].(string))+" "+row[schema.Users.Index("email_address")].(string))
	}
	sameLines(t, "usernames", names, []string{
		`" =1+1" a@corp.example`,
		`"=1+1 " b@corp.example`,
		`"=1+1" c@corp.example`,
		`" alice " d@corp.example`, // the email, not a name, is trimmed
	})
	// In a workbook too.
	b := workbook(t, []string{"Users"}, map[string][][]any{"Users": {{"Username"}, {" bob"}}})
	sink = newSink()
	if _, err := ReadUserReport(bytesInput("users.xlsx", b), sink); err != nil {
		t.Fatal(err)
	}
	if got := sink.rows[schema.Users][0][usersUsername]; got != " bob" {
		t.Errorf("username = %q", got)
	}
}

func TestEmptyUsernameIsABadRow(t *testing.T) {
	text := "Username,Email\nalice,a@corp.example\n\"  \",b@corp.example\n"
	const want = `blank.csv:3:1: found an empty username, expected a username on every row`
	_, err := ReadUserReport(bytesInput("blank.csv", []byte(text)), newSink())
	if err == nil || err.Error() != want {
		t.Fatalf("error:\n got %v\nwant %s", err, want)
	}
	sink, res, bad := lenientRead(t, schema.KindUserReport, bytesInput("blank.csv", []byte(text)))
	sameLines(t, "bad rows", bad, []string{want + ` | "  ",b@corp.example`})
	if res.Rows != 1 || len(sink.rows[schema.Users]) != 1 {
		t.Errorf("rows = %d", res.Rows)
	}
}

func TestUsernameTwiceInOneProvider(t *testing.T) {
	text := "Username,Security Provider,Email\n" +
		"alice,Local,a@corp.example\n" +
		"alice,Corp LDAP,a@corp.example\n" + // another provider: another account
		"bob,Local,\n" +
		"Alice,Local,alice@other.example\n" // a login ignores case: the same account
	const want = `twice.csv:5:1: found username "Alice" again in provider "Local", ignoring case (first at line 2), expected each username once per security provider`
	_, err := ReadUserReport(bytesInput("twice.csv", []byte(text)), newSink())
	if err == nil || err.Error() != want {
		t.Fatalf("error:\n got %v\nwant %s", err, want)
	}
	sink, res, bad := lenientRead(t, schema.KindUserReport, bytesInput("twice.csv", []byte(text)))
	sameLines(t, "bad rows", bad, []string{want + " | Alice,Local,alice@other.example"})
	if res.Rows != 3 || len(sink.rows[schema.Users]) != 3 {
		t.Errorf("rows = %d", res.Rows)
	}
	// Without a provider column the report is one provider; an id column
	// names it by id.
	for _, tt := range []struct{ text, want string }{
		{"Username\nalice\nalice\n", `one.csv:3:1: found username "alice" again, ignoring case (first at line 2), expected each username once per security provider`},
		{"Username,security_provider_id\nalice,1\nalice,2\nalice,1\n", `one.csv:4:1: found username "alice" again in provider id 1, ignoring case (first at line 2), expected each username once per security provider`},
		{"Username\n=1+1\n\" =1+1\"\n=1+1\n", `one.csv:4:1: found username "=1+1" again, ignoring case (first at line 2), expected each username once per security provider`},
	} {
		_, err := ReadUserReport(bytesInput("one.csv", []byte(tt.text)), newSink())
		if err == nil || err.Error() != tt.want {
			t.Errorf("error:\n got %v\nwant %s", err, tt.want)
		}
	}
}

func TestRosterEmailTwiceIsAWarning(t *testing.T) {
	text := "email,status,termination_date\n" +
		"bob@corp.example,terminated,2024-05-31\n" +
		"alice@corp.example,active,\n" +
		"Bob@Corp.Example,active,\n" + // the rehire
		"carol@corp.example,active,\n" +
		"alice@corp.example,leave,\n" +
		"bob@corp.example,active,\n"
	sink := newSink()
	res, err := ReadRoster(bytesInput("hr.csv", []byte(text)), sink)
	if err != nil {
		t.Fatal(err)
	}
	sameLines(t, "warnings", res.Warnings, []string{
		`hr.csv: email "bob@corp.example" is on lines 2, 4 and 7 (a rehire?): the row not terminated on the as-of date counts, else the last of them`,
		`hr.csv: email "alice@corp.example" is on lines 3 and 6 (a rehire?): the row not terminated on the as-of date counts, else the last of them`,
	})
	// Every row is loaded: the facts pick the one that counts.
	if res.Rows != 6 || len(sink.rows[schema.Roster]) != 6 {
		t.Errorf("rows = %d", res.Rows)
	}
}
