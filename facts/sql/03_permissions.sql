-- The risky permissions of each account (run.risky_permissions, the rule
-- risky-permission): where its own settings or a group policy it holds grant
-- one, every setting of that permission by the account and its policies, so
-- that a policy that disagrees is said too. A group policy sets permissions
-- only when its access_perm_status (rep_perm_status) is defined or final;
-- not_defined grants nothing, whatever its perm_* fields read. A boolean
-- grants when true; a text (perm_endpoint_automation: not_allowed, user,
-- administrator) when it is not a refusal.
CREATE OR REPLACE TABLE permission_names AS
SELECT DISTINCT unnest(risky_permissions) AS permission FROM run;

-- Each user's perms is parsed once, into a map, for all the permissions:
-- a million users' worth.
CREATE OR REPLACE TABLE own_permissions AS
WITH parsed AS (
    SELECT a.akey, json_transform(u.perms, '"MAP(VARCHAR, JSON)"') AS m
    FROM accounts a
    JOIN users u ON u.file_id = a.file_id AND u.line = a.line
    WHERE a.kind = 'user' AND u.perms IS NOT NULL AND EXISTS (SELECT 1 FROM permission_names)
),
settings AS (
    SELECT p.akey, n.permission, p.m[n.permission] ->> '$' AS value
    FROM parsed p CROSS JOIN permission_names n
)
SELECT akey, permission, value,
    lower(value) NOT IN ('false', '0', 'not_allowed', 'deny', 'none', 'disabled', '') AS granted
FROM settings WHERE value IS NOT NULL;

CREATE OR REPLACE TABLE policy_permissions AS
WITH settings AS (
    SELECT gp.source, gp.id, coalesce(gp.name, '#' || gp.id::VARCHAR) AS name, lower(gp.perm_status) AS status,
        n.permission, json_extract(gp.perms, '$."' || n.permission || '"') ->> '$' AS value
    FROM group_policies gp CROSS JOIN permission_names n
    WHERE lower(gp.perm_status) IN ('defined', 'final') AND gp.perms IS NOT NULL
)
SELECT source, id, name, status, permission, value,
    lower(value) NOT IN ('false', '0', 'not_allowed', 'deny', 'none', 'disabled', '') AS granted
FROM settings WHERE value IS NOT NULL;

-- The group policies each account holds that set one of the permissions: its
-- memberships and its provider's (a vendor user's: vendor group's) default
-- policy, as account_facts counts them. Only accounts that some setting
-- grants one are looked at twice.
CREATE OR REPLACE TABLE held_policies AS
SELECT DISTINCT m.source, m.akey, m.group_id AS id FROM memberships m
WHERE m.kind = 'group-policy' AND m.akey IS NOT NULL
  AND EXISTS (SELECT 1 FROM policy_permissions p WHERE p.source = m.source AND p.id = m.group_id)
UNION
SELECT a.source, a.akey, a.default_policy_id FROM account_facts a
WHERE EXISTS (SELECT 1 FROM policy_permissions p WHERE p.source = a.source AND p.id = a.default_policy_id);

CREATE OR REPLACE TABLE account_permissions AS
WITH granted AS (
    SELECT DISTINCT akey FROM own_permissions WHERE granted
    UNION
    SELECT h.akey FROM held_policies h
    WHERE EXISTS (SELECT 1 FROM policy_permissions p WHERE p.source = h.source AND p.id = h.id AND p.granted)
),
settings AS (
    SELECT o.akey, o.permission, o.value, o.granted, CAST(NULL AS VARCHAR) AS via, CAST(NULL AS VARCHAR) AS status
    FROM own_permissions o WHERE o.akey IN (SELECT akey FROM granted)
    UNION ALL
    SELECT h.akey, p.permission, p.value, p.granted, p.name, p.status
    FROM held_policies h JOIN policy_permissions p ON p.source = h.source AND p.id = h.id
    WHERE h.akey IN (SELECT akey FROM granted)
),
-- Of each account, the permissions some setting grants: the others' settings are not listed.
granted_permissions AS (SELECT DISTINCT akey, permission FROM settings WHERE granted)
SELECT s.akey,
    list({'permission': s.permission, 'value': s.value, 'granted': s.granted, 'via': s.via, 'status': s.status}
         ORDER BY s.permission, s.via NULLS FIRST) AS permissions
FROM settings s
WHERE EXISTS (SELECT 1 FROM granted_permissions g WHERE g.akey = s.akey AND g.permission = s.permission)
GROUP BY s.akey;
