// Package facts turns the raw tables into facts with SQL (sql/, declared
// once in factschema.go) and reads the tables the workbook's sheets show.
// It knows nothing of rules: package engine evaluates the facts it streams.
package facts

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"log/slog"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/schema"
)

//go:embed sql/*.sql
var sqlFiles embed.FS

// Fact is one entity as rules see it, with what a finding about it shows.
type Fact struct {
	Kind        string // the rule input kind: account, group_policy, …
	Source      string
	Product     string
	EntityType  string
	Entity      string
	DisplayName string
	Email       string
	Reviewer    string // the entity's manager from the roster, "" when none
	SeatProduct string
	AnnualCost  *float64
	Currency    string
	JSON        []byte
	// Candidate says, one byte per condition the fact source was given
	// ('1' or '0'), which rules the fact may fire; empty means all.
	Candidate string
}

// CandidateFor says whether the fact is a candidate for the i-th condition
// the fact source was given (every fact is when there were none).
func (f *Fact) CandidateFor(i int) bool {
	return f.Candidate == "" || (i < len(f.Candidate) && f.Candidate[i] == '1')
}

// capabilityTargets maps the capabilities that make a kind's ids checkable
// to the reference kind of dangling-reference.
var capabilityTargets = schema.ReferenceTargets()

// Build writes the run's settings (the run table) and the manifest
// into DuckDB and runs the SQL that derives the fact tables from the raw
// tables.
func Build(ctx context.Context, db *sql.DB, m *model.Manifest, run Run) error {
	return BuildStepwise(ctx, db, m, run, nil)
}

// factFiles are the SQL files Build runs, in order.
func factFiles() []string {
	names, _ := fs.Glob(sqlFiles, "sql/0[1-5]_*.sql")
	sort.Strings(names)
	return names
}

// Steps is how many times BuildStepwise calls step: the total of
// the facts stage's progress bar.
func Steps() int64 { return int64(len(factFiles())) }

