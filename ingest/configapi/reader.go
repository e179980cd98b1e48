package configapi

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/review-tool/review/ingest/reader"
	"github.com/review-tool/review/ingest/textio"
	"github.com/review-tool/review/schema"
)

// Reader is the Configuration API family as ingest's registry knows it.
type Reader struct{}

// Name implements reader.Reader.
func (Reader) Name() string { return "Configuration API JSON" }

// Kinds implements reader.Reader: one per endpoint.
func (Reader) Kinds() []schema.Kind {
	out := make([]schema.Kind, len(kinds))
	for i, k := range kinds {
		out[i] = k.kind
	}
	return out
}

// FixedFormat implements reader.FixedFormat: the API writes UTF-8 and
// RFC 3339 dates, so the run's --encoding and --date-order are not for
// its files.
func (Reader) FixedFormat() {}

// Detect implements reader.Reader for text that starts as JSON does,
// reading the file as far as its first object. Text that cannot be
// decoded on the way (a legacy 8-bit encoding) falls back to the decoded
// head, where field names, being ASCII, still tell: Read then stops at the
// first such byte and says how to read it.
func (Reader) Detect(h *reader.Head) (reader.Detection, error) {
	t := bytes.TrimLeft(h.Text(), " \t\r\n")
	if len(t) == 0 || (t[0] != '[' && t[0] != '{') {
		return reader.Detection{}, nil
	}
	r, err := h.Reader()
	if err != nil {
		return reader.Detection{}, err
	}
	text, _, err := textio.DecodeText(r)
	if err == nil {
		var d reader.Detection
		if d, err = detectFrom(h.Name, text); err == nil {
			return d, nil
		}
	}
	if !errors.Is(err, textio.ErrNotUTF8) {
		return reader.Detection{}, textProblem(h.Name, err)
	}
	d, _ := detectFrom(h.Name, bytes.NewReader(h.Text()))
	return d, nil
}

// textProblem places an error met while decoding a file's text.
func textProblem(path string, err error) error {
	var te *textio.TextError
	if errors.As(err, &te) {
		return te.In(path)
	}
	return fmt.Errorf("%s: %w", path, err)
}

// Read implements reader.Reader: it decodes the file's text (a byte order
// mark, else --encoding, else UTF-8) and loads it as Read does.
func (Reader) Read(ctx context.Context, f reader.File, sink schema.Sink) (*reader.Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	fh, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	text, enc, err := textio.Decode(bufio.NewReaderSize(fh, 1<<20), f.Encoding)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Path, err)
	}
	res, err := Read(f.Kind, Input{Path: f.Path, Source: f.Source, FileID: f.FileID, BadRow: f.BadRow}, text, sink)
	if res != nil {
		res.Encoding = enc
	}
	return res, err
}
