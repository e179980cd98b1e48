package ingest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/review-tool/review/schema"
)

// The session and activity files beside the exports they belong to are
// recognised by exactly one reader each, with every reader asked: GET
// Roles, the role catalogue, is no longer taken for a group's roles (a
// flat list without its parent ids, which stopped the run), and a group's
// roles stay what they were.
func TestActivityFilesRecognisedByOneReader(t *testing.T) {
	for _, tt := range []struct {
		name, text string
		want       schema.Kind
	}{
		{"Roles.json", `[{"RoleID": 1, "Name": "Requestor"}, {"RoleID": 2, "Name": "Approver"}]`, schema.KindPSRoles},
		{"roles.json", `{"12/5": [{"RoleID": 1, "Name": "Requestor"}]}`, schema.KindPSUserGroupSmartRuleRoles},
		{"roles.json", `[{"GroupID": 12, "SmartRuleId": 5, "RoleID": 1, "Name": "Requestor"}]`, schema.KindPSUserGroupSmartRuleRoles},
		{"a.json", `{"TotalCount": 1, "Data": [{"AuditID": 1, "ActionType": "Login", "UserID": 1, "UserName": "a"}]}`, schema.KindPSUserAudits},
		{"b.json", `[{"SessionID": 1, "UserID": 1, "Status": 1, "StartTime": "2025-11-01T10:00:00"}]`, schema.KindPSSessions},
		{"c.xml", `<?xml version="1.0"?><session_list xmlns="http://www.beyondtrust.com/sra/namespaces/API/reporting"><session lsid="x"/></session_list>`, schema.KindSessionReport},
		{"d.xml", `<vault_account_activity_list/>`, schema.KindVaultActivity},
		{"e.xml", `<error>No session data matching your chosen criteria is available.</error>`, schema.KindEmptyReport},
		{"f.xml", `<license_usage><license_time_interval/></license_usage>`, schema.KindLicenseUsage},
	} {
		_, k, err := detect(readers, headOf(tt.name, tt.text))
		if err != nil || k != tt.want {
			t.Errorf("%s %s: %q, %v; want %s", tt.name, tt.text, k, err, tt.want)
		}
	}
}

// A Password Safe source with its role catalogue, audits and sessions
// loads every file (the catalogue used to stop the run); a source of
// activity alone is no export to review.
func TestLoadActivityBesideExports(t *testing.T) {
	dir := t.TempDir()
	ps := filepath.Join(dir, "ps")
	write(t, filepath.Join(ps, "Users.json"), `[{"UserID": 7, "UserName": "jdoe", "IsActive": true}]`)
	write(t, filepath.Join(ps, "Roles.json"), `[{"RoleID": 1, "Name": "Requestor"}]`)
	write(t, filepath.Join(ps, "UserAudits.json"), `{"Data": [{"AuditID": 1, "ActionType": "Login", "CreateDate": "2025-03-01T00:00:07Z", "UserID": 7}], "TotalCount": 1}`)
	write(t, filepath.Join(ps, "Sessions.json"), `[{"SessionID": 1, "UserID": 7, "StartTime": "2025-03-01T00:00:07Z", "EndTime": null, "Token": "t"}]`)
	sink := newCount()
	m, err := Load(context.Background(), Options{Sources: []string{ps}}, sink.factory())
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int64{}
	for _, f := range m.Files {
		kinds[f.Kind] = f.RowsRead
	}
	if len(kinds) != 4 || kinds["ps-role"] != 1 || kinds["ps-user-audit"] != 1 || kinds["ps-session"] != 1 || m.Sources[0].Product != "password-safe" {
		t.Errorf("files %v, product %s", kinds, m.Sources[0].Product)
	}
	for _, c := range []string{"ps_roles", "ps_user_audits", "ps_sessions"} {
		if !m.Sources[0].Capabilities[c] {
			t.Errorf("no capability %s: %v", c, m.Sources[0].Capabilities)
		}
	}

	only := filepath.Join(dir, "pra-sessions")
	b, err := os.ReadFile(filepath.Join("activity", "testdata", "access-session.xml"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(only, "sessions.xml"), string(b))
	_, err = Load(context.Background(), Options{Sources: []string{only}, Products: map[string]string{"pra-sessions": "pra"}}, newCount().factory())
	if err == nil || !strings.Contains(err.Error(), "no export recognised in it") {
		t.Errorf("a source of sessions alone: err = %v", err)
	}
}
