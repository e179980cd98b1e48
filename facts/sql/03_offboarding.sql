-- What each account did after its person left, or after it expired
-- (docs/inputs.md §7, the offboarding rules). A session, login or event is
-- after a termination date when it falls on a later calendar day (UTC) than
-- that date; after an account expiration when it starts after that instant.
-- first and last are the earliest and latest such records (ties by their
-- place in the files), for the evidence.
CREATE OR REPLACE TABLE account_offboarding AS
WITH x AS (
    SELECT a.akey AS account, y.*,
        a.roster_termination_date IS NOT NULL
            AND CAST(y.event_time AS DATE) > a.roster_termination_date AS after_termination,
        a.account_expiration IS NOT NULL AND y.event_time > a.account_expiration AS after_expiry,
        -- The account's first row of a session (it is one row per
        -- representative): a session's id is listed once.
        row_number() OVER (PARTITION BY a.akey, y.kind, y.lsid ORDER BY y.event_time, y.rid) = 1 AS first_of_lsid,
        {'lsid': y.lsid, 'start': strftime(y.event_time, '%Y-%m-%dT%H:%M:%SZ'),
         'end': strftime(y.end_time, '%Y-%m-%dT%H:%M:%SZ'), 'endpoint': y.endpoint,
         'jump_group': y.jump_group} AS session,
        {'event': y.event, 'at': strftime(y.event_time, '%Y-%m-%dT%H:%M:%SZ'), 'vault_account': y.record,
         'lsid': y.lsid} AS vault,
        {'kind': CASE WHEN y.kind = 'ps-audit' THEN 'audit' ELSE 'session' END, 'record': y.record,
         'event': y.event, 'at': strftime(y.event_time, '%Y-%m-%dT%H:%M:%SZ'), 'asset': y.endpoint} AS ps
    FROM account_facts a JOIN activity y ON y.akey = a.akey
    WHERE y.event_time IS NOT NULL
),
lists AS (
    SELECT account AS akey,
        list(session ORDER BY event_time, rid) FILTER (WHERE kind = 'session' AND after_termination) AS sessions_after,
        list(vault ORDER BY event_time, rid) FILTER (WHERE kind = 'vault' AND after_termination) AS vault_after,
        list(ps ORDER BY event_time, rid) FILTER (WHERE kind IN ('ps-audit', 'ps-session') AND after_termination) AS ps_after,
        list(session ORDER BY event_time, rid) FILTER (WHERE kind = 'session' AND after_expiry) AS sessions_after_expiry,
        list(session ORDER BY event_time, rid) FILTER (WHERE kind = 'session' AND open) AS open_sessions,
        -- The ids of each, in time order, every one (an auditor looks each
        -- up in BeyondTrust): a session once, however many representatives.
        list(lsid ORDER BY event_time, rid) FILTER (WHERE kind = 'session' AND after_termination AND first_of_lsid) AS session_ids_after,
        list(coalesce(lsid, record) ORDER BY event_time, rid) FILTER (WHERE kind = 'vault' AND after_termination) AS vault_ids_after,
        list(record ORDER BY event_time, rid) FILTER (WHERE kind IN ('ps-audit', 'ps-session') AND after_termination) AS ps_ids_after,
        list(lsid ORDER BY event_time, rid) FILTER (WHERE kind = 'session' AND after_expiry AND first_of_lsid) AS session_ids_after_expiry
    FROM x GROUP BY account
)
SELECT akey,
    {'count': len(coalesce(sessions_after, [])), 'ids': coalesce(session_ids_after, []), 'first': sessions_after[1], 'last': sessions_after[-1]} AS sessions_after_termination,
    {'count': len(coalesce(vault_after, [])), 'ids': coalesce(vault_ids_after, []), 'first': vault_after[1], 'last': vault_after[-1]} AS vault_after_termination,
    {'count': len(coalesce(ps_after, [])), 'ids': coalesce(ps_ids_after, []), 'first': ps_after[1], 'last': ps_after[-1]} AS ps_after_termination,
    {'count': len(coalesce(sessions_after_expiry, [])), 'ids': coalesce(session_ids_after_expiry, []), 'first': sessions_after_expiry[1], 'last': sessions_after_expiry[-1]} AS sessions_after_expiry,
    coalesce(open_sessions, []) AS open_session_list
FROM lists;

-- The session representatives and Vault actors that match no account of
-- their source (and are not invited external users), or match two
-- (ambiguous): one row per source and actor (its id, else its username).
CREATE OR REPLACE TABLE session_user_facts AS
SELECT y.source, s.product, y.match,
    max(y.actor_id) AS id, min(y.actor) AS username,
    coalesce(min(y.actor), '#' || max(y.actor_id)::VARCHAR) AS entity,
    list(DISTINCT y.kind ORDER BY y.kind) AS kinds,
    count(DISTINCT y.lsid) FILTER (WHERE y.kind = 'session') AS sessions,
    count(*) FILTER (WHERE y.kind = 'vault') AS vault_events,
    strftime(min(y.event_time), '%Y-%m-%dT%H:%M:%SZ') AS first_seen,
    strftime(max(y.event_time), '%Y-%m-%dT%H:%M:%SZ') AS last_seen,
    list(DISTINCT y.lsid ORDER BY y.lsid) FILTER (WHERE y.lsid IS NOT NULL) AS lsids
FROM activity y JOIN sources s ON s.source = y.source
WHERE y.kind IN ('session', 'vault') AND y.match IN ('unknown', 'ambiguous')
GROUP BY y.source, s.product, y.match, CASE WHEN y.actor_id IS NOT NULL THEN y.actor_id::VARCHAR ELSE lower(y.actor) END;
