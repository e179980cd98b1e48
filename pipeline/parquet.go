package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
)

// writeParquet writes every table of the database's main schema (raw,
// intermediate, fact and run tables, and the manifest) to dir as
// TABLE.parquet with DuckDB's built-in writer, so that another engine
// (Spark, Trino, DuckDB over object storage) can query the same tables.
// Rows are sorted on every column: the same database gives the same
// files, whatever order its parallel writer would otherwise choose. It
// gives each table's row count.
func writeParquet(ctx context.Context, database *sql.DB, dir string) (map[string]int64, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("--parquet %s: %w", dir, err)
	}
	rows, err := database.QueryContext(ctx, "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' ORDER BY table_name")
	if err != nil {
		return nil, fmt.Errorf("list the tables: %w", err)
	}
	var names []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return nil, err
		}
		names = append(names, name)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := map[string]int64{}
	for _, name := range names {
		path := filepath.Join(dir, name+".parquet")
		q := fmt.Sprintf("COPY (SELECT * FROM %s ORDER BY ALL) TO %s (FORMAT parquet)", quoteIdent(name), quoteLiteral(path))
		if _, err := database.ExecContext(ctx, q); err != nil {
			return nil, fmt.Errorf("write %s: %w", path, err)
		}
		var n int64
		if err := database.QueryRowContext(ctx, "SELECT count(*) FROM "+quoteIdent(name)).Scan(&n); err != nil {
			return nil, err
		}
		out[name] = n
	}
	return out, nil
}
