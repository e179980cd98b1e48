-- The facts rules see, one row per entity (docs/facts.md). Each SELECT is
-- named by its "-- fact:" line. It returns the finding's header columns and
-- the fact as a STRUCT named f: facts/facts.go filters on f with the
-- rules' prefilters and hands it to Rego as JSON (to_json).

-- fact: account
SELECT a.source, a.product, 'account' AS entity_type, a.entity,
    coalesce(a.display_name, '') AS display_name, coalesce(a.email, '') AS email,
    coalesce(a.roster_manager, '') AS reviewer,
    sc.product AS seat_product, sc.annual_cost_per_seat AS annual_cost, sc.currency AS currency,
    {
        'source': a.source, 'product': a.product, 'kind': a.kind, 'id': a.id,
        'username': a.username, 'display_name': a.display_name, 'email': a.email,
        'provider': CASE WHEN a.provider_name IS NULL AND a.provider_id IS NULL THEN NULL
                    ELSE {'id': a.provider_id, 'name': a.provider_name, 'type': lower(a.provider_type)} END,
        'enabled': a.enabled, 'administrator': a.administrator,
        'two_factor_enabled': a.two_factor_enabled, 'passwordless_credentials': a.passwordless,
        'last_authentication': strftime(a.last_authentication, '%Y-%m-%dT%H:%M:%SZ'),
        'days_since_last_authentication': a.days_since_last_auth,
        'created_at': strftime(a.created_at, '%Y-%m-%dT%H:%M:%SZ'),
        'days_since_created': a.days_since_created,
        'account_expiration': strftime(a.account_expiration, '%Y-%m-%dT%H:%M:%SZ'),
        'account_expired': a.account_expired,
        'group_policies': a.group_policies,
        'unknown_group_policies': a.unknown_group_policies,
        'default_policy': CASE WHEN a.default_policy_id IS NULL THEN NULL
                          ELSE coalesce(a.default_policy_name, '#' || a.default_policy_id::VARCHAR) END,
        'memberships': {'group_policies': a.direct_group_policies, 'teams': a.direct_teams,
                        'jump_groups': a.direct_jump_groups, 'vault_account_groups': a.direct_vault_account_groups},
        'roster': CASE WHEN NOT run.has_roster THEN NULL
                  ELSE {'matched': a.roster_email IS NOT NULL, 'status': a.roster_status, 'terminated': a.roster_terminated,
                        'termination_date': strftime(a.roster_termination_date, '%Y-%m-%d'),
                        'employee_type': a.roster_type, 'manager': a.roster_manager, 'name': a.roster_name} END,
        'source_has_directory_provider': a.source_has_directory_provider,
        'vendor': CASE WHEN a.kind <> 'vendor-user' THEN NULL ELSE {'id': a.vendor_id, 'name': a.vendor_name,
                  'account_expiration_days': a.vendor_account_expiration_days,
                  'deletion_days_after_expiration': a.vendor_deletion_days_after_expiration,
                  'user_approval_enabled': a.vendor_user_approval_enabled,
                  'approved': a.vendor_user_approved, 'administrator': a.vendor_administrator} END,
        'password_safe': CASE WHEN a.ps_user_groups IS NULL THEN NULL ELSE {'user_type': a.user_type,
                  'application': coalesce(lower(a.user_type) = 'application', false),
                  'quarantined': a.quarantined, 'domain': a.provider_name,
                  'user_groups': a.ps_user_groups, 'administrator_groups': a.ps_admin_groups,
                  'roles': a.ps_roles, 'smart_rules': a.ps_smart_rules, 'self_approval': a.ps_self_approval,
                  'source_admins': a.ps_source_admins} END,
        'activity': CASE WHEN NOT a.activity_known THEN NULL ELSE {
                  'last_session': strftime(a.last_session, '%Y-%m-%dT%H:%M:%SZ'),
                  'sessions_in_window': a.sessions_in_window,
                  'last_vault_activity': strftime(a.last_vault_activity, '%Y-%m-%dT%H:%M:%SZ'),
                  'last_password_safe_activity': strftime(a.last_ps_activity, '%Y-%m-%dT%H:%M:%SZ'),
                  'last_activity': strftime(a.last_activity, '%Y-%m-%dT%H:%M:%SZ'),
                  'active_in_window': a.active_in_window,
                  'open_sessions': coalesce(o.open_session_list, []),
                  'sessions_after_expiry': coalesce(o.sessions_after_expiry, {'count': 0, 'ids': []::VARCHAR[], 'first': NULL, 'last': NULL})} END,
        'after_termination': CASE WHEN NOT a.activity_known OR a.roster_termination_date IS NULL THEN NULL ELSE {
                  'sessions': coalesce(o.sessions_after_termination, {'count': 0, 'ids': []::VARCHAR[], 'first': NULL, 'last': NULL}),
                  'vault': coalesce(o.vault_after_termination, {'count': 0, 'ids': []::VARCHAR[], 'first': NULL, 'last': NULL}),
                  'password_safe': coalesce(o.ps_after_termination, {'count': 0, 'ids': []::VARCHAR[], 'first': NULL, 'last': NULL})} END,
        'permissions': coalesce(ap.permissions, [])
    } AS f
