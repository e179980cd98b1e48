package views

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/review-tool/review/internal/model"
)

// AccessChangeSet is what BuildAccessChanges compared.
type AccessChangeSet struct {
	// Count is how many changes access_changes holds.
	Count int64
	// PreviousOnly are the sources the previous run had and this run did
	// not read; CurrentOnly the sources this run read that the previous
	// did not have. Their accounts are not compared: a source left out of
	// a run is not every account removed.
	PreviousOnly, CurrentOnly []string
}

// membershipLists are the membership lists Access Changes compares: the
// column of previous_accounts and access_current, and how a change reads
// ("Jump Group added").
var membershipLists = []struct{ Column, Label string }{
	{"group_policies", "group policy"},
	{"teams", "team"},
	{"jump_groups", "Jump Group"},
	{"vault_account_groups", "Vault account group"},
}

// accessCurrent is this run's accounts as the Accounts sheet shows them
// (facts' readAccounts), of the sources the previous run had too: the side
// previous_accounts is compared with.
const accessCurrent = `CREATE OR REPLACE TABLE access_current AS
SELECT a.akey AS k, a.source, a.product, a.id, a.username, coalesce(a.display_name, '') AS display_name,
    a.enabled, a.administrator,
    array_to_string(a.group_policies, '; ') AS group_policies,
    array_to_string(a.team_names, '; ') AS teams,
    array_to_string(a.jump_group_names, '; ') AS jump_groups,
    array_to_string(a.vault_account_group_names, '; ') AS vault_account_groups,
    CASE WHEN r.has_roster THEN a.roster_email IS NOT NULL END AS roster_match,
    coalesce(a.roster_status, '') AS roster_status
FROM account_facts a CROSS JOIN run r
WHERE a.source IN (SELECT source FROM previous_accounts)`

// accessPairs pairs each previous account with at most one current one:
// by source and id when both have an id, else by source and username
// (case aside). Accounts that share the key pair in a fixed order (by
// username, then position), so that the pairing is the same every run;
// by name, accounts without an id pair first, since one with an id on
// both sides never pairs by name.
const accessPairs = `CREATE OR REPLACE TABLE access_pairs AS
WITH prev AS (
    SELECT line, source, id, username FROM previous_accounts WHERE source IN (SELECT source FROM sources)
), c1 AS (
    SELECT k, source, id, row_number() OVER (PARTITION BY source, id ORDER BY lower(username), username, k) AS n
    FROM access_current WHERE id IS NOT NULL
), p1 AS (
    SELECT line, source, id, row_number() OVER (PARTITION BY source, id ORDER BY lower(username), username, line) AS n
    FROM prev WHERE id IS NOT NULL
), by_id AS (
    SELECT p1.line, c1.k FROM p1 JOIN c1 ON p1.source = c1.source AND p1.id = c1.id AND p1.n = c1.n
), c2 AS (
    SELECT k, source, id, lower(username) AS name,
        row_number() OVER (PARTITION BY source, lower(username) ORDER BY id NULLS FIRST, username, k) AS n
    FROM access_current c WHERE NOT EXISTS (SELECT 1 FROM by_id b WHERE b.k = c.k)
), p2 AS (
    SELECT line, source, id, lower(username) AS name,
        row_number() OVER (PARTITION BY source, lower(username) ORDER BY id NULLS FIRST, username, line) AS n
    FROM prev p WHERE NOT EXISTS (SELECT 1 FROM by_id b WHERE b.line = p.line)
)
SELECT line, k FROM by_id
UNION ALL
SELECT p2.line, c2.k FROM p2 JOIN c2 ON p2.source = c2.source AND p2.name = c2.name AND p2.n = c2.n
WHERE p2.id IS NULL OR c2.id IS NULL`

// accessMatched are the paired accounts, both sides side by side: the
// account as it is now, its flags, roster status and lists before (p_)
// and now (c_).
const accessMatched = `CREATE OR REPLACE TABLE access_matched AS
SELECT x.line, x.k, c.source, c.product, c.id, c.username, c.display_name,
    p.enabled AS p_enabled, c.enabled AS c_enabled,
    p.administrator AS p_administrator, c.administrator AS c_administrator,
    CASE WHEN p.roster_match THEN coalesce(p.roster_status, '') WHEN NOT p.roster_match THEN 'not in roster' END AS p_roster,
    CASE WHEN c.roster_match THEN c.roster_status WHEN NOT c.roster_match THEN 'not in roster' END AS c_roster,
    coalesce(p.group_policies, '') AS p_group_policies, c.group_policies AS c_group_policies,
    coalesce(p.teams, '') AS p_teams, c.teams AS c_teams,
    coalesce(p.jump_groups, '') AS p_jump_groups, c.jump_groups AS c_jump_groups,
    coalesce(p.vault_account_groups, '') AS p_vault_account_groups, c.vault_account_groups AS c_vault_account_groups
FROM access_pairs x JOIN previous_accounts p ON p.line = x.line JOIN access_current c ON c.k = x.k`