// BuildStepwise is Build calling step, when not nil, after each
// SQL file, so that a progress bar moves during a stage that takes half a
// minute at a million accounts.
func BuildStepwise(ctx context.Context, db *sql.DB, m *model.Manifest, run Run, step func()) error {
	createRun, insertRun, runArgs, err := runTable(run, m.Roster)
	if err != nil {
		return err
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	type stmt struct {
		q    string
		args []any
	}
	stmts := []stmt{
		{createRun, nil},
		{insertRun, runArgs},
		{"CREATE OR REPLACE TABLE sources (source VARCHAR, product VARCHAR, path VARCHAR)", nil},
		{"CREATE OR REPLACE TABLE capabilities (source VARCHAR, capability VARCHAR)", nil},
		{"CREATE OR REPLACE TABLE exported (source VARCHAR, kind VARCHAR)", nil},
		{"CREATE OR REPLACE TABLE input_files (file_id BIGINT, source VARCHAR, kind VARCHAR, path VARCHAR, sha256 VARCHAR, bytes BIGINT, rows_read BIGINT, rows_rejected BIGINT)", nil},
		// The kinds of input that are session or activity reports, as
		// schema.Inputs says: the Evidence sheet's windows are of these.
		{"CREATE OR REPLACE TABLE activity_kinds (kind VARCHAR)", nil},
		// The Jump Item types by the name the sheets and findings give
		// them, as schema.Inputs says.
		{"CREATE OR REPLACE TABLE jump_item_types (type VARCHAR, name VARCHAR)", nil},
	}
	for _, in := range schema.Inputs {
		if in.Activity {
			stmts = append(stmts, stmt{"INSERT INTO activity_kinds VALUES (?)", []any{string(in.Kind)}})
		}
		if in.Type != "" {
			stmts = append(stmts, stmt{"INSERT INTO jump_item_types VALUES (?, ?)", []any{in.Type, in.TypeName}})
		}
	}
	for _, s := range m.Sources {
		stmts = append(stmts, stmt{"INSERT INTO sources VALUES (?, ?, ?)", []any{s.Name, s.Product, s.Path}})
		for _, c := range slices.Sorted(maps.Keys(s.Capabilities)) {
			stmts = append(stmts, stmt{"INSERT INTO capabilities VALUES (?, ?)", []any{s.Name, c}})
			if k, ok := capabilityTargets[c]; ok {
				stmts = append(stmts, stmt{"INSERT INTO exported VALUES (?, ?)", []any{s.Name, string(k)}})
			}
		}
	}
	for i, f := range m.Files {
		stmts = append(stmts, stmt{"INSERT INTO input_files VALUES (?, ?, ?, ?, ?, ?, ?, ?)", []any{int64(i + 1), f.Source, f.Kind, f.Path, f.SHA256, f.Bytes, f.RowsRead, f.RowsRejected}})
	}
	for _, s := range stmts {
		if _, err := conn.ExecContext(ctx, s.q, s.args...); err != nil {
			return fmt.Errorf("facts: %s: %w", s.q, err)
		}
	}
	for _, name := range factFiles() {
		text, _ := sqlFiles.ReadFile(name)
		start := time.Now()
		for _, stmt := range splitStatements(string(text)) {
			began := time.Now()
			if _, err := conn.ExecContext(ctx, stmt); err != nil {
				return fmt.Errorf("facts %s: %w\n%s", name, err, stmt)
			}
			// Each statement's time, by what it makes: where a step's time
			// goes at a million accounts (docs/performance.md).
			slog.Debug("facts step", "sql", name, "makes", statementTarget(stmt), "elapsed", time.Since(began).Round(time.Millisecond))
		}
		slog.Debug("facts", "sql", name, "elapsed", time.Since(start).Round(time.Millisecond))
		if step != nil {
			step()
		}
	}
	return nil
}

// statementTarget is what a statement makes or changes: the table of a
// CREATE, INSERT or UPDATE, else its first words.
func statementTarget(stmt string) string {
	words := strings.Fields(stmt)
	for i, w := range words {
		switch strings.ToUpper(w) {
		case "TABLE", "VIEW", "INTO", "UPDATE":
			if i+1 < len(words) {
				return words[i+1]
			}
		}
	}
	return strings.Join(words[:min(len(words), 3)], " ")
}

// splitStatements splits a SQL file on semicolons at the end of a line.
func splitStatements(text string) []string {
	var out []string
	for _, part := range strings.Split(text, ";\n") {
		if s := strings.TrimSpace(stripComments(part)); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func stripComments(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "--") {
			continue
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}

// factQueries returns the SELECT of each fact kind from 06_fact_rows.sql.
func factQueries() map[string]string {
	text, _ := sqlFiles.ReadFile("sql/06_fact_rows.sql")
	out := map[string]string{}
	for _, block := range strings.Split(string(text), "-- fact: ")[1:] {
		nl := strings.IndexByte(block, '\n')
		kind := strings.TrimSpace(block[:nl])
		out[kind] = strings.TrimSuffix(strings.TrimSpace(stripComments(block[nl+1:])), ";")
	}
	return out
}

// Each streams the facts of one kind. conds, when given, are SQL
// conditions over the fact's struct (column f), one per rule: only facts
// meeting one of them are returned, each with Candidate saying which.
func Each(ctx context.Context, db *sql.DB, kind string, conds []string, fn func(*Fact) error) error {
	q, ok := factQueries()[kind]
	if !ok {
		return fmt.Errorf("no facts of kind %q", kind)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	base := "SELECT * EXCLUDE (f), to_json(f)::VARCHAR AS fact"
	var rows *sql.Rows
	if len(conds) > 0 {
		// The facts are written to a temporary table first: filtering the
		// query's rows directly makes DuckDB rebuild the fact's struct for
		// every field a condition reads (100k accounts, eleven rules: 485 ms
		// inline, 225 ms to write the table and 80 ms to filter it).
		start := time.Now()
		if _, err := conn.ExecContext(ctx, "CREATE OR REPLACE TEMP TABLE candidate_facts AS "+q); err != nil {
			return fmt.Errorf("facts %s: %w", kind, err)
		}
		slog.Debug("facts table", "kind", kind, "elapsed", time.Since(start).Round(time.Millisecond))
		defer conn.ExecContext(context.WithoutCancel(ctx), "DROP TABLE IF EXISTS temp.candidate_facts")
		var flags, where []string
		for _, c := range conds {
			flags = append(flags, "CASE WHEN "+c+" THEN '1' ELSE '0' END")
			where = append(where, "("+c+")")
		}
		rows, err = conn.QueryContext(ctx, base+", concat("+strings.Join(flags, ", ")+") AS candidate FROM temp.candidate_facts WHERE "+strings.Join(where, " OR "))
		// A condition that does not bind (a custom rule comparing a field
		// with a constant of another type) only costs speed: run unfiltered.
	}
	if rows == nil {
		rows, err = conn.QueryContext(ctx, base+", '' AS candidate FROM ("+q+")")
	}
	if err != nil {
		return fmt.Errorf("facts %s: %w", kind, err)
	}
	defer rows.Close()
	queried, n := time.Now(), 0
	defer func() {
		slog.Debug("facts read", "kind", kind, "rows", n, "elapsed", time.Since(queried).Round(time.Millisecond))
	}()
	for rows.Next() {
		f := &Fact{Kind: kind}
		var seatProduct, currency sql.NullString
		var cost sql.NullFloat64
		var js any
		if err := rows.Scan(&f.Source, &f.Product, &f.EntityType, &f.Entity, &f.DisplayName, &f.Email, &f.Reviewer,
			&seatProduct, &cost, &currency, &js, &f.Candidate); err != nil {
			return fmt.Errorf("facts %s: %w", kind, err)
		}
		f.SeatProduct, f.Currency = seatProduct.String, currency.String
		if cost.Valid {
			v := cost.Float64
			f.AnnualCost = &v
		}
		switch v := js.(type) {
		case string:
			f.JSON = []byte(v)
		case []byte:
			f.JSON = v
		default:
			return fmt.Errorf("facts %s: JSON column scanned as %T", kind, js)
		}
		n++
		if err := fn(f); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Sources returns the source summaries.
func Sources(ctx context.Context, db *sql.DB) ([]model.SourceSummary, error) {
	rows, err := db.QueryContext(ctx, `SELECT f.source, f.product, f.accounts, f.enabled_accounts, f.enabled_admins, f.admins_known
		FROM source_facts f ORDER BY f.source`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.SourceSummary
	for rows.Next() {
		var s model.SourceSummary
		if err := rows.Scan(&s.Name, &s.Product, &s.Accounts, &s.EnabledAccounts, &s.Admins, &s.AdminsKnown); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// factTables are what the rules and the reports read once the facts are
// built (06_fact_rows.sql, overview.go).
var factTables = map[string]bool{
	"account_facts": true, "group_facts": true, "group_policy_facts": true, "license_facts": true,
	"reference_facts": true, "source_facts": true, "username_facts": true,
	"api_accounts": true, "seat_costs": true, "sources": true, "run": true,
	"capabilities": true, "exported": true, "input_files": true, "activity_kinds": true, "jump_item_types": true,
	"vendor_facts": true,
	"people_facts": true,
	// The previous run's accounts (--previous) are loaded before the facts
	// are built, and compared once the rules have run.
	"previous_accounts": true, "previous_jump_items": true,
	// Password Safe grants by account, for explain.
	"ps_account_access": true,
	// What accounts did (02_activity.sql, 03_offboarding.sql): the
	// offboarding rules' facts, and the sessions a later sheet shows.
	"activity": true, "account_offboarding": true, "session_user_facts": true,
	// Who reaches which Jump Item, by which path, under which Jump Policy
	// (03_jump_reach.sql): the Jump Reach sheet and explain read it.
	"jump_reach": true, "jump_item_facts": true, "jump_policy_facts": true,
	// The risky permissions of accounts (03_permissions.sql).
	"account_permissions": true,
}

// DropInputs drops the raw and intermediate tables once the facts are
// built, so that an in-memory database gives their memory back before the
// rules and the workbook need theirs. A persistent database (--db) keeps
// them for the user to query.
func DropInputs(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY table_name")
	if err != nil {
		return err
	}
	var drop []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return err
		}
		if !factTables[name] {
			drop = append(drop, name)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, name := range drop {
		if _, err := db.ExecContext(ctx, "DROP TABLE "+quoteIdent(name)); err != nil {
			return fmt.Errorf("drop %s: %w", name, err)
		}
	}
	return nil
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
