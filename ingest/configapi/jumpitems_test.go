package configapi

import (
	"slices"
	"strings"
	"testing"

	"github.com/review-tool/review/ingest/located"
	"github.com/review-tool/review/schema"
)

// jumpItemExports are one realistic object of each Jump Item type, as
// GET /jump-item/{type} and GET /jump-client return them (PRA 1.10), with
// the kind and the host each must give.
var jumpItemExports = []struct {
	kind schema.Kind
	typ  string
	host any
	text string
}{
	{schema.KindRemoteRDP, "remote_rdp", "dc01.corp.example", `[
  {"id": 1, "name": "dc01", "jumpoint_id": 1, "hostname": "dc01.corp.example", "jump_group_id": 1, "jump_group_type": "shared", "quality": "best_performance", "console": false, "ignore_untrusted": false, "tag": "dc", "comments": "", "rdp_username": "", "domain": "CORP", "jump_policy_id": 2, "session_forensics": false, "session_policy_id": 2, "endpoint_id": null, "secure_app_type": "none", "remote_app_name": "", "remote_app_params": "", "remote_exe_path": "", "remote_exe_params": "", "target_system": "", "credential_type": ""}
]`},
	{schema.KindRemoteVNC, "remote_vnc", "kiosk01.corp.example", `[
  {"id": 1, "name": "kiosk01", "jumpoint_id": 1, "hostname": "kiosk01.corp.example", "port": 5900, "jump_group_id": 1, "jump_group_type": "shared", "tag": "", "comments": "", "jump_policy_id": null, "session_policy_id": null}
]`},
	{schema.KindShellJump, "shell_jump", "core-sw01.corp.example", `[
  {"id": 2, "name": "core-sw01", "jumpoint_id": 2, "hostname": "core-sw01.corp.example", "protocol": "ssh", "port": 22, "jump_group_id": 4, "jump_group_type": "shared", "terminal": "xterm", "keep_alive": 0, "tag": "", "comments": "", "jump_policy_id": null, "username": "netops", "session_policy_id": 2}
]`},
	{schema.KindProtocolTunnelJump, "protocol_tunnel", "sql-fin01.corp.example", `[
  {"id": 1, "name": "mssql-fin", "jumpoint_id": 1, "hostname": "sql-fin01.corp.example", "jump_group_id": 2, "jump_group_type": "shared", "tag": "", "comments": "", "jump_policy_id": 3, "session_policy_id": 2, "tunnel_listen_address": "127.0.0.1", "tunnel_definitions": "", "tunnel_type": "mssql", "username": "fin", "database": "finance", "url": "", "ca_certificates": ""}
]`},
	{schema.KindNetworkTunnelJump, "network_tunnel", nil, `[
  {"id": 1, "name": "branch-net", "jumpoint_id": 2, "jump_group_id": 4, "jump_group_type": "shared", "tag": "", "comments": "", "jump_policy_id": null, "session_policy_id": 2, "filter_rules": [{"ip_addresses": {"cidr": "10.40.0.0/16"}, "protocol": "TCP", "ports": {"list": [22, 443]}}]}
]`},
	{schema.KindWebJump, "web_jump", "https://intranet.corp.example/admin", `[
  {"id": 1, "name": "intranet-admin", "jumpoint_id": 1, "url": "https://intranet.corp.example/admin", "username_format": "default", "verify_certificate": true, "jump_group_id": 3, "jump_group_type": "shared", "authentication_timeout": 3, "tag": "", "comments": "", "jump_policy_id": null, "username_field": null, "password_field": null, "submit_field": null, "session_policy_id": 2}
]`},
	{schema.KindJumpClients, "jump_client", "FIN-WS042", `[
  {"id": 1, "jump_group_id": 1, "jump_group_type": "shared", "name": "fin-ws042", "hostname": "FIN-WS042", "fqdn": "fin-ws042.corp.example", "tag": "", "comments": "", "jump_policy_id": 2, "session_policy_id": 2, "install_mode": "service", "connection_type": "active", "last_connect_timestamp": "2025-11-21T07:58:00+00:00", "last_disconnect_timestamp": "2025-11-20T18:02:11+00:00", "is_lost": false, "needs_update": false, "unavailable_reason": "none", "operating_system": "Windows 11 Enterprise", "public_ip": "198.51.100.24", "private_ip": "10.10.4.42", "console_user": "CORP\\jmeyer", "expiration_timestamp": "2026-05-20T07:58:00+00:00", "max_offline_minutes": 0, "last_access_timestamp": "2025-11-19T15:20:00+00:00", "endpoint_agreement_policy": "no_prompt"}
]`},
	// A Remote Support Jump Client: two session policies, no
	// session_policy_id.
	{schema.KindJumpClients, "jump_client", "HELPDESK-07", `[
  {"id": 4, "jump_group_id": 9, "jump_group_type": "personal", "name": "helpdesk-07", "hostname": "HELPDESK-07", "fqdn": "helpdesk-07.corp.example", "tag": "", "comments": "", "jump_policy_id": null, "attended_session_policy_id": 3, "unattended_session_policy_id": null, "install_mode": "user", "connection_type": "passive", "is_quiet": false, "customer_client_start_mode": "normal", "public_site_address": "support.corp.example"}
]`},
}

