package facts

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/review-tool/review/ingest"
)

// jumpFixture is the Jump Item site of fixtures/jump-reach, whose README
// says who reaches what, by which path and under which policy.
var jumpFixture = ingest.Options{Sources: []string{"../fixtures/jump-reach/pra-jump"}}

// jump_reach has one row per account, item and path, with the policy in
// force: a membership's own (not NULL, not 0) over the item's, none when
// neither sets one; a personal item reached by its owner alone; a vendor
// user through its vendor group's default policy
// (fixtures/jump-reach/README.md, "Who reaches what").
func TestJumpReach(t *testing.T) {
	database := buildFacts(t, jumpFixture)
	rows, err := database.QueryContext(context.Background(), `SELECT entity, item_type || ' ' || item_id || ' ' || item_name,
		coalesce(jump_group_name, '-'), jump_group_type, path_kind || coalesce(' ' || via_name, ''),
		coalesce(membership_policy_id::VARCHAR, 'null'), coalesce(policy_set_on, 'none'), coalesce(policy_name, '-'),
		coalesce(approval_required::VARCHAR, '-'), coalesce(recordings_disabled::VARCHAR, '-'), coalesce(session_policy_name, '-')
		FROM jump_reach ORDER BY entity, item_type, item_id, path_kind, via_name`)
	if err != nil {
		t.Fatal(err)
	}
	got := joinRows(t, rows)
	want := []string{
		"acme.tech | jump_client 1 fin-ws042 | Windows Servers | shared | vendor default policy Vendor Access | 1 | membership | Approval Required | true | false | Standard Session",
		"acme.tech | remote_rdp 1 dc01 | Windows Servers | shared | vendor default policy Vendor Access | 1 | membership | Approval Required | true | false | Standard Session",
		"acme.tech | remote_rdp 2 erp-db01 | Vendor Managed | shared | vendor default policy Vendor Access | 0 | item | Approval Required | true | false | Vendor Session",
		"acme.tech | remote_vnc 1 kiosk01 | Windows Servers | shared | vendor default policy Vendor Access | 1 | membership | Approval Required | true | false | Standard Session",
		"acme.tech | shell_jump 1 erp-app01 | Vendor Managed | shared | vendor default policy Vendor Access | 0 | item | Standard | false | false | Vendor Session",
		"db.dave | mysql_tunnel 1 mysql-crm | Databases | shared | direct | null | item | Standard | false | false | Standard Session",
		"db.dave | protocol_tunnel 1 mssql-fin | Databases | shared | direct | null | item | No Recording | false | true | Standard Session",
		"db.dave | psql_tunnel 1 pg-prod | Databases | shared | direct | null | item | Standard | false | false | Standard Session",
		"dev.carol | web_jump 1 intranet-admin | Web Apps | shared | direct | null | none | - | - | - | Standard Session",
		"net.frank | jump_client 1 fin-ws042 | Windows Servers | shared | group policy Operations | 0 | item | Standard | false | false | Standard Session",
		"net.frank | mysql_tunnel 1 mysql-crm | Databases | shared | group policy Operations | 3 | membership | No Recording | false | true | Standard Session",
		"net.frank | network_tunnel 1 branch-net | Network Gear | shared | direct | 2 | membership | Standard | false | false | Standard Session",
		"net.frank | protocol_tunnel 1 mssql-fin | Databases | shared | group policy Operations | 3 | membership | No Recording | false | true | Standard Session",
		"net.frank | psql_tunnel 1 pg-prod | Databases | shared | group policy Operations | 3 | membership | No Recording | false | true | Standard Session",
		"net.frank | remote_rdp 1 dc01 | Windows Servers | shared | group policy Operations | 0 | item | Standard | false | false | Standard Session",
		"net.frank | remote_rdp 3 frank-lab | - | personal | personal | null | none | - | - | - | -",
		"net.frank | remote_vnc 1 kiosk01 | Windows Servers | shared | group policy Operations | 0 | item | Standard | false | false | Standard Session",
		"net.frank | shell_jump 2 core-sw01 | Network Gear | shared | direct | 2 | membership | Standard | false | false | Standard Session",
		"ops.bob | jump_client 1 fin-ws042 | Windows Servers | shared | group policy Operations | 0 | item | Standard | false | false | Standard Session",
		"ops.bob | mysql_tunnel 1 mysql-crm | Databases | shared | group policy Operations | 3 | membership | No Recording | false | true | Standard Session",
		"ops.bob | protocol_tunnel 1 mssql-fin | Databases | shared | group policy Operations | 3 | membership | No Recording | false | true | Standard Session",
		"ops.bob | psql_tunnel 1 pg-prod | Databases | shared | group policy Operations | 3 | membership | No Recording | false | true | Standard Session",
		"ops.bob | remote_rdp 1 dc01 | Windows Servers | shared | group policy Operations | 0 | item | Standard | false | false | Standard Session",
		"ops.bob | remote_vnc 1 kiosk01 | Windows Servers | shared | group policy Operations | 0 | item | Standard | false | false | Standard Session",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("jump_reach\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
	// Nobody reaches old-wiki (Archive has no member), help.erin reaches
	// nothing (Legacy Helpdesk gives no Jump Group), and the membership's
	// policy is known on every path (the export carries jump_policy_id).
	var unknown int
	if err := database.QueryRow(`SELECT count(*) FROM jump_reach WHERE NOT membership_policy_known OR item_name = 'old-wiki' OR username = 'help.erin'`).Scan(&unknown); err != nil || unknown != 0 {
		t.Errorf("rows of old-wiki, help.erin or an unknown membership policy: %d (%v)", unknown, err)
	}
}

// A source without Jump Items has an empty jump_reach, whatever its Jump
// Groups and memberships.
func TestJumpReachWithoutItems(t *testing.T) {
	database := buildFacts(t, ingest.Options{Sources: []string{"../fixtures/pra-json/pra-prod"}})
	var n int
	if err := database.QueryRow("SELECT count(*) FROM jump_reach").Scan(&n); err != nil || n != 0 {
		t.Errorf("jump_reach of a source without Jump Items: %d rows (%v)", n, err)
	}
}

// joinRows reads every row of rows as its columns joined by " | ".
func joinRows(t *testing.T, rows *sql.Rows) []string {
	t.Helper()
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		parts := make([]string, len(vals))
		for i, v := range vals {
			parts[i] = v.String
		}
		out = append(out, strings.Join(parts, " | "))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// The settings of risky permissions (the default risky_permissions) of each
// account that some setting grants one: its own and its defined or final
// group policies', those that disagree too; help.erin's Legacy Helpdesk is
// not_defined and grants nothing, so she has none (fixtures/jump-reach).
func TestAccountPermissions(t *testing.T) {
	database := buildFacts(t, jumpFixture)
	rows, err := database.QueryContext(context.Background(), `SELECT a.username, p.permission, p.value, p.granted, coalesce(p.via, '-'), coalesce(p.status, '-')
		FROM account_permissions x JOIN account_facts a USING (akey), unnest(x.permissions) AS u(p)
		ORDER BY a.username, p.permission, p.via NULLS FIRST`)
	if err != nil {
		t.Fatal(err)
	}
	got := joinRows(t, rows)
	want := []string{
		"admin.alice | perm_endpoint_automation | administrator | true | - | -",
		"admin.alice | perm_invite_external_user | true | true | - | -",
		"admin.alice | perm_invite_external_user | true | true | Administrators | defined",
		"admin.alice | perm_protocol_tunnel | true | true | - | -",
		"admin.alice | perm_protocol_tunnel | true | true | Administrators | defined",
		"db.dave | perm_protocol_tunnel | false | false | - | -",
		"db.dave | perm_protocol_tunnel | true | true | Tunnel Users | defined",
		"dev.carol | perm_endpoint_automation | administrator | true | - | -",
		"dev.carol | perm_invite_external_user | true | true | - | -",
		"dev.carol | perm_invite_external_user | false | false | Developers | defined",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("account_permissions\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
}
