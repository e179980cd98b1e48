package previous

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/internal/db"
	"github.com/review-tool/review/internal/inputerr"
	"github.com/review-tool/review/schema"
)

// accountsSheet is the sheet the workbook lists its accounts on; a long
// listing continues on "Accounts (2)", "Accounts (3)", …
const accountsSheet = "Accounts"

// loadAccountsWorkbook loads the accounts of the previous workbook's Accounts sheet
// and its continuations, streaming their rows (a previous workbook can
// hold a million accounts) through the loader the exports use.
func loadAccountsWorkbook(ctx context.Context, database *sql.DB, path, tempDir string) (acc *Accounts, err error) {
	f, err := excelize.OpenFile(path, excelize.Options{TmpDir: tempDir})
	if err != nil {
		return nil, inputerr.New("--previous %s: %v", path, err)
	}
	defer f.Close()
	sheets := map[string]bool{}
	for _, s := range f.GetSheetList() {
		sheets[s] = true
	}
	if !sheets[accountsSheet] {
		return &Accounts{Notes: []string{fmt.Sprintf(
			"the previous workbook %s has no %s sheet: access changes were not compared", path, accountsSheet)}}, nil
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
	r := &sheetReader{path: path, sink: loader, missing: map[string]bool{}}
	for part := 1; ; part++ {
		name := accountsSheet
		if part > 1 {
			name = fmt.Sprintf("%s (%d)", accountsSheet, part)
		}
		if !sheets[name] {
			break
		}
		if err := r.read(ctx, f, name); err != nil {
			return nil, err
		}
	}
	var missing []accountColumn
	for _, c := range accountColumns {
		if r.missing[c.Header] {
			missing = append(missing, c)
		}
	}
	return &Accounts{
		From:    path + " (Accounts sheet)",
		Rows:    r.rows,
		Missing: columnNames(missing),
		Notes:   missingNotes("the previous workbook", missing, func(c accountColumn) string { return c.Header }),
	}, nil
}

// sheetReader reads Accounts sheets into previous_accounts.
type sheetReader struct {
	path string
	sink schema.Sink
	rows int64 // accounts read so far, across the sheets
	// missing are the headers some sheet lacked.
	missing map[string]bool
}

// read loads one Accounts sheet: its header row names the columns.
func (r *sheetReader) read(ctx context.Context, f *excelize.File, sheet string) error {
	rows, err := f.Rows(sheet)
	if err != nil {
		return inputerr.New("--previous %s: sheet %s: %v", r.path, sheet, err)
	}
	defer rows.Close()
	var at []int // per accountColumns, the sheet's column index or -1
	for line := 1; rows.Next(); line++ {
		if line%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		// Raw values: an ID is read as stored, whatever number format
		// a spreadsheet program gave it since.
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return inputerr.New("--previous %s: sheet %s row %d: %v", r.path, sheet, line, err)
		}
		if at == nil {
			if at, err = r.header(sheet, cells); err != nil {
				return err
			}
			continue
		}
		if blank(cells) {
			continue
		}
		if err := r.add(sheet, line, cells, at); err != nil {
			return err
		}
	}
	if err := rows.Error(); err != nil {
		return inputerr.New("--previous %s: sheet %s: %v", r.path, sheet, err)
	}
	if at == nil {
		return inputerr.New("--previous %s: sheet %s is empty: expected a header row with Source and Username", r.path, sheet)
	}
	return nil
}

// header finds each column by its header; a sheet without Source or
// Username is not an Accounts sheet review wrote.
func (r *sheetReader) header(sheet string, cells []string) ([]int, error) {
	index := map[string]int{}
	for i, h := range cells {
		if h = strings.TrimSpace(h); h != "" {
			if _, dup := index[h]; !dup {
				index[h] = i
			}
		}
	}
	at := make([]int, len(accountColumns))
	for i, c := range accountColumns {
		j, ok := index[c.Header]
		if !ok {
			if c.Required {
				return nil, inputerr.New("--previous %s: sheet %s: no %s column in its header row (row 1): an Accounts sheet of a review workbook has Source and Username",
					r.path, sheet, c.Header)
			}
			r.missing[c.Header] = true
			j = -1
		}
		at[i] = j
	}
	return at, nil
}

// add loads one account row.
func (r *sheetReader) add(sheet string, line int, cells []string, at []int) error {
	r.rows++
	row := schema.PreviousAccounts.NewRow("", 0, r.rows)
	for i, c := range accountColumns {
		if at[i] < 0 {
			continue
		}
		v := ""
		if at[i] < len(cells) {
			v = strings.TrimSpace(cells[at[i]])
		}
		val, err := cellValue(c, v)
		if err == nil && c.Required && v == "" {
			err = fmt.Errorf("no %s", strings.ToLower(c.Header))
		}
		if err != nil {
			ref, _ := excelize.CoordinatesToCellName(at[i]+1, line)
			return inputerr.New("--previous %s: sheet %s cell %s (%s): %v", r.path, sheet, ref, c.Header, err)
		}
		row[schema.PreviousAccounts.Index(c.Column)] = val
	}
	return r.sink.Append(schema.PreviousAccounts, row)
}

// cellValue is a cell's value as previous_accounts holds it: nil when
// empty.
func cellValue(c accountColumn, v string) (any, error) {
	if v == "" {
		return nil, nil
	}
	switch c.Kind {
	case idValue:
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			return n, nil
		}
		// A number a spreadsheet program stored in its own form (4.2E+1).
		if x, err := strconv.ParseFloat(v, 64); err == nil && x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return int64(x), nil
		}
		return nil, fmt.Errorf("found %q, expected a whole number or nothing", v)
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