// postgresAndMySQL are the two tunnel types whose objects have the same
// fields: the file name tells which.
const postgresAndMySQL = `[
  {"id": 1, "name": "pg-prod", "jumpoint_id": 1, "hostname": "pg-prod01.corp.example", "jump_group_id": 2, "jump_group_type": "shared", "tag": "", "comments": "", "jump_policy_id": 2, "session_policy_id": 2, "tunnel_listen_address": "127.0.0.1", "username": "dba", "database": "orders"}
]`

// Each Jump Item type is told by its content, whatever the file is
// called, but for the PostgreSQL and MySQL tunnels, which only the name
// tells apart; one with the fields every type has is its name's.
func TestJumpItemDetected(t *testing.T) {
	for _, tt := range jumpItemExports {
		for _, name := range []string{"export.json", "jump-items.json", "remote-rdp.json", string(tt.kind) + ".json"} {
			if got, msg := Detect(name, []byte(tt.text)); got != tt.kind {
				t.Errorf("Detect(%s, a %s export) = %q (%s)", name, tt.kind, got, msg)
			}
		}
	}
	for _, name := range []string{"psql-tunnel-jump.json", "jump-item-psql-tunnel-jump.json", "PSQL Tunnel Jumps.json"} {
		if got, _ := Detect(name, []byte(postgresAndMySQL)); got != schema.KindPSQLTunnelJump {
			t.Errorf("Detect(%s) = %q, want the PostgreSQL tunnel", name, got)
		}
	}
	if got, _ := Detect("mysql-tunnel-jump.json", []byte(postgresAndMySQL)); got != schema.KindMySQLTunnelJump {
		t.Errorf("Detect(mysql-tunnel-jump.json) = %q", got)
	}
	// Content that fits both, and a name that is neither: no guess.
	for _, name := range []string{"tunnels.json", "remote-rdp.json"} {
		got, lookFor := Detect(name, []byte(postgresAndMySQL))
		if got != schema.KindUnknown || !strings.Contains(lookFor, "psql-tunnel-jump.json") || !strings.Contains(lookFor, "mysql-tunnel-jump.json") {
			t.Errorf("Detect(%s) = %q, %q; want no kind and a message naming both", name, got, lookFor)
		}
	}
	common := `[{"id": 7, "name": "host7", "jumpoint_id": 1, "hostname": "host7", "jump_group_id": 1, "jump_group_type": "shared", "tag": "", "comments": "", "jump_policy_id": null, "session_policy_id": null}]`
	for _, k := range schema.JumpItemKinds() {
		if got, _ := Detect("jump-item-"+string(k)+".json", []byte(common)); got != k {
			t.Errorf("Detect(jump-item-%s.json, the fields every type has) = %q", k, got)
		}
	}
	got, lookFor := Detect("items.json", []byte(common))
	if got != schema.KindUnknown || !strings.Contains(lookFor, "remote-rdp.json") || !strings.Contains(lookFor, "jump-client.json") {
		t.Errorf("Detect(items.json, the fields every type has) = %q, %q", got, lookFor)
	}
	// A group policy's Jump Group is no Jump Item, and no Jump Item is one.
	if got, _ := Detect("x.json", []byte(`[{"group_policy_id": 3, "jump_group_id": 1, "jump_item_role_id": 1, "jump_policy_id": 0}]`)); got != schema.KindGroupPolicyJumpGroups {
		t.Errorf("a group policy's Jump Group with its jump_policy_id: %q", got)
	}
}

