package views

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/review-tool/review/internal/model"
)

// Findings are counted per person through the accounts they name (source,
// entity in any case), each finding once and each rule listed once; a
// duplicate-username finding names the username its accounts share; a
// finding about anything but an account belongs to no person.
func TestPeopleFindings(t *testing.T) {
	group := acct("orphaned-group-policy", "pra", "Pat.Lee")
	group.EntityType = model.EntityGroupPolicy
	withID := func(f model.Finding, id string) model.Finding { f.ID = id; return f }
	database := stored(t, []model.Finding{
		withID(acct("terminated-user-enabled", "pra", "Pat.Lee"), "a1"),
		withID(acct("stale-account", "rs", "pat.lee"), "b1"),
		withID(group, "g1"),
		withID(acct("stale-account", "pra", "pat.lee"), "a2"),
		withID(acct("duplicate-username", "pra", "PAT.LEE"), "a3"),
		withID(acct("stale-account", "pra", "sam.roe (Corp AD)"), "c1"),
	}, nil)
	ctx := context.Background()
	for _, q := range []string{
		`CREATE TABLE account_facts AS SELECT * FROM (VALUES
			('pra', 'pat.lee', 'pat.lee', 'pat@corp.example'),
			('rs', 'pat.lee', 'pat.lee', 'pat@corp.example'),
			('pra', 'sam.roe (Corp AD)', 'sam.roe', 'sam@corp.example'),
			('pra', 'sam.roe (LDAP)', 'sam.roe', 'sam@corp.example'),
			('pra', 'kim', 'kim', NULL)) t(source, entity, username, person)`,
		`CREATE TABLE people_facts AS SELECT * FROM (VALUES ('pat@corp.example', true), ('sam@corp.example', false)) t(person, leaver_enabled)`,
	} {
		if _, err := database.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	people, leavers, err := BuildPeople(ctx, database)
	if err != nil {
		t.Fatal(err)
	}
	if people != 2 || leavers != 1 {
		t.Errorf("people %d, leavers %d; want 2 and 1", people, leavers)
	}
	rows, err := database.QueryContext(ctx, "SELECT person, findings, array_to_string(rules, ',') FROM people_findings ORDER BY person")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var person, rules string
		var n int64
		if err := rows.Scan(&person, &n, &rules); err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%s %d %s", person, n, rules))
	}
	want := []string{
		"pat@corp.example 4 duplicate-username,stale-account,terminated-user-enabled",
		"sam@corp.example 1 stale-account",
	}
	if !slices.Equal(got, want) {
		t.Errorf("people_findings:\n got %q\nwant %q", got, want)
	}
}
