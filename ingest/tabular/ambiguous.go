package tabular

import (
	"fmt"
	"sort"

	"github.com/review-tool/review/ingest/cells"
	"github.com/review-tool/review/ingest/located"
	"github.com/review-tool/review/ingest/reader"
)

// dateTally watches the text dates of a file read month first because
// nothing said otherwise (no --date-order for it): when no date in the
// whole file shows the order (10/16/2025 can only be month first), the
// columns whose dates read as other dates day first (03/04/2025) were read
// month first on an assumption, and the reviewer is told which. One date
// that shows the order settles every column, since a file writes one
// order.
type dateTally struct {
	settled bool
	either  map[int]bool // columns holding a date both orders read differently
}

func newDateTally() *dateTally { return &dateTally{either: map[int]bool{}} }

// note records cell s of column col, a date that was read.
func (d *dateTally) note(col int, s string) {
	if d == nil || d.settled {
		return
	}
	switch either, one := cells.Orders(s); {
	case one:
		d.settled = true
	case either:
		d.either[col] = true
	}
}

// ambiguous are the names of the columns read month first on the
// assumption alone, in column order; none once a date settled the order.
func (d *dateTally) ambiguous(t *table) []string {
	if d == nil || d.settled || len(d.either) == 0 {
		return nil
	}
	cols := make([]int, 0, len(d.either))
	for c := range d.either {
		cols = append(cols, c)
	}
	sort.Ints(cols)
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = t.name(c)
	}
	return names
}

// AmbiguousDateWarning is the warning for column of file, whose every date
// could be read either way and was read month first.
func AmbiguousDateWarning(file, column string) string {
	return fmt.Sprintf("%s column %s: every date could be read either way; read month-first (MM/DD/YYYY); if the file writes day first, use %s",
		file, column, located.FlagArg("--date-order", located.BaseName(file), string(cells.DMY)))
}

// noteAmbiguousDates puts on res the columns of t read month first on the
// assumption alone, and a warning for each.
func noteAmbiguousDates(res *reader.Result, t *table) {
	for _, col := range t.dates.tally.ambiguous(t) {
		res.AmbiguousDates = append(res.AmbiguousDates, col)
		res.Warnings = append(res.Warnings, AmbiguousDateWarning(t.path, col))
	}
}
