package findings

import (
	"context"
	"testing"

	"github.com/review-tool/review/internal/db"
	"github.com/review-tool/review/internal/model"
)

// The findings go in as the JSON Lines carry them, in the order given,
// with the entity's key in lower case and the evidence as JSON; where each
// rule ran goes in as rows, a rule that did not run on a source having
// none. A second Store replaces the first.
func TestStore(t *testing.T) {
	database, err := db.Open("", db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer database.Close()
	ctx := context.Background()
	fs := []model.Finding{
		{ID: "a1", Rule: "stale-account", Family: "account-hygiene", Severity: model.Medium, Source: "pra", EntityType: "account",
			Entity: "Pat.Lee", Reviewer: "Anna", Status: "recurring", PreviousDecision: "Keep", Evidence: map[string]any{"days": 120}},
		{ID: "b2", Rule: "orphaned-team", Source: "rs", EntityType: "team", Entity: "Tier 1", Reviewer: "Unassigned", Status: "new"},
	}
	ran := map[string]map[string]bool{"stale-account": {"pra": true, "rs": false}, "orphaned-team": {"rs": true}}
	if err := Store(ctx, database, fs[:1], nil); err != nil {
		t.Fatal(err)
	}
	if err := Store(ctx, database, fs, ran); err != nil {
		t.Fatal(err)
	}
	var n int64
	var id, key, evidence string
	var prev, comment *string
	err = database.QueryRowContext(ctx, `SELECT count(*) OVER (), id, entity_key, evidence, previous_decision, previous_comment
		FROM findings ORDER BY ord LIMIT 1`).Scan(&n, &id, &key, &evidence, &prev, &comment)
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 || id != "a1" || key != "pat.lee" || evidence != `{"days":120}` || prev == nil || *prev != "Keep" || comment != nil {
		t.Errorf("first finding: %d rows, %s %s %s %v %v", n, id, key, evidence, prev, comment)
	}
	var runs string
	if err := database.QueryRowContext(ctx, "SELECT string_agg(rule || '@' || source, ' ' ORDER BY rule, source) FROM rule_runs").Scan(&runs); err != nil {
		t.Fatal(err)
	}
	if runs != "orphaned-team@rs stale-account@pra" {
		t.Errorf("rule_runs = %q", runs)
	}
}
