package configapi

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/review-tool/review/ingest/located"
	"github.com/review-tool/review/ingest/reader"
	"github.com/review-tool/review/ingest/textio"
	"github.com/review-tool/review/schema"
)

// readFile reads b as the ingest does: decoded by textio.DecodeText first.
func readFile(t *testing.T, k schema.Kind, b []byte) (memSink, *reader.Result, error) {
	t.Helper()
	text, _, err := textio.DecodeText(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	sink := memSink{}
	res, err := Read(k, Input{Path: string(k) + ".json", Source: "pra-prod", FileID: 1}, text, sink)
	return sink, res, err
}

func utf16LE(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

func utf16BE(s string) []byte {
	out := []byte{0xFE, 0xFF}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u>>8), byte(u))
	}
	return out
}

// Every text form gives the same rows, on the same lines.
func TestReadTextForms(t *testing.T) {
	const export = "[\n {\"id\": 1, \"security_provider_id\": 1, \"username\": \"zoë\"},\n\n {\"id\": 2, \"security_provider_id\": 1, \"username\": \"😀\"}\n]\n"
	forms := map[string][]byte{
		"utf-8":          []byte(export),
		"utf-8 bom crlf": append([]byte{0xEF, 0xBB, 0xBF}, strings.ReplaceAll(export, "\n", "\r\n")...),
		"utf-16le bom":   utf16LE(export),
		"utf-16be bom":   utf16BE(strings.ReplaceAll(export, "\n", "\r\n")),
		"cr":             []byte(strings.ReplaceAll(export, "\n", "\r")),
	}
	u := schema.Users
	for name, b := range forms {
		t.Run(name, func(t *testing.T) {
			sink, res, err := readFile(t, schema.KindUsers, b)
			if err != nil {
				t.Fatal(err)
			}
			rows := sink["users"]
			if res.Rows != 2 || len(rows) != 2 {
				t.Fatalf("rows = %d", res.Rows)
			}
			for i, want := range []struct {
				line int64
				name string
			}{{2, "zoë"}, {4, "😀"}} {
				if rows[i][u.Index("line")] != want.line || rows[i][u.Index("username")] != want.name {
					t.Errorf("row %d = %v", i, rows[i])
				}
			}
		})
	}
}

// looks1252 is the advice of an é that looks like Windows-1252 in file.
func looks1252(file string) string {
	return `; the file looks like Windows-1252, where the byte is "é": read it with --encoding ` + file +
		`=windows-1252 (or --encoding windows-1252 for every table file), or save it as UTF-8`
}

