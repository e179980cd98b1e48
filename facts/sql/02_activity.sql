-- What accounts did (docs/inputs.md §7): one row per session × representative,
-- per Vault activity record, per Password Safe audit and session, each
-- matched to the account of its source it was done by. Matching happens here
-- and nowhere else:
--   * a session representative or a Vault actor: by id (rep_id, performed_by_id)
--     against the users' and vendor users' ids when the source has
--     Configuration API users; otherwise (User Account Report only) by
--     username, ignoring case. Two accounts of one username are told apart by
--     id only: without ids, two candidates are `ambiguous`.
--   * a Password Safe audit: by UserID when it gives one (not -1), else by
--     UserName; a Password Safe session: by UserID only.
-- match: id | username | ambiguous | unknown | invited (an invited external
-- representative: no account expected) | none (a session without a
-- representative) | other (a Vault actor that is not a user: the system,
-- an API account).
CREATE OR REPLACE TABLE activity_records AS
SELECT row_number() OVER (ORDER BY kind, source, file_id, line, ordinal) AS rid, *
FROM (
    SELECT 'session' AS kind, s.source, s.file_id, s.line, coalesce(s.rep_ordinal, 0) AS ordinal,
        s.lsid, s.lsid AS record, s.start_time AS event_time, s.end_time, coalesce(s.open, false) AS open,
        s.rep_id AS actor_id, s.username AS actor, true AS actor_is_user,
        coalesce(s.invited, false) AS invited, s.owner,
        s.primary_customer AS endpoint, s.jump_group, CAST(NULL AS VARCHAR) AS event
    FROM sessions s
    UNION ALL
    SELECT 'vault', v.source, v.file_id, v.line, 0,
        CASE WHEN v.data SIMILAR TO '[0-9a-fA-F]{32}' THEN lower(v.data) END, 'vault account ' || coalesce(v.account_id::VARCHAR, '?'),
        v.timestamp, NULL, false,
        v.performed_by_id, v.performed_by, coalesce(lower(v.performed_by_type) = 'user', v.performed_by_id IS NOT NULL),
        false, NULL, 'vault account ' || coalesce(v.account_id::VARCHAR, '?'), NULL, v.event_type
    FROM vault_activity v
    UNION ALL
    SELECT 'ps-audit', a.source, a.file_id, a.line, 0,
        NULL, 'audit ' || coalesce(a.audit_id::VARCHAR, '?'), a.create_date, NULL, false,
        CASE WHEN a.user_id <> -1 THEN a.user_id END, nullif(trim(a.username), ''), true,
        false, NULL, NULL, NULL, a.action_type
    FROM ps_user_audits a
    UNION ALL
    SELECT 'ps-session', p.source, p.file_id, p.line, 0,
        NULL, 'session ' || coalesce(p.session_id::VARCHAR, '?'), p.start_time, p.end_time,
        p.end_time IS NULL AND coalesce(p.status NOT IN (0, 2, 7, 8), true),
        CASE WHEN p.user_id <> -1 THEN p.user_id END, NULL, true,
        false, NULL, p.asset_name, NULL,
        -- Status in words (docs/inputs.md §7), as a reviewer reads it.
        CASE p.status WHEN 0 THEN 'not started' WHEN 1 THEN 'in progress' WHEN 2 THEN 'completed'
            WHEN 5 THEN 'locked' WHEN 7 THEN 'terminated' WHEN 8 THEN 'logged off' WHEN 9 THEN 'disconnected'
            ELSE 'status ' || CAST(p.status AS VARCHAR) END
    FROM ps_sessions p
);

CREATE OR REPLACE TABLE activity_id_sources AS
SELECT DISTINCT source FROM users WHERE origin = 'api';

CREATE OR REPLACE TABLE activity AS
WITH cand AS (
    SELECT x.rid, a.akey, 'id' AS how
    FROM activity_records x JOIN accounts a ON a.source = x.source AND a.id = x.actor_id
    WHERE x.actor_is_user AND x.actor_id IS NOT NULL AND (
        (x.kind IN ('session', 'vault') AND x.source IN (SELECT source FROM activity_id_sources))
        OR x.kind IN ('ps-audit', 'ps-session'))
    UNION ALL
    SELECT x.rid, a.akey, 'username'
    FROM activity_records x JOIN accounts a ON a.source = x.source AND lower(a.username) = lower(x.actor)
    WHERE x.actor_is_user AND (
        (x.kind IN ('session', 'vault') AND x.source NOT IN (SELECT source FROM activity_id_sources))
        OR (x.kind = 'ps-audit' AND x.actor_id IS NULL))
),
agg AS (
    SELECT rid, min(akey) AS akey, count(DISTINCT akey) AS n, min(how) AS how FROM cand GROUP BY rid
)
SELECT x.*,
    CASE WHEN g.n = 1 THEN g.akey END AS akey,
    CASE WHEN g.n = 1 THEN g.how
         WHEN g.n > 1 THEN 'ambiguous'
         WHEN x.invited THEN 'invited'
         WHEN NOT x.actor_is_user THEN 'other'
         WHEN x.actor_id IS NULL AND x.actor IS NULL THEN 'none'
         ELSE 'unknown' END AS match
FROM activity_records x LEFT JOIN agg g ON g.rid = x.rid;

-- Per account: its last activity of each kind and its activity in the
-- stale_days window (seat usage: a session or an audited action in the
-- window is use, whatever the last-authentication field says).
CREATE OR REPLACE TABLE account_activity AS
SELECT x.akey,
    max(x.event_time) FILTER (WHERE x.kind = 'session') AS last_session,
    count(*) FILTER (WHERE x.kind = 'session') AS sessions,
    count(*) FILTER (WHERE x.kind = 'session' AND CAST(x.event_time AS DATE) > run.as_of - run.stale_days::INTEGER
        AND CAST(x.event_time AS DATE) <= run.as_of) AS sessions_in_window,
    count(*) FILTER (WHERE x.kind = 'session' AND x.open) AS open_sessions,
    max(x.event_time) FILTER (WHERE x.kind = 'vault') AS last_vault_activity,
    max(x.event_time) FILTER (WHERE x.kind IN ('ps-audit', 'ps-session')) AS last_ps_activity,
    max(x.event_time) AS last_activity,
    count(*) FILTER (WHERE CAST(x.event_time AS DATE) > run.as_of - run.stale_days::INTEGER
        AND CAST(x.event_time AS DATE) <= run.as_of) AS activity_in_window
FROM activity x CROSS JOIN run
WHERE x.akey IS NOT NULL
GROUP BY x.akey;
