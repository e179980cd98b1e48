package db

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Catalogue is what a database review made holds: its tables, by name,
// each with its columns and their DuckDB types (as duckdb_columns() writes
// them). A database review did not make in this run is checked against it
// (Contents.Check) before anything is read from it.
type Catalogue map[string]*Table

// Table is a table of a Catalogue.
type Table struct {
	Columns []Column
	// Open are the types any other column may have, for a table whose
	// columns are named at run time (the run table's parameters, which a
	// custom rule may add); nil for a table of fixed columns.
	Open []string
}

// Column is a column of a Table.
type Column struct{ Name, Type string }

// column is the column of that name, or nil.
func (t *Table) column(name string) *Column {
	for i := range t.Columns {
		if t.Columns[i].Name == name {
			return &t.Columns[i]
		}
	}
	return nil
}

// Has says whether the table has the column.
func (t *Table) Has(name string) bool { return t != nil && t.column(name) != nil }

// openColumn is how the text form of a Catalogue names a table's other
// columns: "run\t*\tBIGINT|VARCHAR".
const openColumn = "*"

// Format writes the catalogue as text, one column a line (table, column,
// type, tab-separated), tables in name order, for a file that a test
// compares with what review really writes.
func (c Catalogue) Format() string {
	var b strings.Builder
	for _, name := range c.names() {
		t := c[name]
		for _, col := range t.Columns {
			fmt.Fprintf(&b, "%s\t%s\t%s\n", name, col.Name, col.Type)
		}
		if len(t.Open) > 0 {
			fmt.Fprintf(&b, "%s\t%s\t%s\n", name, openColumn, strings.Join(t.Open, "|"))
		}
	}
	return b.String()
}

func (c Catalogue) names() []string {
	names := make([]string, 0, len(c))
	for name := range c {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// ParseCatalogue reads what Format wrote; lines starting with # are
// comments.
func ParseCatalogue(text string) (Catalogue, error) {
	c := Catalogue{}
	sc := bufio.NewScanner(strings.NewReader(text))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 || f[0] == "" || f[1] == "" || f[2] == "" {
			return nil, fmt.Errorf("catalogue line %d: %q, expected TABLE<tab>COLUMN<tab>TYPE", n, line)
		}
		t := c[f[0]]
		if t == nil {
			t = &Table{}
			c[f[0]] = t
		}
		if f[1] == openColumn {
			t.Open = strings.Split(f[2], "|")
			continue
		}
		t.Columns = append(t.Columns, Column{f[1], f[2]})
	}
	return c, sc.Err()
}

// Contents are what an attached database holds.
type Contents struct {
	// Tables are the tables of its schema main.
	Tables Catalogue
	// Others are its objects that are not tables of schema main, each as
	// `a view "users"`, in the order Check names them.
	Others []string
	// Defaults are its columns with a default or generated expression,
	// as table.column.
	Defaults []string
}

// others are the queries that list what a database may hold besides the
// tables of its schema main, each giving a kind, a schema, a name (and a
// flag each ignores).
// Built-in objects are internal; schema main is internal too.
var others = []string{
	`SELECT 'schema', '', schema_name, false FROM duckdb_schemas() WHERE database_name = $1 AND schema_name <> 'main' AND NOT internal ORDER BY 2, 3`,
	`SELECT 'view', schema_name, view_name, false FROM duckdb_views() WHERE database_name = $1 AND NOT internal ORDER BY 2, 3`,
	`SELECT replace(function_type, '_', ' '), schema_name, function_name, false FROM duckdb_functions() WHERE database_name = $1 AND NOT internal ORDER BY 2, 3`,
	`SELECT 'sequence', schema_name, sequence_name, false FROM duckdb_sequences() WHERE database_name = $1 ORDER BY 2, 3`,
	`SELECT 'index', schema_name, index_name, false FROM duckdb_indexes() WHERE database_name = $1 ORDER BY 2, 3`,
	`SELECT 'type', schema_name, type_name, false FROM duckdb_types() WHERE database_name = $1 AND NOT internal ORDER BY 2, 3`,
	`SELECT 'table', schema_name, table_name, false FROM duckdb_tables() WHERE database_name = $1 AND schema_name <> 'main' ORDER BY 2, 3`,
}

// ReadContents lists what the database attached under catalog holds, from
// DuckDB's catalog functions: nothing of it is run. Call it after Lock,
// so that even a view DuckDB would bind cannot reach a file.
func ReadContents(ctx context.Context, db *sql.DB, catalog string) (*Contents, error) {
	c := &Contents{Tables: Catalogue{}}
	for _, q := range others {
		if err := each(ctx, db, q, catalog, func(kind, schema, name string, _ bool) {
			if schema != "" && schema != "main" {
				name = schema + "." + name
			}
			c.Others = append(c.Others, fmt.Sprintf("%s %s %q", article(kind), kind, name))
		}); err != nil {
			return nil, fmt.Errorf("list what %s holds: %w", catalog, err)
		}
	}
	err := each(ctx, db, `SELECT table_name, '', '', false FROM duckdb_tables() WHERE database_name = $1 AND schema_name = 'main'`, catalog,
		func(table, _, _ string, _ bool) { c.Tables[table] = &Table{} })
	if err != nil {
		return nil, fmt.Errorf("list the tables of %s: %w", catalog, err)
	}
	err = each(ctx, db, `SELECT table_name, column_name, data_type, column_default IS NOT NULL FROM duckdb_columns()
		WHERE database_name = $1 AND schema_name = 'main' ORDER BY table_name, column_index`, catalog,
		func(table, column, typ string, computed bool) {
			t := c.Tables[table]
			if t == nil { // a view's columns: Others names the view
				return
			}
			t.Columns = append(t.Columns, Column{column, typ})
			if computed {
				c.Defaults = append(c.Defaults, table+"."+column)
			}
		})
	if err != nil {
		return nil, fmt.Errorf("list the columns of %s: %w", catalog, err)
	}
	return c, nil
}

// each runs q with the catalog's name and calls fn with each row: three
// names and a flag.
func each(ctx context.Context, db *sql.DB, q, catalog string, fn func(a, b, c string, d bool)) error {
	rows, err := db.QueryContext(ctx, q, catalog)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var a, b, c string
		var d bool
		if err := rows.Scan(&a, &b, &c, &d); err != nil {
			return err
		}
		fn(a, b, c, d)
	}
	return rows.Err()
}

