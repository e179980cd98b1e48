-- One fact per Jump Item and per Jump Policy, from who reaches what
-- (jump_reach, 03_jump_reach.sql). An account reaches an item when it is
-- enabled or does not say; a disabled account is not counted.
CREATE OR REPLACE TABLE jump_item_facts AS
WITH reach AS (
    SELECT r.*,
        NOT coalesce(r.administrator, false) AS non_admin
    FROM jump_reach r WHERE coalesce(r.enabled, true)
),
per_item AS (
    SELECT source, item_type, item_id,
        count(DISTINCT akey) AS accounts,
        count(DISTINCT akey) FILTER (WHERE non_admin) AS non_administrators,
        count(DISTINCT akey) FILTER (WHERE account_kind = 'vendor-user') AS vendor_users,
        list(DISTINCT coalesce(policy_name, '#' || effective_policy_id::VARCHAR) ORDER BY coalesce(policy_name, '#' || effective_policy_id::VARCHAR))
            FILTER (WHERE effective_policy_id IS NOT NULL) AS policies,
        count(DISTINCT akey) FILTER (WHERE policy_set_on IS NULL) AS unpoliced_accounts,
        count(DISTINCT akey) FILTER (WHERE policy_set_on IS NULL AND non_admin) AS unpoliced_non_admins,
        list(DISTINCT entity ORDER BY entity) FILTER (WHERE policy_set_on IS NULL AND non_admin) AS unpoliced_names,
        list(DISTINCT path ORDER BY path) FILTER (WHERE policy_set_on IS NULL) AS unpoliced_paths,
        list({'vendor': vendor, 'user': entity, 'path': path,
              'policy': CASE WHEN effective_policy_id IS NOT NULL THEN coalesce(policy_name, '#' || effective_policy_id::VARCHAR) END,
              'set_on': policy_set_on, 'approval_required': approval_required}
             ORDER BY vendor, entity, path) FILTER (WHERE account_kind = 'vendor-user') AS vendor_access
    FROM reach
    GROUP BY source, item_type, item_id
)
SELECT i.source, s.product, i.type, coalesce(t.name, i.type) AS type_name, i.id, coalesce(i.name, '#' || i.type || ' ' || i.id::VARCHAR) AS name, i.host,
    coalesce(i.jump_group_type, 'shared') AS jump_group_type, i.jump_group_id,
    CASE WHEN coalesce(i.jump_group_type, 'shared') <> 'personal'
         THEN coalesce(jg.name, '#' || i.jump_group_id::VARCHAR) END AS jump_group,
    CASE WHEN i.jump_group_type = 'personal' THEN coalesce(o.entity, '#' || i.jump_group_id::VARCHAR) END AS owner,
    CASE WHEN coalesce(i.jump_policy_id, 0) <> 0 THEN coalesce(jp.display_name, '#' || i.jump_policy_id::VARCHAR) END AS policy,
    CASE WHEN coalesce(i.jump_policy_id, 0) <> 0 THEN i.jump_policy_id END AS policy_id,
    CASE WHEN coalesce(i.session_policy_id, 0) <> 0 THEN coalesce(sp.display_name, '#' || i.session_policy_id::VARCHAR) END AS session_policy,
    coalesce(p.accounts, 0) AS accounts, coalesce(p.non_administrators, 0) AS non_administrators,
    coalesce(p.vendor_users, 0) AS vendor_users,
    coalesce(p.policies, []) AS policies,
    coalesce(p.unpoliced_accounts, 0) AS unpoliced_accounts, coalesce(p.unpoliced_non_admins, 0) AS unpoliced_non_admins,
    coalesce(p.unpoliced_names, [])[1:10] AS unpoliced_names, coalesce(p.unpoliced_paths, [])[1:10] AS unpoliced_paths,
    coalesce(p.vendor_access, []) AS vendor_access
FROM jump_items i
JOIN sources s ON s.source = i.source
LEFT JOIN per_item p ON p.source = i.source AND p.item_type = i.type AND p.item_id = i.id
LEFT JOIN jump_groups jg ON jg.source = i.source AND jg.id = i.jump_group_id AND coalesce(i.jump_group_type, 'shared') <> 'personal'
LEFT JOIN account_facts o ON i.jump_group_type = 'personal' AND o.source = i.source AND o.kind = 'user' AND o.id = i.jump_group_id
LEFT JOIN jump_policies jp ON jp.source = i.source AND jp.id = i.jump_policy_id
LEFT JOIN session_policies sp ON sp.source = i.source AND sp.id = i.session_policy_id
LEFT JOIN jump_item_types t ON t.type = i.type;

-- Each Jump Policy, and the items it is in force on for someone: by the
-- item's own setting, or by a membership that sets it.
CREATE OR REPLACE TABLE jump_policy_facts AS
WITH reach AS (
    SELECT * FROM jump_reach WHERE coalesce(enabled, true) AND effective_policy_id IS NOT NULL
),
per_item AS (
    SELECT source, effective_policy_id AS policy_id, item_type, item_id, any_value(item_name) AS item_name,
        any_value(jump_group_name) AS jump_group,
        list(DISTINCT CASE WHEN policy_set_on = 'item' THEN 'the item'
                           ELSE 'membership: ' || path END
             ORDER BY CASE WHEN policy_set_on = 'item' THEN 'the item'
                           ELSE 'membership: ' || path END) AS set_by,
        count(DISTINCT akey) AS accounts
    FROM reach GROUP BY ALL
),
per_policy AS (
    SELECT p.source, p.policy_id, count(*) AS items,
        list({'item': coalesce(p.item_name, '#' || p.item_type || ' ' || p.item_id::VARCHAR), 'type': p.item_type, 'id': p.item_id,
              'jump_group': p.jump_group, 'set_by': p.set_by, 'accounts': p.accounts}
             ORDER BY coalesce(p.item_name, '#' || p.item_type || ' ' || p.item_id::VARCHAR), p.item_type, p.item_id) AS in_force
    FROM per_item p GROUP BY p.source, p.policy_id
),
accounts AS (
    SELECT source, effective_policy_id AS policy_id, count(DISTINCT akey) AS n FROM reach GROUP BY ALL
)
SELECT jp.source, s.product, jp.id, coalesce(jp.display_name, '#' || jp.id::VARCHAR) AS name, jp.code_name,
    jp.approval_required, jp.recordings_disabled, jp.ticket_id_required, jp.two_factor_challenge_required, jp.schedule_enabled,
    coalesce(pp.items, 0) AS items, coalesce(a.n, 0) AS accounts, coalesce(pp.in_force, [])[1:20] AS in_force
FROM jump_policies jp
JOIN sources s ON s.source = jp.source
LEFT JOIN per_policy pp ON pp.source = jp.source AND pp.policy_id = jp.id
LEFT JOIN accounts a ON a.source = jp.source AND a.policy_id = jp.id;
