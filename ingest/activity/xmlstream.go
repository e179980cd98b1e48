package activity

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/review-tool/review/ingest/bounds"
	"github.com/review-tool/review/ingest/located"
	"github.com/review-tool/review/ingest/textio"
)

// The bounds of an XML report. A report is read token by token and never
// held whole: one token (a tag, a run of text) may be at most maxToken
// bytes, and the text of one element at most maxText; elements nest at most
// maxDepth deep; a row's raw text, for the Ingest Issues sheet, is cut at
// maxRaw bytes.
const (
	maxToken = 1 << 20
	maxText  = 1 << 20
	maxDepth = 64
	maxRaw   = 16 << 10
)

// errTooLong is the scanner's answer past maxToken bytes in one token.
var errTooLong = errors.New("token too long")

// frame is an open element: its local name and prefix.
type frame struct {
	name, prefix string
	line, col    int64
}

// qname is a name as written, prefix:local.
func qname(n xml.Name) string {
	if n.Space == "" {
		return cut(n.Local, 80)
	}
	return cut(n.Space+":"+n.Local, 80)
}

// stream reads an XML report's tokens, keeping the elements open, so that
// every error says where it is and what was open.
type stream struct {
	path  string
	d     *scanner
	open  []frame
	line  int64 // where the last token started
	col   int64
	ended bool // the root element was closed
}

func newStream(path string, text io.Reader) *stream {
	// The text is UTF-8 already (textio decoded a BOM or UTF-16): an
	// encoding declaration describes the file, not the text read here.
	return &stream{path: path, d: newScanner(text)}
}

// start is the start element just read. Its attributes are the scanner's,
// valid until the next token.
func (s *stream) start() xml.StartElement {
	return xml.StartElement{Name: s.d.name, Attr: s.d.attrs}
}

// next reads the next token that matters: a start or end element
// (s.start(), s.d.name) or text (s.d.text, valid until the next token).
// Comments, processing instructions and directives are passed over.
func (s *stream) next() (int, error) {
	for {
		s.line, s.col = s.inputPos()
		s.d.mark()
		if n := len(s.open); n > 0 {
			s.d.expect = xml.Name{Space: s.open[n-1].prefix, Local: s.open[n-1].name}
		}
		// Names as written, prefix and all. Namespaces are not resolved
		// (elements are matched by local name); end tags are matched here.
		kind, err := s.d.next()
		if err != nil {
			return 0, s.tokenError(err)
		}
		switch kind {
		case tokStart:
			t := s.d.name
			if len(s.open) == 0 && s.ended {
				return 0, s.errorAt(s.line, s.col, "a second root element <"+t.Local+">", "one report per file")
			}
			if len(s.open) >= maxDepth {
				return 0, s.errorAt(s.line, s.col, fmt.Sprintf("elements nested more than %d deep", maxDepth), "a reporting API report")
			}
			s.open = append(s.open, frame{t.Local, t.Space, s.line, s.col})
			return kind, nil
		case tokEnd:
			t := s.d.name
			if len(s.open) == 0 {
				return 0, s.errorAt(s.line, s.col, "</"+qname(t)+"> with no element open", "well-formed XML")
			}
			if f := s.open[len(s.open)-1]; f.name != t.Local || f.prefix != t.Space {
				return 0, s.errorAt(s.line, s.col, "</"+qname(t)+">", fmt.Sprintf("</%s> to close the element that starts at line %d", qname(xml.Name{Space: f.prefix, Local: f.name}), f.line))
			}
			s.open = s.open[:len(s.open)-1]
			if len(s.open) == 0 {
				s.ended = true
			}
			return kind, nil
		case tokText:
			if len(s.open) == 0 && len(bytes.TrimSpace(s.d.text)) > 0 {
				return 0, s.errorAt(s.line, s.col, "text outside the root element", "a reporting API report")
			}
			return kind, nil
		}
	}
}

func (s *stream) inputPos() (int64, int64) {
	l, c := s.d.inputPos()
	return max(l, 1), max(c, 1)
}