// accountCols are the columns every change row starts with, from a
// current account (or a paired one) m.
const accountCols = "m.source, m.product, m.id, m.username, m.display_name"

// accessChangeParts are the SELECTs whose union is access_changes: one per
// kind of change whose columns the previous run carried (missing names the
// previous_accounts columns it did not).
func accessChangeParts(missing map[string]bool) []string {
	parts := []string{
		`SELECT ` + accountCols + `, 'account added', '', '', ''
		FROM access_current m WHERE NOT EXISTS (SELECT 1 FROM access_pairs x WHERE x.k = m.k)`,
		`SELECT m.source, coalesce(m.product, s.product), m.id, m.username, coalesce(m.display_name, ''), 'account removed', '', '', ''
		FROM previous_accounts m JOIN sources s ON s.source = m.source
		WHERE NOT EXISTS (SELECT 1 FROM access_pairs x WHERE x.line = m.line)`,
	}
	flags := []struct{ column, on, off string }{
		{"enabled", "enabled", "disabled"},
		{"administrator", "administrator granted", "administrator removed"},
	}
	for _, f := range flags {
		if missing[f.column] {
			continue
		}
		parts = append(parts, fmt.Sprintf(`SELECT %[1]s, CASE WHEN m.c_%[2]s THEN '%[3]s' ELSE '%[4]s' END, '',
			CASE WHEN m.p_%[2]s THEN 'yes' ELSE 'no' END, CASE WHEN m.c_%[2]s THEN 'yes' ELSE 'no' END
		FROM access_matched m WHERE m.p_%[2]s <> m.c_%[2]s`, accountCols, f.column, f.on, f.off))
	}
	if !missing["roster_match"] && !missing["roster_status"] {
		// Only where both runs had a roster: a roster given for the first
		// time is not every account's status changed.
		parts = append(parts, `SELECT `+accountCols+`, 'roster status changed', '', m.p_roster, m.c_roster
		FROM access_matched m WHERE m.p_roster <> m.c_roster`)
	}
	// A list is split into its names only where it differs: most accounts'
	// lists are the same from one quarter to the next.
	for _, l := range membershipLists {
		if missing[l.Column] {
			continue
		}
		parts = append(parts, fmt.Sprintf(`SELECT %[1]s,
			CASE WHEN was.item IS NULL THEN '%[3]s added' ELSE '%[3]s removed' END, coalesce(now.item, was.item), '', ''
		FROM (SELECT k, unnest(string_split(p_%[2]s, '; ')) AS item FROM access_matched WHERE p_%[2]s <> c_%[2]s) was
		FULL JOIN (SELECT k, unnest(string_split(c_%[2]s, '; ')) AS item FROM access_matched WHERE p_%[2]s <> c_%[2]s) now
		    ON now.k = was.k AND now.item = was.item
		JOIN access_matched m ON m.k = coalesce(now.k, was.k)
		WHERE (now.item IS NULL OR was.item IS NULL) AND coalesce(now.item, was.item) <> ''`, accountCols, l.Column, l.Label))
	}
	return parts
}

// jumpPolicyChanges are the Access Changes of Jump Items (access_jump_now,
// this run's Jump Reach rows, against previous_jump_items): approval or
// recordings on an item someone reaches that the previous run gave
// otherwise; the account columns are blank, the item names it.
var jumpPolicyChanges = []string{
	// Required on some path before (every one, or it varied) and on none
	// now is turned off; required on every path now and not before, on.
	jumpPolicyChange("approval", `CASE WHEN p.approval IN ('required', '`+model.JumpVaries+`') AND n.approval IN ('not required', 'no policy') THEN 'Jump Item approval turned off'
		WHEN n.approval = 'required' THEN 'Jump Item approval turned on' ELSE 'Jump Item approval changed' END`),
	jumpPolicyChange("recordings", `CASE WHEN p.recordings IN ('on', '`+model.JumpVaries+`') AND n.recordings = 'off' THEN 'Jump Item recordings turned off'
		WHEN p.recordings IN ('off', '`+model.JumpVaries+`') AND n.recordings = 'on' THEN 'Jump Item recordings turned on' ELSE 'Jump Item recordings changed' END`),
}

