package previous

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/schema"
	"github.com/review-tool/review/views"
)

// jumpItemsNote is why Jump Policy changes were not compared, for a run
// that read Jump Items (the pipeline adds it only then).
func jumpItemsNote(where string) string {
	return where + ": Jump Policy changes on Jump Items were not compared"
}

// loadJumpItemsWorkbook loads previous_jump_items from the previous
// workbook's Jump Reach sheet; without one (a run that read no Jump Items,
// or a workbook older than the sheet) it loads nothing and says so.
func loadJumpItemsWorkbook(ctx context.Context, database *sql.DB, f *excelize.File, path string) (bool, string, error) {
	sheets, err := parts(path, f.GetSheetList(), layout.SheetJumpReach)
	if err != nil {
		return false, "", err
	}
	if len(sheets) == 0 {
		return false, jumpItemsNote(fmt.Sprintf("the previous workbook %s has no %s sheet", path, layout.SheetJumpReach)), nil
	}
	stmt, err := database.PrepareContext(ctx, "INSERT INTO "+schema.PreviousJumpItems.Name+
		" (source, file_id, line, item_type, id, item, jump_group, approval, recordings) VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?)")
	if err != nil {
		return false, "", err
	}
	defer stmt.Close()
	required := []string{layout.JumpReachSource, layout.JumpReachItemType, layout.JumpReachID,
		layout.JumpReachApproval, layout.JumpReachRecordings}
	var n int64
	for _, sheet := range sheets {
		_, err := readSheet(f, path, sheet, required, func(r row) error {
			id, ok := wholeNumber(r.get(layout.JumpReachID))
			if !ok {
				return r.errorAt(layout.JumpReachID, "found %q, expected the Jump Item's id", r.get(layout.JumpReachID))
			}
			n++
			_, err := stmt.ExecContext(ctx, r.get(layout.JumpReachSource), n, r.get(layout.JumpReachItemType), id,
				r.get(layout.JumpReachItem), r.get(layout.JumpReachJumpGroup), r.get(layout.JumpReachApproval), r.get(layout.JumpReachRecordings))
			return err
		})
		if err != nil {
			return false, "", err
		}
	}
	return true, "", nil
}

// loadJumpItemsDatabase loads previous_jump_items from the facts of the
// attached --previous-db, as its Jump Reach sheet showed them; a database
// kept before review read Jump Items loads nothing and says so.
func loadJumpItemsDatabase(ctx context.Context, conn *sql.Conn, path string) (bool, string, error) {
	var tables int
	err := conn.QueryRowContext(ctx, `SELECT count(*) FROM duckdb_tables() WHERE database_name = ? AND schema_name = 'main'
		AND table_name IN ('jump_reach', 'jump_item_facts', 'jump_policy_facts')`, Catalog).Scan(&tables)
	if err != nil {
		return false, "", err
	}
	if tables < 3 {
		return false, jumpItemsNote(fmt.Sprintf("the previous database %s holds no Jump Item facts", path)), nil
	}
	_, err = conn.ExecContext(ctx, "INSERT INTO "+schema.PreviousJumpItems.Name+
		" (source, file_id, line, item_type, id, item, jump_group, approval, recordings)"+
		" SELECT source, 0, row_number() OVER (ORDER BY source, type, id), type, id, item, jump_group, approval, recordings FROM ("+views.JumpItemsQuery(Catalog)+")")
	if err != nil {
		return false, "", fmt.Errorf("--previous-db %s: reading its Jump Items: %w", path, err)
	}
	return true, "", nil
}