func TestReadTextErrors(t *testing.T) {
	const (
		notUTF8 = "expected UTF-8 or UTF-16 text with a byte order mark"
		noNUL   = "found a NUL byte, expected text without NUL bytes (UTF-16 needs a byte order mark)"
		id      = "expected an integer id ≥ 1"
	)
	huge := strings.Repeat("x", 1_000_000)
	tests := []struct {
		name, kind string
		text       []byte
		want       string
	}{
		// Text that is not UTF-8: its place, not that of the scanner.
		{"latin-1 in a value", "user", []byte("[\n {\"id\": 1, \"username\": \"a\"},\n {\"id\": 2, \"username\": \"ren\xe9\"}\n]"),
			"user.json:3:28: found bytes that are not UTF-8 (0xE9), " + notUTF8 + looks1252("user.json")},
		{"latin-1 after a comma", "team", []byte("[{\"id\": 1, \"name\": \"a\"},\n\xe9]"),
			"team.json:2:1: found bytes that are not UTF-8 (0xE9), " + notUTF8 + looks1252("team.json")},
		{"latin-1 in a parent key", "team-user", []byte("{\"1\": [],\n \"2\xe9\": []}"),
			"team-user.json:2:4: found bytes that are not UTF-8 (0xE9), " + notUTF8 + looks1252("team-user.json")},
		{"latin-1 after a parent key", "team-user", []byte("{\"1\"\xe9: []}"),
			"team-user.json:1:5: found bytes that are not UTF-8 (0xE9), " + notUTF8 + looks1252("team-user.json")},
		{"nul", "user", []byte("[\n {\"id\": 1, \"username\": \"a\x00\"}]"),
			"user.json:2:26: " + noNUL},
		{"utf-16 without a bom", "user", utf16LE("[]")[2:],
			"user.json:1:2: " + noNUL},
		{"utf-16 lone surrogate", "team", append(utf16LE("[\n{\"id\": 1, \"name\": \""), 0x00, 0xD8, '"', 0),
			"team.json:2:20: found a UTF-16 surrogate without its pair (0xD800), " + notUTF8},
		{"cr lines", "team", []byte("[\r {\"id\": 1, \"name\": \"a\"},\r {\"id\": \"b\", \"name\": \"b\"}\r]"),
			`team.json:3:3: found the string "b" in field "id", ` + id},
		// Trailing data after the top-level value.
		{"trailing comma", "team", []byte("[{\"id\": 1, \"name\": \"a\"}]\n,"),
			`team.json:2:1: found "," after the end of the JSON value, expected the end of the file`},
		{"trailing text", "team", []byte("[]  x"),
			`team.json:1:5: found "x" after the end of the JSON value, expected the end of the file`},
		{"second page", "team", []byte("[{\"id\": 1, \"name\": \"a\"}]\n[{\"id\": 2, \"name\": \"b\"}]"),
			`team.json:2:1: found an array after the end of the JSON value, expected the end of the file`},
		{"trailing after keyed", "team-user", []byte("{\"1\": []}\n}"),
			`team-user.json:2:1: found "}" after the end of the JSON value, expected the end of the file`},
		// Ids: integers ≥ 1, never NaN, Infinity or past int64.
		{"NaN id", "user", []byte("[\n {\"id\": NaN, \"username\": \"a\"}]"),
			`user.json:2:3: found NaN in field "id", ` + id},
		{"Infinity id", "user", []byte("[\n {\"username\": \"a\", \"id\": Infinity}]"),
			`user.json:2:20: found Infinity in field "id", ` + id},
		{"-Infinity id", "team", []byte("[{\"id\": -Infinity}]"),
			`team.json:1:3: found -Infinity in field "id", ` + id},
		{"+Inf id", "team", []byte("[{\"id\": +Inf}]"),
			`team.json:1:3: found +Inf in field "id", ` + id},
		{"nan user_id", "group-policy-member", []byte("{\"3\": [{\"id\": 7, \"user_id\": nan}]}"),
			`group-policy-member.json:1:18: found nan in field "user_id", ` + id},
		{"past int64", "team", []byte("[{\"id\": 9223372036854775808}]"),
			`team.json:1:3: found the number 9223372036854775808 in field "id", ` + id},
		{"past int64 quoted", "team", []byte("[{\"id\": \"9223372036854775808\"}]"),
			`team.json:1:3: found the string "9223372036854775808" in field "id", ` + id},
		{"exponent id", "team", []byte("[{\"id\": 1e3}]"),
			`team.json:1:3: found the number 1e3 in field "id", ` + id},
		{"fraction id", "security-provider", []byte("[{\"id\": 1, \"name\": \"a\", \"type\": \"ldap\", \"default_policy\": 2.5}]"),
			`security-provider.json:1:41: found the number 2.5 in field "default_policy", ` + id},
		{"negative id", "team", []byte("[{\"id\": -4}]"),
			`team.json:1:3: found id -4, ` + id},
		{"bool id", "team", []byte("[{\"id\": true}]"),
			`team.json:1:3: found the value true in field "id", ` + id},
		{"NaN in a flag", "user", []byte("[{\"id\": 1, \"username\": \"a\", \"enabled\": NaN}]"),
			`user.json:1:29: found NaN in field "enabled", expected true or false`},
		{"NaN in an unknown field", "user", []byte("[{\"id\": 1, \"username\": \"a\", \"score\": NaN}]"),
			`user.json:1:29: found NaN in field "score", expected a JSON number (NaN and Infinity are not JSON)`},
		{"NaN in a nested value", "user", []byte("[{\"id\": 1, \"username\": \"a\", \"x\": {\"y\": [1, NaN]}}]"),
			`user.json:1:29: found NaN in field "x", expected a JSON number (NaN and Infinity are not JSON)`},
		// What JSON does not allow is not read, even where fastjson would.
		{"plus sign", "team", []byte("[{\"id\": 1, \"name\": +1}]"),
			`team.json:1:20: found invalid JSON (invalid character '+' looking for beginning of value), expected a valid JSON object`},
		{"leading zero", "team", []byte("[{\"id\": 01}]"),
			`team.json:1:10: found invalid JSON (invalid character '1' after object key:value pair), expected a valid JSON object`},
		{"control character", "team", []byte("[{\"id\": 1, \"name\": \"a\tb\"}]"),
			`team.json:1:22: found invalid JSON (invalid character '\t' in string literal), expected a valid JSON object`},
		{"bad escape", "team", []byte("[{\"id\": 1, \"name\": \"a\\qb\"}]"),
			`team.json:1:23: found invalid JSON (invalid character 'q' in string escape code), expected a valid JSON object`},
		// An object exported twice.
		{"duplicate id", "user", []byte("[\n {\"id\": 1, \"username\": \"a\"},\n {\"id\": 42, \"username\": \"b\"},\n {\"id\": 3, \"username\": \"c\"},\n {\"id\": 4, \"username\": \"d\"},\n {\"id\": 5, \"username\": \"e\"},\n {\"id\": 42, \"username\": \"f\"}\n]"),
			`user.json:7:3: found id 42 again (first at line 3), expected each id once`},
		{"duplicate quoted id", "team", []byte("[{\"id\": 7, \"name\": \"a\"},\n {\n  \"name\": \"b\",\n  \"id\": \"7\"}]"),
			`team.json:4:3: found id 7 again (first at line 1), expected each id once`},
		{"duplicate member", "group-policy-member", []byte("{\"3\": [{\"id\": 7, \"user_id\": 1},\n {\"id\": 7, \"user_id\": 1}]}"),
			`group-policy-member.json:2:3: found id 7 of group_policy_id 3 again (first at line 1), expected each id once`},
		{"duplicate member, flat", "group-policy-member", []byte("[{\"group_policy_id\": 3, \"id\": 7, \"user_id\": 1},\n {\"id\": 7, \"group_policy_id\": 3, \"user_id\": 1}]"),
			`group-policy-member.json:2:3: found id 7 of group_policy_id 3 again (first at line 1), expected each id once`},
		// A huge value is cut in the message.
		{"huge bad date", "user", []byte("[{\"id\": 1, \"username\": \"a\", \"created_at\": \"" + huge + "\"}]"),
			`user.json:1:29: found the date "` + huge[:56] + `... in field "created_at", expected an RFC 3339 date-time such as 2025-10-16T14:46:25+00:00, or null`},
		{"huge multibyte", "user", []byte("[{\"id\": 1, \"username\": \"a\", \"created_at\": \"" + strings.Repeat("é", 100) + "\"}]"),
			`user.json:1:29: found the date "` + strings.Repeat("é", 28) + `... in field "created_at", expected an RFC 3339 date-time such as 2025-10-16T14:46:25+00:00, or null`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := readFile(t, schema.Kind(tt.kind), tt.text)
			if _, ok := err.(*located.Error); !ok {
				t.Fatalf("error is %T (%v), not a *located.Error", err, err)
			}
			if err.Error() != tt.want {
				t.Errorf("error\n got %s\nwant %s", err, tt.want)
			}
		})
	}
}

