// Package tabular reads the table-shaped inputs of docs/inputs.md: the User Account
// Report (§2), the roster (§4) and the license file (§5). Tables come as
// delimited text (comma, semicolon or tab; UTF-8 or UTF-16 with a BOM) or as
// .xlsx workbooks; license files also as YAML. Rows are streamed into a
// schema.Sink; every problem is a *located.Error naming the file, line and column.
package tabular

import (
	"fmt"

	"github.com/review-tool/review/ingest/cells"
	"github.com/review-tool/review/ingest/reader"
	"github.com/review-tool/review/ingest/textio"
	"github.com/review-tool/review/schema"
)

// Input is one file to read: the file the registry hands every reader.
type Input = reader.File

// dateOrder is in's date order, MDY when not given.
func dateOrder(in Input) cells.DateOrder {
	if in.DateOrder == "" {
		return cells.MDY
	}
	return in.DateOrder
}

// stamp records on res how the file was read, for the Evidence sheet.
func stamp(res *reader.Result, enc textio.Encoding, in Input) *reader.Result {
	res.Encoding, res.DateOrder = enc, dateOrder(in)
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
