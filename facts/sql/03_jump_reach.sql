-- Who reaches which Jump Item, by which path, under which Jump Policy
-- (docs/facts.md, "Jump reach"). Every query starts from the Jump Items, so
-- a source without any (the million-account bench set) costs nothing: no
-- account is looked at.

-- The shared Jump Groups that hold an item, and the group policies that
-- give one of them. A personal item's jump_group_id is its owner's user id,
-- never a Jump Group.
CREATE OR REPLACE TABLE jump_item_groups AS
SELECT DISTINCT source, jump_group_id FROM jump_items
WHERE coalesce(jump_group_type, 'shared') <> 'personal' AND jump_group_id IS NOT NULL;

CREATE OR REPLACE TABLE jump_policy_groups AS
SELECT g.source, g.group_policy_id, g.jump_group_id, g.jump_policy_id
FROM group_policy_jump_groups g
WHERE EXISTS (SELECT 1 FROM jump_item_groups i WHERE i.source = g.source AND i.jump_group_id = g.jump_group_id);

-- Whether a membership's own Jump Policy is known: PRA's memberships carry
-- jump_policy_id when the export has the field (a capability); Remote
-- Support's have no such setting, so the item's policy is the one in force.
CREATE OR REPLACE TABLE jump_policy_known AS
SELECT s.source,
    s.product <> 'pra' OR EXISTS (SELECT 1 FROM capabilities c WHERE c.source = s.source AND c.capability = 'jump_group_user.jump_policy') AS direct,
    s.product <> 'pra' OR EXISTS (SELECT 1 FROM capabilities c WHERE c.source = s.source AND c.capability = 'group_policy_jump_group.jump_policy') AS group_policy
FROM sources s
WHERE EXISTS (SELECT 1 FROM jump_items i WHERE i.source = s.source);

-- Each way an account is given a shared Jump Group that holds items: its own
-- membership (direct), a group policy it is a member of (member rows,
-- user-group-policies, the report's columns), or the default policy of its
-- security provider (a vendor user's: of its vendor group), which
-- account_facts counts as held. One row per account, Jump Group and path.
CREATE OR REPLACE TABLE jump_paths AS
SELECT DISTINCT j.source, a.akey, j.jump_group_id, 'direct' AS path_kind, CAST(NULL AS BIGINT) AS via_id,
    j.jump_policy_id AS membership_policy_id, k.direct AS membership_policy_known
FROM jump_group_users j
JOIN jump_policy_known k ON k.source = j.source
JOIN account_ids a ON a.source = j.source AND a.id = j.user_id
WHERE EXISTS (SELECT 1 FROM jump_item_groups i WHERE i.source = j.source AND i.jump_group_id = j.jump_group_id)
UNION ALL
SELECT DISTINCT m.source, m.akey, g.jump_group_id, 'group policy', g.group_policy_id, g.jump_policy_id, k.group_policy
FROM memberships m
JOIN jump_policy_groups g ON g.source = m.source AND g.group_policy_id = m.group_id
JOIN jump_policy_known k ON k.source = m.source
WHERE m.kind = 'group-policy' AND m.akey IS NOT NULL
UNION ALL
SELECT a.source, a.akey, g.jump_group_id,
    CASE WHEN a.kind = 'vendor-user' THEN 'vendor default policy' ELSE 'provider default policy' END,
    g.group_policy_id, g.jump_policy_id, k.group_policy
FROM account_facts a
JOIN jump_policy_groups g ON g.source = a.source AND g.group_policy_id = a.default_policy_id
JOIN jump_policy_known k ON k.source = a.source;

-- One row per (source, account, item, path). A membership's own policy
-- (not NULL, not 0) overrides the item's (not NULL, not 0); a personal
-- item is reached by its owner alone, under its own policy. The policy's
-- fields are NULL when it is not in the Jump Policy export (or the export
-- does not carry them: Remote Support).
CREATE OR REPLACE TABLE jump_reach AS
WITH reach AS (
    SELECT p.source, p.akey, i.type, i.id, p.path_kind, p.via_id, p.membership_policy_id, p.membership_policy_known
    FROM jump_paths p
    JOIN jump_items i ON i.source = p.source AND i.jump_group_id = p.jump_group_id
        AND coalesce(i.jump_group_type, 'shared') <> 'personal'
    UNION ALL
    SELECT i.source, a.akey, i.type, i.id, 'personal', NULL, NULL, true
    FROM jump_items i
    JOIN account_ids a ON a.source = i.source AND a.id = i.jump_group_id
    WHERE i.jump_group_type = 'personal'
),
effective AS (
    SELECT r.*, i.name, i.host, i.jump_group_id, i.jump_group_type, i.jump_policy_id AS item_policy_id, i.session_policy_id,
        -- A membership export without the field says nothing of the policy set on the
        -- membership: the policy in force is then not known, never guessed to be the item's.
        CASE WHEN NOT r.membership_policy_known THEN NULL
             WHEN coalesce(r.membership_policy_id, 0) <> 0 THEN r.membership_policy_id
             WHEN coalesce(i.jump_policy_id, 0) <> 0 THEN i.jump_policy_id END AS effective_policy_id,
        CASE WHEN NOT r.membership_policy_known THEN 'unknown'
             WHEN coalesce(r.membership_policy_id, 0) <> 0 THEN 'membership'
             WHEN coalesce(i.jump_policy_id, 0) <> 0 THEN 'item' END AS policy_set_on
    FROM reach r JOIN jump_items i ON i.source = r.source AND i.type = r.type AND i.id = r.id
)
SELECT e.source, af.product, e.akey, af.id AS account_id, af.kind AS account_kind, af.username, af.entity,
    af.enabled, af.administrator, af.vendor_name AS vendor,
    e.type AS item_type, e.id AS item_id, e.name AS item_name, e.host,
    e.jump_group_id, CASE WHEN e.path_kind <> 'personal' THEN jg.name END AS jump_group_name,
    coalesce(e.jump_group_type, 'shared') AS jump_group_type,
    e.path_kind, e.via_id, gp.name AS via_name,
    -- The path as the sheets, explain and findings say it: "direct", "group policy Operations".
    CASE WHEN e.via_id IS NULL THEN e.path_kind ELSE e.path_kind || ' ' || coalesce(gp.name, '#' || e.via_id::VARCHAR) END AS path,
    e.membership_policy_id, e.membership_policy_known, e.item_policy_id,
    e.effective_policy_id, e.policy_set_on, jp.display_name AS policy_name,
    jp.approval_required, jp.recordings_disabled, jp.ticket_id_required, jp.two_factor_challenge_required,
    jp.schedule_enabled,
    e.session_policy_id, sp.display_name AS session_policy_name
FROM effective e
JOIN account_facts af ON af.akey = e.akey
LEFT JOIN jump_groups jg ON jg.source = e.source AND jg.id = e.jump_group_id AND e.path_kind <> 'personal'
LEFT JOIN group_policies gp ON gp.source = e.source AND gp.id = e.via_id
LEFT JOIN jump_policies jp ON jp.source = e.source AND jp.id = e.effective_policy_id
LEFT JOIN session_policies sp ON sp.source = e.source AND sp.id = e.session_policy_id;
