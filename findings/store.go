// Package findings keeps the run's findings in the database, once, right
// after the rules have run and the previous run and the exceptions have
// given them their status: the table findings holds what the JSON Lines
// carry, one row a finding, and rule_runs which rule ran on which source.
// The views the sheets and explain read (package views) join them in SQL;
// nothing joins findings back to facts in Go.
package findings

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/review-tool/review/internal/db"
	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/schema"
)

// Table is the findings table: a finding's columns as the JSON Lines name
// them, with entity_key (its entity in lower case, as ids and views match
// it) and the evidence as JSON text.
var Table = &schema.Table{Name: "findings", Doc: "the run's findings, as the JSON Lines carry them", Columns: []schema.Column{
	{Name: "ord", Type: schema.Int, Doc: "its place in the workbook's order (severity, rule, source, entity), from 1"},
	{Name: "id", Type: schema.Text}, {Name: "rule", Type: schema.Text}, {Name: "family", Type: schema.Text},
	{Name: "severity", Type: schema.Text}, {Name: "title", Type: schema.Text}, {Name: "source", Type: schema.Text},
	{Name: "product", Type: schema.Text}, {Name: "entity_type", Type: schema.Text}, {Name: "entity", Type: schema.Text},
	{Name: "entity_key", Type: schema.Text, Doc: "lower(entity): one entity of a source, as finding ids name it"},
	{Name: "display_name", Type: schema.Text}, {Name: "email", Type: schema.Text}, {Name: "detail", Type: schema.Text},
	{Name: "remediation", Type: schema.Text}, {Name: "reviewer", Type: schema.Text}, {Name: "status", Type: schema.Text},
	{Name: "previous_decision", Type: schema.Text}, {Name: "previous_comment", Type: schema.Text},
	{Name: "evidence", Type: schema.Text, Doc: "JSON object"},
}}

// Runs says which rule ran on which source: a rule that did not run there
// (a capability missing, or not its product) has no row, so that a view
// tells "none found" from "not checked".
var Runs = &schema.Table{Name: "rule_runs", Doc: "which rule ran on which source", Columns: []schema.Column{
	{Name: "rule", Type: schema.Text}, {Name: "source", Type: schema.Text},
}}

// Store writes the findings and where each rule ran (by rule id, then
// source) into database, replacing what an earlier call wrote.
func Store(ctx context.Context, database *sql.DB, fs []model.Finding, ran map[string]map[string]bool) error {
	if err := db.CreateTables(ctx, database, []*schema.Table{Table, Runs}); err != nil {
		return fmt.Errorf("findings: %w", err)
	}
	l, err := db.NewLoader(ctx, database)
	if err != nil {
		return fmt.Errorf("findings: %w", err)
	}
	row := make([]any, len(Table.Columns))
	for i := range fs {
		f := &fs[i]
		evidence, err := json.Marshal(f.Evidence)
		if err != nil {
			l.Close()
			return fmt.Errorf("findings: evidence of %s: %w", f.ID, err)
		}
		row = append(row[:0], int64(i+1), f.ID, f.Rule, f.Family, string(f.Severity), f.Title, f.Source, f.Product, f.EntityType,
			f.Entity, strings.ToLower(f.Entity), f.DisplayName, f.Email, f.Detail, f.Remediation, f.Reviewer, f.Status,
			nullIfEmpty(f.PreviousDecision), nullIfEmpty(f.PreviousComment), string(evidence))
		if err := l.Append(Table, row); err != nil {
			l.Close()
			return fmt.Errorf("findings: %w", err)
		}
	}
	for _, rule := range slices.Sorted(maps.Keys(ran)) {
		for _, source := range slices.Sorted(maps.Keys(ran[rule])) {
			if !ran[rule][source] {
				continue
			}
			if err := l.Append(Runs, []any{rule, source}); err != nil {
				l.Close()
				return fmt.Errorf("findings: %w", err)
			}
		}
	}
	if err := l.Close(); err != nil {
		return fmt.Errorf("findings: %w", err)
	}
	return nil
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