// tokenError places an error of the scanner: the file's end inside an
// element (truncated), a token past its bound, text that is not UTF-8, or
// XML that does not parse.
func (s *stream) tokenError(err error) error {
	line, col := s.inputPos()
	var te *textio.TextError
	var se *xml.SyntaxError
	switch {
	case errors.As(err, &te):
		return te.In(s.path)
	case errors.Is(err, errTooLong):
		return s.errorAt(s.line, s.col, "a tag or text longer than "+bounds.Size(maxToken), "a reporting API report, whose values are short")
	case err == io.EOF && s.ended:
		return io.EOF
	case err == io.EOF && len(s.open) == 0:
		return s.errorAt(line, col, "the end of the file before any element", "a reporting API report")
	case (err == io.EOF || errors.As(err, &se) && se.Msg == "unexpected EOF") && len(s.open) > 0:
		in := s.open[len(s.open)-1]
		for _, f := range s.open {
			if unit[f.name] {
				in = f
			}
		}
		return &located.Error{File: s.path, Line: line, Column: col,
			Found:    fmt.Sprintf("the end of the file inside <%s> that starts at line %d", in.name, in.line),
			Expected: "the rest of the report: the file looks truncated"}
	case errors.As(err, &se):
		return s.errorAt(int64(max(se.Line, 1)), col, "XML that does not parse ("+strings.ToValidUTF8(cut(se.Msg, 200), "\uFFFD")+")", "well-formed XML")
	case s.d.rerr != nil && s.d.rerr != io.EOF:
		// The file could not be read: not the file's content.
		return fmt.Errorf("%s: %w", s.path, err)
	}
	// The scanner's other complaints (an XML version other than 1.0) are
	// about the content too.
	return s.errorAt(line, col, "XML that does not parse ("+strings.ToValidUTF8(cut(strings.TrimPrefix(err.Error(), "xml: "), 200), "\uFFFD")+")", "well-formed XML")
}

// unit are the elements a truncation message names when the file ends
// inside one: the row being read rather than the innermost element.
var unit = map[string]bool{"session": true, "vault_account_activity": true}

func (s *stream) errorAt(line, col int64, found, expected string) *located.Error {
	return &located.Error{File: s.path, Line: line, Column: col, Found: found, Expected: expected}
}

// record starts keeping the bytes read, from the start tag just read, as
// the raw text of a row; recorded returns them and stops, as unrecord does
// for a row whose text is not wanted.
func (s *stream) record() { s.d.record() }

func (s *stream) unrecord() { s.d.rec = false }

func (s *stream) recorded() string { return s.d.recorded() }

// skip reads to the end of the element whose start was just read.
func (s *stream) skip() error {
	depth := len(s.open)
	for len(s.open) >= depth {
		if _, err := s.next(); err != nil {
			return s.noEOF(err)
		}
	}
	return nil
}

// noEOF turns a clean end of file inside an element into the truncation
// error (the scanner reports those itself; this is for safety).
func (s *stream) noEOF(err error) error {
	if err == io.EOF {
		return s.errorAt(s.line, s.col, "the end of the file inside an element", "the rest of the report: the file looks truncated")
	}
	return err
}

// textOf reads the text of the element whose start was just read, to its
// end. Child elements are handed to child (nil: kept nowhere is not
// allowed, so the caller always passes one).
func (s *stream) textOf(child func(xml.StartElement) error) (string, error) {
	// Most elements have one run of text, or none: its string is the
	// scanner's value; more are joined.
	var b strings.Builder
	var one string
	runs, size := 0, 0
	start := s.open[len(s.open)-1]
	for {
		kind, err := s.next()
		if err != nil {
			return "", s.noEOF(err)
		}
		switch kind {
		case tokText:
			t := s.d.text
			if blank(t) {
				// Space between elements: the layout, not a value. Kept,
				// the list's own text would grow with every row.
				continue
			}
			if size+len(t) > maxText {
				return "", s.errorAt(start.line, start.col, fmt.Sprintf("<%s> with more than %s of text", start.name, bounds.Size(maxText)), "a reporting API value, which is short")
			}
			switch runs {
			case 0:
				one = s.d.value(t)
			case 1:
				b.WriteString(one)
				fallthrough
			default:
				b.Write(t)
			}
			runs++
			size += len(t)
		case tokStart:
			if err := child(s.start()); err != nil {
				return "", err
			}
		case tokEnd:
			if runs <= 1 {
				return one, nil
			}
			return b.String(), nil
		}
	}
}

// blank says whether text is XML white space only.
func blank(t []byte) bool {
	for _, c := range t {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}
