package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"github.com/review-tool/review/internal/model"

	"github.com/review-tool/review/ingest/located"
)

// CheckLicenseSources refuses a license row whose source column names no
// source of the run, or a source of another product: such a row applies to
// nothing, and a misspelt source would silently turn license-over-assigned
// off for the source that was meant. With lenient the rows are kept out of
// the analysis and listed instead, like any bad row. It runs after Load,
// when the sources' products are settled.
func CheckLicenseSources(ctx context.Context, db *sql.DB, m *model.Manifest, lenient bool) error {
	products := map[string]string{}
	var names []string
	for _, s := range m.Sources {
		products[s.Name] = s.Product
		names = append(names, s.Name+" ("+s.Product+")")
	}
	sort.Strings(names)
	rows, err := db.QueryContext(ctx, `SELECT file_id, line, product, coalesce(seat_type, ''), coalesce(CAST(purchased AS VARCHAR), ''), applies_to
		FROM licenses WHERE applies_to IS NOT NULL ORDER BY file_id, line`)
	if err != nil {
		return fmt.Errorf("check license sources: %w", err)
	}
	type bad struct {
		fileID, line int64
		err          *located.Error
	}
	var found []bad
	for rows.Next() {
		var fileID, line int64
		var product, seatType, purchased, source string
		if err := rows.Scan(&fileID, &line, &product, &seatType, &purchased, &source); err != nil {
			rows.Close()
			return err
		}
		got, ok := products[source]
		if ok && got == product {
			continue
		}
		e := &located.Error{File: m.Files[fileID-1].Path, Line: line,
			Found:    fmt.Sprintf("the source %q, which is not a source of this run", source),
			Expected: fmt.Sprintf("the name of a %s source (sources: %s), or no source for all of them", product, strings.Join(names, ", ")),
			Raw:      fmt.Sprintf("product=%s, seat_type=%s, purchased=%s, source=%s", product, seatType, purchased, source)}
		if ok {
			e.Found = fmt.Sprintf("the source %q, which is a %s source, on a %s license row", source, got, product)
		}
		found = append(found, bad{fileID, line, e})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(found) == 0 {
		return nil
	}
	if !lenient {
		return found[0].err
	}
	for _, b := range found {
		if _, err := db.ExecContext(ctx, `DELETE FROM licenses WHERE file_id = ? AND line = ?`, b.fileID, b.line); err != nil {
			return fmt.Errorf("keep a license row out: %w", err)
		}
		m.Files[b.fileID-1].RowsRejected++
		m.Issues = append(m.Issues, issueOf(b.err))
	}
	order := map[string]int{}
	for i, f := range m.Files {
		order[f.Path] = i
	}
	sort.SliceStable(m.Issues, func(a, b int) bool {
		ia, ib := m.Issues[a], m.Issues[b]
		if order[ia.File] != order[ib.File] {
			return order[ia.File] < order[ib.File]
		}
		return ia.Line < ib.Line
	})
	return nil
}
