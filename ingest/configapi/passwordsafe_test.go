package configapi

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/review-tool/review/ingest/located"
	"github.com/review-tool/review/schema"
)

// Password Safe objects are told by their fields, whatever their case and
// whatever the file is called; a user list keyed by group id is a group's
// members; the API's own Configuration API objects stay what they were.
func TestDetectPasswordSafe(t *testing.T) {
	tests := []struct{ name, head, want string }{
		{"Users.json", `[{"UserID": 1, "UserName": "jdoe", "DomainName": "CORP", "IsActive": true}]`, "ps-user"},
		{"export.json", `[{"userid": 1, "username": "jdoe", "emailaddress": "j@corp.example"}]`, "ps-user"},
		{"members.json", `{"12": [{"UserID": 1, "UserName": "jdoe"}], "13": []}`, "ps-user-group-user"},
		{"members.json", `[{"GroupID": 12, "UserID": 1, "UserName": "jdoe"}]`, "ps-user-group-user"},
		{"UserGroups.json", `[{"GroupID": 12, "Name": "Admins", "GroupType": "BeyondInsight", "IsActive": true}]`, "ps-user-group"},
		{"Entitlements.json", `[{"GroupID": 12, "Name": "Admins", "SmartRuleId": 5, "Title": "Servers", "RoleId": 2, "UserID": 1, "UserName": "jdoe"}]`, "ps-entitlement"},
		{"Entitlements.json", `[{"GroupID": 12, "SmartRuleID": 5, "RoleID": 2, "UserID": 1}]`, "ps-entitlement"},
		{"rules.json", `{"12": [{"SmartRuleId": 5, "Title": "Servers", "AccessLevelID": 3}]}`, "ps-user-group-smart-rule"},
		{"rules.json", `[{"GroupID": 12, "SmartRuleId": 5, "Title": "Servers", "AccessLevelID": 3}]`, "ps-user-group-smart-rule"},
		{"roles.json", `{"12/5": [{"RoleID": 1, "Name": "Requestor"}]}`, "ps-user-group-smart-rule-role"},
		{"roles.json", `[{"GroupID": 12, "SmartRuleId": 5, "RoleID": 1, "Name": "Requestor"}]`, "ps-user-group-smart-rule-role"},
		// GET Roles, the role catalogue, is ingest/activity's.
		{"Roles.json", `[{"RoleID": 1, "Name": "Requestor"}, {"RoleID": 2, "Name": "Approver"}]`, ""},
		{"catalogue.json", `[{"RoleID": 1, "Name": "Requestor", "Description": "x"}]`, ""},
		{"members.json", `{"12": [{"UserID": 1}]}`, "ps-user-group-user"},
		{"UserAudits.json", `[{"AuditID": 1, "ActionType": "Login", "CreateDate": "2025-11-01T10:00:00", "UserID": 1, "UserName": "jdoe", "IPAddress": "10.0.0.1"}]`, ""},
		{"Sessions.json", `[{"SessionID": 1, "UserID": 1, "Status": 1, "StartTime": "2025-11-01T10:00:00"}]`, ""},
		{"ps-users.json", `[]`, "ps-user"},
		{"user.json", `[]`, "user"},
		{"anything.json", `[{"id":1,"username":"a","security_provider_id":1}]`, "user"},
	}
	for _, tt := range tests {
		if got, _ := Detect(tt.name, []byte(tt.head)); string(got) != tt.want {
			t.Errorf("Detect(%s, %s) = %q, want %q", tt.name, tt.head, got, tt.want)
		}
	}
}

