package views

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/review-tool/review/internal/model"
)

// peopleFindings sums the findings of each person's accounts: the account
// findings (the findings table) are joined to account_facts in SQL, so no
// map over a million accounts is built.
//
// A finding names its account by its entity (jsmith (Corp AD)) or, for
// duplicate-username, by the username its accounts share: both are
// joined, each as an equality (an OR would be a nested loop over every
// account), and a finding on two of a person's accounts counts once.
const peopleFindings = `CREATE OR REPLACE TABLE people_findings AS
WITH f AS (
    SELECT source, entity_key AS entity, id, rule FROM findings WHERE entity_type = 'account'
), matched AS (
    SELECT a.person, f.id, f.rule FROM f JOIN account_facts a ON a.source = f.source AND lower(a.entity) = f.entity
    WHERE a.person IS NOT NULL
    UNION ALL
    SELECT a.person, f.id, f.rule FROM f JOIN account_facts a ON a.source = f.source AND lower(a.username) = f.entity
    WHERE a.person IS NOT NULL AND lower(a.entity) <> f.entity
)
SELECT person, count(DISTINCT id)::BIGINT AS findings, list_sort(list_distinct(list(rule))) AS rules
FROM matched
GROUP BY person`

// BuildPeople counts the findings of every person (people_findings) and
// returns how many people there are, and how many of them the roster
// says have left while an account of theirs is still enabled: the
// Summary's line.
func BuildPeople(ctx context.Context, db *sql.DB) (people, leavers int64, err error) {
	if _, err := db.ExecContext(ctx, peopleFindings); err != nil {
		return 0, 0, fmt.Errorf("people: findings per person: %w", err)
	}
	err = db.QueryRowContext(ctx, "SELECT count(*), count(*) FILTER (WHERE leaver_enabled) FROM people_facts").Scan(&people, &leavers)
	if err != nil {
		return 0, 0, fmt.Errorf("people: %w", err)
	}
	return people, leavers, nil
}

// peopleQuery reads the People sheet: leavers with an enabled account
// first, then by person.
const peopleQuery = `SELECT p.person, coalesce(p.name, ''),
    CASE WHEN p.in_roster THEN coalesce(p.roster_status, '') WHEN r.has_roster THEN 'not in roster' ELSE '' END,
    p.roster_terminated, coalesce(p.manager, ''),
    p.accounts_pra, p.enabled_pra, p.accounts_rs, p.enabled_rs, p.accounts_ps, p.enabled_ps,
    p.administrator_anywhere, array_to_string(p.sources, '; '),
    CASE WHEN p.activity_known THEN p.last_session END, CASE WHEN p.activity_known THEN coalesce(p.sessions_in_window, 0) END,
    coalesce(f.findings, 0), array_to_string(coalesce(f.rules, []), '; ')
FROM people_facts p CROSS JOIN run r LEFT JOIN people_findings f ON f.person = p.person
ORDER BY p.leaver_enabled DESC, p.person`

// PeopleRows returns an iterator over the People sheet, streaming from
// DuckDB: at a million accounts there can be nearly as many people.
// BuildPeople must have run.
func PeopleRows(db *sql.DB) func(context.Context, func(*model.PersonRow) error) error {
	return func(ctx context.Context, fn func(*model.PersonRow) error) error {
		rows, err := db.QueryContext(ctx, peopleQuery)
		if err != nil {
			return fmt.Errorf("people: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var p model.PersonRow
			var terminated, admin sql.NullBool
			var lastSession sql.NullTime
			var sessions sql.NullInt64
			if err := rows.Scan(&p.Person, &p.Name, &p.RosterStatus, &terminated, &p.Manager,
				&p.PRAAccounts, &p.PRAEnabled, &p.RSAccounts, &p.RSEnabled, &p.PasswordSafeAccounts, &p.PasswordSafeEnabled,
				&admin, &p.Sources, &lastSession, &sessions, &p.FindingCount, &p.FindingRules); err != nil {
				return fmt.Errorf("people: %w", err)
			}
			p.Terminated, p.Administrator = flagOf(terminated), flagOf(admin)
			p.LastSession, p.SessionsInWindow = utcOf(lastSession), intPtr(sessions)
			if err := fn(&p); err != nil {
				return err
			}
		}
		return rows.Err()
	}
}
