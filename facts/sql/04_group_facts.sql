-- One fact per group policy, team, Jump Group and Vault account group.
CREATE OR REPLACE TABLE group_policy_facts AS
WITH user_members AS (
    SELECT DISTINCT m.source, m.group_id, coalesce(m.akey::VARCHAR, 'id:' || m.user_id::VARCHAR) AS member, m.akey
    FROM memberships m
    WHERE m.kind = 'group-policy' AND m.group_id IS NOT NULL
),
counts AS (
    SELECT um.source, um.group_id,
        count(*) AS users,
        count(*) FILTER (WHERE a.enabled AND NOT a.account_expired) AS enabled_users
    FROM user_members um LEFT JOIN account_facts a ON a.akey = um.akey
    GROUP BY um.source, um.group_id
),
dir AS (
    SELECT source, group_policy_id, count(*) AS n
    FROM group_policy_members
    WHERE user_id IS NULL AND (distinguished_name IS NOT NULL OR group_name IS NOT NULL)
    GROUP BY source, group_policy_id
),
defaults AS (
    SELECT source, default_policy AS id, 'security provider ' || coalesce(name, '#' || id::VARCHAR) AS what
    FROM providers WHERE default_policy IS NOT NULL
    UNION ALL
    SELECT source, default_policy, 'vendor ' || coalesce(name, '#' || id::VARCHAR)
    FROM vendors WHERE default_policy IS NOT NULL
),
default_of AS (
    SELECT source, id, list(DISTINCT what ORDER BY what) AS what FROM defaults GROUP BY source, id
)
SELECT gp.source, s.product, gp.id, coalesce(gp.name, '#' || gp.id::VARCHAR) AS name,
    coalesce(c.users, 0) AS users, coalesce(c.enabled_users, 0) AS enabled_users,
    coalesce(dir.n, 0) AS directory_groups,
    coalesce(c.users, 0) + coalesce(dir.n, 0) AS total,
    coalesce(df.what, []) AS default_policy_of
FROM group_policies gp
JOIN sources s ON s.source = gp.source
LEFT JOIN counts c ON c.source = gp.source AND c.group_id = gp.id
LEFT JOIN dir ON dir.source = gp.source AND dir.group_policy_id = gp.id
LEFT JOIN default_of df ON df.source = gp.source AND df.id = gp.id;

-- Teams, Jump Groups and Vault account groups: users and assigning policies.
CREATE OR REPLACE TABLE group_facts AS
WITH groups AS (
    SELECT 'team' AS kind, source, id, name FROM teams
    UNION ALL SELECT 'jump-group', source, id, name FROM jump_groups
    UNION ALL SELECT 'vault-account-group', source, id, name FROM vault_account_groups
),
users AS (
    SELECT kind, source, group_id, count(DISTINCT coalesce(akey::VARCHAR, 'id:' || user_id::VARCHAR)) AS n
    FROM memberships WHERE kind <> 'group-policy' AND group_id IS NOT NULL
    GROUP BY ALL
),
policies AS (
    SELECT 'team' AS kind, source, team_id AS group_id, count(DISTINCT group_policy_id) AS n FROM group_policy_teams GROUP BY ALL
    UNION ALL SELECT 'jump-group', source, jump_group_id, count(DISTINCT group_policy_id) FROM group_policy_jump_groups GROUP BY ALL
    UNION ALL SELECT 'vault-account-group', source, account_group_id, count(DISTINCT group_policy_id) FROM group_policy_vault_account_groups GROUP BY ALL
)
SELECT g.kind, g.source, s.product, g.id, coalesce(g.name, '#' || g.id::VARCHAR) AS name,
    coalesce(u.n, 0) AS users, coalesce(p.n, 0) AS group_policies
FROM groups g
JOIN sources s ON s.source = g.source
LEFT JOIN users u ON u.kind = g.kind AND u.source = g.source AND u.group_id = g.id
LEFT JOIN policies p ON p.kind = g.kind AND p.source = g.source AND p.group_id = g.id;

-- PRA vendor groups: the policy each sets for its users (a default group
-- policy, days until a new user expires, approval of new users) and how
-- many users it has. user_approval_enabled NULL = the export does not say.
CREATE OR REPLACE TABLE vendor_facts AS
WITH counts AS (
    SELECT source, vendor_id, count(*) AS users,
        count(*) FILTER (WHERE enabled AND NOT account_expired) AS enabled_users
    FROM account_facts WHERE kind = 'vendor-user' AND vendor_id IS NOT NULL
    GROUP BY source, vendor_id
)
SELECT v.source, s.product, v.id, coalesce(v.name, '#' || v.id::VARCHAR) AS name,
    v.default_policy AS default_policy_id, gp.name AS default_policy_name,
    v.account_expiration_days, v.deletion_days_after_expiration, v.user_approval_enabled,
    coalesce(c.users, 0) AS users, coalesce(c.enabled_users, 0) AS enabled_users
FROM vendors v
JOIN sources s ON s.source = v.source
LEFT JOIN counts c ON c.source = v.source AND c.vendor_id = v.id
LEFT JOIN group_policies gp ON gp.source = v.source AND gp.id = v.default_policy;