// A Password Safe user loads with its fields in their columns, the
// unnamed ones in extra, a LastLoginDate without a zone as UTC (seven
// fraction digits, as .NET writes them), product password-safe, and the
// capabilities its fields give: no two-factor, no creation date.
func TestReadPasswordSafeUsers(t *testing.T) {
	sink, res, err := read(t, schema.KindPSUsers, `[
  {"UserID": 7, "UserName": "jdoe", "DomainName": "CORP", "EmailAddress": "jane.doe@corp.example",
   "FirstName": "Jane", "LastName": "Doe", "LastLoginDate": "2025-06-01T10:20:30.1234567",
   "IsActive": true, "IsQuarantined": false, "UserType": "ActiveDirectory", "Shadow": 1},
  {"userid": 8, "username": "batch", "lastlogindate": null, "isactive": true, "isquarantined": true, "usertype": "Application"}
]`)
	if err != nil {
		t.Fatal(err)
	}
	u := schema.PSUsers
	rows := sink[u.Name]
	if len(rows) != 2 || res.Rows != 2 {
		t.Fatalf("rows = %v", rows)
	}
	r := rows[0]
	want := time.Date(2025, 6, 1, 10, 20, 30, 123456700, time.UTC)
	if got := r[u.Index("last_login_date")]; got != want {
		t.Errorf("last_login_date = %v, want %v", got, want)
	}
	if r[u.Index("id")] != int64(7) || r[u.Index("username")] != "jdoe" || r[u.Index("domain_name")] != "CORP" ||
		r[u.Index("email_address")] != "jane.doe@corp.example" || r[u.Index("is_active")] != true || r[u.Index("user_type")] != "ActiveDirectory" {
		t.Errorf("row 1 = %v", r)
	}
	if got := r[u.Index("extra")]; got != `{"Shadow":1}` {
		t.Errorf("extra = %v", got)
	}
	r = rows[1]
	if r[u.Index("id")] != int64(8) || r[u.Index("is_quarantined")] != true || r[u.Index("user_type")] != "Application" || r[u.Index("last_login_date")] != nil {
		t.Errorf("row 2 (lower-case fields) = %v", r)
	}
	if res.Product != "password-safe" {
		t.Errorf("product = %q", res.Product)
	}
	for _, c := range []string{"ps_users", "user.enabled", "user.last_authentication", "user.email"} {
		if !slices.Contains(res.Capabilities, c) {
			t.Errorf("capabilities %v lack %s", res.Capabilities, c)
		}
	}
	for _, c := range []string{"user.two_factor", "user.created_at", "user.administrator", "users"} {
		if slices.Contains(res.Capabilities, c) {
			t.Errorf("capabilities %v give %s, which a Password Safe user list does not state", res.Capabilities, c)
		}
	}
}

// Both per-parent forms load the same rows: keyed by group id (an empty
// list recorded as a parent) or flat with GroupID; a group's roles on a
// Smart Rule keyed "{groupId}/{ruleId}" or flat with both fields.
func TestReadPasswordSafePerParentForms(t *testing.T) {
	keyed, _, err := read(t, schema.KindPSUserGroupUsers, `{"12": [{"UserID": 1, "UserName": "jdoe"}], "13": []}`)
	if err != nil {
		t.Fatal(err)
	}
	flat, _, err := read(t, schema.KindPSUserGroupUsers, `[{"GroupID": 12, "UserID": 1, "UserName": "jdoe"}]`)
	if err != nil {
		t.Fatal(err)
	}
	m := schema.PSUserGroupUsers
	for name, sink := range map[string]memSink{"keyed": keyed, "flat": flat} {
		rows := sink[m.Name]
		if len(rows) != 1 || rows[0][m.Index("group_id")] != int64(12) || rows[0][m.Index("user_id")] != int64(1) {
			t.Errorf("%s: rows = %v", name, rows)
		}
	}
	if got := len(keyed["parents"]); got != 2 {
		t.Errorf("keyed form recorded %d parents, want 2 (the empty list counts)", got)
	}

	keyedRoles, res, err := read(t, schema.KindPSUserGroupSmartRuleRoles, `{"12/5": [{"RoleID": 1, "Name": "Requestor"}, {"RoleID": 2, "Name": "Approver"}], "12/6": []}`)
	if err != nil {
		t.Fatal(err)
	}
	flatRoles, _, err := read(t, schema.KindPSUserGroupSmartRuleRoles, `[{"GroupID": 12, "SmartRuleID": 5, "RoleID": 1, "Name": "Requestor"}, {"GroupID": 12, "SmartRuleId": 5, "RoleId": 2, "Name": "Approver"}]`)
	if err != nil {
		t.Fatal(err)
	}
	r := schema.PSUserGroupSmartRuleRoles
	for name, sink := range map[string]memSink{"keyed": keyedRoles, "flat": flatRoles} {
		rows := sink[r.Name]
		if len(rows) != 2 {
			t.Fatalf("%s: rows = %v", name, rows)
		}
		for i, row := range rows {
			if row[r.Index("group_id")] != int64(12) || row[r.Index("smart_rule_id")] != int64(5) || row[r.Index("role_id")] != int64(i+1) {
				t.Errorf("%s: row %d = %v", name, i, row)
			}
		}
	}
	// Only the entitlements say which groups are administrator groups:
	// the roles alone do not make "not an administrator" known.
	if slices.Contains(res.Capabilities, "user.administrator") {
		t.Errorf("roles give capabilities %v, want no user.administrator", res.Capabilities)
	}
	_, ent, err := read(t, schema.KindPSEntitlements, `[{"GroupID": 10, "Name": "PS Administrators", "SmartRuleId": 1, "Title": "All", "AccessLevel": "Read", "RoleId": 5, "RoleName": "Auditor", "IsAdministratorGroup": true, "UserID": 1, "UserName": "anna"}]`)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(ent.Capabilities, "user.administrator") {
		t.Errorf("entitlements give capabilities %v, want user.administrator among them", ent.Capabilities)
	}
}