FROM account_facts a CROSS JOIN run
LEFT JOIN seat_costs sc ON sc.source = a.source
LEFT JOIN account_offboarding o ON o.akey = a.akey
LEFT JOIN account_permissions ap ON ap.akey = a.akey;

-- fact: group_policy
SELECT source, product, 'group-policy' AS entity_type, name AS entity, '' AS display_name, '' AS email, '' AS reviewer,
    NULL AS seat_product, NULL::DOUBLE AS annual_cost, NULL AS currency,
    {'source': source, 'product': product, 'id': id, 'name': name,
     'members': {'users': users, 'enabled_users': enabled_users, 'directory_groups': directory_groups, 'total': total},
     'default_policy_of': default_policy_of} AS f
FROM group_policy_facts;

-- fact: team
SELECT source, product, 'team' AS entity_type, name AS entity, '' AS display_name, '' AS email, '' AS reviewer,
    NULL AS seat_product, NULL::DOUBLE AS annual_cost, NULL AS currency,
    {'source': source, 'product': product, 'id': id, 'name': name, 'users': users, 'group_policies': group_policies} AS f
FROM group_facts WHERE kind = 'team';

-- fact: jump_group
SELECT source, product, 'jump-group' AS entity_type, name AS entity, '' AS display_name, '' AS email, '' AS reviewer,
    NULL AS seat_product, NULL::DOUBLE AS annual_cost, NULL AS currency,
    {'source': source, 'product': product, 'id': id, 'name': name, 'users': users, 'group_policies': group_policies} AS f
FROM group_facts WHERE kind = 'jump-group';

-- fact: vault_account_group
SELECT source, product, 'vault-account-group' AS entity_type, name AS entity, '' AS display_name, '' AS email, '' AS reviewer,
    NULL AS seat_product, NULL::DOUBLE AS annual_cost, NULL AS currency,
    {'source': source, 'product': product, 'id': id, 'name': name, 'users': users, 'group_policies': group_policies} AS f
FROM group_facts WHERE kind = 'vault-account-group';

-- fact: api_account
SELECT k.source, s.product, 'api-account' AS entity_type, coalesce(k.name, '#' || k.id::VARCHAR) AS entity,
    '' AS display_name, '' AS email, '' AS reviewer, NULL AS seat_product, NULL::DOUBLE AS annual_cost, NULL AS currency,
    {'source': k.source, 'product': s.product, 'id': k.id, 'name': k.name, 'enabled': k.enabled,
     'perm_command': k.perm_command, 'perm_configuration': k.perm_configuration,
     'perm_backup': k.perm_backup, 'perm_vault_backup': k.perm_vault_backup} AS f
FROM api_accounts k JOIN sources s ON s.source = k.source;

-- fact: source
SELECT source, product, 'source' AS entity_type, source AS entity, '' AS display_name, '' AS email, '' AS reviewer,
    NULL AS seat_product, NULL::DOUBLE AS annual_cost, NULL AS currency,
    {'source': source, 'product': product, 'accounts': accounts, 'enabled_accounts': enabled_accounts,
     'enabled_admins': enabled_admins, 'admins': admins} AS f
FROM source_facts;