// The same id under two parents, and the same group policy for two users,
// are not duplicates.
func TestReadRepeatedIDsThatAreFine(t *testing.T) {
	for kind, text := range map[schema.Kind]string{
		schema.KindGroupPolicyMembers: `{"3": [{"id": 7, "user_id": 1}], "4": [{"id": 7, "user_id": 1}]}`,
		schema.KindUserGroupPolicies:  `{"1": [{"id": 5, "name": "Admins"}], "2": [{"id": 5, "name": "Admins"}]}`,
		schema.KindTeamUsers:          `[{"team_id": 1, "user_id": 2, "role": "lead"}, {"team_id": 1, "user_id": 2, "role": "lead"}]`,
	} {
		if _, res, err := readFile(t, kind, []byte(text)); err != nil || res.Rows != 2 {
			t.Errorf("%s: %v", kind, err)
		}
	}
}

// A 1,000,000-character value is read whole.
func TestReadHugeValue(t *testing.T) {
	huge := strings.Repeat("é", 500_000)
	sink, _, err := readFile(t, schema.KindUsers, []byte("[{\"id\": 1, \"username\": \""+huge+"\", \"notes\": \""+huge+"\"}]"))
	if err != nil {
		t.Fatal(err)
	}
	row := sink["users"][0]
	if row[schema.Users.Index("username")] != huge || len(row[schema.Users.Index("extra")].(string)) != len(huge)+len(`{"notes":""}`) {
		t.Errorf("huge value not read whole")
	}
}
