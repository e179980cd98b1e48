package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/review-tool/review/internal/model"

	"github.com/review-tool/review/ingest/cells"
	"github.com/review-tool/review/ingest/located"
	"github.com/review-tool/review/schema"
)

// pastDate is a date column that cannot legitimately be later than the
// review's as-of date: a last authentication or a creation has happened by
// the day the export was taken. Expiration and termination dates may be
// ahead, and are not checked.
type pastDate struct {
	table  *schema.Table
	column string
	what   string // as messages say it
	effect string // what the review makes of such a date
}

var pastDates = []pastDate{
	{schema.Users, "last_authentication", "last authentication", "Days Since is left blank for them, never negative"},
	{schema.Users, "created_at", "creation", "the days since creation are left blank for them"},
	{schema.Users, "fido2_last_used_date", "passwordless last use", "they are kept as read"},
	{schema.VendorUsers, "last_authenticated_date", "last authentication", "Days Since is left blank for them, never negative"},
	{schema.PSUsers, "last_login_date", "last login", "Days Since is left blank for them, never negative"},
	// What the activity reports say happened: a session that started after
	// the as-of date is a report newer than the review, which the
	// offboarding rules would still count.
	{schema.Sessions, "start_time", "session start", "the sessions are kept and counted as read"},
	{schema.VaultActivity, "timestamp", "Vault activity", "the records are kept and counted as read"},
	{schema.PSUserAudits, "create_date", "Password Safe audit", "the records are kept and counted as read"},
	{schema.PSSessions, "start_time", "Password Safe session start", "the sessions are kept and counted as read"},
}

// FutureDates are the warnings for dates after asOf in columns that cannot
// hold one (pastDates), one per file and column, counted, with the first
// line. Such a date is a misread (a day-first file read month first), an
// export's clock, or an --as-of earlier than the export; it is kept, not
// dropped, and the warning says which flag to check. The as-of date is
// the run's, not the read's (review run --db counts to its own), so this
// is checked on the loaded tables, by file_id and line, and never stored
// with the files' warnings.
func FutureDates(ctx context.Context, db *sql.DB, m *model.Manifest, asOf time.Time) ([]string, error) {
	day := asOf.Format(time.DateOnly)
	var out []string
	for _, p := range pastDates {
		// Table and column names are the raw schema's own, plain identifiers.
		q := fmt.Sprintf(`SELECT file_id, count(*), min(line), CAST(CAST(arg_min(%[1]s, line) AS DATE) AS VARCHAR)
			FROM %[2]s WHERE CAST(%[1]s AS DATE) > CAST(? AS DATE) GROUP BY file_id ORDER BY file_id`, p.column, p.table.Name)
		rows, err := db.QueryContext(ctx, q, day)
		if err != nil {
			return nil, fmt.Errorf("check %s dates against the as-of date: %w", p.what, err)
		}
		for rows.Next() {
			var fileID, n, line int64
			var first string
			if err := rows.Scan(&fileID, &n, &line, &first); err != nil {
				rows.Close()
				return nil, err
			}
			if fileID < 1 || int(fileID) > len(m.Files) {
				rows.Close()
				return nil, fmt.Errorf("check %s dates: file_id %d is no file read", p.what, fileID)
			}
			out = append(out, futureWarning(p, m.Files[fileID-1].Path, len(m.Files[fileID-1].AmbiguousDates) > 0, n, line, first, day))
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// futureWarning is the warning for n dates of p after the as-of date in
// file, the first at line. ambiguous says the file's dates could all be
// read either way, so that reading it day first is the likely fix.
func futureWarning(p pastDate, file string, ambiguous bool, n, line int64, first, asOf string) string {
	dates := "dates"
	if n == 1 {
		dates = "date"
	}
	fix := "Check the export and --as-of"
	if ambiguous {
		fix = fmt.Sprintf("Every date of the file could be read either way and was read month first: if it writes day first, read it with %s; else check the export and --as-of",
			located.FlagArg("--date-order", located.BaseName(file), string(cells.DMY)))
	}
	return fmt.Sprintf("%s: %d %s %s after the as-of date %s, the first at %s:%d (%s): a %s cannot be later than the review's date; %s. %s",
		file, n, p.what, dates, asOf, file, line, first, p.what, p.effect, fix)
}