func jumpPolicyChange(setting, change string) string {
	return fmt.Sprintf(`SELECT n.source, s.product, NULL, '', '', %[2]s,
		coalesce(n.item, '') || ' (' || n.item_type || coalesce(', ' || n.jump_group, '') || ')', p.%[1]s, n.%[1]s
	FROM access_jump_now n
	JOIN previous_jump_items p ON p.source = n.source AND p.item_type = n.item_type AND p.id = n.id
	JOIN sources s ON s.source = n.source
	WHERE n.accounts > 0 AND p.%[1]s IS DISTINCT FROM n.%[1]s`, setting, change)
}

// BuildAccessChanges compares previous_accounts (package previous loads
// it) with this run's accounts and writes access_changes: one row per
// change per account, on the sources both runs have. missing are the
// previous_accounts columns the previous run did not carry: the changes
// they show are not compared. Every step is SQL, so a million accounts
// never pass through Go.
//
// With jumpItems (previous_jump_items loaded), a Jump Item someone reaches
// whose approval or recordings the previous run's Jump Reach sheet gave
// otherwise is a change too, with the item and its Jump Group.
func BuildAccessChanges(ctx context.Context, db *sql.DB, missing []string, jumpItems bool) (*AccessChangeSet, error) {
	miss := map[string]bool{}
	for _, m := range missing {
		miss[m] = true
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	parts := accessChangeParts(miss)
	if jumpItems {
		if _, err := conn.ExecContext(ctx, `CREATE OR REPLACE TABLE access_jump_now AS SELECT source, type AS item_type, id, item, jump_group, approval, recordings, accounts FROM (`+JumpItemsQuery("")+`)`); err != nil {
			return nil, fmt.Errorf("access changes: Jump Items: %w", err)
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), "DROP TABLE IF EXISTS access_jump_now")
		parts = append(parts, jumpPolicyChanges...)
	}
	stmts := []string{accessCurrent, accessPairs, accessMatched,
		"CREATE OR REPLACE TABLE access_changes (source VARCHAR, product VARCHAR, id BIGINT, username VARCHAR, display_name VARCHAR, change VARCHAR, item VARCHAR, before VARCHAR, after VARCHAR)",
		"INSERT INTO access_changes\n" + strings.Join(parts, "\nUNION ALL\n"),
		"DROP TABLE access_matched", "DROP TABLE access_pairs", "DROP TABLE access_current",
	}
	for _, s := range stmts {
		if _, err := conn.ExecContext(ctx, s); err != nil {
			return nil, fmt.Errorf("access changes: %w\n%s", err, s)
		}
	}
	set := &AccessChangeSet{}
	if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM access_changes").Scan(&set.Count); err != nil {
		return nil, fmt.Errorf("access changes: %w", err)
	}
	if set.PreviousOnly, err = strings1(ctx, conn, `SELECT DISTINCT source FROM previous_accounts
		WHERE source NOT IN (SELECT source FROM sources) ORDER BY source`); err != nil {
		return nil, err
	}
	if set.CurrentOnly, err = strings1(ctx, conn, `SELECT source FROM sources
		WHERE source NOT IN (SELECT source FROM previous_accounts) ORDER BY source`); err != nil {
		return nil, err
	}
	return set, nil
}

// strings1 is the one text column of a query's rows.
func strings1(ctx context.Context, conn *sql.Conn, q string) ([]string, error) {
	rows, err := conn.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("access changes: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// AccessChangeRows returns an iterator over access_changes in a total
// order: source, username, id, change, item (case aside), then every other
// column, so that two runs list the same changes the same way.
func AccessChangeRows(db *sql.DB) func(context.Context, func(*model.AccessChange) error) error {
	return func(ctx context.Context, fn func(*model.AccessChange) error) error {
		rows, err := db.QueryContext(ctx, `
			SELECT source, coalesce(product, ''), coalesce(id, 0), username, display_name, change, item, before, after
			FROM access_changes
			ORDER BY source, lower(username), id NULLS FIRST, lower(change), lower(item), change, item, username, display_name, product, before, after`)
		if err != nil {
			return fmt.Errorf("access changes: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var c model.AccessChange
			if err := rows.Scan(&c.Source, &c.Product, &c.ID, &c.Username, &c.DisplayName, &c.Change, &c.Item, &c.Before, &c.After); err != nil {
				return fmt.Errorf("access changes: %w", err)
			}
			if err := fn(&c); err != nil {
				return err
			}
		}
		return rows.Err()
	}
}
