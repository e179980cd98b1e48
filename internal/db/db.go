// Package db opens the embedded DuckDB database and loads raw rows into it.
// It is the only package that imports the DuckDB driver, so the rest of the
// code (and its tests) can use database/sql without linking DuckDB.
package db

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"github.com/review-tool/review/schema"
)

// offline turns extension downloads off: review never touches the network,
// and the extensions it needs (json, parquet, icu) are linked in.
const offline = "autoinstall_known_extensions=false&autoload_known_extensions=false"

// Options bound what DuckDB may use.
type Options struct {
	// MemoryLimit is DuckDB's memory_limit (e.g. "1536MB"); past it,
	// DuckDB spills to TempDir instead of growing. Empty: DuckDB's default
	// (80% of RAM).
	MemoryLimit string
	// TempDir is where DuckDB spills. An in-memory database would otherwise
	// spill to ".tmp" in the working directory.
	TempDir string
	// Threads is DuckDB's thread count; 0 leaves its default (all cores).
	Threads int
}

// Open opens an in-memory database when path is empty, else a database file
// (created if missing).
func Open(path string, o Options) (*sql.DB, error) {
	dsn := path + "?" + offline +
		// Rows come out in the order each query's ORDER BY says; no query
		// relies on insertion order, and keeping it costs memory on large
		// CREATE TABLE … AS.
		"&preserve_insertion_order=false"
	if o.MemoryLimit != "" {
		dsn += "&memory_limit=" + url.QueryEscape(o.MemoryLimit)
	}
	if o.TempDir != "" {
		dsn += "&temp_directory=" + url.QueryEscape(o.TempDir)
	}
	if o.Threads > 0 {
		dsn += "&threads=" + strconv.Itoa(o.Threads)
	}
	connector, err := duckdb.NewConnector(dsn, nil)
	if err != nil {
		return nil, fmt.Errorf("open DuckDB %q: %w", path, err)
	}
	db := sql.OpenDB(connector)
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open DuckDB %q: %w", path, err)
	}
	return db, nil
}

// Version returns DuckDB's version string, e.g. v1.5.6.
func Version(ctx context.Context, db *sql.DB) (string, error) {
	var v string
	err := db.QueryRowContext(ctx, "SELECT version()").Scan(&v)
	return v, err
}

// CreateTables (re)creates the raw tables.
func CreateTables(ctx context.Context, db *sql.DB, tables []*schema.Table) error {
	for _, t := range tables {
		if _, err := db.ExecContext(ctx, DDL(t)); err != nil {
			return fmt.Errorf("create table %s: %w", t.Name, err)
		}
	}
	return nil
}

// DDL returns the CREATE TABLE statement of a raw table.
func DDL(t *schema.Table) string {
	var b strings.Builder
	fmt.Fprintf(&b, "CREATE OR REPLACE TABLE %s (", t.Name)
	for i, c := range t.Columns {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %s", c.Name, c.Type)
	}
	b.WriteString(")")
	return b.String()
}

// Loader appends raw rows through DuckDB Appenders on one connection. It is
// not safe for concurrent use; Close flushes every appender.
type Loader struct {
	conn      *sql.Conn
	appenders map[string]*duckdb.Appender
	args      []driver.Value
	// busy is the time spent inside DuckDB (appending and flushing): the
	// load share of a read, which parses and loads in one pass.
	busy time.Duration
}

// Busy is the time the loader has spent inside DuckDB.
func (l *Loader) Busy() time.Duration { return l.busy }

// NewLoader returns a Loader that holds one connection of db until Close.
func NewLoader(ctx context.Context, db *sql.DB) (*Loader, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	return &Loader{conn: conn, appenders: map[string]*duckdb.Appender{}}, nil
}

// Append implements schema.Sink.
func (l *Loader) Append(t *schema.Table, row []any) error {
	a, ok := l.appenders[t.Name]
	if !ok {
		err := l.conn.Raw(func(dc any) error {
			var err error
			a, err = duckdb.NewAppenderFromConn(dc.(driver.Conn), "", t.Name)
			return err
		})
		if err != nil {
			return fmt.Errorf("appender for %s: %w", t.Name, err)
		}
		l.appenders[t.Name] = a
	}
	l.args = l.args[:0]
	for _, v := range row {
		l.args = append(l.args, v)
	}
	start := time.Now()
	err := a.AppendRow(l.args...)
	l.busy += time.Since(start)
	if err != nil {
		return fmt.Errorf("append to %s: %w", t.Name, err)
	}
	return nil
}

// Close flushes and closes every appender and releases the connection.
func (l *Loader) Close() error {
	start := time.Now()
	defer func() { l.busy += time.Since(start) }()
	var first error
	for name, a := range l.appenders {
		if err := a.Close(); err != nil && first == nil {
			first = fmt.Errorf("flush %s: %w", name, err)
		}
	}
	l.appenders = nil
	if err := l.conn.Close(); err != nil && first == nil {
		first = err
	}
	return first
}
