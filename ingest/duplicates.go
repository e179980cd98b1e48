package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/review-tool/review/internal/model"

	"github.com/review-tool/review/ingest/located"
	"github.com/review-tool/review/schema"
)

// CheckIDsAcrossFiles refuses an object exported twice in one source: the
// same id (under the same parent) in two files of one kind, as when a
// paginated export overlaps or a file is saved twice. It would count twice,
// and if the two differ nothing says which is right. Within a file the
// readers check this as they go; across files it is checked here, in the
// loaded tables, and only where a source has more than one file of a kind.
// The message names the second file and line, and the first.
func CheckIDsAcrossFiles(ctx context.Context, db *sql.DB, m *model.Manifest) error {
	groups := map[string][]int{} // source \x00 kind → file ids
	for i, f := range m.Files {
		if f.Source != "" {
			key := f.Source + "\x00" + f.Kind
			groups[key] = append(groups[key], i+1)
		}
	}
	keys := make([]string, 0, len(groups))
	for k, ids := range groups {
		if len(ids) > 1 {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, key := range keys {
		source, kind, _ := strings.Cut(key, "\x00")
		in := schema.InputOf(schema.Kind(kind))
		if in == nil || !in.UniqueIDs {
			continue
		}
		if err := checkIDs(ctx, db, m, source, kind, groups[key], in.Table, in.Parent); err != nil {
			return err
		}
	}
	return nil
}

// checkIDs looks for an id twice among the rows of the kind's files (the
// table may hold other kinds' rows too: every Jump Item type's, whose ids
// are their own).
func checkIDs(ctx context.Context, db *sql.DB, m *model.Manifest, source, kind string, fileIDs []int, table *schema.Table, parent string) error {
	var fields []string
	for _, c := range table.Columns[3:] { // past source, file_id, line
		fields = append(fields, fmt.Sprintf("'%s': %s", c.Name, c.Name))
	}
	files := make([]string, len(fileIDs))
	for i, id := range fileIDs {
		files[i] = strconv.Itoa(id)
	}
	// Table and column names are the raw schema's own, plain identifiers;
	// file ids are integers.
	rows := fmt.Sprintf("SELECT file_id, line, id, %s AS parent, to_json({%s}) AS content FROM %s WHERE source = ? AND file_id IN (%s) AND id IS NOT NULL",
		parentExpr(parent), strings.Join(fields, ", "), table.Name, strings.Join(files, ", "))
	q := fmt.Sprintf(`SELECT a.file_id, a.line, b.file_id, b.line, b.id, b.parent, a.content <> b.content
		FROM (%s) a JOIN (%s) b ON a.id = b.id AND a.parent IS NOT DISTINCT FROM b.parent AND a.file_id < b.file_id
		ORDER BY b.file_id, b.line, a.file_id LIMIT 1`, rows, rows)
	var fa, la, fb, lb, id int64
	var par sql.NullInt64
	var differs bool
	err := db.QueryRowContext(ctx, q, source, source).Scan(&fa, &la, &fb, &lb, &id, &par, &differs)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return fmt.Errorf("check %s ids of %s: %w", kind, source, err)
	}
	what := fmt.Sprintf("%s id %d", kind, id)
	if parent != "" && par.Valid {
		what = fmt.Sprintf("%s id %d of %s %d", kind, id, parent, par.Int64)
	}
	content := "the same content"
	if differs {
		content = "other content"
	}
	return &located.Error{File: m.Files[fb-1].Path, Line: lb,
		Found:    fmt.Sprintf("%s again, with %s (first in %s at line %d)", what, content, m.Files[fa-1].Path, la),
		Expected: "each object once across a source's files (remove the overlapping or duplicate export)"}
}

func parentExpr(parent string) string {
	if parent == "" {
		return "NULL::BIGINT"
	}
	return parent
}
