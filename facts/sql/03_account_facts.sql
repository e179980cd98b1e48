-- One fact per account: everything the account rules decide on.
CREATE OR REPLACE TABLE account_policies AS
SELECT m.akey,
    list(DISTINCT coalesce(m.group_name, '#' || m.group_id::VARCHAR) ORDER BY coalesce(m.group_name, '#' || m.group_id::VARCHAR)) AS names,
    list(DISTINCT coalesce(m.group_name, '#' || m.group_id::VARCHAR) ORDER BY coalesce(m.group_name, '#' || m.group_id::VARCHAR))
        FILTER (WHERE m.group_id IS NULL OR NOT EXISTS (
            SELECT 1 FROM group_policies gp WHERE gp.source = m.source AND gp.id = m.group_id)) AS unknown
FROM memberships m
WHERE m.kind = 'group-policy' AND m.akey IS NOT NULL
GROUP BY m.akey;

CREATE OR REPLACE TABLE account_direct AS
SELECT akey,
    count(*) FILTER (WHERE kind = 'group-policy') AS group_policies,
    count(*) FILTER (WHERE kind = 'team') AS teams,
    count(*) FILTER (WHERE kind = 'jump-group') AS jump_groups,
    count(*) FILTER (WHERE kind = 'vault-account-group') AS vault_account_groups,
    list(DISTINCT group_name ORDER BY group_name) FILTER (WHERE kind = 'team') AS team_names,
    -- The Accounts sheet lists these for Access Changes to compare; a group
    -- the export does not name shows as #id, as a group policy does.
    list(DISTINCT coalesce(group_name, '#' || group_id::VARCHAR) ORDER BY coalesce(group_name, '#' || group_id::VARCHAR))
        FILTER (WHERE kind = 'jump-group') AS jump_group_names,
    list(DISTINCT coalesce(group_name, '#' || group_id::VARCHAR) ORDER BY coalesce(group_name, '#' || group_id::VARCHAR))
        FILTER (WHERE kind = 'vault-account-group') AS vault_account_group_names
FROM memberships WHERE direct AND akey IS NOT NULL
GROUP BY akey;

CREATE OR REPLACE TABLE directory_sources AS
SELECT DISTINCT source FROM providers
WHERE lower(coalesce(type, '')) NOT IN ('local', '') AND coalesce(enabled, true);

