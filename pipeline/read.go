package pipeline

import (
	"context"
	"database/sql"
	"time"

	"github.com/review-tool/review/facts"
	"github.com/review-tool/review/ingest"
	"github.com/review-tool/review/internal/db"
	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/internal/progress"
	"github.com/review-tool/review/schema"
)

// input is what the read stage gives the later ones.
type input struct {
	manifest *model.Manifest
	// loaded are the accounts in the raw tables per source, counted
	// before the facts (and --db's absence) drop those tables.
	loaded map[string]int64
	// fileWarnings are the warnings of the files read, without those of
	// the run's --config: what a kept database stores.
	fileWarnings []string
}

// read loads every file into the database's raw tables and checks what
// only shows across files (ids, license sources).
func read(ctx context.Context, database *sql.DB, cfg *Config, st *settings, rep progress.Reporter, tmp string) (*input, error) {
	stage := rep.Start("read", "files", -1)
	if err := db.CreateTables(ctx, database, schema.Tables); err != nil {
		return nil, err
	}
	var loaders []*db.Loader
	m, err := ingest.Load(ctx, ingest.Options{
		Sources: cfg.Sources, Roster: cfg.Roster, Licenses: cfg.Licenses, Products: cfg.Products, SkipUnknown: cfg.SkipUnknown,
		Lenient: cfg.Lenient, TempDir: tmp, Encodings: cfg.Encodings, DateOrders: cfg.DateOrders,
		Complete: cfg.Complete,
		Progress: func(string) { stage.Add(1) },
	}, func() (schema.Sink, func() error, error) {
		l, err := db.NewLoader(ctx, database)
		if err != nil {
			return nil, nil, err
		}
		loaders = append(loaders, l) // sinks are made one after another, before the workers start
		return l, l.Close, nil
	})
	if err != nil {
		return nil, err
	}
	pages, err := ingest.CheckPages(ctx, database, m)
	if err != nil {
		return nil, err
	}
	m.Warnings = append(m.Warnings, pages...)
	fileWarnings := m.Warnings[:len(m.Warnings):len(m.Warnings)]
	var sourceNames []string
	for _, s := range m.Sources {
		sourceNames = append(sourceNames, s.Name)
	}
	m.Warnings = append(m.Warnings, ownerWarnings(st.config, sourceNames)...)
	for _, w := range m.Warnings {
		cfg.warn(w)
	}
	if err := ingest.CheckIDsAcrossFiles(ctx, database, m); err != nil {
		return nil, err
	}
	if err := ingest.CheckLicenseSources(ctx, database, m, cfg.Lenient); err != nil {
		return nil, err
	}
	if err := warnFutureDates(ctx, database, cfg, m); err != nil {
		return nil, err
	}
	loaded, err := facts.LoadedAccounts(ctx, database)
	if err != nil {
		return nil, err
	}
	var rows int64
	for _, f := range m.Files {
		rows += f.RowsRead
	}
	var load time.Duration
	for _, l := range loaders {
		load += l.Busy()
	}
	// load is summed over the workers: the part of their time spent
	// inside DuckDB rather than parsing.
	done := []any{"rows", rows, "load_cpu", load.Round(time.Millisecond)}
	if cfg.Lenient {
		done = append(done, "rejected", len(m.Issues))
	}
	stage.Done(done...)
	return &input{manifest: m, loaded: loaded, fileWarnings: fileWarnings}, nil
}

// warnFutureDates warns of dates after the as-of date where none can be (a
// last authentication): they depend on this run's --as-of, so they join
// the run's warnings but not the files' a kept database stores.
func warnFutureDates(ctx context.Context, database *sql.DB, cfg *Config, m *model.Manifest) error {
	future, err := ingest.FutureDates(ctx, database, m, cfg.AsOf)
	if err != nil {
		return err
	}
	m.Warnings = append(m.Warnings, future...)
	for _, w := range future {
		cfg.warn(w)
	}
	return nil
}
