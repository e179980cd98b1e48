package configapi

import (
	"strings"
	"testing"

	"github.com/review-tool/review/ingest/cells"
	"github.com/review-tool/review/ingest/located"
	"github.com/review-tool/review/schema"
)

// An account that cannot be told apart (no id, no username) and an object
// with a key twice stop the read at the place, naming what is wrong.
func TestIdentityAndDuplicateKeyErrors(t *testing.T) {
	tests := []readError{
		{"user without id", "user", "[\n {\"security_provider_id\": 1, \"username\": \"a\"}\n]",
			`export/user.json:2:2: found a user without an id, expected an "id" field holding an integer id ≥ 1`},
		{"user with null id", "user", "[\n {\"username\": \"a\",\n  \"id\": null}\n]",
			`export/user.json:3:3: found a user with "id": null, expected an integer id ≥ 1`},
		{"user with empty username", "user", "[\n {\"id\": 1,\n  \"username\": \"\"}\n]",
			`export/user.json:3:3: found a user with an empty username, expected a username of at least one character`},
		{"user with null username", "user", `[{"id": 1, "username": null}]`,
			`export/user.json:1:12: found a user with "username": null, expected a username of at least one character`},
		{"vendor user without id", "vendor-user", `{"3": [{"username": "v"}]}`,
			`export/vendor-user.json:1:8: found a vendor user without an id, expected an "id" field holding an integer id ≥ 1`},
		{"vendor user without username", "vendor-user", `[{"vendor_id": 3, "id": 4}]`,
			`export/vendor-user.json:1:2: found a vendor user without a username, expected a "username" field`},
		{"vendor user with empty username", "vendor-user", `[{"vendor_id": 3, "id": 4, "username": ""}]`,
			`export/vendor-user.json:1:28: found a vendor user with an empty username, expected a username of at least one character`},
		{"username with a line break", "user", "[\n {\"id\": 1,\n  \"username\": \"jdoe\\n\"}\n]",
			`export/user.json:3:3: found "jdoe\n" (U+000A at character 5) in field "username", expected ` + cells.ExpectIdentity},
		{"display name with NUL", "user", `[{"id": 1, "username": "a", "public_display_name": "Ann\u0000"}]`,
			`export/user.json:1:29: found "Ann\x00" (U+0000 at character 4) in field "public_display_name", expected ` + cells.ExpectIdentity},
		{"vendor user email with a C1 control", "vendor-user", `[{"vendor_id": 3, "id": 4, "username": "v", "email_address": "v\u0085@x"}]`,
			`export/vendor-user.json:1:45: found "v\u0085@x" (U+0085 at character 2) in field "email_address", expected ` + cells.ExpectIdentity},
		{"Jump Item without id", "shell-jump", "[\n {\"name\": \"a\", \"jump_group_id\": 1, \"jump_group_type\": \"shared\", \"terminal\": \"xterm\"}\n]",
			`export/shell-jump.json:2:2: found a Jump Item without an id, expected an "id" field holding an integer id ≥ 1`},
		{"Jump Item with a jump group type of neither kind", "shell-jump", "[\n {\"id\": 1, \"name\": \"a\", \"jump_group_id\": 1,\n  \"jump_group_type\": \"Personal\", \"terminal\": \"xterm\"}\n]",
			`export/shell-jump.json:3:3: found jump_group_type "Personal", expected shared or personal`},
		{"Jump Policy with null id", "jump-policy", "[\n {\"id\": null, \"display_name\": \"a\", \"approval_required\": true}\n]",
			`export/jump-policy.json:2:3: found a Jump Policy with "id": null, expected an integer id ≥ 1`},
		{"duplicate key", "user", "[\n {\"id\": 1, \"username\": \"a\",\n  \"enabled\": true,\n  \"enabled\": false}\n]",
			`export/user.json:4:3: found the key "enabled" again in one object (first at line 3, column 3), expected each key once in an object`},
		{"duplicate key escaped", "team", `[{"id": 1, "name": "a", "n\u0061me": "b"}]`,
			`export/team.json:1:25: found the key "name" again in one object (first at line 1, column 12), expected each key once in an object`},
		{"duplicate unknown key", "team-user", `{"2": [{"user_id": 1, "note": 1, "note": 2}]}`,
			`export/team-user.json:1:34: found the key "note" again in one object (first at line 1, column 23), expected each key once in an object`},
	}
	wantReadErrors(t, tests)
}

// Under --lenient each such object is set aside with its place, and the
// others load: rows read = loaded + rejected.
func TestIdentityErrorsAreBadRows(t *testing.T) {
	text := `[
 {"id": 1, "username": "ok"},
 {"username": "no-id"},
 {"id": 3, "username": ""},
 {"id": 4, "username": "twice", "username": "again"},
 {"id": 5, "username": " spaced "}
]`
	var bad []*located.Error
	sink := memSink{}
	res, err := Read(schema.KindUsers, Input{Path: "user.json", Source: "s", FileID: 1,
		BadRow: func(e *located.Error) error { bad = append(bad, e); return nil }}, strings.NewReader(text), sink)
	if err != nil {
		t.Fatal(err)
	}
	if res.Rows != 2 || len(bad) != 3 {
		t.Fatalf("loaded %d, rejected %d; want 2 and 3", res.Rows, len(bad))
	}
	for i, line := range []int64{3, 4, 5} {
		if bad[i].Line != line || bad[i].Raw == "" {
			t.Errorf("bad row %d at line %d (raw %q), want line %d with its text", i, bad[i].Line, bad[i].Raw, line)
		}
	}
	// A username keeps its bytes: spaces are part of it.
	if got := sink["users"][1][schema.Users.Index("username")]; got != " spaced " {
		t.Errorf("username = %q, want %q", got, " spaced ")
	}
}
