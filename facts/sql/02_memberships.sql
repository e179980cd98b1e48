-- Memberships of accounts in group policies, teams, Jump Groups and Vault
-- account groups, from every input: member rows, user-group-policies and the
-- report's columns. direct = the account itself is the member.
CREATE OR REPLACE TABLE account_ids AS
SELECT source, id, akey FROM accounts WHERE kind = 'user' AND id IS NOT NULL;

CREATE OR REPLACE TABLE report_members AS
SELECT a.akey, a.source, m.kind, m.name, m.role, m.file_id, m.line
FROM user_memberships m JOIN accounts a ON a.rep_file_id = m.file_id AND a.rep_line = m.line;

-- group_id is NULL when the name or id matches no group of the export.
CREATE OR REPLACE TABLE memberships AS
SELECT 'group-policy' AS kind, m.source, ai.akey, m.user_id, m.group_policy_id AS group_id,
       gp.name AS group_name, true AS direct, m.file_id, m.line
FROM group_policy_members m
LEFT JOIN account_ids ai ON ai.source = m.source AND ai.id = m.user_id
LEFT JOIN group_policies gp ON gp.source = m.source AND gp.id = m.group_policy_id
WHERE m.user_id IS NOT NULL
UNION ALL
SELECT 'group-policy', m.source, ai.akey, m.user_id, gp.id, coalesce(gp.name, m.name), false, m.file_id, m.line
FROM user_group_policies m
LEFT JOIN account_ids ai ON ai.source = m.source AND ai.id = m.user_id
LEFT JOIN group_policies gp ON gp.source = m.source AND gp.id = m.group_policy_id
UNION ALL
SELECT 'team', m.source, ai.akey, m.user_id, m.team_id, t.name, true, m.file_id, m.line
FROM team_users m
LEFT JOIN account_ids ai ON ai.source = m.source AND ai.id = m.user_id
LEFT JOIN teams t ON t.source = m.source AND t.id = m.team_id
UNION ALL
SELECT 'jump-group', m.source, ai.akey, m.user_id, m.jump_group_id, j.name, true, m.file_id, m.line
FROM jump_group_users m
LEFT JOIN account_ids ai ON ai.source = m.source AND ai.id = m.user_id
LEFT JOIN jump_groups j ON j.source = m.source AND j.id = m.jump_group_id
UNION ALL
SELECT 'vault-account-group', m.source, ai.akey, m.user_id, m.account_group_id, v.name, true, m.file_id, m.line
FROM vault_account_group_users m
LEFT JOIN account_ids ai ON ai.source = m.source AND ai.id = m.user_id
LEFT JOIN vault_account_groups v ON v.source = m.source AND v.id = m.account_group_id
UNION ALL
SELECT r.kind, r.source, r.akey, NULL, g.id, coalesce(g.name, r.name), true, r.file_id, r.line
FROM report_members r
-- A name the report gives matches at most one group: of groups that share a
-- name (case aside), the lowest id. Without this, many groups of one name
-- times many report rows naming it would multiply into a join without end.
LEFT JOIN (
    SELECT DISTINCT ON (kind, source, lower(name)) kind, source, id, name FROM (
        SELECT 'group-policy' AS kind, source, id, name FROM group_policies
        UNION ALL SELECT 'team', source, id, name FROM teams
        UNION ALL SELECT 'jump-group', source, id, name FROM jump_groups
        UNION ALL SELECT 'vault-account-group', source, id, name FROM vault_account_groups
    ) ORDER BY kind, source, lower(name), id
) g ON g.kind = r.kind AND g.source = r.source AND lower(g.name) = lower(r.name);
