package ingest

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/review-tool/review/schema"
)

// rowSink keeps every row by table, as column name → value, for tests that
// look at what a fixture loads.
type rowSink struct {
	mu   sync.Mutex
	rows map[string][]map[string]any
}

func (s *rowSink) Append(t *schema.Table, row []any) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := make(map[string]any, len(row))
	for i, c := range t.Columns {
		m[c.Name] = row[i]
	}
	s.rows[t.Name] = append(s.rows[t.Name], m)
	return nil
}

func (s *rowSink) factory() SinkFactory {
	return func() (schema.Sink, func() error, error) { return s, func() error { return nil }, nil }
}

// str gives a cell as text: "" for nil, the value otherwise.
func str(v any) string {
	if v == nil {
		return ""
	}
	if p, ok := v.(*string); ok {
		if p == nil {
			return ""
		}
		return *p
	}
	return fmt.Sprint(v)
}

// The offboarding fixture (fixtures/offboarding, README.md there) loads
// whole, with the row counts its README states, and its planted session
// users are the accounts they are meant to be: by id where the source has
// Configuration API users (the two jsmith accounts told apart), by
// username ignoring case where it has the User Account Report only.
func TestOffboardingFixtureLoads(t *testing.T) {
	dir := filepath.Join("..", "fixtures", "offboarding")
	sink := &rowSink{rows: map[string][]map[string]any{}}
	m, err := Load(context.Background(), Options{
		Sources:  []string{filepath.Join(dir, "pra"), filepath.Join(dir, "rs"), filepath.Join(dir, "ps")},
		Roster:   filepath.Join(dir, "roster.csv"),
		Licenses: filepath.Join(dir, "licenses.csv"),
	}, sink.factory())
	if err != nil {
		t.Fatal(err)
	}

	// Rows per table and source: the README's table.
	want := map[string]int{
		"users/pra": 7, "users/rs": 3, "security_providers/pra": 2, "group_policies/pra": 2,
		"vendors/pra": 1, "vendor_users/pra": 2,
		"sessions/pra": 15, "sessions/rs": 5, "session_events/pra": 4, "vault_activity/pra": 6,
		"ps_users/ps": 5, "ps_user_groups/ps": 1, "ps_user_group_users/ps": 3,
		"ps_user_audits/ps": 6, "ps_sessions/ps": 3, "ps_roles/ps": 8,
		"roster/": 12, "licenses/": 3,
		"parents/pra": 1, "parents/ps": 1, "user_memberships/rs": 2, // the exported kinds; RS teams
	}
	got := map[string]int{}
	for table, rows := range sink.rows {
		for _, r := range rows {
			got[table+"/"+str(r["source"])]++
		}
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%s: %d rows, want %d", k, got[k], n)
		}
	}
	for k, n := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s: %d rows not in the README", k, n)
		}
	}

	// Files: each recognised as its kind (the listing and the empty report
	// with no rows; rows_read counts sessions, not representatives).
	kinds := map[string]string{}
	for _, f := range m.Files {
		rel, _ := filepath.Rel(dir, f.Path)
		kinds[filepath.ToSlash(rel)] = fmt.Sprintf("%s %d", f.Kind, f.RowsRead)
	}
	for path, k := range map[string]string{
		"pra/access-session.xml":  "session-report 12",
		"pra/vault-activity.xml":  "vault-activity 6",
		"pra/session-listing.xml": "session-listing 0",
		"rs/support-session.xml":  "session-report 4",
		"rs/vault-activity.xml":   "empty-report 0",
		"ps/UserAudits.json":      "ps-user-audit 6",
		"ps/Sessions.json":        "ps-session 3",
		"ps/Roles.json":           "ps-role 8",
	} {
		if kinds[path] != k {
			t.Errorf("%s: %q, want %q", path, kinds[path], k)
		}
	}
	if len(m.Files) != 19 {
		t.Errorf("%d files, want 19", len(m.Files))
	}

	// Accounts by id (pra: users and vendor users) and by lower-case
	// username (rs).
	praIDs := map[string]string{}
	for _, table := range []string{"users", "vendor_users"} {
		for _, r := range sink.rows[table] {
			if str(r["source"]) == "pra" {
				praIDs[str(r["id"])] = str(r["username"])
			}
		}
	}
	rsNames := map[string]bool{}
	for _, r := range sink.rows["users"] {
		if str(r["source"]) == "rs" {
			rsNames[strings.ToLower(str(r["username"]))] = true
		}
	}
	var matched, unknown, invited, open []string
	for _, r := range sink.rows["sessions"] {
		src, id, user := str(r["source"]), str(r["rep_id"]), str(r["username"])
		if str(r["open"]) == "true" {
			open = append(open, src+" "+str(r["lsid"])+" "+user)
		}
		if id == "" {
			continue
		}
		ok := false
		switch src {
		case "pra":
			ok = praIDs[id] != ""
			if ok && praIDs[id] != user {
				t.Errorf("pra session %s: rep %s is %q, the account with that id is %q", str(r["lsid"]), id, user, praIDs[id])
			}
		case "rs":
			ok = rsNames[strings.ToLower(user)]
		}
		switch {
		case str(r["invited"]) == "true":
			invited = append(invited, src+" "+user)
		case ok:
			matched = append(matched, src+" "+id+" "+user)
		default:
			unknown = append(unknown, src+" "+id+" "+user)
		}
	}
	for _, l := range [][]string{matched, unknown, invited, open} {
		sort.Strings(l)
	}
	check := func(what string, got []string, want string) {
		if strings.Join(got, ", ") != want {
			t.Errorf("%s: %s\nwant %s", what, strings.Join(got, ", "), want)
		}
	}
	check("matched representatives", matched, "pra 1 alice.ng, pra 1 alice.ng, pra 10 jsmith, pra 11 jsmith, pra 2 bruno.diaz, "+
		"pra 3 carla.rey, pra 3 carla.rey, pra 4 dev.patel, pra 4 dev.patel, pra 5 fay.olsen, pra 51 acme.ops, pra 52 acme.dev, "+
		"rs 1 alice.ng, rs 7 Hugo.Lind, rs 9 gina.wolf")
	check("unknown representatives", unknown, "pra 99 old.contractor, rs 40 temp.helper")
	check("invited representatives", invited, "pra guest-7f2a, rs ext.vendor")
	check("open sessions", open, "pra 0fb0a4000000000000000000000000a4 carla.rey, pra 0fb0ac000000000000000000000000ac , rs 1ac0b3000000000000000000000000b3 gina.wolf")

	// Vault actors: carla.rey twice, bruno.diaz, alice.ng match; 77 does not.
	var actors []string
	for _, r := range sink.rows["vault_activity"] {
		id := str(r["performed_by_id"])
		switch {
		case id == "":
			actors = append(actors, "none "+str(r["performed_by_type"]))
		case praIDs[id] != "":
			actors = append(actors, praIDs[id])
		default:
			actors = append(actors, "unknown "+id)
		}
	}
	sort.Strings(actors)
	check("vault actors", actors, "alice.ng, bruno.diaz, carla.rey, carla.rey, none System, unknown 77")

	// Password Safe: no session keeps its replay token.
	for _, r := range sink.rows["ps_sessions"] {
		if strings.Contains(strings.ToLower(str(r["extra"])), "token") || strings.Contains(str(r["extra"]), "secret") {
			t.Errorf("ps session %s keeps its token: %s", str(r["session_id"]), str(r["extra"]))
		}
	}
}
