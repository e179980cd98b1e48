package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/review-tool/review/internal/model"

	"github.com/review-tool/review/ingest/configapi"
	"github.com/review-tool/review/ingest/located"
	"github.com/review-tool/review/schema"
)

// resolveComplete checks the --complete names against the files to read:
// each must name (by its path as given or its base name) an export of a
// kind the Configuration API pages, so that a typo cannot silence
// nothing. It returns the paths of the files named, in file order.
func resolveComplete(names []string, files []*file) ([]string, error) {
	named := map[*file]bool{}
	for _, name := range names {
		found := false
		for _, f := range files {
			if _, _, _, paged := configapi.Paging(f.kind); paged && f.source != nil && (f.path == name || located.BaseName(f.path) == name) {
				named[f], found = true, true
			}
		}
		if !found {
			return nil, &UsageError{fmt.Sprintf("--complete %s: %q is none of the Configuration API exports read that come in pages; name a file by its name or its path as given (files: %s)",
				name, name, strings.Join(pagedNames(files), ", "))}
		}
	}
	var out []string
	for _, f := range files {
		if named[f] {
			out = append(out, f.path)
		}
	}
	return out, nil
}

// pagedNames are the base names of the files --complete may name, sorted.
func pagedNames(files []*file) []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range files {
		if _, _, _, paged := configapi.Paging(f.kind); paged && f.source != nil && !seen[located.BaseName(f.path)] {
			seen[located.BaseName(f.path)] = true
			out = append(out, located.BaseName(f.path))
		}
	}
	sort.Strings(out)
	if len(out) == 0 {
		return []string{"none"}
	}
	return out
}

// pageGroup is one kind of one source: the files its pages were saved as.
type pageGroup struct {
	source, kind string
	files        []int // indexes into Manifest.Files
}

// CheckPages warns of an export that may be only the first page(s) of a
// list: the Configuration API returns at most configapi.PageSize objects
// a response, so a list whose every file holds a whole number of full
// pages may have more pages than were saved, and a review of them would
// miss the rest without a word. A kind's files in one source are taken
// together (pages saved as several files); a per-parent kind is checked
// parent by parent, since each parent's list pages on its own. A file
// named by --complete (Manifest.Complete) declares its kind of its source
// whole.
func CheckPages(ctx context.Context, db *sql.DB, m *model.Manifest) ([]string, error) {
	complete := map[string]bool{}
	for _, p := range m.Complete {
		complete[p] = true
	}
	var out []string
	for _, g := range pageGroups(m) {
		declared := false
		for _, i := range g.files {
			declared = declared || complete[m.Files[i].Path]
		}
		if declared {
			continue
		}
		endpoint, parent, table, _ := configapi.Paging(schema.Kind(g.kind))
		if parent == "" {
			if w := listPages(m, g, endpoint); w != "" {
				out = append(out, w)
			}
			continue
		}
		w, err := parentPages(ctx, db, m, g, endpoint, parent, table)
		if err != nil {
			return nil, err
		}
		if w != "" {
			out = append(out, w)
		}
	}
	return out, nil
}

// pageGroups are the paged kinds of each source with their files, in the
// order of their first file.
func pageGroups(m *model.Manifest) []*pageGroup {
	byKey := map[string]*pageGroup{}
	var out []*pageGroup
	for i, f := range m.Files {
		if _, _, _, paged := configapi.Paging(schema.Kind(f.Kind)); !paged || f.Source == "" {
			continue
		}
		key := f.Source + "\x00" + f.Kind
		g := byKey[key]
		if g == nil {
			g = &pageGroup{source: f.Source, kind: f.Kind}
			byKey[key] = g
			out = append(out, g)
		}
		g.files = append(g.files, i)
	}
	return out
}

// fullPages says whether n objects are a whole number (≥ 1) of full pages.
func fullPages(n int64) bool { return n > 0 && n%configapi.PageSize == 0 }

