-- Password Safe access: which user groups each Password Safe user is in and
-- which roles on which Smart Rules those groups give (docs/rule-semantics.md,
-- "Password Safe"). Entitlements and the per-group Smart Rule and role
-- exports describe the same grants; either is enough, both are united and
-- de-duplicated. Inactive user groups give nothing; a group the user group
-- export does not list counts as active. Roles are told by id, never name.

CREATE OR REPLACE TABLE ps_role_names AS
SELECT * FROM (VALUES (1, 'Requestor'), (2, 'Approver'), (3, 'Requestor/Approver'),
    (4, 'Information Security Administrator'), (5, 'Auditor'), (7, 'Credentials Manager'),
    (8, 'Recorded Session Reviewer'), (9, 'Active Session Reviewer')) t(role_id, name);

-- Each user's groups, from the member lists and from the entitlements.
CREATE OR REPLACE TABLE ps_memberships AS
SELECT DISTINCT m.source, m.user_id, m.group_id, g.name AS group_name
FROM (
    SELECT source, user_id, group_id FROM ps_user_group_users WHERE user_id IS NOT NULL AND group_id IS NOT NULL
    UNION ALL
    SELECT source, user_id, group_id FROM ps_entitlements WHERE user_id IS NOT NULL AND group_id IS NOT NULL
) m
LEFT JOIN (
    -- A group's name: the user group export's, else the entitlements' (the lowest, when they differ).
    SELECT source, id, min(name) AS name FROM (
        SELECT source, id, name FROM ps_user_groups WHERE name IS NOT NULL
        UNION ALL SELECT source, group_id, group_name FROM ps_entitlements WHERE group_name IS NOT NULL
    ) GROUP BY source, id
) g ON g.source = m.source AND g.id = m.group_id
WHERE NOT EXISTS (SELECT 1 FROM ps_user_groups x WHERE x.source = m.source AND x.id = m.group_id AND x.is_active = false);

-- Groups that the entitlements mark as administrator groups.
CREATE OR REPLACE TABLE ps_admin_group_ids AS
SELECT DISTINCT source, group_id FROM ps_entitlements WHERE is_administrator_group AND group_id IS NOT NULL;

-- Every grant of a role on a Smart Rule to a user, with where it was read.
CREATE OR REPLACE TABLE ps_grants AS
WITH group_rules AS (
    SELECT coalesce(r.source, sr.source) AS source, coalesce(r.group_id, sr.group_id) AS group_id,
        coalesce(r.smart_rule_id, sr.smart_rule_id) AS smart_rule_id, sr.title,
        CASE sr.access_level_id WHEN 1 THEN 'Read' WHEN 3 THEN 'Read/Write' ELSE CAST(sr.access_level_id AS VARCHAR) END AS access_level,
        r.role_id, r.name AS role_name
    FROM ps_user_group_smart_rules sr
    FULL JOIN ps_user_group_smart_rule_roles r
        ON r.source = sr.source AND r.group_id = sr.group_id AND r.smart_rule_id = sr.smart_rule_id
),
all_grants AS (
    SELECT e.source, e.user_id, e.group_id, e.smart_rule_id, e.title, e.access_level, e.role_id, e.role_name,
        'entitlements' AS via
    FROM ps_entitlements e
    WHERE e.user_id IS NOT NULL AND e.group_id IS NOT NULL AND (e.smart_rule_id IS NOT NULL OR e.role_id IS NOT NULL)
    UNION ALL
    SELECT m.source, m.user_id, m.group_id, gr.smart_rule_id, gr.title, gr.access_level, gr.role_id, gr.role_name, 'user-group'
    FROM ps_user_group_users m
    JOIN group_rules gr ON gr.source = m.source AND gr.group_id = m.group_id
    WHERE m.user_id IS NOT NULL
)
SELECT g.source, g.user_id, g.group_id, any_value(m.group_name) AS group_name, g.smart_rule_id,
    min(g.title) AS smart_rule_title, g.role_id,
    coalesce(min(g.role_name), any_value(rn.name)) AS role_name,
    min(g.access_level) AS access_level,
    string_agg(DISTINCT g.via, ', ' ORDER BY g.via) AS via
