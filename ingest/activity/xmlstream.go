package activity

import (
	"bufio"
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

// errTooLong is the guard's answer past maxToken bytes in one token.
var errTooLong = errors.New("token too long")

// guard is the decoder's byte source: it counts the bytes of the token
// being read, to stop one that has no end in sight, and keeps the bytes of
// the row being read (from its start tag) for the Ingest Issues sheet.
// encoding/xml reads an io.ByteReader byte by byte without buffering of its
// own, so what the guard counts is what the decoder took.
type guard struct {
	r         *bufio.Reader
	off       int64 // bytes read
	sinceMark int64
	base      int64 // offset of buf[0]
	buf       []byte
	keep      bool  // recording a row: keep buf from its start
	cut       bool  // bytes of the row were left out of buf
	err       error // what reading the text failed with, other than its end
}

func (g *guard) ReadByte() (byte, error) {
	b, err := g.r.ReadByte()
	if err != nil {
		if err != io.EOF {
			g.err = err
		}
		return 0, err
	}
	g.off++
	g.sinceMark++
	if g.sinceMark > maxToken {
		return 0, errTooLong
	}
	switch {
	case len(g.buf) < maxRaw:
		g.buf = append(g.buf, b)
	case g.keep:
		g.cut = true
	default:
		// Not recording: only the last bytes may be wanted, as the start
		// of the next token.
		n := copy(g.buf, g.buf[len(g.buf)-16:])
		g.base += int64(len(g.buf) - n)
		g.buf = append(g.buf[:n], b)
	}
	return b, nil
}

func (g *guard) Read(p []byte) (int, error) {
	for i := range p {
		b, err := g.ReadByte()
		if err != nil {
			return i, err
		}
		p[i] = b
	}
	return len(p), nil
}

// mark is called before each token, at offset at (the token's start): the
// count starts again and, unless a row is being recorded, the bytes before
// at are let go.
func (g *guard) mark(at int64) {
	g.sinceMark = g.off - at
	if g.keep || at < g.base {
		return
	}
	i := int(at - g.base)
	if i > len(g.buf) {
		i = len(g.buf)
	}
	n := copy(g.buf, g.buf[i:])
	g.buf = g.buf[:n]
	g.base = at
}

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
	d     *xml.Decoder
	g     *guard
	open  []frame
	line  int64 // where the last token started
	col   int64
	ended bool // the root element was closed
}

func newStream(path string, text io.Reader) *stream {
	g := &guard{r: bufio.NewReaderSize(text, 64<<10)}
	d := xml.NewDecoder(g)
	d.Strict = true
	// The text is UTF-8 already (textio decoded a BOM or UTF-16): an
	// encoding declaration describes the file, not the text read here.
	d.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	return &stream{path: path, d: d, g: g}
}

// next returns the next token that matters: a start or end element or
// text. Comments, processing instructions and directives are passed over.
func (s *stream) next() (xml.Token, error) {
	for {
		at := s.d.InputOffset()
		s.line, s.col = s.inputPos()
		s.g.mark(at)
		// RawToken: names as written, prefix and all. Namespaces are not
		// resolved (elements are matched by local name), which spares the
		// decoder's copies; end tags are matched here.
		tok, err := s.d.RawToken()
		if err != nil {
			return nil, s.tokenError(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(s.open) == 0 && s.ended {
				return nil, s.errorAt(s.line, s.col, "a second root element <"+t.Name.Local+">", "one report per file")
			}
			if len(s.open) >= maxDepth {
				return nil, s.errorAt(s.line, s.col, fmt.Sprintf("elements nested more than %d deep", maxDepth), "a reporting API report")
			}
			s.open = append(s.open, frame{t.Name.Local, t.Name.Space, s.line, s.col})
			return tok, nil
		case xml.EndElement:
			if len(s.open) == 0 {
				return nil, s.errorAt(s.line, s.col, "</"+qname(t.Name)+"> with no element open", "well-formed XML")
			}
			if f := s.open[len(s.open)-1]; f.name != t.Name.Local || f.prefix != t.Name.Space {
				return nil, s.errorAt(s.line, s.col, "</"+qname(t.Name)+">", fmt.Sprintf("</%s> to close the element that starts at line %d", qname(xml.Name{Space: f.prefix, Local: f.name}), f.line))
			}
			s.open = s.open[:len(s.open)-1]
			if len(s.open) == 0 {
				s.ended = true
			}
			return tok, nil
		case xml.CharData:
			if len(s.open) == 0 && len(strings.TrimSpace(string(t))) > 0 {
				return nil, s.errorAt(s.line, s.col, "text outside the root element", "a reporting API report")
			}
			return tok, nil
		}
	}
}

func (s *stream) inputPos() (int64, int64) {
	l, c := s.d.InputPos()
	return int64(max(l, 1)), int64(max(c, 1))
}

// tokenError places an error of the decoder: the file's end inside an
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
	case s.g.err != nil:
		// The file could not be read: not the file's content.
		return fmt.Errorf("%s: %w", s.path, err)
	}
	// The decoder's other complaints (an XML version it does not know, a
	// namespace prefix bound wrongly) are about the content too.
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
func (s *stream) record() { s.g.keep, s.g.cut = true, false }

func (s *stream) unrecord() { s.g.keep = false }

func (s *stream) recorded() string {
	g := s.g
	g.keep = false
	end := int(s.d.InputOffset() - g.base)
	if end > len(g.buf) || end < 0 {
		end = len(g.buf)
	}
	out := strings.ToValidUTF8(string(g.buf[:end]), "\uFFFD")
	if g.cut || end < len(g.buf) && end >= maxRaw {
		out += "…"
	}
	return out
}

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
// error (the decoder reports those itself; this is for safety).
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
	var b strings.Builder
	start := s.open[len(s.open)-1]
	for {
		tok, err := s.next()
		if err != nil {
			return "", s.noEOF(err)
		}
		switch t := tok.(type) {
		case xml.CharData:
			if blank(t) {
				// Space between elements: the layout, not a value. Kept,
				// the list's own text would grow with every row.
				continue
			}
			if b.Len()+len(t) > maxText {
				return "", s.errorAt(start.line, start.col, fmt.Sprintf("<%s> with more than %s of text", start.name, bounds.Size(maxText)), "a reporting API value, which is short")
			}
			b.Write(t)
		case xml.StartElement:
			if err := child(t); err != nil {
				return "", err
			}
		case xml.EndElement:
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
