package previous

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/review-tool/review/ingest/bounds"
	"github.com/review-tool/review/internal/db"
	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/schema"
)

// loadAccountsWorkbook loads the accounts of the previous workbook's
// Accounts sheet and its continuations, streaming their rows (a previous
// workbook can hold a million accounts) through the loader the exports
// use.
func loadAccountsWorkbook(ctx context.Context, database *sql.DB, path, tempDir string) (acc *Accounts, err error) {
	f, err := bounds.OpenWorkbook(path, tempDir)
	if err != nil {
		return nil, fmt.Errorf("--previous %w", err)
	}
	defer f.Close()
	sheets, err := parts(path, f.GetSheetList(), layout.SheetAccounts)
	if err != nil {
		return nil, err
	}
	if len(sheets) == 0 {
		return &Accounts{Notes: []string{fmt.Sprintf(
			"the previous workbook %s has no %s sheet: access changes were not compared", path, layout.SheetAccounts)},
			JumpNote: jumpItemsNote(fmt.Sprintf("the previous workbook %s has no %s sheet", path, layout.SheetAccounts))}, nil
	}
	loader, err := db.NewLoader(ctx, database)
	if err != nil {
		return nil, err
	}
	defer func() {
		if cerr := loader.Close(); cerr != nil && err == nil {
			acc, err = nil, fmt.Errorf("--previous %s: %w", path, cerr)
		}
	}()
	var required []string
	for _, c := range accountColumns {
		if c.Required {
			required = append(required, c.Header)
		}
	}
	var rows int64
	missing := map[string]bool{} // headers some sheet lacked
	for _, sheet := range sheets {
		cols, err := readSheet(f, path, sheet, required, func(r row) error {
			if rows++; rows%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			return addAccount(loader, r, rows)
		})
		if err != nil {
			return nil, err
		}
		for _, c := range accountColumns {
			if !cols.Has(c.Header) {
				missing[c.Header] = true
			}
		}
	}
	var lacking []accountColumn
	for _, c := range accountColumns {
		if missing[c.Header] {
			lacking = append(lacking, c)
		}
	}
	acc = &Accounts{
		From:    path + " (Accounts sheet)",
		Rows:    rows,
		Missing: columnNames(lacking),
		Notes:   missingNotes("the previous workbook", lacking, func(c accountColumn) string { return c.Header }),
	}
	if acc.JumpItems, acc.JumpNote, err = loadJumpItemsWorkbook(ctx, database, f, path); err != nil {
		return nil, err
	}
	return acc, nil
}

// addAccount loads one Accounts row as the n-th previous account; a
// column the sheet lacks stays NULL.
func addAccount(sink schema.Sink, r row, n int64) error {
	out := schema.PreviousAccounts.NewRow("", 0, n)
	for _, c := range accountColumns {
		if !r.has(c.Header) {
			continue
		}
		v := r.get(c.Header)
		val, err := cellValue(c, v)
		if err == nil && c.Required && v == "" {
			err = fmt.Errorf("empty, expected the account's %s", strings.ToLower(c.Header))
		}
		if err != nil {
			return r.errorAt(c.Header, "%v", err)
		}
		out[schema.PreviousAccounts.Index(c.Column)] = val
	}
	return sink.Append(schema.PreviousAccounts, out)
}

// wholeNumber reads an id cell: a whole number, also in the form a
// spreadsheet program stored it (4.2E+1).
func wholeNumber(v string) (int64, bool) {
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		return n, true
	}
	if x, err := strconv.ParseFloat(v, 64); err == nil && x == math.Trunc(x) && math.Abs(x) < 1<<53 {
		return int64(x), true
	}
	return 0, false
}

// cellValue is a cell's value as previous_accounts holds it: nil when
// empty.
func cellValue(c accountColumn, v string) (any, error) {
	if v == "" {
		return nil, nil
	}
	switch c.Kind {
	case idValue:
		n, ok := wholeNumber(v)
		if !ok {
			return nil, fmt.Errorf("found %q, expected a whole number or nothing", v)
		}
		return n, nil
	case flagValue:
		switch strings.ToLower(v) {
		case "yes":
			return true, nil
		case "no":
			return false, nil
		}
		return nil, fmt.Errorf("found %q, expected yes, no or nothing", v)
	}
	return v, nil
}
