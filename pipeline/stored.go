package pipeline

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/review-tool/review/facts"
	"github.com/review-tool/review/internal/db"
	"github.com/review-tool/review/internal/inputerr"
	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/internal/progress"
	"github.com/review-tool/review/schema"
)

// ManifestTable is the table a kept database stores what was read in:
// sources, files with their hashes and counts, archives, skipped files,
// warnings and the rows a lenient read kept out (docs/schema.md). With
// the raw tables it is all a later run needs to review the exports
// without reading them again.
const ManifestTable = "review_manifest"

// manifestFormat is the version of review_manifest's layout; a database
// of a later format is refused rather than half read.
const manifestFormat = 1

// saveManifest writes the read's manifest (its own warnings only, not
// those of the run's --config) into review_manifest, one row.
func saveManifest(ctx context.Context, database *sql.DB, m *model.Manifest, fileWarnings []string, lenient bool) error {
	stored := *m
	stored.Warnings = fileWarnings
	b, err := json.Marshal(&stored)
	if err != nil {
		return fmt.Errorf("store the manifest: %w", err)
	}
	for _, q := range []string{
		"CREATE OR REPLACE TABLE " + ManifestTable + " (format INTEGER, lenient BOOLEAN, manifest JSON)",
		"INSERT INTO " + ManifestTable + " VALUES (?, ?, ?)",
	} {
		var args []any
		if strings.HasPrefix(q, "INSERT") {
			args = []any{manifestFormat, lenient, string(b)}
		}
		if _, err := database.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("store the manifest: %w", err)
		}
	}
	return nil
}

// loadStored is the read stage of a review of a kept database
// (Config.FromDatabase): lockDown attached the file read-only, checked
// that it holds only tables review writes, and gave them (tables). Their
// raw tables are copied into the run's own database and the manifest read
// back, so that the facts are built again with this run's date and
// parameters, exactly as from the exports, and the file is never written.
func loadStored(ctx context.Context, database *sql.DB, cfg *Config, st *settings, rep progress.Reporter, tables db.Catalogue) (*input, error) {
	path := cfg.FromDatabase
	stage := rep.Start("read", "tables", int64(len(schema.Tables)))
	conn, err := database.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	defer conn.ExecContext(context.WithoutCancel(ctx), "DETACH "+storedCatalog)
	var format int
	var lenient bool
	var text string
	if err := conn.QueryRowContext(ctx, "SELECT format, lenient, manifest::VARCHAR FROM "+storedCatalog+".main."+ManifestTable).Scan(&format, &lenient, &text); err != nil {
		return nil, inputerr.New("--db %s: its %s cannot be read: %v", path, ManifestTable, err)
	}
	if format > manifestFormat {
		return nil, inputerr.New("--db %s was written by a later review (manifest format %d, this one reads %d): use that version", path, format, manifestFormat)
	}
	m := &model.Manifest{}
	if err := json.Unmarshal([]byte(text), m); err != nil {
		return nil, inputerr.New("--db %s: its %s is not review's: %v", path, ManifestTable, err)
	}
	if err := db.CreateTables(ctx, database, schema.Tables); err != nil {
		return nil, err
	}
	for _, t := range schema.Tables {
		// A table the database lacks (made before review read it) stays
		// empty; a column it lacks is NULL, "not stated".
		have := tables[t.Name]
		var cols []string
		for _, c := range t.Columns {
			if have.Has(c.Name) {
				cols = append(cols, quoteIdent(c.Name))
			}
		}
		if len(cols) > 0 {
			list := strings.Join(cols, ", ")
			q := fmt.Sprintf("INSERT INTO main.%s (%s) SELECT %s FROM %s.main.%s", quoteIdent(t.Name), list, list, storedCatalog, quoteIdent(t.Name))
			if _, err := conn.ExecContext(ctx, q); err != nil {
				return nil, fmt.Errorf("--db %s: copy %s: %w", path, t.Name, err)
			}
		}
		stage.Add(1)
	}
	cfg.Lenient = lenient
	fileWarnings := m.Warnings
	var sourceNames []string
	for _, s := range m.Sources {
		sourceNames = append(sourceNames, s.Name)
	}
	m.Warnings = append(append([]string(nil), m.Warnings...), ownerWarnings(st.config, sourceNames)...)
	for _, w := range m.Warnings {
		cfg.warn(w)
	}
	if err := warnFutureDates(ctx, database, cfg, m); err != nil {
		return nil, err
	}
	loaded, err := facts.LoadedAccounts(ctx, database)
	if err != nil {
		return nil, err
	}
	stage.Done("files", len(m.Files))
	return &input{manifest: m, loaded: loaded, fileWarnings: fileWarnings}, nil
}

func quoteIdent(s string) string   { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
func quoteLiteral(s string) string { return `'` + strings.ReplaceAll(s, `'`, `''`) + `'` }
