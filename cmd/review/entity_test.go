package main

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/review-tool/review/internal/model"
)

// One username in two providers of a source is two accounts: their
// findings name the provider too, so a reviewer can tell them apart, and
// get distinct ids; an unambiguous username keeps the plain form and the
// id docs/outputs.md defines.
func TestAmbiguousUsernameNamesItsProvider(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := filepath.Join(dir, "pra")
	os.MkdirAll(src, 0o755)
	os.WriteFile(filepath.Join(src, "security-provider.json"), []byte(`[
  {"id": 1, "name": "Local", "type": "local", "enabled": true, "default_policy": 1},
  {"id": 2, "name": "Corp AD", "type": "ldap", "enabled": true, "default_policy": 1}]`), 0o644)
	stale := `"enabled": true, "perm_access_allowed": true, "last_authentication": "2025-01-02T00:00:00Z", "created_at": "2020-01-01T00:00:00Z"`
	os.WriteFile(filepath.Join(src, "user.json"), []byte(`[
  {"id": 1, "security_provider_id": 1, "username": "jsmith", `+stale+`},
  {"id": 2, "security_provider_id": 2, "username": "JSmith", `+stale+`},
  {"id": 3, "security_provider_id": 2, "username": "amy", `+stale+`}]`), 0o644)
	fx := fixture{args: []string{src}}
	_, jsonl := runFixture(t, fx, dir)
	var got []string
	ids := map[string]string{}
	for _, f := range readJSONL(t, jsonl) {
		if f.Rule == "stale-account" {
			got = append(got, f.Entity)
			ids[f.Entity] = f.ID
		}
	}
	sort.Strings(got)
	want := []string{"JSmith (Corp AD)", "amy", "jsmith (Local)"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("stale-account entities %q, want %q", got, want)
	}
	if ids["JSmith (Corp AD)"] == ids["jsmith (Local)"] {
		t.Errorf("the two jsmith accounts share the id %s", ids["jsmith (Local)"])
	}
	if ids["amy"] != model.FindingID("stale-account", "pra", "account", "amy") {
		t.Errorf("amy's id %s changed from the documented form", ids["amy"])
	}
}

// The published schema lets a security provider's (and a vendor's) default_policy be 0,
// meaning none: it is no reference to a group policy 0 (no
// dangling-reference), and its users without a policy are found.
func TestDefaultPolicyZeroMeansNone(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := filepath.Join(dir, "pra")
	os.MkdirAll(src, 0o755)
	os.WriteFile(filepath.Join(src, "security-provider.json"), []byte(`[{"id": 1, "name": "Local", "type": "local", "enabled": true, "default_policy": 0}]`), 0o644)
	os.WriteFile(filepath.Join(src, "group-policy.json"), []byte(`[{"id": 5, "name": "Admins", "perm_access_allowed": true}]`), 0o644)
	// A vendor's default_policy of 0 is none too, read in the same place.
	os.WriteFile(filepath.Join(src, "vendor.json"), []byte(`[{"id": 3, "name": "Acme", "default_policy": 0, "account_expiration": 30}]`), 0o644)
	os.WriteFile(filepath.Join(src, "group-policy-member.json"), []byte(`{"5": [{"id": 1, "security_provider_id": 1, "user_id": 2}]}`), 0o644)
	os.WriteFile(filepath.Join(src, "user.json"), []byte(`[
  {"id": 1, "security_provider_id": 1, "username": "amy", "enabled": true, "perm_access_allowed": true, "last_authentication": "2025-11-20T00:00:00Z"},
  {"id": 2, "security_provider_id": 1, "username": "ben", "enabled": true, "perm_access_allowed": true, "last_authentication": "2025-11-20T00:00:00Z"}]`), 0o644)
	_, jsonl := runFixture(t, fixture{args: []string{src}}, dir)
	var got []string
	for _, f := range readJSONL(t, jsonl) {
		got = append(got, f.Rule+" "+f.Entity)
	}
	sort.Strings(got)
	if strings.Join(got, "|") != "user-without-group-policy amy" {
		t.Errorf("findings %q, want only user-without-group-policy on amy", got)
	}
}