// Every row carries its type, and its host: the hostname, a Web Jump's
// url, none for a Network Tunnel Jump; a Jump Client has no Jumpoint. The
// other fields are kept in extra, unchanged.
func TestReadJumpItems(t *testing.T) {
	ji := schema.JumpItems
	for _, tt := range jumpItemExports {
		sink, res, err := read(t, tt.kind, tt.text)
		if err != nil {
			t.Fatalf("%s: %v", tt.kind, err)
		}
		rows := sink["jump_items"]
		if len(rows) != 1 || res.Rows != 1 {
			t.Fatalf("%s: %d rows", tt.kind, len(rows))
		}
		r := rows[0]
		if r[ji.Index("type")] != tt.typ || r[ji.Index("host")] != tt.host || r[ji.Index("line")] != int64(2) {
			t.Errorf("%s: type %v, host %v, line %v", tt.kind, r[ji.Index("type")], r[ji.Index("host")], r[ji.Index("line")])
		}
		if tt.kind == schema.KindJumpClients && r[ji.Index("jumpoint_id")] != nil {
			t.Errorf("a Jump Client with Jumpoint %v", r[ji.Index("jumpoint_id")])
		}
		if !slices.Equal(res.Capabilities, []string{"jump_items"}) {
			t.Errorf("%s: capabilities %v", tt.kind, res.Capabilities)
		}
	}
	sink, _, _ := read(t, schema.KindWebJump, jumpItemExports[5].text)
	if got := sink["jump_items"][0][ji.Index("extra")]; got != `{"authentication_timeout":3,"password_field":null,"submit_field":null,"username_field":null,"username_format":"default","verify_certificate":true}` {
		t.Errorf("web jump extra = %v", got)
	}
	sink, _, _ = read(t, schema.KindJumpClients, jumpItemExports[7].text)
	r := sink["jump_items"][0]
	if r[ji.Index("session_policy_id")] != nil || !strings.Contains(r[ji.Index("extra")].(string), `"attended_session_policy_id":3`) ||
		r[ji.Index("jump_group_type")] != "personal" {
		t.Errorf("Remote Support Jump Client = %v", r)
	}
	// A field named type is the export's, not the type column's.
	sink, _, err := read(t, schema.KindRemoteVNC, `[{"id": 1, "name": "a", "hostname": "a", "port": 5900, "jump_group_id": 1, "type": "vnc"}]`)
	if err != nil {
		t.Fatal(err)
	}
	if r := sink["jump_items"][0]; r[ji.Index("type")] != "remote_vnc" || r[ji.Index("extra")] != `{"port":5900,"type":"vnc"}` {
		t.Errorf("a field named type: %v", r)
	}
}

