-- The facts rules see, as JSON, one row per entity (docs/facts.md). Each
-- SELECT is named by its "-- fact:" line and run by analyzers/facts.go.

-- fact: account
SELECT a.source, a.product, 'account' AS entity_type, a.username AS entity,
    coalesce(a.display_name, '') AS display_name, coalesce(a.email, '') AS email,
    coalesce(a.roster_manager, '') AS reviewer,
    sc.product AS seat_product, sc.annual_cost_per_seat AS annual_cost, sc.currency,
    json_object(
        'source', a.source, 'product', a.product, 'kind', a.kind, 'id', a.id,
        'username', a.username, 'display_name', a.display_name, 'email', a.email,
        'provider', CASE WHEN a.provider_name IS NULL AND a.provider_id IS NULL THEN NULL
                    ELSE json_object('id', a.provider_id, 'name', a.provider_name, 'type', lower(a.provider_type)) END,
        'enabled', a.enabled, 'administrator', a.administrator,
        'two_factor_enabled', a.two_factor_enabled, 'passwordless_credentials', a.passwordless,
        'last_authentication', strftime(a.last_authentication, '%Y-%m-%dT%H:%M:%SZ'),
        'days_since_last_authentication', a.days_since_last_auth,
        'created_at', strftime(a.created_at, '%Y-%m-%dT%H:%M:%SZ'),
        'days_since_created', a.days_since_created,
        'account_expiration', strftime(a.account_expiration, '%Y-%m-%dT%H:%M:%SZ'),
        'account_expired', a.account_expired,
        'group_policies', a.group_policies,
        'unknown_group_policies', a.unknown_group_policies,
        'default_policy', CASE WHEN a.default_policy_id IS NULL THEN NULL
                          ELSE coalesce(a.default_policy_name, '#' || a.default_policy_id::VARCHAR) END,
        'memberships', json_object('group_policies', a.direct_group_policies, 'teams', a.direct_teams,
                                   'jump_groups', a.direct_jump_groups, 'vault_account_groups', a.direct_vault_account_groups),
        'roster', CASE WHEN NOT run.has_roster THEN NULL
                  WHEN a.roster_email IS NULL THEN json_object('matched', false)
                  ELSE json_object('matched', true, 'status', a.roster_status, 'terminated', a.roster_terminated,
                       'termination_date', strftime(a.roster_termination_date, '%Y-%m-%d'),
                       'employee_type', a.roster_type, 'manager', a.roster_manager, 'name', a.roster_name) END,
        'source_has_directory_provider', a.source_has_directory_provider,
        'vendor', CASE WHEN a.vendor_id IS NULL THEN NULL ELSE json_object('id', a.vendor_id, 'name', a.vendor_name) END
    )::VARCHAR AS fact
FROM account_facts a CROSS JOIN run
LEFT JOIN seat_costs sc ON sc.source = a.source
ORDER BY a.akey;

-- fact: group_policy
SELECT source, product, 'group-policy', name, '', '', '', NULL, NULL, NULL,
    json_object('source', source, 'product', product, 'id', id, 'name', name,
        'members', json_object('users', users, 'enabled_users', enabled_users,
                               'directory_groups', directory_groups, 'total', total),
        'default_policy_of', default_policy_of)::VARCHAR
FROM group_policy_facts ORDER BY source, id;

-- fact: team
SELECT source, product, 'team', name, '', '', '', NULL, NULL, NULL,
    json_object('source', source, 'product', product, 'id', id, 'name', name, 'users', users, 'group_policies', group_policies)::VARCHAR
FROM group_facts WHERE kind = 'team' ORDER BY source, id;

-- fact: jump_group
SELECT source, product, 'jump-group', name, '', '', '', NULL, NULL, NULL,
    json_object('source', source, 'product', product, 'id', id, 'name', name, 'users', users, 'group_policies', group_policies)::VARCHAR
FROM group_facts WHERE kind = 'jump-group' ORDER BY source, id;

-- fact: vault_account_group
SELECT source, product, 'vault-account-group', name, '', '', '', NULL, NULL, NULL,
    json_object('source', source, 'product', product, 'id', id, 'name', name, 'users', users, 'group_policies', group_policies)::VARCHAR
FROM group_facts WHERE kind = 'vault-account-group' ORDER BY source, id;

-- fact: api_account
SELECT k.source, s.product, 'api-account', coalesce(k.name, '#' || k.id::VARCHAR), '', '', '', NULL, NULL, NULL,
    json_object('source', k.source, 'product', s.product, 'id', k.id, 'name', k.name, 'enabled', k.enabled,
        'perm_command', k.perm_command, 'perm_configuration', k.perm_configuration,
        'perm_backup', k.perm_backup, 'perm_vault_backup', k.perm_vault_backup)::VARCHAR
FROM api_accounts k JOIN sources s ON s.source = k.source ORDER BY k.source, k.id;

-- fact: source
SELECT source, product, 'source', source, '', '', '', NULL, NULL, NULL,
    json_object('source', source, 'product', product, 'accounts', accounts, 'enabled_accounts', enabled_accounts,
        'enabled_admins', enabled_admins, 'admins', admins)::VARCHAR
FROM source_facts ORDER BY source;

-- fact: license
SELECT source, product, 'product', product, '', '', '', NULL, NULL, NULL,
    json_object('source', source, 'product', product, 'seat_type', seat_type, 'purchased', purchased,
        'enabled_accounts', enabled_accounts, 'sources', sources,
        'annual_cost_per_seat', annual_cost_per_seat, 'currency', currency)::VARCHAR
FROM license_facts WHERE len(sources) > 0 ORDER BY file_id, line;

-- fact: reference
SELECT source, product, 'reference', entity, '', '', '', NULL, NULL, NULL,
    json_object('source', source, 'product', product, 'target_kind', target_kind, 'target_id', target_id,
        'referenced_by', referenced_by)::VARCHAR
FROM reference_facts ORDER BY source, target_kind, target_id;

-- fact: username
SELECT source, product, 'account', username, '', '', '', NULL, NULL, NULL,
    json_object('source', source, 'product', product, 'username', username, 'providers', providers, 'accounts', accounts)::VARCHAR
FROM username_facts ORDER BY source, lower(username);
