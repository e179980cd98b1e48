-- Sources, licenses, dangling references and duplicate usernames.
CREATE OR REPLACE TABLE source_facts AS
SELECT s.source, s.product,
    count(a.akey) AS accounts,
    count(a.akey) FILTER (WHERE a.enabled) AS enabled_accounts,
    count(a.akey) FILTER (WHERE a.enabled AND a.administrator) AS enabled_admins,
    coalesce(list(a.username ORDER BY a.username) FILTER (WHERE a.enabled AND a.administrator), []) AS admins,
    -- Whether the source's export says who is an administrator at all: without it, enabled_admins 0 is "not
    -- stated", not "none" (the Summary's Sources).
    EXISTS (SELECT 1 FROM capabilities c WHERE c.source = s.source AND c.capability = 'user.administrator') AS admins_known
FROM sources s LEFT JOIN account_facts a ON a.source = s.source
GROUP BY s.source, s.product;

-- Each license row against the sources it applies to. Active, stale and
-- never used split the enabled accounts by their last authentication, so
-- they add up to enabled_accounts; they are NULL when none of the row's
-- sources exports a last authentication (absent is not "never used").
-- Reclaimable seats come from the findings (facts/licenses.go).
CREATE OR REPLACE TABLE license_facts AS
WITH applies AS (
    SELECT l.file_id, l.line, s.source,
        EXISTS (SELECT 1 FROM capabilities c WHERE c.source = s.source AND c.capability = 'user.last_authentication') AS auth_known,
        EXISTS (SELECT 1 FROM capabilities c WHERE c.source = s.source AND c.capability = 'sessions') AS sessions_known,
        EXISTS (SELECT 1 FROM capabilities c WHERE c.source = s.source AND c.capability = 'vault_activity') AS vault_known,
        EXISTS (SELECT 1 FROM capabilities c WHERE c.source = s.source AND c.capability IN ('ps_user_audits', 'ps_sessions')) AS ps_known
    FROM licenses l JOIN sources s ON s.product = l.product AND (l.applies_to IS NULL OR l.applies_to = s.source)
),
per_row AS (
    SELECT ap.file_id, ap.line,
        list(DISTINCT ap.source ORDER BY ap.source) AS sources,
        bool_or(ap.auth_known) AS auth_known,
        -- Which activity counted as use (docs/rules.md, seat usage).
        concat_ws('; ', CASE WHEN bool_or(ap.auth_known) THEN 'last authentication' END,
            CASE WHEN bool_or(ap.sessions_known) THEN 'session reports' END,
            CASE WHEN bool_or(ap.vault_known) THEN 'Vault activity' END,
            CASE WHEN bool_or(ap.ps_known) THEN 'Password Safe audits and sessions' END) AS use_from,
        count(a.akey) FILTER (WHERE a.enabled) AS enabled_accounts,
        -- An authentication after the as-of date (no days since, warned of) is recent, not stale.
        -- A session or audited action in the window is use too (docs/rules.md, seat usage).
        count(a.akey) FILTER (WHERE a.enabled AND (a.active_in_window OR a.last_authentication IS NOT NULL
            AND coalesce(a.days_since_last_auth <= run.stale_days, true))) AS active,
        count(a.akey) FILTER (WHERE a.enabled AND NOT a.active_in_window AND a.days_since_last_auth > run.stale_days) AS stale,
        count(a.akey) FILTER (WHERE a.enabled AND NOT a.active_in_window AND a.last_authentication IS NULL) AS never_used
    FROM applies ap CROSS JOIN run LEFT JOIN account_facts a ON a.source = ap.source
    GROUP BY ap.file_id, ap.line
)
SELECT l.file_id, l.line, l.product, lower(l.seat_type) AS seat_type, l.purchased, l.annual_cost_per_seat,
    coalesce(l.currency, 'USD') AS currency, l.applies_to,
    CASE WHEN l.applies_to IS NOT NULL THEN l.applies_to
         WHEN len(coalesce(p.sources, [])) = 1 THEN p.sources[1]
         ELSE '*' END AS source,
    coalesce(p.sources, []) AS sources,
    coalesce(p.enabled_accounts, 0) AS enabled_accounts,
    CASE WHEN coalesce(p.auth_known, false) THEN p.active END AS active,
    CASE WHEN coalesce(p.auth_known, false) THEN p.stale END AS stale,
    CASE WHEN coalesce(p.auth_known, false) THEN p.never_used END AS never_used,
    l.renewal_date,
    date_diff('day', run.as_of, l.renewal_date) AS days_to_renewal,
    coalesce(p.use_from, '') AS use_from
FROM licenses l CROSS JOIN run LEFT JOIN per_row p ON p.file_id = l.file_id AND p.line = l.line;

-- The seat cost of each account: the license row naming its source, else
-- the row for its product.
CREATE OR REPLACE TABLE seat_costs AS
SELECT DISTINCT ON (s.source) s.source, l.product, l.annual_cost_per_seat, coalesce(l.currency, 'USD') AS currency
FROM sources s JOIN licenses l ON l.product = s.product AND (l.applies_to IS NULL OR l.applies_to = s.source)
ORDER BY s.source, (l.applies_to IS NULL), l.file_id, l.line;

