package reader

import (
	"github.com/review-tool/review/ingest/cells"
	"github.com/review-tool/review/ingest/textio"
	"github.com/review-tool/review/schema"
)

// Result is what reading one file yields besides its rows.
type Result struct {
	Kind schema.Kind
	// Rows is the number of data rows (objects, report lines) read.
	Rows int64
	// Capabilities the file gives its source: the kind's name for a whole
	// export ("teams"), and "user.<field>" for user fields it carries
	// (docs/facts.md lists them).
	Capabilities []string
	// UnknownColumns were kept in the raw record but not interpreted.
	UnknownColumns []string
	// Warnings are things a reader accepted but the reviewer should know
	// (a roster listing one email twice), each naming the file and lines;
	// they reach the Evidence sheet.
	Warnings []string
	// Product is what the content says about the source's product: "pra",
	// "rs" or "" when it does not tell.
	Product string
	// Encoding is what the file's text was read as ("" for a workbook), and
	// DateOrder how its NN/NN/YYYY dates were read ("" for JSON, whose dates
	// are RFC 3339): the Evidence sheet shows both.
	Encoding  textio.Encoding
	DateOrder cells.DateOrder
	// AmbiguousDates are the columns read month first only because no
	// --date-order said otherwise and no date in the file showed the
	// order: every date in them reads as another date day first. Each
	// also has a warning; the check of dates after the as-of date names
	// --date-order for a file that has any.
	AmbiguousDates []string
}