// listPages is the warning for a list kind whose every file holds full
// pages, or "". The objects counted are those read, bad rows included.
func listPages(m *model.Manifest, g *pageGroup, endpoint string) string {
	var total int64
	for _, i := range g.files {
		n := m.Files[i].RowsRead
		if !fullPages(n) {
			return "" // a page that is not full is the last
		}
		total += n
	}
	return pagesWarning(m, g, total, fmt.Sprintf("%d %s", total, plural(g.kind)), "GET "+endpoint)
}

// parentPages is the warning for a per-parent kind in which some parent's
// list, in every file that has it, holds full pages; it names the first
// such parent and counts the others. Objects counted are those loaded.
func parentPages(ctx context.Context, db *sql.DB, m *model.Manifest, g *pageGroup, endpoint, parent string, table *schema.Table) (string, error) {
	ids := make([]string, len(g.files))
	for k, i := range g.files {
		ids[k] = strconv.Itoa(i + 1) // file_id
	}
	// Table and column names are the raw schema's own; ids are integers.
	q := fmt.Sprintf(`SELECT %[1]s, sum(n) FROM (
			SELECT %[1]s, file_id, count(*) AS n FROM %[2]s
			WHERE source = ? AND file_id IN (%[3]s) AND %[1]s IS NOT NULL GROUP BY ALL)
		GROUP BY %[1]s HAVING bool_and(n %% %[4]d = 0) ORDER BY %[1]s`,
		parent, table.Name, strings.Join(ids, ", "), configapi.PageSize)
	rows, err := db.QueryContext(ctx, q, g.source)
	if err != nil {
		return "", fmt.Errorf("check the pages of %s in %s: %w", g.kind, g.source, err)
	}
	defer rows.Close()
	var full []int64
	var first int64
	for rows.Next() {
		var id, n int64
		if err := rows.Scan(&id, &n); err != nil {
			return "", err
		}
		if len(full) == 0 {
			first = n
		}
		full = append(full, id)
	}
	if err := rows.Err(); err != nil || len(full) == 0 {
		return "", err
	}
	what := fmt.Sprintf("%d %s under %s %d", first, plural(g.kind), parent, full[0])
	if len(full) > 1 {
		more := make([]string, 0, len(full)-1)
		for _, id := range full[1:] {
			more = append(more, strconv.FormatInt(id, 10))
		}
		what += fmt.Sprintf(" (and as many full pages under %d more: %s)", len(full)-1, cut(strings.Join(more, ", "), 80))
	}
	return pagesWarning(m, g, first, what, "GET "+strings.Replace(endpoint, "{id}", strconv.FormatInt(full[0], 10), 1)), nil
}

// pagesWarning says that g's files hold n objects (what), full pages of
// request, and how to fetch the rest or declare them whole.
func pagesWarning(m *model.Manifest, g *pageGroup, n int64, what, request string) string {
	paths := make([]string, len(g.files))
	for k, i := range g.files {
		paths[k] = m.Files[i].Path
	}
	pages := n / configapi.PageSize
	full := "one full page"
	if pages > 1 {
		full = fmt.Sprintf("%d full pages", pages)
	}
	holds := "holds exactly"
	if len(paths) > 1 {
		holds = "hold exactly"
	}
	only := "possibly only the first page"
	if pages > 1 {
		only = fmt.Sprintf("possibly only the first %d pages", pages)
	}
	return fmt.Sprintf("%s %s %s, %s of the Configuration API (%s returns at most %d a page): %s. "+
		"Export every page (current_page=%d, …) or say the export is complete with --complete %s",
		strings.Join(paths, " and "), holds, what, full, request, configapi.PageSize, only, pages+1, paths[len(paths)-1])
}

// plural is the kind's objects as a message counts them: "group-policy"
// is "group policies".
func plural(kind string) string {
	if in := schema.InputOf(schema.Kind(kind)); in != nil && in.TypePlural != "" {
		return in.TypePlural
	}
	s := strings.ReplaceAll(kind, "-", " ")
	if strings.HasSuffix(s, "y") {
		return s[:len(s)-1] + "ies"
	}
	return s + "s"
}

// cut shortens s to n bytes at most, marking the cut.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
