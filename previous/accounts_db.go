package previous

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/review-tool/review/internal/db"
	"github.com/review-tool/review/internal/inputerr"
	"github.com/review-tool/review/schema"
	"github.com/review-tool/review/views"
)

// Catalog is the name the --previous-db database is attached under.
const Catalog = "review_previous"

// AttachDatabase attaches the --previous-db file read-only under Catalog.
// The pipeline calls it before it locks DuckDB (internal/db.Lock), which
// opens no other file afterwards, and checks what the file holds before
// LoadAccounts reads it.
func AttachDatabase(ctx context.Context, database *sql.DB, path string) error {
	if st, err := os.Stat(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return inputerr.New("--previous-db %s: no such file", path)
		}
		return inputerr.New("--previous-db %s: %v", path, err)
	} else if st.IsDir() {
		return inputerr.New("--previous-db %s: a folder, expected the DuckDB file a run kept with --db", path)
	}
	if err := db.Attach(ctx, database, path, Catalog); err != nil {
		return inputerr.New("--previous-db %s: not a DuckDB database review can read: %v", path, err)
	}
	return nil
}

// loadDatabase loads the previous accounts from the database a previous
// run kept with --db, which AttachDatabase attached: its account_facts is
// read as its Accounts sheet showed it, in one INSERT … SELECT (no row
// passes through Go). Columns an older database lacks are noted and left
// NULL. The database is detached once read.
func loadDatabase(ctx context.Context, database *sql.DB, path string) (acc *Accounts, err error) {
	conn, err := database.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	defer func() {
		if _, derr := conn.ExecContext(context.WithoutCancel(ctx), "DETACH "+Catalog); derr != nil && err == nil {
			acc, err = nil, fmt.Errorf("--previous-db %s: detach: %w", path, derr)
		}
	}()
	have, err := previousColumns(ctx, conn)
	if err != nil {
		return nil, fmt.Errorf("--previous-db %s: %w", path, err)
	}
	if len(have) == 0 {
		return nil, inputerr.New("--previous-db %s: no account_facts table: expected the database a review run kept with --db", path)
	}
	cols := []string{"source", "file_id", "line"}
	exprs := []string{"a.source", "0", "row_number() OVER (ORDER BY a.akey)"}
	var missing []accountColumn
	for _, c := range accountColumns {
		if c.Column == "source" {
			continue
		}
		sheet := sheetColumn(c)
		ok := true
		for _, n := range sheet.Needs {
			ok = ok && have[n]
		}
		cols = append(cols, c.Column)
		if !ok {
			if c.Required {
				return nil, inputerr.New("--previous-db %s: account_facts has no %s column", path, strings.Join(sheet.Needs, ", "))
			}
			missing = append(missing, c)
			exprs = append(exprs, "NULL")
			continue
		}
		exprs = append(exprs, sheet.Expr)
	}
	if !have["akey"] || !have["source"] {
		return nil, inputerr.New("--previous-db %s: account_facts has no akey or source column", path)
	}
	run := "(SELECT NULL::BOOLEAN AS has_roster)"
	if have["run.has_roster"] {
		run = Catalog + ".main.run"
	}
	q := fmt.Sprintf("INSERT INTO %s (%s) SELECT %s FROM %s.main.account_facts a CROSS JOIN %s r",
		schema.PreviousAccounts.Name, strings.Join(cols, ", "), strings.Join(exprs, ", "), Catalog, run)
	res, err := conn.ExecContext(ctx, q)
	if err != nil {
		return nil, inputerr.New("--previous-db %s: reading its accounts: %v", path, err)
	}
	n, _ := res.RowsAffected()
	acc = &Accounts{
		From:    path + " (account_facts)",
		Rows:    n,
		Missing: columnNames(missing),
		Notes: missingNotes("the previous database", missing, func(c accountColumn) string {
			return strings.Join(sheetColumn(c).Needs, " or ")
		}),
	}
	if acc.JumpItems, acc.JumpNote, err = loadJumpItemsDatabase(ctx, conn, path); err != nil {
		return nil, err
	}
	return acc, nil
}

// sheetColumn is the Accounts sheet's column c reads back, as SQL.
func sheetColumn(c accountColumn) views.AccountSheetColumn {
	sc, ok := views.AccountSheet(c.Header)
	if !ok {
		panic("previous: the Accounts sheet has no column " + c.Header) // a test covers every accountColumns header
	}
	return sc
}

// previousColumns are the columns of the previous database's account_facts,
// and of its run table as run.NAME.
func previousColumns(ctx context.Context, conn *sql.Conn) (map[string]bool, error) {
	rows, err := conn.QueryContext(ctx, `
		SELECT CASE WHEN table_name = 'run' THEN 'run.' || column_name ELSE column_name END
		FROM duckdb_columns()
		WHERE database_name = ? AND schema_name = 'main' AND table_name IN ('account_facts', 'run')`, Catalog)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	have := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		have[name] = true
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if !have["username"] && !have["source"] && !have["akey"] {
		return map[string]bool{}, nil // no account_facts: only run, or nothing
	}
	return have, nil
}