// Bad Password Safe input names the file, line and column, and the field
// as the export spells it.
func TestReadPasswordSafeErrors(t *testing.T) {
	tests := []readError{
		{"wrong type", "ps-user", "[\n {\"UserID\": 1, \"UserName\": \"a\",\n  \"IsActive\": \"maybe\"}]",
			`export/ps-user.json:3:3: found the string "maybe" in field "IsActive", expected true or false`},
		{"bad date", "ps-user", "[{\"UserID\": 1, \"UserName\": \"a\", \"LastLoginDate\": \"yesterday\"}]",
			`export/ps-user.json:1:33: found the date "yesterday" in field "LastLoginDate", expected an RFC 3339 date-time such as 2025-10-16T14:46:25+00:00, or null`},
		{"truncated", "ps-user", "[\n {\"UserID\": 1, \"UserName\": \"a\"},\n {\"UserID\": 2,",
			"export/ps-user.json:3:15: found the end of the file inside the object that starts at line 3, expected the rest of the object (the file looks truncated)"},
		{"no id", "ps-user", `[{"UserName": "a"}]`,
			`export/ps-user.json:1:2: found a Password Safe user without an id, expected an "UserID" field holding an integer id ≥ 1`},
		{"id twice", "ps-user", "[{\"UserID\": 1, \"UserName\": \"a\"},\n {\"userid\": 1, \"UserName\": \"b\"}]",
			`export/ps-user.json:2:3: found UserID 1 again (first at line 1), expected each id once`},
		{"key twice in two cases", "ps-user", `[{"UserID": 1, "userId": 2, "UserName": "a"}]`,
			`export/ps-user.json:1:16: found the key "userId" again in one object (first at line 1, column 3), expected each key once in an object`},
		{"bad composite key", "ps-user-group-smart-rule-role", `{"12": [{"RoleID": 1, "Name": "Requestor"}]}`,
			`export/ps-user-group-smart-rule-role.json:1:2: found the key "12", expected a parent key two integer ids ≥ 1, GroupID/SmartRuleId`},
		{"keyed parent disagrees", "ps-user-group-user", `{"3": [{"GroupID": 4, "UserID": 1}]}`,
			`export/ps-user-group-user.json:1:9: found GroupID 4 in the list of parent 3, expected the parent's id as GroupID, or no GroupID`},
		{"flat row without parent", "ps-user-group-smart-rule-role", "[{\"GroupID\": 1, \"SmartRuleId\": 2, \"RoleID\": 1},\n {\"GroupID\": 1, \"RoleID\": 2}]",
			`export/ps-user-group-smart-rule-role.json:2:2: found a row without GroupID or SmartRuleId, expected "GroupID" and "SmartRuleId" fields on each row, as other rows have`},
	}
	wantReadErrors(t, tests)
}

// Under --lenient a bad Password Safe row is handed over whole and the
// read goes on with the others.
func TestReadPasswordSafeBadRowLenient(t *testing.T) {
	var bad []string
	sink := memSink{}
	in := Input{Path: "Users.json", Source: "ps", FileID: 1, BadRow: func(e *located.Error) error {
		bad = append(bad, e.Error())
		return nil
	}}
	res, err := Read(schema.KindPSUsers, in, strings.NewReader("[{\"UserID\": 1, \"UserName\": \"a\"},\n {\"UserID\": 2, \"UserName\": \"b\", \"IsActive\": 3}]"), sink)
	if err != nil {
		t.Fatal(err)
	}
	if res.Rows != 1 || len(sink["ps_users"]) != 1 || len(bad) != 1 || !strings.HasPrefix(bad[0], `Users.json:2:33: found the number 3 in field "IsActive"`) {
		t.Errorf("rows %d, bad %v", res.Rows, bad)
	}
}
