// Package pipeline makes a review: it reads the exports into DuckDB, builds
// the facts, evaluates the rules and assembles what the writers write. It
// holds the order of those stages, the lifetimes of the run's database and
// temporary folder, and the class of every error (the user's, exit 2, or
// review's, exit 3; internal/inputerr), so that a command is flags, a
// Config, Run and its writers (docs/architecture.md).
package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"sync"

	"github.com/review-tool/review/internal/cleanup"
	"github.com/review-tool/review/internal/db"
	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/internal/progress"
)

// Review is a review Run made: what the writers write, and the run's
// database and temporary folder, which it keeps until Close, since the
// Accounts sheet streams from the database as the workbook is written.
type Review struct {
	*model.Review
	// TempDir is the run's own temporary folder, for the writers' spooled
	// parts; Close removes it.
	TempDir string

	memoryLimit string
	close       func() error
	database    *sql.DB
}

// Close closes the database, which puts a Config.Database file in its
// final state, and removes the temporary folder. It may be called again;
// later calls return the first one's error.
func (r *Review) Close() error { return r.close() }

// Explain gives an error met while writing the review the class and the
// message it would have had inside Run: the Accounts stream reads the
// database, which may run out of memory, and an output that cannot be
// written is the user's to fix.
func (r *Review) Explain(err error) error { return classify(r.memoryLimit, err) }

// Run makes the review cfg describes, reporting each stage to rep. On
// error, nothing of the run is left: the database is closed and the
// temporary folder removed (also when a stage panics). Errors the user can
// fix are marked so (internal/inputerr).
func Run(ctx context.Context, cfg Config, rep progress.Reporter) (*Review, error) {
	// Temporary files (DuckDB's spill past the memory limit, the workbook's
	// spooled parts) go to a folder of the run's own, removed when the run
	// ends or is stopped by a signal, never into the working directory.
	tmp, removeTmp, err := cleanup.MkdirTemp("", "review-")
	if err != nil {
		return nil, err
	}
	database, err := db.Open(cfg.Database, db.Options{MemoryLimit: cfg.MemoryLimit, TempDir: filepath.Join(tmp, "duckdb")})
	if err != nil {
		removeTmp()
		return nil, classify(cfg.MemoryLimit, err)
	}
	r := &Review{TempDir: tmp, memoryLimit: cfg.MemoryLimit, database: database}
	r.close = sync.OnceValue(func() error {
		defer removeTmp()
		if err := database.Close(); err != nil {
			return classify(cfg.MemoryLimit, fmt.Errorf("close the database: %w", err))
		}
		return nil
	})
	made := false
	defer func() {
		if !made {
			r.close()
		}
	}()
	if r.Review, err = review(ctx, database, &cfg, rep, tmp); err != nil {
		return nil, classify(cfg.MemoryLimit, err)
	}
	made = true
	return r, nil
}
