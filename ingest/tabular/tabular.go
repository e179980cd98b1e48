// Package tabular reads the table-shaped inputs of docs/inputs.md: the User Account
// Report (§2), the roster (§4) and the license file (§5). Tables come as
// delimited text (comma, semicolon or tab; UTF-8 or UTF-16 with a BOM) or as
// .xlsx workbooks; license files also as YAML. Rows are streamed into a
// schema.Sink; every problem is a *raw.Error naming the file, line and column.
package tabular

import (
	"fmt"
	"io"

	"github.com/review-tool/review/ingest/cells"
	"github.com/review-tool/review/ingest/raw"
	"github.com/review-tool/review/ingest/reader"
	"github.com/review-tool/review/ingest/textio"
	"github.com/review-tool/review/schema"
)

// Input is one file to read.
type Input struct {
	// Path names the file in messages.
	Path string
	// Source is the source the rows belong to (the report's; roster and
	// license rows always get "").
	Source string
	// FileID is the input_files.file_id written on every row.
	FileID int
	// Open opens the file; it may be called more than once (a workbook is
	// opened to pick its sheet, a file with bad bytes to find their line).
	Open func() (io.ReadCloser, error)
	// BadRow, when set, receives each row that cannot be read (a bad value,
	// a wrong number of fields) and the read goes on without that row, as
	// --lenient wants. An error it returns stops the read. When BadRow is
	// nil the first bad row stops the read with its *raw.Error.
	BadRow func(*raw.Error) error
	// TempDir is where a large workbook's parts are expanded ("" for the
	// system's temporary folder).
	TempDir string
	// Encoding is the user's --encoding for the file, "" for none: text
	// without a byte order mark is read as it says (textio.Decode).
	Encoding textio.Encoding
	// DateOrder is how the file writes NN/NN/YYYY dates ("" is month
	// first, cells.MDY).
	DateOrder cells.DateOrder
}

// dateOrder is in's date order, MDY when not given.
func (in Input) dateOrder() cells.DateOrder {
	if in.DateOrder == "" {
		return cells.MDY
	}
	return in.DateOrder
}

// stamp records on res how the file was read, for the Evidence sheet.
func stamp(res *reader.Result, enc textio.Encoding, in Input) *reader.Result {
	res.Encoding, res.DateOrder = enc, in.dateOrder()
	return res
}

// Read reads a file of one of the tabular kinds into sink.
func Read(kind schema.Kind, in Input, sink schema.Sink) (*reader.Result, error) {
	switch kind {
	case schema.KindUserReport:
		return ReadUserReport(in, sink)
	case schema.KindRoster:
		return ReadRoster(in, sink)
	case schema.KindLicenses:
		return ReadLicenses(in, sink)
	}
	return nil, fmt.Errorf("%s: %q is not a kind of table this package reads", in.Path, kind)
}