-- References to ids the export does not contain, for kinds the source exported.
CREATE OR REPLACE TABLE reference_facts AS
WITH refs AS (
    SELECT 'user' AS target_kind, source, user_id AS target_id, file_id, line, 'group policy ' || group_policy_id AS ctx FROM group_policy_members WHERE user_id IS NOT NULL
    UNION ALL SELECT 'group-policy', source, group_policy_id, file_id, line, 'member ' || coalesce(user_id::VARCHAR, group_name, distinguished_name, '') FROM group_policy_members
    UNION ALL SELECT 'user', source, user_id, file_id, line, 'group policy ' || group_policy_id FROM user_group_policies
    UNION ALL SELECT 'team', source, team_id, file_id, line, 'user ' || user_id FROM team_users
    UNION ALL SELECT 'user', source, user_id, file_id, line, 'team ' || team_id FROM team_users
    UNION ALL SELECT 'group-policy', source, group_policy_id, file_id, line, 'team ' || team_id FROM group_policy_teams
    UNION ALL SELECT 'team', source, team_id, file_id, line, 'group policy ' || group_policy_id FROM group_policy_teams
    UNION ALL SELECT 'jump-group', source, jump_group_id, file_id, line, 'user ' || user_id FROM jump_group_users
    UNION ALL SELECT 'user', source, user_id, file_id, line, 'Jump Group ' || jump_group_id FROM jump_group_users
    UNION ALL SELECT 'group-policy', source, group_policy_id, file_id, line, 'Jump Group ' || jump_group_id FROM group_policy_jump_groups
    UNION ALL SELECT 'jump-group', source, jump_group_id, file_id, line, 'group policy ' || group_policy_id FROM group_policy_jump_groups
    UNION ALL SELECT 'vault-account-group', source, account_group_id, file_id, line, 'user ' || user_id FROM vault_account_group_users
    UNION ALL SELECT 'user', source, user_id, file_id, line, 'Vault account group ' || account_group_id FROM vault_account_group_users
    UNION ALL SELECT 'group-policy', source, group_policy_id, file_id, line, 'Vault account group ' || account_group_id FROM group_policy_vault_account_groups
    UNION ALL SELECT 'vault-account-group', source, account_group_id, file_id, line, 'group policy ' || group_policy_id FROM group_policy_vault_account_groups
    UNION ALL SELECT 'group-policy', source, default_policy, file_id, line, 'default policy of security provider ' || coalesce(name, id::VARCHAR) FROM security_providers WHERE default_policy IS NOT NULL
    UNION ALL SELECT 'group-policy', source, default_policy, file_id, line, 'default policy of vendor ' || coalesce(name, id::VARCHAR) FROM vendors WHERE default_policy IS NOT NULL
    UNION ALL SELECT 'vendor', source, vendor_id, file_id, line, 'vendor user ' || coalesce(username, id::VARCHAR) FROM vendor_users WHERE vendor_id IS NOT NULL
    -- Jump Policies and Jump Groups a Jump Item or membership names (0: "set on the Jump Items"; a personal item's
    -- jump_group_id is its owner's user id).
    UNION ALL SELECT 'jump-policy', source, jump_policy_id, file_id, line, 'Jump Item ' || coalesce(name, type || ' ' || id::VARCHAR) FROM jump_items WHERE jump_policy_id <> 0
    UNION ALL SELECT 'jump-policy', source, jump_policy_id, file_id, line, 'Jump Group ' || jump_group_id || ' member ' || user_id FROM jump_group_users WHERE jump_policy_id <> 0
    UNION ALL SELECT 'jump-policy', source, jump_policy_id, file_id, line, 'group policy ' || group_policy_id || ', Jump Group ' || jump_group_id FROM group_policy_jump_groups WHERE jump_policy_id <> 0
    UNION ALL SELECT 'jump-group', source, jump_group_id, file_id, line, 'Jump Item ' || coalesce(name, type || ' ' || id::VARCHAR) FROM jump_items WHERE coalesce(jump_group_type, 'shared') <> 'personal'
),
targets AS (
    SELECT 'user' AS kind, source, id FROM users WHERE origin = 'api'
    UNION ALL SELECT 'group-policy', source, id FROM group_policies
    UNION ALL SELECT 'team', source, id FROM teams
    UNION ALL SELECT 'jump-group', source, id FROM jump_groups
    UNION ALL SELECT 'vault-account-group', source, id FROM vault_account_groups
    UNION ALL SELECT 'vendor', source, id FROM vendors
    UNION ALL SELECT 'jump-policy', source, id FROM jump_policies
)
SELECT r.source, s.product, r.target_kind, r.target_id,
    r.target_kind || ':' || r.target_id AS entity,
    list(f.path || ' line ' || r.line || ' (' || r.ctx || ')' ORDER BY f.path, r.line)[1:10] AS referenced_by
FROM refs r
JOIN sources s ON s.source = r.source
JOIN input_files f ON f.file_id = r.file_id
JOIN exported e ON e.source = r.source AND e.kind = r.target_kind
WHERE r.target_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM targets t WHERE t.kind = r.target_kind AND t.source = r.source AND t.id = r.target_id)
GROUP BY r.source, s.product, r.target_kind, r.target_id;

-- Usernames (case-insensitive) held by accounts of more than one provider.
CREATE OR REPLACE TABLE username_facts AS
SELECT a.source, any_value(a.product) AS product, min(a.username) AS username,
    list(DISTINCT coalesce(a.provider_name, '#' || a.provider_id::VARCHAR, 'unknown provider')
         ORDER BY coalesce(a.provider_name, '#' || a.provider_id::VARCHAR, 'unknown provider')) AS providers,
    count(*) AS accounts
FROM account_facts a
WHERE a.kind = 'user'
GROUP BY a.source, lower(a.username)
HAVING count(*) > 1;
