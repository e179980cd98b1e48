package views

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/review-tool/review/internal/model"
)

// jumpSetting is what a Jump Policy in force says of one setting on one
// path (jump_reach's columns; yes and no as the sheet says them): "not
// known" where the membership's policy is not exported, "policy not in
// export" where the id names a Jump Policy the export lacks.
func jumpSetting(column, yes, no string) string {
	return fmt.Sprintf(`CASE WHEN set_on = 'unknown' THEN 'not known' WHEN policy_id IS NULL THEN 'no policy'
        WHEN policy_name IS NULL THEN 'policy not in export' WHEN %[1]s IS NULL THEN 'not exported'
        WHEN %[1]s THEN '%[2]s' ELSE '%[3]s' END`, column, yes, no)
}

// jumpItemRows is the Jump Reach sheet (docs/outputs.md): every Jump Item,
// with the policies in force on the paths of those who reach it (enabled
// or not saying, as jump_item_facts counts them), or the item's own when
// nobody does. A setting the same on every path reads as it is, else
// "varies by path".
var jumpItemRows = `WITH inforce AS (
    SELECT source, item_type AS type, item_id AS id, effective_policy_id AS policy_id, policy_name, policy_set_on AS set_on,
        CASE WHEN policy_set_on = 'unknown' THEN 'not known (' || path || ': its Jump Policy field is not exported)'
             WHEN effective_policy_id IS NULL THEN 'no policy (' || path || ')'
             ELSE coalesce(policy_name, '#' || effective_policy_id::VARCHAR) || ' ('
                 || CASE WHEN policy_set_on = 'item' THEN 'item' ELSE path END || ')' END AS label,
        approval_required, recordings_disabled, ticket_id_required, two_factor_challenge_required, schedule_enabled,
        CASE WHEN account_kind = 'vendor-user' THEN coalesce(vendor, 'unknown vendor group') END AS vendor
    FROM {jump_reach} WHERE coalesce(enabled, true)
    UNION ALL
    SELECT i.source, i.type, i.id, i.policy_id, p.name, CASE WHEN i.policy_id IS NOT NULL THEN 'item' END,
        CASE WHEN i.policy_id IS NULL THEN 'no policy' ELSE coalesce(p.name, '#' || i.policy_id::VARCHAR) || ' (item)' END,
        p.approval_required, p.recordings_disabled, p.ticket_id_required, p.two_factor_challenge_required, p.schedule_enabled,
        NULL
    FROM {jump_item_facts} i
    LEFT JOIN {jump_policy_facts} p ON p.source = i.source AND p.id = i.policy_id
    WHERE i.accounts = 0
), settings AS (
    SELECT source, type, id, label, vendor,
        ` + jumpSetting("approval_required", "required", "not required") + ` AS approval,
        ` + jumpSetting("recordings_disabled", "off", "on") + ` AS recordings,
        ` + jumpSetting("ticket_id_required", "required", "not required") + ` AS ticket_id,
        ` + jumpSetting("two_factor_challenge_required", "required", "not required") + ` AS two_factor,
        ` + jumpSetting("schedule_enabled", "on", "off") + ` AS schedule
    FROM inforce
), per_item AS (
    SELECT source, type, id,
        string_agg(DISTINCT label, '; ' ORDER BY label) AS policies,
        coalesce(string_agg(DISTINCT vendor, '; ' ORDER BY vendor), '') AS vendors,
        CASE WHEN count(DISTINCT approval) = 1 THEN any_value(approval) ELSE '` + model.JumpVaries + `' END AS approval,
        CASE WHEN count(DISTINCT recordings) = 1 THEN any_value(recordings) ELSE '` + model.JumpVaries + `' END AS recordings,
        CASE WHEN count(DISTINCT ticket_id) = 1 THEN any_value(ticket_id) ELSE '` + model.JumpVaries + `' END AS ticket_id,
        CASE WHEN count(DISTINCT two_factor) = 1 THEN any_value(two_factor) ELSE '` + model.JumpVaries + `' END AS two_factor,
        CASE WHEN count(DISTINCT schedule) = 1 THEN any_value(schedule) ELSE '` + model.JumpVaries + `' END AS schedule
    FROM settings GROUP BY source, type, id
)
SELECT i.source,
    CASE WHEN i.jump_group_type = 'personal' THEN 'personal: ' || coalesce(i.owner, '#' || i.jump_group_id::VARCHAR)
         ELSE i.jump_group END AS jump_group,
    i.name AS item, i.type_name AS type, i.id, i.jump_group_type, coalesce(i.host, '') AS host, p.policies,
    p.approval, p.recordings, p.ticket_id, p.two_factor, p.schedule, coalesce(i.session_policy, '') AS session_policy,
    i.accounts, i.vendor_users, p.vendors, i.accounts - i.non_administrators AS administrators
FROM {jump_item_facts} i
JOIN per_item p ON p.source = i.source AND p.type = i.type AND p.id = i.id`

// jumpItemOrder is the Jump Reach sheet's order: by source, shared Jump
// Groups before personal lists, then by name.
const jumpItemOrder = ` ORDER BY source, jump_group_type DESC, lower(jump_group), lower(item), type, id`

// JumpItemsQuery is the Jump Reach sheet's rows as a query, unordered,
// over the facts of the database attached as catalog ("" for this run's
// own): a --previous-db's, for Access Changes. A type is named as the sheet
// names it (Remote RDP).
func JumpItemsQuery(catalog string) string {
	q := jumpItemRows
	for _, t := range []string{"jump_reach", "jump_item_facts", "jump_policy_facts"} {
		name := t
		if catalog != "" {
			name = catalog + ".main." + t
		}
		q = strings.ReplaceAll(q, "{"+t+"}", name)
	}
	return q
}

// JumpItemRows returns the Jump Reach sheet's rows: nil when no source gave
// a Jump Item export.
func JumpItemRows(ctx context.Context, db *sql.DB) ([]model.JumpItemRow, error) {
	var read bool
	if err := db.QueryRowContext(ctx, `SELECT count(*) > 0 FROM capabilities WHERE capability = 'jump_items'`).Scan(&read); err != nil {
		return nil, fmt.Errorf("jump reach: %w", err)
	}
	if !read {
		return nil, nil
	}
	rows, err := db.QueryContext(ctx, JumpItemsQuery("")+jumpItemOrder)
	if err != nil {
		return nil, fmt.Errorf("jump reach: %w", err)
	}
	defer rows.Close()
	out := []model.JumpItemRow{}
	for rows.Next() {
		var r model.JumpItemRow
		if err := rows.Scan(&r.Source, &r.JumpGroup, &r.Item, &r.ItemType, &r.ID, &r.GroupType, &r.Host, &r.Policies,
			&r.Approval, &r.Recordings, &r.TicketID, &r.TwoFactor, &r.Schedule, &r.SessionPolicy,
			&r.Accounts, &r.VendorUsers, &r.Vendors, &r.Administrators); err != nil {
			return nil, fmt.Errorf("jump reach: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