CREATE OR REPLACE TABLE account_facts AS
SELECT a.akey, a.kind, a.source, s.product, a.id, a.username, a.display_name, a.email,
    a.provider_id, a.provider_name, a.provider_type,
    a.enabled, a.administrator, a.two_factor_enabled, a.passwordless,
    a.last_authentication,
    -- A date after the as-of date (a misread, or an --as-of before the export) counts no days: the
    -- date is kept, the count left NULL rather than negative, and the read stage warned of it
    -- (ingest.FutureDates), so no rule reads "authenticated -19 days ago" as recent or stale.
    CASE WHEN CAST(a.last_authentication AS DATE) <= run.as_of
         THEN date_diff('day', CAST(a.last_authentication AS DATE), run.as_of) END AS days_since_last_auth,
    a.created_at,
    CASE WHEN CAST(a.created_at AS DATE) <= run.as_of
         THEN date_diff('day', CAST(a.created_at AS DATE), run.as_of) END AS days_since_created,
    a.account_expiration,
    coalesce(a.is_expired, false) OR coalesce(CAST(a.account_expiration AS DATE) <= run.as_of, false) AS account_expired,
    coalesce(ap.names, []) AS group_policies,
    coalesce(ap.unknown, []) AS unknown_group_policies,
    CASE WHEN a.kind = 'vendor-user' THEN vd.default_policy ELSE p.default_policy END AS default_policy_id,
    dgp.name AS default_policy_name,
    coalesce(d.group_policies, 0) AS direct_group_policies,
    coalesce(d.teams, 0) AS direct_teams,
    coalesce(d.jump_groups, 0) AS direct_jump_groups,
    coalesce(d.vault_account_groups, 0) AS direct_vault_account_groups,
    coalesce(d.team_names, []) AS team_names,
    coalesce(d.jump_group_names, []) AS jump_group_names,
    coalesce(d.vault_account_group_names, []) AS vault_account_group_names,
    r.email AS roster_email, r.status AS roster_status, r.name AS roster_name,
    r.employee_type AS roster_type, r.termination_date AS roster_termination_date, r.manager AS roster_manager,
    -- The person the account belongs to: the roster join's key (the email, else a UPN-like username), so an account
    -- matched to the roster has the roster's email; where it came from (docs/outputs.md, People).
    lower(trim(CASE WHEN a.email IS NOT NULL AND trim(a.email) <> '' THEN a.email WHEN a.username LIKE '%@%' THEN a.username END)) AS person,
    CASE WHEN r.email IS NOT NULL THEN 'roster' WHEN a.email IS NOT NULL AND trim(a.email) <> '' THEN 'email'
         WHEN a.username LIKE '%@%' THEN 'username' END AS person_source,
    (r.status = 'terminated' OR coalesce(r.termination_date <= run.as_of, false)) AS roster_terminated,
    ds.source IS NOT NULL AS source_has_directory_provider,
    vd.id AS vendor_id, vd.name AS vendor_name,
    vd.account_expiration_days AS vendor_account_expiration_days,
    vd.deletion_days_after_expiration AS vendor_deletion_days_after_expiration,
    vd.user_approval_enabled AS vendor_user_approval_enabled,
    a.vendor_user_approved, a.vendor_administrator,
    -- Password Safe: NULL for other products.
    a.quarantined, a.user_type,
    -- What the account did (02_activity.sql): NULL when the source gave no
    -- session or activity report (absent is not "no activity").
    aw.source IS NOT NULL AS activity_known,
    act.last_session, coalesce(act.sessions_in_window, 0) AS sessions_in_window,
    coalesce(act.open_sessions, 0) AS open_sessions,
    act.last_vault_activity, act.last_ps_activity, act.last_activity,
    coalesce(act.activity_in_window, 0) > 0 AS active_in_window,
    psa.user_groups AS ps_user_groups, psa.admin_groups AS ps_admin_groups, psa.roles AS ps_roles,
    psa.smart_rules AS ps_smart_rules, psa.self_approval AS ps_self_approval, psa.source_admins AS ps_source_admins,
    -- What a finding names the account by: its username as exported, and
    -- when that alone is ambiguous in the source (one username in two
    -- providers), the provider too, so a reviewer can tell them apart
    -- (docs/rule-semantics.md).
    CASE WHEN count(*) OVER (PARTITION BY a.source, lower(a.username)) > 1
         THEN a.username || ' (' || coalesce(a.provider_name, 'vendor ' || vd.name,
             'provider #' || a.provider_id::VARCHAR, a.kind) || ')'
         ELSE a.username END AS entity
FROM accounts a
CROSS JOIN run
JOIN sources s ON s.source = a.source
LEFT JOIN account_policies ap ON ap.akey = a.akey
LEFT JOIN account_direct d ON d.akey = a.akey
LEFT JOIN providers p ON p.source = a.source AND p.id = a.provider_id
LEFT JOIN vendors vd ON vd.source = a.source AND vd.id = a.vendor_id
LEFT JOIN group_policies dgp ON dgp.source = a.source
    AND dgp.id = CASE WHEN a.kind = 'vendor-user' THEN vd.default_policy ELSE p.default_policy END
-- One roster row per email: a rehire's row that is not terminated on the as-of date counts over the old one,
-- else the last row (docs/schema.md, "Roster rows of one email").
LEFT JOIN (SELECT DISTINCT ON (email) roster.* FROM roster CROSS JOIN run WHERE email IS NOT NULL AND email <> ''
        ORDER BY email, coalesce(status = 'terminated', false) OR coalesce(termination_date <= run.as_of, false), file_id DESC, line DESC) r ON r.email = lower(trim(CASE
        WHEN a.email IS NOT NULL AND trim(a.email) <> '' THEN a.email
        WHEN a.username LIKE '%@%' THEN a.username END))
LEFT JOIN ps_account_summary psa ON psa.akey = a.akey
LEFT JOIN directory_sources ds ON ds.source = a.source
LEFT JOIN account_activity act ON act.akey = a.akey
LEFT JOIN (SELECT DISTINCT source FROM capabilities
           WHERE capability IN ('sessions', 'vault_activity', 'ps_user_audits', 'ps_sessions')) aw ON aw.source = a.source;
