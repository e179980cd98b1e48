package tabular

import (
	"strings"
	"testing"

	"github.com/review-tool/review/ingest/located"
	"github.com/review-tool/review/schema"
)

// Hostile and broken text: each is an error naming the file, line and
// column, never rows of mojibake.
func TestReadTextErrors(t *testing.T) {
	const (
		notUTF8 = "expected UTF-8 or UTF-16 text with a byte order mark"
		noNUL   = "found a NUL byte, expected text without NUL bytes (UTF-16 needs a byte order mark)"
	)
	tests := []struct {
		kind schema.Kind
		in   Input
		want string
	}{
		{schema.KindUserReport, bytesInput("nul.csv", []byte("Username,Email\nalice,a@corp.example\nbob,b\x00@corp.example\n")),
			"nul.csv:3:6: " + noNUL},
		{schema.KindUserReport, bytesInput("nul16.csv", utf16BE([]byte("Username\nal\x00ice\n"))),
			"nul16.csv:2:3: " + noNUL},
		{schema.KindUserReport, bytesInput("surrogate.csv", append(utf16LE([]byte("Username\nalice\nbo")), 0x00, 0xD8, 'b', 0x00)),
			"surrogate.csv:3:3: found a UTF-16 surrogate without its pair (0xD800), " + notUTF8},
		{schema.KindUserReport, bytesInput("odd.csv", append(utf16BE([]byte("Username\nalice\n")), 'b')),
			"odd.csv:3:1: found a single byte at the end of UTF-16 text, " + notUTF8},
		// Lines of old Mac files count as lines.
		{schema.KindUserReport, bytesInput("latin1-cr.csv", []byte("Username,Display Name\ralice,Alice\rrene,Ren\xe9\r")),
			"latin1-cr.csv:3:9: found bytes that are not UTF-8 (0xE9), " + notUTF8 + looks1252("latin1-cr.csv", "é")},
		// Bad text is an error in lenient mode too.
		{schema.KindUserReport, lenient(bytesInput("latin1-lenient.csv", []byte("Username\nalice\nren\xe9\n"))),
			"latin1-lenient.csv:3:4: found bytes that are not UTF-8 (0xE9), " + notUTF8 + looks1252("latin1-lenient.csv", "é")},
		{schema.KindRoster, bytesInput("nul-header.csv", []byte("email,sta\x00tus\n")),
			"nul-header.csv:1:10: " + noNUL},
		{schema.KindLicenses, bytesInput("nul.yaml", []byte("- product: pra\n  seat_type: named\n  purchased: 1\x00\n")),
			"nul.yaml:3:15: " + noNUL},
		{schema.KindLicenses, bytesInput("control.yaml", []byte("- product: pra\n  seat_type: named\n  purchased: 1\n  notes: a\x1bb\n")),
			"control.yaml:4:11: found the control character U+001B, expected text without control characters (YAML allows tab and line breaks only)"},
		{schema.KindLicenses, bytesInput("control-cr.yaml", []byte("- product: pra\r\n  seat_type: named\r  purchased: 1\x7f\n")),
			"control-cr.yaml:3:15: found the control character U+007F, expected text without control characters (YAML allows tab and line breaks only)"},
		{schema.KindLicenses, bytesInput("surrogate.yaml", append(utf16LE([]byte("- product: pra\n")), 0x00, 0xDC)),
			"surrogate.yaml:2:1: found a UTF-16 surrogate without its pair (0xDC00), " + notUTF8},
	}
	for _, tt := range tests {
		t.Run(tt.in.Path, func(t *testing.T) {
			_, err := Read(tt.kind, tt.in, newSink())
			if _, ok := err.(*located.Error); !ok {
				t.Fatalf("error is %T (%v), not a *located.Error", err, err)
			}
			if err.Error() != tt.want {
				t.Errorf("error:\n got %s\nwant %s", err, tt.want)
			}
		})
	}
}

// lenient sets a BadRow that takes every bad row.
func lenient(in Input) Input {
	in.BadRow = func(*located.Error) error { return nil }
	return in
}

