package pipeline

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"

	"github.com/review-tool/review/internal/db"
	"github.com/review-tool/review/internal/inputerr"
	"github.com/review-tool/review/previous"
)

// storedCatalog is the name the --db database of a review of a kept
// database (Config.FromDatabase) is attached under.
const storedCatalog = "stored"

// lockDown attaches the databases review did not make in this run (--db
// with no SOURCE, --previous-db) read-only, then locks DuckDB (no file but
// the run's own database and spill, no extension, settings fixed:
// db.Lock), and only then looks at what they hold, refusing any that holds
// more than the tables review writes (kept.tsv). A view or macro runs with
// review's rights when it is read: planted under a table's name, it would
// put this machine's files into the review. The lock holds for the whole
// run, so the run's own database is locked too; it needs no file of its
// own reading (the readers parse in Go and append). It gives the --db
// database's tables.
func lockDown(ctx context.Context, database *sql.DB, cfg *Config) (db.Catalogue, error) {
	if cfg.FromDatabase != "" {
		if err := attachStored(ctx, database, cfg.FromDatabase); err != nil {
			return nil, err
		}
	}
	if cfg.Previous != "" && cfg.PreviousDB != "" {
		if err := previous.AttachDatabase(ctx, database, cfg.PreviousDB); err != nil {
			return nil, err
		}
	}
	if err := db.Lock(ctx, database); err != nil {
		return nil, err
	}
	var stored db.Catalogue
	if cfg.FromDatabase != "" {
		c, err := db.ReadContents(ctx, database, storedCatalog)
		if err != nil {
			return nil, err
		}
		// A view in the manifest's name is refused as a view, below.
		if c.Tables[ManifestTable] == nil && len(c.Others) == 0 {
			return nil, inputerr.New("--db %s is a DuckDB database but not one review kept: it has no %s table (make it with review ingest --db)", cfg.FromDatabase, ManifestTable)
		}
		if err := c.Check(kept()); err != nil {
			return nil, refuse("--db", cfg.FromDatabase, err)
		}
		stored = c.Tables
	}
	if cfg.Previous != "" && cfg.PreviousDB != "" {
		c, err := db.ReadContents(ctx, database, previous.Catalog)
		if err != nil {
			return nil, err
		}
		if err := c.Check(kept()); err != nil {
			return nil, refuse("--previous-db", cfg.PreviousDB, err)
		}
	}
	return stored, nil
}

// attachStored attaches the kept database of Config.FromDatabase, once it
// is known to be a DuckDB file: DuckDB's own error for a text file names
// neither the file nor what was expected.
func attachStored(ctx context.Context, database *sql.DB, path string) error {
	switch err := db.CheckDatabase(path); {
	case errors.Is(err, db.ErrNotDuckDB):
		return inputerr.New("--db %s is not a DuckDB database: give the file review ingest --db wrote", path)
	case errors.Is(err, fs.ErrNotExist):
		return inputerr.New("--db %s does not exist: give the file review ingest --db wrote (or SOURCES, to read the exports)", path)
	case err != nil:
		return inputerr.New("--db %s: %v", path, err)
	}
	if err := db.Attach(ctx, database, path, storedCatalog); err != nil {
		return inputerr.New("--db %s: cannot open it read-only: %v", path, err)
	}
	return nil
}

// refuse is the user's error for a database that holds what review does
// not write: it is not read at all.
func refuse(flag, path string, err error) error {
	return inputerr.New("%s %s: %v: refusing to read it", flag, path, err)
}
