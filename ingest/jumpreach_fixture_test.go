package ingest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/review-tool/review/schema"
)

// The jump-reach fixture (fixtures/jump-reach, README.md there) loads
// whole: every file recognised as its kind from its content (the
// PostgreSQL and MySQL tunnels by their names, which alone tell them
// apart), the Jump Items in one table by type, and the planted cases'
// Jump Policies as the README states them.
func TestJumpReachFixtureLoads(t *testing.T) {
	dir := filepath.Join("..", "fixtures", "jump-reach", "pra-jump")
	sink := &rowSink{rows: map[string][]map[string]any{}}
	m, err := Load(context.Background(), Options{Sources: []string{dir}}, sink.factory())
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Sources) != 1 || m.Sources[0].Product != "pra" {
		t.Fatalf("sources = %+v", m.Sources)
	}
	kinds := map[string]string{}
	for _, f := range m.Files {
		kinds[filepath.Base(f.Path)] = fmt.Sprintf("%s %d", f.Kind, f.RowsRead)
	}
	want := map[string]string{
		"user.json": "user 6", "security-provider.json": "security-provider 1", "group-policy.json": "group-policy 6",
		"group-policy-member.json": "group-policy-member 6", "vendor.json": "vendor 1", "vendor-user.json": "vendor-user 1",
		"jump-group.json": "jump-group 6", "group-policy-jump-group.json": "group-policy-jump-group 4",
		"jump-group-user.json": "jump-group-user 3", "jump-policy.json": "jump-policy 3", "session-policy.json": "session-policy 2",
		"remote-rdp.json": "remote-rdp 3", "remote-vnc.json": "remote-vnc 1", "shell-jump.json": "shell-jump 2",
		"protocol-tunnel-jump.json": "protocol-tunnel-jump 1", "network-tunnel-jump.json": "network-tunnel-jump 1",
		"psql-tunnel-jump.json": "psql-tunnel-jump 1", "mysql-tunnel-jump.json": "mysql-tunnel-jump 1",
		"web-jump.json": "web-jump 2", "jump-client.json": "jump-client 1",
	}
	for name, k := range want {
		if kinds[name] != k {
			t.Errorf("%s: %q, want %q", name, kinds[name], k)
		}
	}
	if len(kinds) != len(want) {
		t.Errorf("files %v, want %d", kinds, len(want))
	}
	for _, c := range []string{"jump_items", "jump_policies", "session_policies", schema.CapJumpPolicyApproval,
		schema.CapJumpPolicyRecordings, schema.CapJumpGroupUserPolicy, schema.CapGroupPolicyJumpGroupPolicy} {
		if !m.Sources[0].Capabilities[c] {
			t.Errorf("no capability %s", c)
		}
	}

	// The items: type, id, name, host, group (type), policy.
	var items []string
	for _, r := range sink.rows["jump_items"] {
		items = append(items, strings.Join([]string{str(r["type"]), str(r["id"]), str(r["name"]), str(r["host"]),
			str(r["jump_group_type"]) + " " + str(r["jump_group_id"]), "policy " + str(r["jump_policy_id"])}, " | "))
	}
	sort.Strings(items)
	wantItems := []string{
		"jump_client | 1 | fin-ws042 | FIN-WS042 | shared 1 | policy 2",
		"mysql_tunnel | 1 | mysql-crm | mysql-crm01.corp.example | shared 2 | policy 2",
		"network_tunnel | 1 | branch-net |  | shared 4 | policy ",
		"protocol_tunnel | 1 | mssql-fin | sql-fin01.corp.example | shared 2 | policy 3",
		"psql_tunnel | 1 | pg-prod | pg-prod01.corp.example | shared 2 | policy 2",
		"remote_rdp | 1 | dc01 | dc01.corp.example | shared 1 | policy 2",
		"remote_rdp | 2 | erp-db01 | erp-db01.corp.example | shared 5 | policy 1",
		"remote_rdp | 3 | frank-lab | 10.20.30.40 | personal 6 | policy ",
		"remote_vnc | 1 | kiosk01 | kiosk01.corp.example | shared 1 | policy 2",
		"shell_jump | 1 | erp-app01 | erp-app01.corp.example | shared 5 | policy 2",
		"shell_jump | 2 | core-sw01 | core-sw01.corp.example | shared 4 | policy ",
		"web_jump | 1 | intranet-admin | https://intranet.corp.example/admin | shared 3 | policy ",
		"web_jump | 2 | old-wiki | https://wiki-old.corp.example/ | shared 6 | policy ",
	}
	if !slices.Equal(items, wantItems) {
		t.Errorf("jump items:\n%s\nwant:\n%s", strings.Join(items, "\n"), strings.Join(wantItems, "\n"))
	}

	var policies []string
	for _, r := range sink.rows["jump_policies"] {
		policies = append(policies, fmt.Sprintf("%s %s approval=%s recordings_disabled=%s", str(r["id"]), str(r["display_name"]),
			str(r["approval_required"]), str(r["recordings_disabled"])))
	}
	if want := []string{"1 Approval Required approval=true recordings_disabled=false", "2 Standard approval=false recordings_disabled=false",
		"3 No Recording approval=false recordings_disabled=true"}; !slices.Equal(policies, want) {
		t.Errorf("jump policies %v, want %v", policies, want)
	}

	// The memberships' own policies, raw: 0 and NULL kept apart.
	var memberships []string
	for _, r := range sink.rows["group_policy_jump_groups"] {
		memberships = append(memberships, fmt.Sprintf("group policy %s → %s: %s", str(r["group_policy_id"]), str(r["jump_group_id"]), str(r["jump_policy_id"])))
	}
	for _, r := range sink.rows["jump_group_users"] {
		memberships = append(memberships, fmt.Sprintf("user %s → %s: %s", str(r["user_id"]), str(r["jump_group_id"]), str(r["jump_policy_id"])))
	}
	sort.Strings(memberships)
	if want := []string{"group policy 2 → 1: 0", "group policy 2 → 2: 3", "group policy 5 → 1: 1", "group policy 5 → 5: 0",
		"user 3 → 3: ", "user 4 → 2: ", "user 6 → 4: 2"}; !slices.Equal(memberships, want) {
		t.Errorf("memberships %v, want %v", memberships, want)
	}
}

// A Jump Item file the content cannot place and the name does not name is
// recognised as nothing, naming what would tell: never taken for one of
// the two.
func TestAmbiguousJumpItemFile(t *testing.T) {
	src := filepath.Join(t.TempDir(), "pra-jump")
	fixture := filepath.Join("..", "fixtures", "jump-reach", "pra-jump")
	entries, err := os.ReadDir(fixture)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(fixture, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(src, e.Name()), string(b))
	}
	tunnel := `[{"id": 2, "name": "pg-stage", "jumpoint_id": 1, "hostname": "pg-stage", "jump_group_id": 2, "jump_group_type": "shared", "tag": "", "comments": "", "jump_policy_id": 2, "session_policy_id": 2, "tunnel_listen_address": "127.0.0.1", "username": "dba", "database": "orders"}]`
	write(t, filepath.Join(src, "db-tunnels.json"), tunnel)
	_, err = Load(context.Background(), Options{Sources: []string{src}}, newCount().factory())
	var unknown *UnknownFilesError
	if !errors.As(err, &unknown) || len(unknown.Files) != 1 ||
		!strings.Contains(err.Error(), "db-tunnels.json: recognised as nothing: looked for a file name telling which of psql-tunnel-jump.json, mysql-tunnel-jump.json this is") {
		t.Errorf("err = %v", err)
	}
}
