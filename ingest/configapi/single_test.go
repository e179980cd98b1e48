package configapi

import (
	"strings"
	"testing"

	"github.com/review-tool/review/schema"
)

// GET /security-provider/{id} returns one object, not an array, and only it
// carries default_policy: a file holding that object, or several saved one
// after another, is recognised and read; a keyed per-parent export still
// reads as keyed.
func TestSingleObjectExports(t *testing.T) {
	one := `{"id": 2, "name": "Corp AD", "type": "ldap", "enabled": true, "default_policy": 3}`
	two := one + "\n" + `{"id": 1, "name": "Local", "type": "local", "enabled": true, "default_policy": 0}` + "\n"
	for _, tt := range []struct {
		text string
		rows int
	}{{one, 1}, {two, 2}} {
		if k, lookFor := Detect("provider-2.json", []byte(tt.text)); k != schema.KindSecurityProviders {
			t.Errorf("Detect = %q (%s), want security providers", k, lookFor)
		}
		sink, res, err := read(t, schema.KindSecurityProviders, tt.text)
		if err != nil || res.Rows != int64(tt.rows) || len(sink["security_providers"]) != tt.rows {
			t.Fatalf("read %d objects: %v, %+v", tt.rows, err, res)
		}
		row := sink["security_providers"][0]
		if row[schema.SecurityProviders.Index("default_policy")] != int64(3) || row[schema.SecurityProviders.Index("line")] != int64(1) {
			t.Errorf("row = %v", row)
		}
	}
	_, _, err := read(t, schema.KindSecurityProviders, one+` [1]`)
	if err == nil || !strings.Contains(err.Error(), `:1:84: found an array after an object, expected another object or the end of the file`) {
		t.Errorf("err = %v", err)
	}
	sink, _, err := read(t, schema.KindGroupPolicyMembers, `{"12": [{"id": 7, "security_provider_id": 1, "user_id": 42}], "13": []}`)
	if err != nil || len(sink["group_policy_members"]) != 1 {
		t.Errorf("keyed export: %v, %v", err, sink)
	}
}
