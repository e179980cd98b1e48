package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"

	"github.com/review-tool/review/internal/cleanup"
	"github.com/review-tool/review/internal/db"
	"github.com/review-tool/review/internal/progress"
)

// Ingested is what Ingest stored.
type Ingested struct {
	Sources, Files int
	// Rows are the rows read, Rejected those a lenient read kept out.
	Rows, Rejected int64
	// Tables are the Parquet files written, by table name, with their
	// rows; nil without a Parquet folder.
	Tables map[string]int64
}

// Ingest reads the exports and builds the facts into the database file
// cfg.Database, with the manifest (review_manifest), without evaluating
// the rules: review run --db and review explain --db review it later. When
// parquetDir is not "", every table of the database is also written there
// as TABLE.parquet. The file is closed, whole, when Ingest returns.
func Ingest(ctx context.Context, cfg Config, parquetDir string, rep progress.Reporter) (*Ingested, error) {
	tmp, removeTmp, err := cleanup.MkdirTemp("", "review-")
	if err != nil {
		return nil, err
	}
	defer removeTmp()
	database, err := db.Open(cfg.Database, db.Options{MemoryLimit: cfg.MemoryLimit, TempDir: filepath.Join(tmp, "duckdb")})
	if err != nil {
		return nil, classify(cfg.MemoryLimit, err)
	}
	out, err := store(ctx, database, &cfg, parquetDir, rep, tmp)
	if cerr := database.Close(); cerr != nil && err == nil {
		err = fmt.Errorf("close the database: %w", cerr)
	}
	if err != nil {
		return nil, classify(cfg.MemoryLimit, err)
	}
	return out, nil
}

func store(ctx context.Context, database *sql.DB, cfg *Config, parquetDir string, rep progress.Reporter, tmp string) (*Ingested, error) {
	// The rules give the parameters' defaults, which the facts' SQL reads.
	_, st, err := settle(cfg)
	if err != nil {
		return nil, err
	}
	// Ingest attaches no database it did not make, but SQL needs no file
	// either, but for the Parquet export's folder (one review made).
	var writable []string
	if parquetDir != "" {
		writable = append(writable, parquetDir)
	}
	if err := db.Lock(ctx, database, writable...); err != nil {
		return nil, err
	}
	in, err := read(ctx, database, cfg, st, rep, tmp)
	if err != nil {
		return nil, err
	}
	if err := buildFacts(ctx, database, cfg, st, in, rep); err != nil {
		return nil, err
	}
	out := &Ingested{Sources: len(in.manifest.Sources), Files: len(in.manifest.Files)}
	for _, f := range in.manifest.Files {
		out.Rows += f.RowsRead
		out.Rejected += f.RowsRejected
	}
	if parquetDir != "" {
		stage := rep.Start("parquet", "tables", -1)
		if out.Tables, err = writeParquet(ctx, database, parquetDir); err != nil {
			return nil, err
		}
		stage.Done("tables", len(out.Tables))
	}
	return out, nil
}
