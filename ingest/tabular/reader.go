package tabular

import (
	"bytes"
	"context"

	"github.com/review-tool/review/ingest/reader"
	"github.com/review-tool/review/schema"
)

// Reader is the table family (User Account Report, roster, licenses) as
// ingest's registry knows it.
type Reader struct{}

// Name implements reader.Reader.
func (Reader) Name() string { return "table (CSV, XLSX, YAML)" }

// Kinds implements reader.Reader.
func (Reader) Kinds() []schema.Kind {
	return []schema.Kind{schema.KindUserReport, schema.KindRoster, schema.KindLicenses}
}

// What the reader looked for in a file it could not tell: a workbook's
// sheets, or any other text that is not JSON or XML.
const (
	lookForSheet = "a User Account Report, roster or license sheet in the workbook"
	lookForTable = "a JSON export, or a table with a username column (User Account Report), an email and status column (roster) or product and purchased columns (licenses)"
)

// Detect implements reader.Reader. A zip is a workbook, looked into from
// its end when its head does not tell; text that starts as JSON or XML
// does is another family's; any other file is this family's, told by its
// header or, failing that, its name (Detect).
func (Reader) Detect(h *reader.Head) (reader.Detection, error) {
	head := h.Bytes()
	if bytes.HasPrefix(head, []byte("PK")) {
		k, conf := detect(h.Name, head)
		if k == schema.KindUnknown && !h.Whole() {
			// A workbook is read from its end: its sheets are not in the head.
			var err error
			if k, err = DetectWorkbook(Input{Path: h.Name, Open: h.Open, TempDir: h.TempDir}); err != nil {
				return reader.Detection{}, err
			}
			conf = reader.Content
		}
		return detection(k, conf, lookForSheet), nil
	}
	if t := bytes.TrimLeft(h.Text(), " \t\r\n"); len(t) > 0 && (t[0] == '[' || t[0] == '{' || t[0] == '<') {
		return reader.Detection{}, nil
	}
	k, conf := detect(h.Name, head)
	return detection(k, conf, lookForTable), nil
}

func detection(k schema.Kind, conf reader.Confidence, lookFor string) reader.Detection {
	if k == schema.KindUnknown {
		return reader.Detection{Confidence: reader.Format, LookFor: lookFor}
	}
	return reader.Detection{Kind: k, Confidence: conf}
}

// Read implements reader.Reader.
func (Reader) Read(ctx context.Context, f reader.File, sink schema.Sink) (*reader.Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return Read(f.Kind, f, sink)
}
