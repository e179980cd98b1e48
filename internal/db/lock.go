package db

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
)

// Attach attaches the DuckDB file at path read-only under the catalog
// name. It must come before Lock: a locked database opens no file but its
// own (DuckDB 1.5.6 refuses the ATTACH itself).
func Attach(ctx context.Context, db *sql.DB, path, name string) error {
	q := fmt.Sprintf("ATTACH %s AS %s (READ_ONLY)", quoteLiteral(path), quoteIdent(name))
	_, err := db.ExecContext(ctx, q)
	return err
}

// Lock turns off, for the rest of the database's life, everything through
// which SQL reaches beyond the database: files (read_text, read_csv,
// COPY, ATTACH of another file), extension installs and loads, community
// extensions; then locks the configuration so that no statement turns
// them on again. It is what keeps a view or macro planted in a database
// review did not make (--db, --previous-db) from reading this machine's
// files with review's rights.
//
// Measured with DuckDB 1.5.6 (docs/architecture.md): once locked, the
// database's own file is still written and checkpointed, spilling to
// temp_directory still works, appenders still append, the settings hold
// on every connection of the pool, and databases attached before the lock
// stay readable. writable are folders COPY … TO may still write in (the
// Parquet export's); their files become readable by SQL too, so give only
// folders review made.
func Lock(ctx context.Context, db *sql.DB, writable ...string) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var stmts []string
	if len(writable) > 0 {
		dirs := make([]string, len(writable))
		for i, d := range writable {
			abs, err := filepath.Abs(d)
			if err != nil {
				return fmt.Errorf("lock DuckDB: %w", err)
			}
			// A trailing separator: DuckDB allows what lies under it.
			dirs[i] = quoteLiteral(strings.TrimSuffix(abs, string(filepath.Separator)) + string(filepath.Separator))
		}
		stmts = append(stmts, "SET allowed_directories = ["+strings.Join(dirs, ", ")+"]")
	}
	stmts = append(stmts,
		"SET enable_external_access = false",
		"SET autoinstall_known_extensions = false",
		"SET autoload_known_extensions = false",
		"SET allow_community_extensions = false",
		// Last: every SET after it is refused.
		"SET lock_configuration = true",
	)
	for _, s := range stmts {
		if _, err := conn.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("lock DuckDB (%s): %w", s, err)
		}
	}
	return nil
}

func quoteIdent(s string) string   { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
func quoteLiteral(s string) string { return `'` + strings.ReplaceAll(s, `'`, `''`) + `'` }