FROM all_grants g
-- Only grants through an active group (ps_memberships holds those).
JOIN ps_memberships m ON m.source = g.source AND m.user_id = g.user_id AND m.group_id = g.group_id
LEFT JOIN ps_role_names rn ON rn.role_id = g.role_id
GROUP BY g.source, g.user_id, g.group_id, g.smart_rule_id, g.role_id;

-- The grants by account.
CREATE OR REPLACE TABLE ps_account_access AS
SELECT a.akey, g.source, g.group_id, g.group_name, g.smart_rule_id, g.smart_rule_title, g.role_id, g.role_name,
    g.access_level, g.via
FROM ps_grants g
JOIN accounts a ON a.source = g.source AND a.id = g.user_id AND a.provider_type = 'password-safe'
ORDER BY a.akey, g.smart_rule_id, g.role_id, g.group_id;

-- Who is an administrator: a member of an administrator group, or holder
-- of role 4 (Information Security Administrator) on any Smart Rule. Only
-- the entitlements say which groups are administrator groups, so "no" is
-- known once they were exported (the user.administrator capability);
-- without them a role-4 holder is still one, and anyone else NULL (not
-- stated), never false.
UPDATE accounts SET administrator = coalesce((
        SELECT true FROM ps_memberships m JOIN ps_admin_group_ids ag ON ag.source = m.source AND ag.group_id = m.group_id
        WHERE m.source = accounts.source AND m.user_id = accounts.id LIMIT 1), (
        SELECT true FROM ps_account_access x WHERE x.akey = accounts.akey AND x.role_id = 4 LIMIT 1), (
        SELECT false FROM capabilities c WHERE c.source = accounts.source AND c.capability = 'user.administrator' LIMIT 1))
WHERE provider_type = 'password-safe';

-- One row per Password Safe account: what its fact and its rules need.
-- Self-approval: a Smart Rule on which the user holds role 3, or both 1
-- and 2 (through any of its groups).
CREATE OR REPLACE TABLE ps_account_summary AS
WITH rules AS (
    SELECT akey, smart_rule_id, coalesce(min(smart_rule_title), '#' || smart_rule_id::VARCHAR) AS title,
        bool_or(role_id = 3) OR (bool_or(role_id = 1) AND bool_or(role_id = 2)) AS self_approval
    FROM ps_account_access WHERE smart_rule_id IS NOT NULL
    GROUP BY akey, smart_rule_id
),
groups AS (
    SELECT a.akey,
        list(DISTINCT coalesce(m.group_name, '#' || m.group_id::VARCHAR) ORDER BY coalesce(m.group_name, '#' || m.group_id::VARCHAR)) AS user_groups,
        list(DISTINCT coalesce(m.group_name, '#' || m.group_id::VARCHAR) ORDER BY coalesce(m.group_name, '#' || m.group_id::VARCHAR))
            FILTER (WHERE ag.group_id IS NOT NULL) AS admin_groups
    FROM accounts a
    JOIN ps_memberships m ON m.source = a.source AND m.user_id = a.id
    LEFT JOIN ps_admin_group_ids ag ON ag.source = m.source AND ag.group_id = m.group_id
    WHERE a.provider_type = 'password-safe'
    GROUP BY a.akey
),
admins AS (
    SELECT source, count(*) FILTER (WHERE enabled AND administrator) AS source_admins
    FROM accounts WHERE provider_type = 'password-safe' GROUP BY source
)
SELECT a.akey,
    coalesce(g.user_groups, []) AS user_groups,
    coalesce(g.admin_groups, []) AS admin_groups,
    coalesce((SELECT list(DISTINCT x.role_id ORDER BY x.role_id) FROM ps_account_access x WHERE x.akey = a.akey AND x.role_id IS NOT NULL), []) AS roles,
    coalesce((SELECT list(r.title ORDER BY r.title) FROM rules r WHERE r.akey = a.akey), []) AS smart_rules,
    coalesce((SELECT list(r.title ORDER BY r.title) FROM rules r WHERE r.akey = a.akey AND r.self_approval), []) AS self_approval,
    ad.source_admins
FROM accounts a
LEFT JOIN groups g ON g.akey = a.akey
LEFT JOIN admins ad ON ad.source = a.source
WHERE a.provider_type = 'password-safe';