func article(kind string) string {
	if strings.IndexByte("aeiou", kind[0]) >= 0 {
		return "an"
	}
	return "a"
}

// Unexpected is what Check found in a database that review does not
// write; its message names the object.
type Unexpected struct{ What string }

func (e *Unexpected) Error() string { return e.What }

// Check says whether the database holds only what want allows: tables of
// schema main that review writes, each column one review writes, of its
// type, with no default or generated value. Tables and columns may be
// missing (an older review did not write them yet); anything else is
// refused, the first in a fixed order named: the other objects (a view or
// a macro runs with review's rights when read), then the tables by name,
// their columns in order.
func (c *Contents) Check(want Catalogue) error {
	if len(c.Others) > 0 {
		return &Unexpected{fmt.Sprintf("holds %s, expected only the tables review writes", c.Others[0])}
	}
	for _, name := range c.Tables.names() {
		w := want[name]
		if w == nil {
			return &Unexpected{fmt.Sprintf("holds a table %q, which review does not write", name)}
		}
		for _, col := range c.Tables[name].Columns {
			if err := w.check(name, col); err != nil {
				return err
			}
		}
	}
	if len(c.Defaults) > 0 {
		return &Unexpected{fmt.Sprintf("its column %s has a default or generated value, which review never writes", c.Defaults[0])}
	}
	return nil
}

// check says whether col may be a column of the table w describes.
func (w *Table) check(table string, col Column) error {
	if wc := w.column(col.Name); wc != nil {
		if wc.Type != col.Type {
			return &Unexpected{fmt.Sprintf("its column %s.%s is %s, expected %s", table, col.Name, col.Type, wc.Type)}
		}
		return nil
	}
	if len(w.Open) == 0 {
		return &Unexpected{fmt.Sprintf("its table %s has a column %q, which review does not write", table, col.Name)}
	}
	if !slices.Contains(w.Open, col.Type) {
		return &Unexpected{fmt.Sprintf("its column %s.%s is %s, expected one of %s", table, col.Name, col.Type, strings.Join(w.Open, ", "))}
	}
	return nil
}