// Headers: every column needs a name, and a name once (the report's
// duplicates are in TestReadErrors).
func TestReadHeaderErrors(t *testing.T) {
	tests := []struct {
		kind schema.Kind
		in   Input
		want string
	}{
		{schema.KindUserReport, bytesInput("gap.csv", []byte("Username,,Email\nalice,x,a@corp.example\n")),
			"gap.csv:1:2: found a column without a name, expected a name for every column of the header"},
		{schema.KindUserReport, bytesInput("trailing.csv", []byte("Username;Email;\nalice;a@corp.example;\n")),
			"trailing.csv:1:3: found a column without a name, expected a name for every column of the header"},
		{schema.KindUserReport, bytesInput("blank-name.csv", []byte("Username,\"  \"\nalice,x\n")),
			"blank-name.csv:1:2: found a column without a name, expected a name for every column of the header"},
		{schema.KindRoster, bytesInput("gap-roster.csv", []byte("\n\nemail,status,\t\n")),
			"gap-roster.csv:3:3: found a column without a name, expected a name for every column of the header"},
		{schema.KindRoster, bytesInput("dup-roster.csv", []byte("email,Status,employment_status,STATUS\n")),
			`dup-roster.csv:1:4: found a second column "STATUS" (column 2 is "Status"), expected each column once`},
		{schema.KindLicenses, bytesInput("dup-licenses.csv", []byte("product,seat_type,purchased,Seat-Type\npra,named,1,named\n")),
			`dup-licenses.csv:1:4: found a second column "Seat-Type" (column 2 is "seat_type"), expected each column once`},
		{schema.KindLicenses, bytesInput("gap-licenses.csv", utf16LE([]byte("product,,seat_type,purchased\r\n"))),
			"gap-licenses.csv:1:2: found a column without a name, expected a name for every column of the header"},
		{schema.KindUserReport, bytesInput("gap.xlsx", workbook(t, []string{"Users"}, map[string][][]any{
			"Users": {{"Username", nil, "Email"}, {"alice", "x", "a@corp.example"}},
		})),
			"gap.xlsx:1:2: found a column without a name, expected a name for every column of the header"},
	}
	for _, tt := range tests {
		t.Run(tt.in.Path, func(t *testing.T) {
			_, err := Read(tt.kind, tt.in, newSink())
			if err == nil || err.Error() != tt.want {
				t.Errorf("error:\n got %v\nwant %s", err, tt.want)
			}
		})
	}
}

// A header without rows is an empty table, not an error, in every form.
func TestReadHeaderOnly(t *testing.T) {
	tests := []struct {
		kind schema.Kind
		text string
	}{
		{schema.KindUserReport, "Username,Email"},
		{schema.KindRoster, "email,status,termination_date\n\n"},
		{schema.KindLicenses, "product,seat_type,purchased\n"},
	}
	for _, tt := range tests {
		for _, form := range forms {
			t.Run(string(tt.kind)+"/"+form.name, func(t *testing.T) {
				b := []byte(tt.text)
				if form.transform != nil {
					b = form.transform(b)
				}
				sink := newSink()
				res, err := Read(tt.kind, bytesInput("header.csv", b), sink)
				if err != nil {
					t.Fatal(err)
				}
				if res.Rows != 0 || len(sink.rows) != 0 {
					t.Errorf("rows = %d, sink %v", res.Rows, sink.rows)
				}
			})
		}
	}
}

// Old Mac files (lone CR line ends) are read like any other, quoted line
// breaks and all.
func TestReadCRLineEnds(t *testing.T) {
	in := bytesInput("mac.csv", []byte("Username,Teams,Last Login\r\"alice\",\"Ops (lead)\rSupport\",2025-10-16\rbob,,Never\r\rcarol,Ops,\r"))
	sink := newSink()
	res, err := ReadUserReport(in, sink)
	if err != nil {
		t.Fatal(err)
	}
	sameLines(t, "users", sink.show(schema.Users), []string{
		`2 | source=pra-prod | origin=report | username=alice | last_authentication=2025-10-16T00:00:00Z`,
		`4 | source=pra-prod | origin=report | username=bob`,
		`6 | source=pra-prod | origin=report | username=carol`,
	})
	sameLines(t, "memberships", sink.show(schema.UserMemberships), []string{
		`2 | source=pra-prod | username=alice | kind=team | name=Ops | role=lead`,
		`2 | source=pra-prod | username=alice | kind=team | name=Support`,
		`6 | source=pra-prod | username=carol | kind=team | name=Ops`,
	})
	if res.Rows != 3 {
		t.Errorf("rows = %d", res.Rows)
	}
	// A bad value on a CR line is placed on it.
	_, err = ReadUserReport(bytesInput("mac.csv", []byte("Username,Last Login\ralice,2025-10-16\rbob,soon\r")), newSink())
	if want := `mac.csv:3:2: found "soon", expected ` + expectDate; err == nil || err.Error() != want {
		t.Errorf("error:\n got %v\nwant %s", err, want)
	}
}

