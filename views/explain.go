package views

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/review-tool/review/internal/model"
)

// Explain gives everything the database knows about the accounts named
// user (their username, what findings name them by, or their email; case
// aside), on source when it is not "": one Explanation each, in the order
// of source and username. It reads the intermediate tables (memberships,
// the group policies' grants), so the database must have kept them
// (pipeline's KeepIntermediate), and each account's findings from the
// findings table. No account is an empty list, not an error.
func Explain(ctx context.Context, db *sql.DB, user, source string) ([]model.Explanation, error) {
	rows, err := db.QueryContext(ctx, `SELECT akey FROM account_facts
		WHERE (lower(username) = lower($1) OR lower(entity) = lower($1) OR lower(email) = lower($1))
		AND ($2 = '' OR source = $2)
		ORDER BY source, lower(username), akey`, user, source)
	if err != nil {
		return nil, fmt.Errorf("explain %s: %w", user, err)
	}
	var akeys []int64
	for rows.Next() {
		var k int64
		if err := rows.Scan(&k); err != nil {
			rows.Close()
			return nil, err
		}
		akeys = append(akeys, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := []model.Explanation{}
	for _, k := range akeys {
		x, err := explainAccount(ctx, db, k)
		if err != nil {
			return nil, fmt.Errorf("explain %s: %w", user, err)
		}
		out = append(out, *x)
	}
	return out, nil
}

// ClosestUsernames are up to n usernames (with their source, "name
// (source)") nearest user by edit distance, case aside, for the message
// that names no account: ties by username, then source.
func ClosestUsernames(ctx context.Context, db *sql.DB, user, source string, n int) ([]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT username, source FROM (SELECT DISTINCT username, source FROM account_facts WHERE username IS NOT NULL AND ($2 = '' OR source = $2))
		ORDER BY levenshtein(lower(username), lower($1)), lower(username), username, source LIMIT $3`, user, source, n)
	if err != nil {
		return nil, fmt.Errorf("closest usernames: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name, src string
		if err := rows.Scan(&name, &src); err != nil {
			return nil, err
		}
		out = append(out, fmt.Sprintf("%s (%s)", name, src))
	}
	return out, rows.Err()
}

// explainAccount is one account's explanation.
func explainAccount(ctx context.Context, db *sql.DB, akey int64) (*model.Explanation, error) {
	x := &model.Explanation{Memberships: []model.ExplainedMembership{}, JumpGroups: []model.ExplainedGrant{}, JumpItems: []model.ExplainedJumpItem{},
		SmartRules: []model.ExplainedSmartRule{}, OtherAccounts: []model.ExplainedAccount{}, Findings: []model.ExplainedFinding{}}
	var (
		displayName, email, provider, providerType, created, lastAuth, defaultPolicy, vendor, uType, personKey sql.NullString
		rosterName, rosterStatus, rosterManager, terminationDate                                               sql.NullString
		rosterGiven                                                                                            bool
		enabled, admin, twoFactor, quar, approval, terminated                                                  sql.NullBool
		days, defaultPolicyID, expirationDays                                                                  sql.NullInt64
	)
	err := db.QueryRowContext(ctx, `SELECT source, product, kind, username, entity, display_name, email,
			provider_name, provider_type, enabled, administrator, two_factor_enabled,
			CAST(CAST(created_at AS DATE) AS VARCHAR), CAST(CAST(last_authentication AS DATE) AS VARCHAR), days_since_last_auth,
			account_expired, default_policy_id, default_policy_name,
			vendor_name, vendor_account_expiration_days, vendor_user_approval_enabled,
			quarantined, user_type, person,
			roster_name, roster_status, roster_manager, CASE WHEN roster_email IS NOT NULL THEN roster_terminated END,
			CAST(roster_termination_date AS VARCHAR), (SELECT has_roster FROM run)
		FROM account_facts WHERE akey = $1`, akey).Scan(
		&x.Source, &x.Product, &x.Kind, &x.Username, &x.Entity, &displayName, &email,
		&provider, &providerType, &enabled, &admin, &twoFactor,
		&created, &lastAuth, &days,
		&x.AccountExpired, &defaultPolicyID, &defaultPolicy,
		&vendor, &expirationDays, &approval,
		&quar, &uType, &personKey,
		&rosterName, &rosterStatus, &rosterManager, &terminated, &terminationDate, &rosterGiven)
	if err != nil {
		return nil, fmt.Errorf("account %d: %w", akey, err)
	}
	x.DisplayName, x.Email, x.Provider, x.ProviderType = displayName.String, email.String, provider.String, providerType.String
	x.Created, x.LastAuthentication, x.UserType = created.String, lastAuth.String, uType.String
	x.Enabled, x.Administrator, x.TwoFactor, x.Quarantined = boolPtr(enabled), boolPtr(admin), boolPtr(twoFactor), boolPtr(quar)
	x.DaysSinceLastAuth = intPtr(days)
	if vendor.Valid {
		x.Vendor = &model.ExplainedVendor{Name: vendor.String, AccountExpirationDays: intPtr(expirationDays),
			UserApprovalEnabled: boolPtr(approval), DefaultPolicy: defaultPolicy.String}
	}
	if x.Memberships, err = memberships(ctx, db, akey); err != nil {
		return nil, err
	}
	if defaultPolicyID.Valid && defaultPolicyID.Int64 != 0 {
		name := defaultPolicy.String
		if name == "" {
			name = fmt.Sprintf("#%d", defaultPolicyID.Int64)
		}
		how := "through the security provider's default policy"
		switch {
		case x.Vendor != nil:
			how = "through the default policy of vendor group " + x.Vendor.Name
		case x.Provider != "":
			how = "through the default policy of security provider " + x.Provider
		}
		x.Memberships = append(x.Memberships, model.ExplainedMembership{Kind: "group-policy", Group: name, How: how})
	}
	grants, err := policyGrants(ctx, db, akey)
	if err != nil {
		return nil, err
	}
	for _, g := range grants {
		if g.Kind == "jump-group" {
			x.JumpGroups = append(x.JumpGroups, g)
		} else {
			x.Memberships = append(x.Memberships, model.ExplainedMembership{Kind: g.Kind, Group: g.Group, How: g.How, Role: g.Role})
		}
	}
	// Direct Jump Group memberships are reached too, with their own role.
	var kept []model.ExplainedMembership
	for _, m := range x.Memberships {
		if m.Kind == "jump-group" {
			x.JumpGroups = append(x.JumpGroups, model.ExplainedGrant{Kind: m.Kind, Group: m.Group, Role: m.Role, How: m.How})
			continue
		}
		kept = append(kept, m)
	}
	groups, err := psUserGroups(ctx, db, akey)
	if err != nil {
		return nil, err
	}
	kept = append(kept, groups...)
	x.Memberships = mergeMemberships(kept)
	sort.SliceStable(x.JumpGroups, func(i, j int) bool {
		a, b := x.JumpGroups[i], x.JumpGroups[j]
		if a.Group != b.Group {
			return strings.ToLower(a.Group) < strings.ToLower(b.Group)
		}
		return a.How < b.How
	})
	if x.JumpItems, err = jumpItems(ctx, db, akey); err != nil {
		return nil, err
	}
	if x.JumpItemsKnown, err = hasAnyCapability(ctx, db, x.Source, []string{"jump_items"}); err != nil {
		return nil, err
	}
	if x.SmartRules, err = smartRules(ctx, db, akey); err != nil {
		return nil, err
	}
	if x.JumpGroupsKnown, err = hasAnyCapability(ctx, db, x.Source, jumpGroupCapabilities); err != nil {
		return nil, err
	}
	if x.SmartRulesKnown, err = hasAnyCapability(ctx, db, x.Source, smartRuleCapabilities); err != nil {
		return nil, err
	}
	if personKey.Valid && personKey.String != "" {
		x.Person = &model.ExplainedPerson{Key: personKey.String, Name: rosterName.String, Status: rosterStatus.String,
			Manager: rosterManager.String, Terminated: boolPtr(terminated), TerminationDate: terminationDate.String,
			RosterGiven: rosterGiven}
		if x.OtherAccounts, err = otherAccounts(ctx, db, "person", personKey.String, akey); err != nil {
			return nil, err
		}
	}
	if x.Activity, err = activity(ctx, db, akey); err != nil {
		return nil, err
	}
	if x.Findings, err = accountFindings(ctx, db, x.Source, x.Entity, x.Username); err != nil {
		return nil, err
	}
	return x, nil
}

// jumpItems are the Jump Items the account reaches (jump_reach), one per
// item and path, by Jump Group, item and path.
func jumpItems(ctx context.Context, db *sql.DB, akey int64) ([]model.ExplainedJumpItem, error) {
	rows, err := db.QueryContext(ctx, `SELECT coalesce(jump_group_name, CASE WHEN path_kind <> 'personal' THEN '#' || jump_group_id::VARCHAR END, ''),
			coalesce(item_name, '#' || item_id::VARCHAR), coalesce(t.name, item_type), coalesce(host, ''), path,
			CASE WHEN effective_policy_id IS NOT NULL THEN coalesce(policy_name, '#' || effective_policy_id::VARCHAR) ELSE '' END,
			coalesce(policy_set_on, ''),
			CASE WHEN coalesce(session_policy_id, 0) <> 0 THEN coalesce(session_policy_name, '#' || session_policy_id::VARCHAR) ELSE '' END
		FROM jump_reach LEFT JOIN jump_item_types t ON t.type = item_type WHERE akey = $1
		ORDER BY path_kind = 'personal', lower(jump_group_name), lower(item_name), item_type, item_id, 5`, akey)
	if err != nil {
		return nil, fmt.Errorf("jump items of account %d: %w", akey, err)
	}
	defer rows.Close()
	out := []model.ExplainedJumpItem{}
	for rows.Next() {
		var j model.ExplainedJumpItem
		if err := rows.Scan(&j.JumpGroup, &j.Item, &j.Type, &j.Host, &j.Path, &j.Policy, &j.SetOn, &j.SessionPolicy); err != nil {
			return nil, err
		}
		out = append(out, j)
	}
	return out, rows.Err()
}

// timeFormat is how explain writes a session's or event's time (UTC).
const timeFormat = "'%Y-%m-%dT%H:%M:%SZ'"

// activity is the account's sessions and activity (02_activity.sql,
// account_activity): nil when its source gave no session or activity
// report. Its records after termination are those on a later UTC day
// than the person's termination date, as 03_offboarding.sql counts them.
func activity(ctx context.Context, db *sql.DB, akey int64) (*model.ExplainedActivity, error) {
	var (
		known                                       bool
		lastSession, lastVault, lastPS, termination sql.NullString
		sessions, inWindow, open, staleDays         sql.NullInt64
		sessionsKnown, vaultKnown, psKnown          bool
	)
	err := db.QueryRowContext(ctx, `SELECT f.activity_known,
			EXISTS (SELECT 1 FROM capabilities c WHERE c.source = f.source AND c.capability = 'sessions'),
			EXISTS (SELECT 1 FROM capabilities c WHERE c.source = f.source AND c.capability = 'vault_activity'),
			EXISTS (SELECT 1 FROM capabilities c WHERE c.source = f.source AND c.capability IN ('ps_user_audits', 'ps_sessions')),
			strftime(f.last_session, `+timeFormat+`), a.sessions, f.sessions_in_window, f.open_sessions,
			strftime(f.last_vault_activity, `+timeFormat+`), strftime(f.last_ps_activity, `+timeFormat+`),
			CAST(f.roster_termination_date AS VARCHAR), run.stale_days
		FROM account_facts f CROSS JOIN run LEFT JOIN account_activity a ON a.akey = f.akey
		WHERE f.akey = $1`, akey).Scan(&known, &sessionsKnown, &vaultKnown, &psKnown,
		&lastSession, &sessions, &inWindow, &open, &lastVault, &lastPS, &termination, &staleDays)
	if err != nil {
		return nil, fmt.Errorf("activity: %w", err)
	}
	if !known {
		return nil, nil
	}
	x := &model.ExplainedActivity{SessionsKnown: sessionsKnown, VaultKnown: vaultKnown, PasswordSafeKnown: psKnown,
		LastSession: lastSession.String, Sessions: sessions.Int64, SessionsInWindow: inWindow.Int64,
		StaleDays: staleDays.Int64, OpenSessions: open.Int64,
		LastVaultActivity: lastVault.String, LastPasswordSafeActivity: lastPS.String,
		TerminationDate: termination.String}
	if x.Last, err = activityRecords(ctx, db, `y.akey = $1
		ORDER BY y.event_time DESC NULLS LAST, y.rid LIMIT $2`, akey, model.RecentShown); err != nil {
		return nil, err
	}
	if x.AfterTermination, err = activityRecords(ctx, db, `y.akey = $1 AND EXISTS (
			SELECT 1 FROM account_facts f WHERE f.akey = y.akey
			AND `+afterTermination("y.event_time", "f.roster_termination_date")+`)
		ORDER BY y.event_time, y.rid`, akey); err != nil {
		return nil, err
	}
	return x, nil
}

// activityRecords are the rows of activity (as y) that where (a
// condition, then the order) picks.
func activityRecords(ctx context.Context, db *sql.DB, where string, args ...any) ([]model.ExplainedActivityRecord, error) {
	rows, err := db.QueryContext(ctx, `SELECT y.kind, coalesce(y.record, ''), coalesce(y.lsid, ''),
			coalesce(strftime(y.event_time, `+timeFormat+`), ''), coalesce(strftime(y.end_time, `+timeFormat+`), ''),
			coalesce(y.open, false), coalesce(y.endpoint, ''), coalesce(y.jump_group, ''), coalesce(y.event, '')
		FROM activity y WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("activity records: %w", err)
	}
	defer rows.Close()
	out := []model.ExplainedActivityRecord{}
	for rows.Next() {
		var r model.ExplainedActivityRecord
		if err := rows.Scan(&r.Kind, &r.Record, &r.LSID, &r.Start, &r.End, &r.Open, &r.Endpoint, &r.JumpGroup, &r.Event); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// accountFindings are the findings about an account, in the workbook's
// order. An account's findings name it by its entity; duplicate-username
// names the username its accounts share.
func accountFindings(ctx context.Context, db *sql.DB, source, entity, username string) ([]model.ExplainedFinding, error) {
	rows, err := db.QueryContext(ctx, `SELECT rule, severity, title, detail, status FROM findings
		WHERE source = ? AND entity_type = ? AND entity_key IN (lower(?), lower(?)) ORDER BY ord`,
		source, model.EntityAccount, entity, username)
	if err != nil {
		return nil, fmt.Errorf("explain: findings: %w", err)
	}
	defer rows.Close()
	out := []model.ExplainedFinding{}
	for rows.Next() {
		var f model.ExplainedFinding
		if err := rows.Scan(&f.Rule, &f.Severity, &f.Title, &f.Detail, &f.Status); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// memberships are the account's rows of memberships, one per group, with
// every way it is held and its role.
func memberships(ctx context.Context, db *sql.DB, akey int64) ([]model.ExplainedMembership, error) {
	rows, err := db.QueryContext(ctx, `SELECT m.kind, coalesce(m.group_name, '#' || m.group_id::VARCHAR),
			CASE WHEN m.kind = 'group-policy' AND NOT m.direct THEN 'list'
			     WHEN m.user_id IS NULL THEN 'report' ELSE 'member' END,
			coalesce(tu.role, vu.role, 'Jump Item Role #' || ju.jump_item_role_id::VARCHAR, um.role, '')
		FROM memberships m
		-- A line of a JSON file may hold several rows: the row is its line,
		-- group and user.
		LEFT JOIN team_users tu ON m.kind = 'team' AND tu.file_id = m.file_id AND tu.line = m.line
			AND tu.user_id = m.user_id AND tu.team_id = m.group_id
		LEFT JOIN jump_group_users ju ON m.kind = 'jump-group' AND ju.file_id = m.file_id AND ju.line = m.line
			AND ju.user_id = m.user_id AND ju.jump_group_id = m.group_id
		LEFT JOIN vault_account_group_users vu ON m.kind = 'vault-account-group' AND vu.file_id = m.file_id AND vu.line = m.line
			AND vu.user_id = m.user_id AND vu.account_group_id = m.group_id
		LEFT JOIN user_memberships um ON m.user_id IS NULL AND um.file_id = m.file_id AND um.line = m.line
			AND um.kind = m.kind AND lower(um.name) = lower(m.group_name)
		WHERE m.akey = $1`, akey)
	if err != nil {
		return nil, fmt.Errorf("memberships: %w", err)
	}
	defer rows.Close()
	type key struct{ kind, group string }
	hows, roles := map[key]map[string]bool{}, map[key]map[string]bool{}
	var order []key
	for rows.Next() {
		var k key
		var how, role string
		if err := rows.Scan(&k.kind, &k.group, &how, &role); err != nil {
			return nil, err
		}
		if hows[k] == nil {
			order = append(order, k)
			hows[k], roles[k] = map[string]bool{}, map[string]bool{}
		}
		hows[k][how] = true
		if role != "" {
			roles[k][role] = true
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := []model.ExplainedMembership{}
	for _, k := range order {
		var how []string
		switch h := hows[k]; {
		case h["member"]:
			how = append(how, "direct member")
		case h["list"]:
			// In the user's list of group policies but no member list
			// names the user: held through a directory group or a default.
			how = append(how, "through a directory group or the provider's default policy (the user's group policy list)")
		}
		if hows[k]["report"] {
			how = append(how, "named by the User Account Report")
		}
		out = append(out, model.ExplainedMembership{Kind: k.kind, Group: k.group, How: strings.Join(how, "; "), Role: strings.Join(slices.Sorted(maps.Keys(roles[k])), ", ")})
	}
	return out, nil
}

// psUserGroups are a Password Safe user's active user groups, which give
// it its Smart Rules; a user in none cannot log in.
func psUserGroups(ctx context.Context, db *sql.DB, akey int64) ([]model.ExplainedMembership, error) {
	rows, err := db.QueryContext(ctx, `SELECT g FROM (SELECT unnest(ps_user_groups) AS g FROM account_facts WHERE akey = $1) ORDER BY lower(g), g`, akey)
	if err != nil {
		return nil, fmt.Errorf("password safe user groups: %w", err)
	}
	defer rows.Close()
	var out []model.ExplainedMembership
	for rows.Next() {
		var g string
		if err := rows.Scan(&g); err != nil {
			return nil, err
		}
		out = append(out, model.ExplainedMembership{Kind: "user group", Group: g, How: "direct member (an active user group)"})
	}
	return out, rows.Err()
}

// policyGrants are the teams, Jump Groups and Vault account groups the
// account reaches through the group policies it holds (its default
// policy too), with the role each policy grants.
func policyGrants(ctx context.Context, db *sql.DB, akey int64) ([]model.ExplainedGrant, error) {
	rows, err := db.QueryContext(ctx, `WITH pol AS (
			SELECT DISTINCT source, group_id AS id, coalesce(group_name, '#' || group_id::VARCHAR) AS name
			FROM memberships WHERE akey = $1 AND kind = 'group-policy' AND group_id IS NOT NULL
			UNION
			SELECT source, default_policy_id, coalesce(default_policy_name, '#' || default_policy_id::VARCHAR)
			FROM account_facts WHERE akey = $1 AND default_policy_id IS NOT NULL AND default_policy_id <> 0
		)
		SELECT * FROM (
		SELECT 'jump-group' AS kind, coalesce(j.name, '#' || g.jump_group_id::VARCHAR) AS grp,
			coalesce('Jump Item Role #' || g.jump_item_role_id::VARCHAR, '') AS role, pol.name AS policy
		FROM pol JOIN group_policy_jump_groups g ON g.source = pol.source AND g.group_policy_id = pol.id
		LEFT JOIN jump_groups j ON j.source = g.source AND j.id = g.jump_group_id
		UNION ALL
		SELECT 'team', coalesce(t.name, '#' || g.team_id::VARCHAR), coalesce(g.role, ''), pol.name
		FROM pol JOIN group_policy_teams g ON g.source = pol.source AND g.group_policy_id = pol.id
		LEFT JOIN teams t ON t.source = g.source AND t.id = g.team_id
		UNION ALL
		SELECT 'vault-account-group', coalesce(v.name, '#' || g.account_group_id::VARCHAR), coalesce(g.role, ''), pol.name
		FROM pol JOIN group_policy_vault_account_groups g ON g.source = pol.source AND g.group_policy_id = pol.id
		LEFT JOIN vault_account_groups v ON v.source = g.source AND v.id = g.account_group_id)
		ORDER BY kind, lower(grp), grp, policy, role`, akey)
	if err != nil {
		return nil, fmt.Errorf("group policy grants: %w", err)
	}
	defer rows.Close()
	var out []model.ExplainedGrant
	for rows.Next() {
		var g model.ExplainedGrant
		var policy string
		if err := rows.Scan(&g.Kind, &g.Group, &g.Role, &policy); err != nil {
			return nil, err
		}
		g.How = "through group policy " + policy
		out = append(out, g)
	}
	return out, rows.Err()
}

// smartRules are the Password Safe Smart Rules the account reaches, from
// ps_account_access (entitlements and the user groups' Smart Rule roles).
func smartRules(ctx context.Context, db *sql.DB, akey int64) ([]model.ExplainedSmartRule, error) {
	rows, err := db.QueryContext(ctx, `SELECT DISTINCT
			coalesce(smart_rule_title, '#' || smart_rule_id::VARCHAR, ''),
			coalesce(group_name, '#' || group_id::VARCHAR, ''),
			coalesce(role_name || ' (role ' || role_id::VARCHAR || ')', 'role ' || role_id::VARCHAR, ''),
			coalesce(access_level::VARCHAR, ''), coalesce(via::VARCHAR, '')
		FROM ps_account_access WHERE akey = $1
		ORDER BY 1, 2, 3, 4, 5`, akey)
	if err != nil {
		return nil, fmt.Errorf("Smart Rules: %w", err)
	}
	defer rows.Close()
	out := []model.ExplainedSmartRule{}
	for rows.Next() {
		var r model.ExplainedSmartRule
		if err := rows.Scan(&r.SmartRule, &r.Group, &r.Role, &r.AccessLevel, &r.Via); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// otherAccounts are the person's accounts other than akey: keyExpr is
// the person key's expression over account_facts.
func otherAccounts(ctx context.Context, db *sql.DB, keyExpr, key string, akey int64) ([]model.ExplainedAccount, error) {
	rows, err := db.QueryContext(ctx, `SELECT source, product, username, enabled FROM account_facts
		WHERE `+keyExpr+` = $1 AND akey <> $2 ORDER BY source, lower(username), akey`, key, akey)
	if err != nil {
		return nil, fmt.Errorf("other accounts: %w", err)
	}
	defer rows.Close()
	out := []model.ExplainedAccount{}
	for rows.Next() {
		var a model.ExplainedAccount
		var enabled sql.NullBool
		if err := rows.Scan(&a.Source, &a.Product, &a.Username, &enabled); err != nil {
			return nil, err
		}
		a.Enabled = boolPtr(enabled)
		out = append(out, a)
	}
	return out, rows.Err()
}

// mergeMemberships gives one line per group, with every way it is held
// and every role, sorted.
func mergeMemberships(ms []model.ExplainedMembership) []model.ExplainedMembership {
	type key struct{ kind, group string }
	out := []model.ExplainedMembership{}
	at := map[key]int{}
	for _, m := range ms {
		k := key{m.Kind, m.Group}
		i, ok := at[k]
		if !ok {
			at[k] = len(out)
			out = append(out, m)
			continue
		}
		out[i].How = joinDistinct(out[i].How, m.How, "; ")
		out[i].Role = joinDistinct(out[i].Role, m.Role, ", ")
	}
	sortMemberships(out)
	return out
}

// joinDistinct adds b to the list a (joined by sep) unless it is there.
func joinDistinct(a, b, sep string) string {
	switch {
	case b == "":
		return a
	case a == "":
		return b
	}
	for _, p := range strings.Split(a, sep) {
		if p == b {
			return a
		}
	}
	return a + sep + b
}

// membershipOrder lists group policies first, as the access they grant
// follows from them.
var membershipOrder = map[string]int{"group-policy": 0, "team": 1, "jump-group": 2, "vault-account-group": 3}

func sortMemberships(ms []model.ExplainedMembership) {
	sort.SliceStable(ms, func(i, j int) bool {
		a, b := ms[i], ms[j]
		if a.Kind != b.Kind {
			return membershipOrder[a.Kind] < membershipOrder[b.Kind]
		}
		if !strings.EqualFold(a.Group, b.Group) {
			return strings.ToLower(a.Group) < strings.ToLower(b.Group)
		}
		return a.How < b.How
	})
}

func boolPtr(b sql.NullBool) *bool {
	if !b.Valid {
		return nil
	}
	v := b.Bool
	return &v
}

func intPtr(n sql.NullInt64) *int64 {
	if !n.Valid {
		return nil
	}
	v := n.Int64
	return &v
}

// The capabilities that tell which Jump Groups and Smart Rules an account
// reaches: without any of them, "none" would be a guess.
var (
	jumpGroupCapabilities = []string{"jump_groups", "jump_group_users", "group_policy_jump_groups", "user.jump_groups"}
	smartRuleCapabilities = []string{"ps_entitlements", "ps_user_group_smart_rule_roles"}
)

// hasAnyCapability says whether the source's exports gave one of caps.
func hasAnyCapability(ctx context.Context, db *sql.DB, source string, caps []string) (bool, error) {
	var n int
	err := db.QueryRowContext(ctx, `SELECT count(*) FROM capabilities WHERE source = $1 AND list_contains($2::VARCHAR[], capability)`,
		source, caps).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("capabilities of %s: %w", source, err)
	}
	return n > 0, nil
}