-- fact: license
SELECT source, product, 'product' AS entity_type, product AS entity, '' AS display_name, '' AS email, '' AS reviewer,
    NULL AS seat_product, NULL::DOUBLE AS annual_cost, NULL AS currency,
    {'source': source, 'product': product, 'seat_type': seat_type, 'purchased': purchased,
     'enabled_accounts': enabled_accounts, 'sources': sources,
     'annual_cost_per_seat': annual_cost_per_seat, 'currency': currency} AS f
FROM license_facts WHERE len(sources) > 0;

-- fact: reference
SELECT source, product, 'reference' AS entity_type, entity, '' AS display_name, '' AS email, '' AS reviewer,
    NULL AS seat_product, NULL::DOUBLE AS annual_cost, NULL AS currency,
    {'source': source, 'product': product, 'target_kind': target_kind, 'target_id': target_id,
     'referenced_by': referenced_by} AS f
FROM reference_facts;

-- fact: username
SELECT source, product, 'account' AS entity_type, username AS entity, '' AS display_name, '' AS email, '' AS reviewer,
    NULL AS seat_product, NULL::DOUBLE AS annual_cost, NULL AS currency,
    {'source': source, 'product': product, 'username': username, 'providers': providers, 'accounts': accounts} AS f
FROM username_facts;

-- fact: vendor
SELECT source, product, 'vendor' AS entity_type, name AS entity, '' AS display_name, '' AS email, '' AS reviewer,
    NULL AS seat_product, NULL::DOUBLE AS annual_cost, NULL AS currency,
    {'source': source, 'product': product, 'id': id, 'name': name,
     'default_policy': CASE WHEN default_policy_id IS NULL THEN NULL
                       ELSE coalesce(default_policy_name, '#' || default_policy_id::VARCHAR) END,
     'account_expiration_days': account_expiration_days,
     'deletion_days_after_expiration': deletion_days_after_expiration,
     'user_approval_enabled': user_approval_enabled,
     'users': users, 'enabled_users': enabled_users} AS f
FROM vendor_facts;

-- fact: session_user
SELECT source, product, 'account' AS entity_type, entity, '' AS display_name, '' AS email, '' AS reviewer,
    NULL AS seat_product, NULL::DOUBLE AS annual_cost, NULL AS currency,
    {'source': source, 'product': product, 'match': match, 'id': id, 'username': username, 'kinds': kinds,
     'sessions': sessions, 'vault_events': vault_events, 'first_seen': first_seen, 'last_seen': last_seen,
     'lsids': coalesce(lsids, [])[1:10]} AS f
FROM session_user_facts;

-- fact: jump_item
SELECT source, product, 'jump-item' AS entity_type, name AS entity, '' AS display_name, '' AS email, '' AS reviewer,
    NULL AS seat_product, NULL::DOUBLE AS annual_cost, NULL AS currency,
    {'source': source, 'product': product, 'type': type, 'type_name': type_name, 'id': id, 'name': name, 'host': host,
     'jump_group_type': jump_group_type, 'jump_group_id': jump_group_id, 'jump_group': jump_group, 'owner': owner,
     'policy': policy, 'session_policy': session_policy,
     'reached_by': {'accounts': accounts, 'non_administrators': non_administrators, 'vendor_users': vendor_users},
     'policies': policies,
     'without_policy': {'accounts': unpoliced_accounts, 'non_administrators': unpoliced_non_admins,
                        'names': unpoliced_names, 'paths': unpoliced_paths},
     'vendor_access': vendor_access} AS f
FROM jump_item_facts;

-- fact: jump_policy
SELECT source, product, 'jump-policy' AS entity_type, name AS entity, '' AS display_name, '' AS email, '' AS reviewer,
    NULL AS seat_product, NULL::DOUBLE AS annual_cost, NULL AS currency,
    {'source': source, 'product': product, 'id': id, 'name': name, 'code_name': code_name,
     'approval_required': approval_required, 'recordings_disabled': recordings_disabled,
     'ticket_id_required': ticket_id_required, 'two_factor_challenge_required': two_factor_challenge_required,
     'schedule_enabled': schedule_enabled, 'items': items, 'accounts': accounts, 'in_force': in_force} AS f
FROM jump_policy_facts;