// A 1,000,000-character field is read whole, in linear time; a bad one is
// quoted cut short in the message.
func TestReadHugeField(t *testing.T) {
	huge := strings.Repeat("x", 1_000_000)
	for _, form := range forms {
		t.Run(form.name, func(t *testing.T) {
			b := []byte("Username,Notes\nalice,\"" + huge + "\"\n" + huge + ",x\n")
			if form.transform != nil {
				b = form.transform(b)
			}
			sink := newSink()
			res, err := ReadUserReport(bytesInput("huge.csv", b), sink)
			if err != nil {
				t.Fatal(err)
			}
			rows := sink.rows[schema.Users]
			if res.Rows != 2 || len(rows) != 2 {
				t.Fatalf("rows = %d", res.Rows)
			}
			if got := rows[0][usersExtra].(string); len(got) != len(huge)+len(`{"Notes":""}`) {
				t.Errorf("extra has %d bytes", len(got))
			}
			if got := rows[1][usersUsername].(string); got != huge {
				t.Errorf("username has %d bytes", len(got))
			}
		})
	}
	_, err := ReadUserReport(bytesInput("huge.csv", []byte("Username,Last Login\nalice,"+huge+"\n")), newSink())
	want := `huge.csv:2:2: found "` + huge[:maxQuoted] + `"… (1000000 characters), expected ` + expectDate
	if err == nil || err.Error() != want {
		t.Errorf("error:\n got %.200v\nwant %.200s", err, want)
	}
	_, err = ReadLicenses(bytesInput("huge.yaml", []byte("- product: pra\n  seat_type: "+strings.Repeat("é", 100)+"\n  purchased: 1\n")), newSink())
	want = `huge.yaml:2:14: found "` + strings.Repeat("é", maxQuoted) + `"… (100 characters), expected a seat type: named or concurrent`
	if err == nil || err.Error() != want {
		t.Errorf("error:\n got %v\nwant %s", err, want)
	}
}

func TestQuote(t *testing.T) {
	for in, want := range map[string]string{
		"  a\"b  ":                    `"a\"b"`,
		strings.Repeat("é", 60):       `"` + strings.Repeat("é", 60) + `"`,
		strings.Repeat("é", 61):       `"` + strings.Repeat("é", 60) + `"… (61 characters)`,
		strings.Repeat("ab", 40):      `"` + strings.Repeat("ab", 30) + `"… (80 characters)`,
		"tab\there":                   `"tab\there"`,
		"":                            `""`,
		strings.Repeat("x", 60) + " ": `"` + strings.Repeat("x", 60) + `"`,
	} {
		if got := quote(in); got != want {
			t.Errorf("quote(%.20q…) = %s, want %s", in, got, want)
		}
	}
}

// A bad row of one empty field is shown as "" on the Ingest Issues sheet,
// not as nothing.
func TestBadRowOneEmptyField(t *testing.T) {
	in := lenient(bytesInput("users.csv", []byte("Username;Email\n\"\"\nalice;a@corp.example\n")))
	var bad []string
	in.BadRow = func(e *located.Error) error {
		bad = append(bad, e.Error()+" | raw: "+e.Raw)
		return nil
	}
	res, err := ReadUserReport(in, newSink())
	if err != nil || res.Rows != 1 {
		t.Fatalf("%v, %+v", err, res)
	}
	sameLines(t, "bad rows", bad, []string{`users.csv:2: found 1 field, expected 2, one per header column | raw: ""`})
}

// A line past maxLine is an error on its line, read no further.
func TestLineTooLong(t *testing.T) {
	defer func(n int) { maxLine = n }(maxLine)
	maxLine = 1 << 20
	data := "Username,Email\nalice,a@corp.example\nbob," + strings.Repeat("b", 2<<20) + "\n"
	_, err := Read(schema.KindUserReport, bytesInput("users.csv", []byte(data)), newSink())
	if err == nil || err.Error() != "users.csv:3: found a line of more than 1 MiB, expected rows of a report, roster or license file, which are short" {
		t.Errorf("err = %v", err)
	}
}
