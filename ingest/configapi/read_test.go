package configapi

import (
	"strings"
	"testing"
	"time"

	"github.com/review-tool/review/ingest/reader"
	"github.com/review-tool/review/schema"
)

type memSink map[string][][]any

func (m memSink) Append(t *schema.Table, row []any) error {
	m[t.Name] = append(m[t.Name], append([]any(nil), row...))
	return nil
}

func read(t *testing.T, k schema.Kind, text string) (memSink, *reader.Result, error) {
	t.Helper()
	sink := memSink{}
	res, err := Read(k, Input{Path: "export/" + string(k) + ".json", Source: "pra-prod", FileID: 1}, strings.NewReader(text), sink)
	return sink, res, err
}

func TestReadUsers(t *testing.T) {
	sink, res, err := read(t, schema.KindUsers, `[
  {"id": 1, "security_provider_id": 1, "username": "jdoe", "enabled": true,
   "last_authentication": "2025-10-16T14:46:25+00:00", "created_at": null,
   "perm_admin": true, "perm_access_allowed": true, "custom_field": "x"},
  {"id": 2, "security_provider_id": 2, "username": "asmith", "enabled": false,
   "last_authentication": "2025-01-02T03:04:05Z", "perm_admin": false}
]`)
	if err != nil {
		t.Fatal(err)
	}
	rows := sink["users"]
	if len(rows) != 2 || res.Rows != 2 {
		t.Fatalf("rows = %d, result rows %d", len(rows), res.Rows)
	}
	u := schema.Users
	r := rows[0]
	if r[u.Index("username")] != "jdoe" || r[u.Index("is_admin")] != true || r[u.Index("line")] != int64(2) {
		t.Errorf("row 1 = %v", r)
	}
	want := time.Date(2025, 10, 16, 14, 46, 25, 0, time.UTC)
	if got := r[u.Index("last_authentication")]; got != want {
		t.Errorf("last_authentication = %v, want %v", got, want)
	}
	if got := r[u.Index("created_at")]; got != nil {
		t.Errorf("created_at = %v, want NULL", got)
	}
	if got := r[u.Index("perms")]; got != `{"perm_access_allowed":true,"perm_admin":true}` {
		t.Errorf("perms = %v", got)
	}
	if got := r[u.Index("extra")]; got != `{"custom_field":"x"}` {
		t.Errorf("extra = %v", got)
	}
	if rows[1][u.Index("line")] != int64(5) {
		t.Errorf("second user line = %v, want 5", rows[1][u.Index("line")])
	}
	if res.Product != "pra" {
		t.Errorf("product = %q", res.Product)
	}
	if !contains(res.Capabilities, "user.administrator") || !contains(res.Capabilities, "users") || contains(res.Capabilities, "user.two_factor") {
		t.Errorf("capabilities = %v", res.Capabilities)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func TestReadPerParentForms(t *testing.T) {
	keyed, _, err := read(t, schema.KindGroupPolicyMembers, `{"12": [{"id": 7, "security_provider_id": 1, "user_id": 42}], "13": []}`)
	if err != nil {
		t.Fatal(err)
	}
	flat, _, err := read(t, schema.KindGroupPolicyMembers, `[{"group_policy_id": 12, "id": 7, "security_provider_id": 1, "user_id": 42}]`)
	if err != nil {
		t.Fatal(err)
	}
	m := schema.GroupPolicyMembers
	for name, sink := range map[string]memSink{"keyed": keyed, "flat": flat} {
		rows := sink["group_policy_members"]
		if len(rows) != 1 || rows[0][m.Index("group_policy_id")] != int64(12) || rows[0][m.Index("user_id")] != int64(42) {
			t.Errorf("%s: rows = %v", name, rows)
		}
	}
	if got := len(keyed["parents"]); got != 2 {
		t.Errorf("keyed form recorded %d parents, want 2 (the empty list counts)", got)
	}
}

func TestReadErrors(t *testing.T) {
	tests := []readError{
		{"truncated", "user", "[\n {\"id\": 1, \"username\": \"a\"},\n {\"id\": 2,",
			"export/user.json:3:11: found the end of the file inside the object that starts at line 3, expected the rest of the object (the file looks truncated)"},
		{"bad date", "user", "[\n {\"id\": 1,\n  \"username\": \"a\",\n  \"last_authentication\": \"2025-02-30T10:00:00Z\"}\n]",
			`export/user.json:4:3: found the date "2025-02-30T10:00:00Z" in field "last_authentication", expected an RFC 3339 date-time such as 2025-10-16T14:46:25+00:00, or null`},
		{"string id", "user", `[{"id": "x1", "username": "a"}]`,
			`export/user.json:1:3: found the string "x1" in field "id", expected an integer id ≥ 1`},
		{"trailing data", "team", "[]\n[]",
			`export/team.json:2:1: found an array after the end of the JSON value, expected the end of the file`},
		{"not an object", "team", `[1]`,
			`export/team.json:1:2: found a number, expected an object`},
		{"empty", "team", "  \n",
			`export/team.json:2:1: found an empty file, expected a JSON array or object`},
		{"syntax", "team", "[{\"id\": 1,\n \"name\": x}]",
			`export/team.json:2:10: found invalid JSON (invalid character 'x' looking for beginning of value), expected a valid JSON object`},
		{"flat without parent", "team-user", `[{"user_id": 1, "role": "lead"}]`,
			`export/team-user.json:1:1: found a flat list without the parent id, expected a "team_id" field on each row, or an object keyed by parent id`},
		{"flat row without parent", "team-user", "[{\"team_id\": 1, \"user_id\": 1},\n {\"user_id\": 2}]",
			`export/team-user.json:2:2: found a row without team_id, expected a "team_id" field on each row, as other rows have`},
		{"flat row without parent first", "group-policy-member", "[{},\n {\"group_policy_id\": 1}]",
			`export/group-policy-member.json:1:2: found a row without group_policy_id, expected a "group_policy_id" field on each row, as other rows have`},
		{"flat null parent", "team-user", `[{"team_id": null, "user_id": 1}]`,
			`export/team-user.json:1:1: found a flat list without the parent id, expected a "team_id" field on each row, or an object keyed by parent id`},
		{"keyed parent disagrees", "team-user", `{"3": [{"team_id": 4, "user_id": 1}]}`,
			`export/team-user.json:1:9: found team_id 4 in the list of parent 3, expected the parent's id as team_id, or no team_id`},
		{"zero id", "team", `[{"id": 0, "name": "a"}]`,
			`export/team.json:1:3: found id 0, expected an integer id ≥ 1`},
		{"too big", "team", `[{"id": 99999999999999999999, "name": "a"}]`,
			`export/team.json:1:3: found the number 99999999999999999999 in field "id", expected an integer id ≥ 1`},
	}
	wantReadErrors(t, tests)
}

// detectCases are files and the kind each is detected as ("" for none).
var detectCases = []struct{ name, head, want string }{
	{"anything.json", `[{"id":1,"username":"a","security_provider_id":1}]`, "user"},
	{"vendor-user.json", `[{"id":1,"username":"a","last_authenticated_date":null}]`, "vendor-user"},
	{"x.json", `{"5": [], "6": [{"id": 1, "security_provider_id": 1, "user_id": 3}]}`, "group-policy-member"},
	{"team.json", `[{"id":1,"name":"A","code_name":"a"}]`, "team"},
	{"jump-group.json", `[{"id":1,"name":"A","code_name":"a"}]`, "jump-group"},
	{"user-group-policies.json", `{"4": [{"id": 2, "name": "Admins"}]}`, "user-group-policies"},
	{"vault-account-group.json", `[{"id":1,"name":"A"}]`, "vault-account-group"},
	{"team-user.json", `{"3": [{"user_id": 1, "role": "lead"}]}`, "team-user"},
	{"group-policies.json", `[]`, "group-policy"},
	{"x.json", `[{"jump_group_id": 1, "user_id": 2, "jump_item_role_id": 1}]`, "jump-group-user"},
	{"x.json", `[{"group_policy_id": 3, "jump_group_id": 1, "jump_item_role_id": 1}]`, "group-policy-jump-group"},
	{"notes.json", `[]`, ""},
	{"stuff.json", `[{"id":1,"name":"A","code_name":"a"}]`, ""},
}

func TestDetect(t *testing.T) {
	for _, tt := range detectCases {
		got, _ := Detect(tt.name, []byte(tt.head))
		if string(got) != tt.want {
			t.Errorf("Detect(%s) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// An object past maxObject is an error at its start, read no further.
func TestObjectTooLarge(t *testing.T) {
	defer func(n int) { maxObject = n }(maxObject)
	maxObject = 1 << 20
	big := `[{"id": 1, "username": "a"},` + "\n" + `{"id": 2, "username": "` + strings.Repeat("x", 2<<20) + `"}]`
	_, err := Read(schema.KindUsers, Input{Path: "user.json", Source: "s", FileID: 1}, strings.NewReader(big), discard{})
	if err == nil || !strings.HasPrefix(err.Error(), "user.json:2:1: found an object of more than 1 MiB") {
		t.Errorf("err = %v", err)
	}
}

// readError is a file of one kind and the error reading it must give.
type readError struct{ name, kind, text, want string }

// wantReadErrors reads each case's text and checks its error, exactly.
func wantReadErrors(t *testing.T, tests []readError) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := read(t, schema.Kind(tt.kind), tt.text)
			if err == nil {
				t.Fatalf("no error, want %s", tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("error\n got %s\nwant %s", err, tt.want)
			}
		})
	}
}
