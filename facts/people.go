package facts

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/review-tool/review/internal/model"
)

// accountFindings are the findings about one account (by source and
// entity, lower-cased as a finding's identity is), to be joined to the
// account's person in SQL.
type accountFindings struct {
	Source string   `json:"source"`
	Entity string   `json:"entity"`
	IDs    []string `json:"ids"`
	Rules  []string `json:"rules"`
}

// peopleFindings sums the findings of each person's accounts: the account
// findings, grouped in Go by account (there are far fewer findings than
// accounts), are handed to DuckDB as one JSON value and joined to
// account_facts there, so no map over a million accounts is built.
//
// A finding names its account by its entity (jsmith (Corp AD)) or, for
// duplicate-username, by the username its accounts share: both are
// joined, each as an equality (an OR would be a nested loop over every
// account), and a finding on two of a person's accounts counts once.
const peopleFindings = `CREATE OR REPLACE TABLE people_findings AS
WITH f AS (
    SELECT unnest(from_json(?::JSON, '[{"source":"VARCHAR","entity":"VARCHAR","ids":"VARCHAR[]","rules":"VARCHAR[]"}]'), recursive := true)
), matched AS (
    SELECT a.person, f.ids, f.rules FROM f JOIN account_facts a ON a.source = f.source AND lower(a.entity) = f.entity
    WHERE a.person IS NOT NULL
    UNION ALL
    SELECT a.person, f.ids, f.rules FROM f JOIN account_facts a ON a.source = f.source AND lower(a.username) = f.entity
    WHERE a.person IS NOT NULL AND lower(a.entity) <> f.entity
)
SELECT person, count(DISTINCT id)::BIGINT AS findings, list_sort(list_distinct(flatten(list(rules)))) AS rules
FROM (SELECT person, unnest(ids) AS id, rules FROM matched)
GROUP BY person`

// BuildPeople counts the findings of every person (people_findings) and
// returns how many people there are, and how many of them the roster
// says have left while an account of theirs is still enabled: the
// Summary's line.
func BuildPeople(ctx context.Context, db *sql.DB, findings []model.Finding) (people, leavers int64, err error) {
	payload, err := json.Marshal(groupAccountFindings(findings))
	if err != nil {
		return 0, 0, fmt.Errorf("people: %w", err)
	}
	if _, err := db.ExecContext(ctx, peopleFindings, string(payload)); err != nil {
		return 0, 0, fmt.Errorf("people: findings per person: %w", err)
	}
	err = db.QueryRowContext(ctx, "SELECT count(*), count(*) FILTER (WHERE leaver_enabled) FROM people_facts").Scan(&people, &leavers)
	if err != nil {
		return 0, 0, fmt.Errorf("people: %w", err)
	}
	return people, leavers, nil
}

// groupAccountFindings groups the account findings by account, in a
// stable order, each with its rules sorted.
func groupAccountFindings(findings []model.Finding) []accountFindings {
	at := map[string]int{}
	out := []accountFindings{} // [] rather than null for DuckDB when there are none
	for i := range findings {
		f := &findings[i]
		if f.EntityType != model.EntityAccount {
			continue
		}
		k := entityKey(f.Source, f.Entity)
		j, ok := at[k]
		if !ok {
			j = len(out)
			at[k] = j
			out = append(out, accountFindings{Source: f.Source, Entity: strings.ToLower(f.Entity)})
		}
		out[j].IDs = append(out[j].IDs, f.ID)
		if !slices.Contains(out[j].Rules, f.Rule) {
			out[j].Rules = append(out[j].Rules, f.Rule)
		}
	}
	return out
}

// peopleQuery reads the People sheet: leavers with an enabled account
// first, then by person.
const peopleQuery = `SELECT p.person, coalesce(p.name, ''),
    CASE WHEN p.in_roster THEN coalesce(p.roster_status, '') WHEN r.has_roster THEN 'not in roster' ELSE '' END,
    p.roster_terminated, coalesce(p.manager, ''),
    p.accounts_pra, p.enabled_pra, p.accounts_rs, p.enabled_rs, p.accounts_ps, p.enabled_ps,
    p.administrator_anywhere, array_to_string(p.sources, '; '),
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
			if err := rows.Scan(&p.Person, &p.Name, &p.RosterStatus, &terminated, &p.Manager,
				&p.PRAAccounts, &p.PRAEnabled, &p.RSAccounts, &p.RSEnabled, &p.PasswordSafeAccounts, &p.PasswordSafeEnabled,
				&admin, &p.Sources, &p.FindingCount, &p.FindingRules); err != nil {
				return fmt.Errorf("people: %w", err)
			}
			p.Terminated, p.Administrator = flagOf(terminated), flagOf(admin)
			if err := fn(&p); err != nil {
				return err
			}
		}
		return rows.Err()
	}
}
