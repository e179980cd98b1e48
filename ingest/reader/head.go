package reader

import (
	"bytes"
	"io"

	"github.com/review-tool/review/ingest/textio"
)

// Head is what a reader detects a file from: its name, its first bytes,
// and ways to read further when those do not tell (a JSON export is read
// to its first object, a workbook from its end).
type Head struct {
	// Name is the file's path, as messages name it.
	Name string
	// TempDir is where a reader may expand a workbook to look into it.
	TempDir string

	bytes   []byte
	whole   bool
	rest    io.Reader // the open file, positioned after bytes; nil once used
	open    func() (io.ReadCloser, error)
	opened  []io.Closer
	text    []byte
	decoded bool
}

// NewHead is the head of a file whose first bytes are b; rest is the same
// file positioned after them, and whole says b is all of it. open opens
// the file anew.
func NewHead(name string, b []byte, whole bool, rest io.Reader, open func() (io.ReadCloser, error), tempDir string) *Head {
	return &Head{Name: name, TempDir: tempDir, bytes: b, whole: whole, rest: rest, open: open}
}

// Bytes are the file's first bytes, undecoded.
func (h *Head) Bytes() []byte { return h.bytes }

// Whole says Bytes hold the whole file.
func (h *Head) Whole() bool { return h.whole }

// Text is Bytes decoded as textio.DecodeHead does: bytes that are not UTF-8
// become U+FFFD, so a file in a legacy encoding is still recognised by its
// ASCII names. It is decoded once, however many readers ask.
func (h *Head) Text() []byte {
	if !h.decoded {
		h.text, _ = textio.DecodeHead(h.bytes)
		h.decoded = true
	}
	return h.text
}

// Reader reads the whole file from its start, as far as the caller needs.
// The first call goes on from the bytes already read; a later one opens
// the file anew.
func (h *Head) Reader() (io.Reader, error) {
	if h.rest != nil {
		r := io.MultiReader(bytes.NewReader(h.bytes), h.rest)
		h.rest = nil
		return r, nil
	}
	f, err := h.open()
	if err != nil {
		return nil, err
	}
	h.opened = append(h.opened, f)
	return f, nil
}

// Open opens the file anew, for a reader that reads it otherwise than from
// its start (a workbook, from its end). The caller closes it.
func (h *Head) Open() (io.ReadCloser, error) { return h.open() }

// Close closes what Reader opened.
func (h *Head) Close() error {
	var first error
	for _, c := range h.opened {
		if err := c.Close(); err != nil && first == nil {
			first = err
		}
	}
	h.opened = nil
	return first
}
