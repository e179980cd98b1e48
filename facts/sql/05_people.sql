-- One row per person across every source (account_facts.person): the People
-- sheet. An account with no person key (no email, no UPN-like username) is on
-- no row. The roster's fields are the same on every account of one person (one
-- roster row per email), so max() only picks them up. Administrator anywhere
-- is yes when an enabled account is an administrator, no when every enabled
-- account says no, and blank when an export does not say (absent is not
-- false); a disabled account grants nothing. Products are counted by their
-- product string: pra, rs, password-safe.
CREATE OR REPLACE TABLE people_facts AS
SELECT a.person,
    coalesce(max(a.roster_name), min(nullif(trim(a.display_name), ''))) AS name,
    bool_or(a.person_source = 'roster') AS in_roster,
    max(a.roster_status) AS roster_status,
    max(a.roster_termination_date) AS roster_termination_date,
    bool_or(a.roster_terminated) AS roster_terminated,
    max(a.roster_manager) AS manager,
    count(*) AS accounts,
    count(*) FILTER (WHERE a.enabled) AS enabled_accounts,
    count(*) FILTER (WHERE a.product = 'pra') AS accounts_pra,
    count(*) FILTER (WHERE a.product = 'pra' AND a.enabled) AS enabled_pra,
    count(*) FILTER (WHERE a.product = 'rs') AS accounts_rs,
    count(*) FILTER (WHERE a.product = 'rs' AND a.enabled) AS enabled_rs,
    count(*) FILTER (WHERE a.product = 'password-safe') AS accounts_ps,
    count(*) FILTER (WHERE a.product = 'password-safe' AND a.enabled) AS enabled_ps,
    CASE WHEN bool_or(a.administrator) FILTER (WHERE a.enabled) THEN true
         WHEN count(*) FILTER (WHERE a.enabled AND a.administrator IS NULL) = 0 THEN false END AS administrator_anywhere,
    coalesce(list(DISTINCT a.source ORDER BY a.source) FILTER (WHERE a.enabled), []) AS sources,
    list(DISTINCT a.source ORDER BY a.source) AS sources_all,
    coalesce(bool_or(a.roster_terminated), false) AND count(*) FILTER (WHERE a.enabled) > 0 AS leaver_enabled,
    -- What their accounts did (02_activity.sql): NULL when no account's
    -- source gave a session or activity report.
    bool_or(a.activity_known) AS activity_known,
    max(a.last_session) AS last_session,
    (sum(a.sessions_in_window) FILTER (WHERE a.activity_known))::BIGINT AS sessions_in_window
FROM account_facts a
WHERE a.person IS NOT NULL
GROUP BY a.person;