// An export of one type holding an object of another (every type saved
// in one array) is refused at that object, with its line and column: its
// row would be loaded as the file's type. With --lenient it is set aside.
func TestJumpItemOfAnotherType(t *testing.T) {
	text := `[
  {"id": 1, "name": "dc01", "jumpoint_id": 1, "hostname": "dc01", "jump_group_id": 1, "quality": "low"},
  {"id": 1, "name": "intranet", "jumpoint_id": 1, "url": "https://intranet", "jump_group_id": 3, "username_format": "default"},
  {"id": 2, "name": "pg", "jumpoint_id": 1, "hostname": "pg", "jump_group_id": 2, "database": "orders"},
  {"id": 3, "name": "bare", "jumpoint_id": 1, "hostname": "bare", "jump_group_id": 2}
]`
	wantReadErrors(t, []readError{{"web jump in RDP", "remote-rdp", text,
		"export/remote-rdp.json:3:3: found an object with the fields of web-jump in a remote-rdp export, expected remote-rdp objects only (save each Jump Item type in its own file, named for its type: web-jump.json)"}})
	var bad []*located.Error
	sink := memSink{}
	_, err := Read(schema.KindRemoteRDP, Input{Path: "remote-rdp.json", Source: "s", FileID: 1,
		BadRow: func(e *located.Error) error { bad = append(bad, e); return nil }}, strings.NewReader(text), sink)
	if err != nil {
		t.Fatal(err)
	}
	if len(sink["jump_items"]) != 2 || len(bad) != 2 || bad[1].Line != 4 || !strings.Contains(bad[1].Found, "mysql-tunnel-jump or psql-tunnel-jump") {
		t.Errorf("rows %d, bad rows %v", len(sink["jump_items"]), bad)
	}
}

// A Jump Group membership's own Jump Policy has a column: its value as
// exported (0 is the schema's "set on Jump Items", NULL stays NULL), and
// the capability that says the export states it. An export without the
// field (Remote Support's) gives no such capability.
func TestMembershipJumpPolicy(t *testing.T) {
	for _, tt := range []struct {
		kind   schema.Kind
		table  *schema.Table
		cap    string
		text   string
		policy []any
	}{
		{schema.KindJumpGroupUsers, schema.JumpGroupUsers, schema.CapJumpGroupUserPolicy, `[
  {"jump_group_id": 4, "user_id": 6, "jump_item_role_id": 2, "jump_policy_id": 2},
  {"jump_group_id": 3, "user_id": 3, "jump_item_role_id": 2, "jump_policy_id": 0},
  {"jump_group_id": 2, "user_id": 4, "jump_item_role_id": 2, "jump_policy_id": null},
  {"jump_group_id": 2, "user_id": 5, "jump_item_role_id": 2}
]`, []any{int64(2), int64(0), nil, nil}},
		{schema.KindGroupPolicyJumpGroups, schema.GroupPolicyJumpGroups, schema.CapGroupPolicyJumpGroupPolicy, `{
  "2": [{"jump_group_id": 1, "jump_item_role_id": 2, "jump_policy_id": 0}, {"jump_group_id": 2, "jump_item_role_id": 2, "jump_policy_id": 3}],
  "5": [{"jump_group_id": 1, "jump_item_role_id": 0, "jump_policy_id": null}]
}`, []any{int64(0), int64(3), nil}},
	} {
		sink, res, err := read(t, tt.kind, tt.text)
		if err != nil {
			t.Fatalf("%s: %v", tt.kind, err)
		}
		col := tt.table.Index("jump_policy_id")
		var got []any
		for _, r := range sink[tt.table.Name] {
			got = append(got, r[col])
			if r[tt.table.Index("extra")] != nil {
				t.Errorf("%s: extra %v", tt.kind, r[tt.table.Index("extra")])
			}
		}
		if !slices.Equal(got, tt.policy) || !slices.Contains(res.Capabilities, tt.cap) {
			t.Errorf("%s: jump_policy_id %v, capabilities %v", tt.kind, got, res.Capabilities)
		}
	}
	_, res, err := read(t, schema.KindJumpGroupUsers, `[{"jump_group_id": 1, "user_id": 2, "jump_item_role_id": 1}]`)
	if err != nil || slices.Contains(res.Capabilities, schema.CapJumpGroupUserPolicy) {
		t.Errorf("a membership export without jump_policy_id: %v, capabilities %v", err, res.Capabilities)
	}
	wantReadErrors(t, []readError{{"not an id", "jump-group-user", `[{"jump_group_id": 1, "user_id": 2, "jump_policy_id": "standard"}]`,
		`export/jump-group-user.json:1:37: found the string "standard" in field "jump_policy_id", expected an integer id ≥ 1`}})
}

