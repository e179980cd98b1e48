// Package reader is the contract between ingest and the readers of each
// input family (ingest/configapi, ingest/tabular, ingest/licenseusage,
// ingest/activity): a Reader
// tells whether a file is one of its kinds from the file's Head, and reads
// a File of those kinds into a schema.Sink. Ingest asks every registered
// reader and lets the most confident answer win, so no reader depends on
// being asked before another.
package reader

import (
	"context"
	"io"

	"github.com/review-tool/review/ingest/cells"
	"github.com/review-tool/review/ingest/located"
	"github.com/review-tool/review/ingest/textio"
	"github.com/review-tool/review/schema"
)

// Reader reads one family of input files.
type Reader interface {
	// Name says what the family is, for messages ("Configuration API
	// JSON").
	Name() string
	// Kinds are the kinds Detect can answer and Read reads.
	Kinds() []schema.Kind
	// Detect says how sure the reader is that the file is one of its
	// kinds. The error is a problem that stops the file whatever it is
	// (text that cannot be decoded, a part past its bound), not "not
	// mine", which is Confidence None.
	Detect(h *Head) (Detection, error)
	// Read loads f, already detected as f.Kind, into sink.
	Read(ctx context.Context, f File, sink schema.Sink) (*Result, error)
}

// Confidence is how sure a reader is of its answer. Readers of different
// formats answer None for each other's files; where two formats could
// overlap (two XML reports, two JSON exports), the one that recognises the
// content outranks the one that only recognises the format or the name.
type Confidence int

const (
	// None: the file is not in this reader's format.
	None Confidence = iota
	// Format: the file is in this reader's format, but of no kind it
	// knows; Detection.LookFor says what it looked for.
	Format
	// Name: only the file's name tells the kind; the reader checks the
	// content when it reads.
	Name
	// Content: the file's content tells the kind.
	Content
)

// Detection is a reader's answer about one file.
type Detection struct {
	Kind       schema.Kind
	Confidence Confidence
	// LookFor, with Confidence Format, is what the reader looked for,
	// for the "recognised as nothing" message.
	LookFor string
}

// File is one detected file to read.
type File struct {
	// Path names the file in messages.
	Path string
	// Kind is what the file was detected as (or given as: --roster).
	Kind schema.Kind
	// Source is the source the rows belong to ("" for roster and license
	// rows).
	Source string
	// FileID is the input_files.file_id written on every row.
	FileID int
	// Open opens the file; it may be called more than once.
	Open func() (io.ReadCloser, error)
	// BadRow, when set, receives each row that cannot be read and the read
	// goes on without it (--lenient); an error it returns stops the read.
	// When nil, the first bad row stops the read with its *located.Error.
	BadRow func(*located.Error) error
	// TempDir is where a reader may put temporary files ("" for the
	// system's temporary folder).
	TempDir string
	// Encoding is the user's --encoding for the file ("" for none), and
	// DateOrder its --date-order ("" for month first).
	Encoding  textio.Encoding
	DateOrder cells.DateOrder
}

// FixedFormat is implemented by readers whose format fixes its text and
// its dates (JSON: UTF-8 as the API writes it, RFC 3339 dates): the run's
// --encoding does not apply to their files unless it names one, and
// --date-order never does.
type FixedFormat interface {
	Reader
	FixedFormat()
}
