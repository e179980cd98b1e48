package facts

import (
	"context"
	"strings"
	"testing"
)

// Password Safe grants read from the entitlements and from the per-group
// Smart Rule roles are one list: a grant both give is one row, named by
// both; an inactive group gives nothing, even an administrator group.
// Administrators are members of an administrator group or holders of role
// 4; self-approval is role 3, or roles 1 and 2 on one Smart Rule, never
// Requestor on one and Approver on another (fixtures/password-safe).
func TestPasswordSafeAccess(t *testing.T) {
	database := buildFixtureFacts(t)
	ctx := context.Background()

	rows, err := database.QueryContext(ctx, `SELECT a.username, x.group_name, x.smart_rule_title, x.role_id, x.role_name, x.access_level, x.via
		FROM ps_account_access x JOIN account_facts a ON a.akey = x.akey
		WHERE a.username IN ('grace.hall', 'quinn.baker', 'david.levi') ORDER BY a.username, x.group_name, x.role_id`)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var user, group, rule, role, level, via string
		var id int64
		if err := rows.Scan(&user, &group, &rule, &id, &role, &level, &via); err != nil {
			t.Fatal(err)
		}
		got = append(got, strings.Join([]string{user, group, rule, role, level, via}, " | "))
	}
	rows.Close()
	want := []string{
		"david.levi | Security Officers | All Managed Accounts | Information Security Administrator | Read/Write | user-group",
		"grace.hall | Windows Server Approvers | Windows Servers | Approver | Read/Write | user-group",
		"grace.hall | Windows Server Requestors | Windows Servers | Requestor | Read/Write | entitlements, user-group",
		"quinn.baker | Auditors | All Managed Accounts | Auditor | Read | user-group",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("grants\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}

	type account struct {
		admin, quarantined      *bool
		userType                *string
		groups, selfApproval    string
		adminGroups, sourceAdms string
	}
	accounts := map[string]account{}
	rows, err = database.QueryContext(ctx, `SELECT username, administrator, quarantined, user_type,
		array_to_string(ps_user_groups, '; '), array_to_string(ps_self_approval, '; '),
		array_to_string(ps_admin_groups, '; '), CAST(ps_source_admins AS VARCHAR)
		FROM account_facts WHERE product = 'password-safe'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name string
		var a account
		if err := rows.Scan(&name, &a.admin, &a.quarantined, &a.userType, &a.groups, &a.selfApproval, &a.adminGroups, &a.sourceAdms); err != nil {
			t.Fatal(err)
		}
		accounts[name] = a
	}
	rows.Close()
	is := func(b *bool) bool { return b != nil && *b }
	for name, want := range map[string]bool{"anna.schmidt": true, "david.levi": true, "quinn.baker": false, "grace.hall": false} {
		if a := accounts[name]; a.admin == nil || *a.admin != want {
			t.Errorf("%s administrator = %v, want %v", name, a.admin, want)
		}
	}
	if a := accounts["quinn.baker"]; a.groups != "Auditors" || a.adminGroups != "" {
		t.Errorf("quinn.baker (also in the inactive Legacy Admins) groups %q, administrator groups %q; want Auditors and none", a.groups, a.adminGroups)
	}
	if a := accounts["anna.schmidt"]; a.adminGroups != "PS Administrators" || a.sourceAdms != "6" {
		t.Errorf("anna.schmidt administrator groups %q, source admins %s", a.adminGroups, a.sourceAdms)
	}
	for name, want := range map[string]string{"grace.hall": "Windows Servers", "jack.nguyen": "Network Devices", "ivan.petrov": ""} {
		if got := accounts[name].selfApproval; got != want {
			t.Errorf("%s self-approval %q, want %q", name, got, want)
		}
	}
	if a := accounts["nina.patel"]; !is(a.quarantined) {
		t.Errorf("nina.patel quarantined = %v", a.quarantined)
	}
	if a := accounts["backup-runner"]; a.userType == nil || *a.userType != "Application" {
		t.Errorf("backup-runner user type = %v", a.userType)
	}
	if a := accounts["oscar.lee"]; a.groups != "" {
		t.Errorf("oscar.lee groups %q, want none", a.groups)
	}
}