// A Jump Policy is told from a session policy by its settings; PRA's give
// its source the approval and recording capabilities, Remote Support's
// (which have neither field) do not.
func TestReadJumpPolicies(t *testing.T) {
	pra := `[
  {"id": 1, "display_name": "Approval Required", "code_name": "approval_required", "description": "", "schedule_enabled": false, "schedule_strict": false, "simultaneous_jumps": "global", "simultaneous_jump_behavior_applies_to_copies": false, "simultaneous_jumps_rdp": "global", "external_tools_rdp_allowed": true, "external_tools_shell_allowed": true, "ticket_id_required": false, "two_factor_challenge_required": false, "session_start_notification": true, "session_end_notification": false, "notification_email_addresses": ["sec@corp.example"], "notification_display_name": "IT Security", "notification_email_language": "en-us", "approval_required": true, "approval_max_duration": 240, "approval_scope": "requestor", "approval_email_addresses": [], "approval_user_ids": ["1"], "approval_team_ids": [], "approval_display_name": "IT Security", "approval_email_language": "en-us", "approval_approver_scope": "not_requestor", "recordings_disabled": false}
]`
	rs := `[
  {"id": 1, "display_name": "Business Hours", "code_name": "business_hours", "description": "", "schedule_enabled": true, "schedule_strict": true, "simultaneous_jumps": "join", "simultaneous_jump_behavior_applies_to_copies": false, "simultaneous_jumps_rdp": "global", "ticket_id_required": false, "two_factor_challenge_required": true}
]`
	for _, text := range []string{pra, rs} {
		if got, _ := Detect("export.json", []byte(text)); got != schema.KindJumpPolicies {
			t.Errorf("Detect(a Jump Policy export) = %q", got)
		}
	}
	jp := schema.JumpPolicies
	sink, res, err := read(t, schema.KindJumpPolicies, pra)
	if err != nil {
		t.Fatal(err)
	}
	r := sink["jump_policies"][0]
	if r[jp.Index("approval_required")] != true || r[jp.Index("approval_max_duration")] != int64(240) || r[jp.Index("recordings_disabled")] != false ||
		!strings.Contains(r[jp.Index("extra")].(string), `"approval_user_ids":["1"]`) {
		t.Errorf("PRA Jump Policy = %v", r)
	}
	if !slices.Equal(res.Capabilities, []string{"jump_policies", schema.CapJumpPolicyApproval, schema.CapJumpPolicyRecordings}) {
		t.Errorf("PRA capabilities = %v", res.Capabilities)
	}
	sink, res, err = read(t, schema.KindJumpPolicies, rs)
	if err != nil {
		t.Fatal(err)
	}
	if r := sink["jump_policies"][0]; r[jp.Index("approval_required")] != nil || r[jp.Index("recordings_disabled")] != nil || r[jp.Index("schedule_strict")] != true {
		t.Errorf("Remote Support Jump Policy = %v", r)
	}
	if !slices.Equal(res.Capabilities, []string{"jump_policies"}) {
		t.Errorf("Remote Support capabilities = %v", res.Capabilities)
	}
	// The names alone fit a session policy as well: the file name decides.
	names := `[{"id": 2, "display_name": "Standard", "code_name": "standard", "description": ""}]`
	for name, want := range map[string]schema.Kind{"session-policy.json": schema.KindSessionPolicies, "jump_policies.json": schema.KindJumpPolicies, "policies.json": ""} {
		if got, _ := Detect(name, []byte(names)); got != want {
			t.Errorf("Detect(%s, display and code names only) = %q, want %q", name, got, want)
		}
	}
}
