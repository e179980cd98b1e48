-- Accounts: API users, merged with the User Account Report rows that name
-- the same user, report-only users, PRA vendor users and Password Safe
-- users. One row per account.
CREATE OR REPLACE TABLE providers AS
SELECT source, id, name, type, enabled, default_policy FROM security_providers;

CREATE OR REPLACE TABLE accounts AS
WITH api AS (
    SELECT u.*, p.name AS provider_name, p.type AS provider_type
    FROM users u LEFT JOIN providers p ON p.source = u.source AND p.id = u.security_provider_id
    WHERE u.origin = 'api'
),
rep AS (
    SELECT u.*, coalesce(u.security_provider_name, p.name) AS provider_name, p.type AS provider_type, p.id AS p_id
    FROM users u LEFT JOIN providers p ON p.source = u.source
        AND (p.id = u.security_provider_id OR (u.security_provider_id IS NULL AND lower(p.name) = lower(u.security_provider_name)))
    WHERE u.origin = 'report'
),
-- A report row belongs to the API user with its username (and provider, when both say).
pairs AS (
    SELECT r.file_id AS r_file, r.line AS r_line, a.file_id AS a_file, a.line AS a_line,
           row_number() OVER (PARTITION BY r.file_id, r.line ORDER BY a.file_id, a.line) AS n
    FROM rep r JOIN api a ON a.source = r.source AND lower(a.username) = lower(r.username)
        AND (r.provider_name IS NULL OR a.provider_name IS NULL OR lower(r.provider_name) = lower(a.provider_name))
),
merged AS (
    SELECT 'user' AS kind, a.source, a.file_id, a.line, r.file_id AS rep_file_id, r.line AS rep_line,
        a.id, a.security_provider_id AS provider_id,
        coalesce(a.provider_name, r.provider_name) AS provider_name,
        coalesce(a.provider_type, r.provider_type) AS provider_type,
        a.username,
        coalesce(a.public_display_name, r.public_display_name, a.private_display_name, r.private_display_name) AS display_name,
        coalesce(a.email_address, r.email_address) AS email,
        coalesce(a.enabled, r.enabled) AS enabled,
        coalesce(a.is_admin, r.is_admin) AS administrator,
        coalesce(a.two_factor_enabled, r.two_factor_enabled) AS two_factor_enabled,
        coalesce(a.fido2_credential_count, r.fido2_credential_count) AS passwordless,
        coalesce(a.last_authentication, r.last_authentication) AS last_authentication,
        coalesce(a.created_at, r.created_at) AS created_at,
        coalesce(a.account_expiration, r.account_expiration) AS account_expiration,
        CAST(NULL AS BOOLEAN) AS is_expired,
        CAST(NULL AS BIGINT) AS vendor_id,
        CAST(NULL AS BOOLEAN) AS vendor_user_approved,
        CAST(NULL AS BOOLEAN) AS vendor_administrator,
        CAST(NULL AS BOOLEAN) AS quarantined,
        CAST(NULL AS VARCHAR) AS user_type
    FROM api a
    LEFT JOIN pairs ON pairs.a_file = a.file_id AND pairs.a_line = a.line AND pairs.n = 1
    LEFT JOIN rep r ON r.file_id = pairs.r_file AND r.line = pairs.r_line
),
report_only AS (
    SELECT 'user' AS kind, r.source, r.file_id, r.line, r.file_id AS rep_file_id, r.line AS rep_line,
        r.id, coalesce(r.security_provider_id, r.p_id), r.provider_name, r.provider_type, r.username,
        coalesce(r.public_display_name, r.private_display_name), r.email_address, r.enabled, r.is_admin,
        r.two_factor_enabled, r.fido2_credential_count, r.last_authentication, r.created_at,
        r.account_expiration, CAST(NULL AS BOOLEAN), CAST(NULL AS BIGINT), CAST(NULL AS BOOLEAN), CAST(NULL AS BOOLEAN),
        CAST(NULL AS BOOLEAN), CAST(NULL AS VARCHAR)
    FROM rep r
    WHERE NOT EXISTS (SELECT 1 FROM pairs WHERE pairs.r_file = r.file_id AND pairs.r_line = r.line AND pairs.n = 1)
),
vendor AS (
    SELECT 'vendor-user', v.source, v.file_id, v.line, NULL, NULL, v.id, NULL,
        vd.name, 'vendor', v.username, coalesce(v.public_display_name, v.username), v.email_address, v.enabled, false,
        v.two_factor_enabled, v.fido2_credential_count, v.last_authenticated_date, NULL, v.account_expiration, v.is_expired, v.vendor_id,
        v.is_approved, v.vendor_administrator, CAST(NULL AS BOOLEAN), CAST(NULL AS VARCHAR)
    FROM vendor_users v LEFT JOIN vendors vd ON vd.source = v.source AND vd.id = v.vendor_id
),
-- Password Safe users: the domain is their provider. Password Safe states
-- no two-factor and no creation date (NULL: not stated); administrator is
-- set from their grants by 02_ps_access.sql.
ps AS (
    SELECT 'user', u.source, u.file_id, u.line, NULL, NULL, u.id, NULL,
        u.domain_name, 'password-safe', u.username,
        nullif(trim(concat_ws(' ', u.first_name, u.last_name)), ''), u.email_address, u.is_active, CAST(NULL AS BOOLEAN),
        CAST(NULL AS BOOLEAN), CAST(NULL AS BIGINT), u.last_login_date, NULL, NULL, CAST(NULL AS BOOLEAN), CAST(NULL AS BIGINT),
        CAST(NULL AS BOOLEAN), CAST(NULL AS BOOLEAN), u.is_quarantined, u.user_type
    FROM ps_users u
)
SELECT row_number() OVER (ORDER BY source, lower(username), username, kind, provider_name, id, file_id, line) AS akey, *
FROM (SELECT * FROM merged UNION ALL SELECT * FROM report_only UNION ALL SELECT * FROM vendor UNION ALL SELECT * FROM ps);
