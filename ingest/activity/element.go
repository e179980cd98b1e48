package activity

import (
	"encoding/xml"
	"strings"

	"github.com/review-tool/review/ingest/located"
)

// nilAttr says whether a is xsi:nil. Prefixes are not resolved (the
// stream reads raw names), so any prefix's nil attribute counts: no report
// attribute is called nil.
func nilAttr(a xml.Attr) bool { return a.Name.Space != "" && a.Name.Local == "nil" }

// leaf is an element read whole: its text, the attributes asked for, and
// where it starts. nil is xsi:nil="true".
type leaf struct {
	name      string
	text      string
	attrs     [maxKnown]pathValue // the known attributes it has: name, value
	n         int
	nil       bool
	line, col int64
}

// maxKnown is the most attributes a leaf is asked for.
const maxKnown = 3

// attr is the attribute's value and whether the element has it.
func (l *leaf) attr(name string) (string, bool) {
	for _, a := range l.attrs[:l.n] {
		if a.path == name {
			return a.value, true
		}
	}
	return "", false
}

// setAttr keeps a known attribute; a second of one name replaces the first.
func (l *leaf) setAttr(name, value string) {
	for i := range l.attrs[:l.n] {
		if l.attrs[i].path == name {
			l.attrs[i].value = value
			return
		}
	}
	l.attrs[l.n] = pathValue{name, value}
	l.n++
}

// declaration says whether an attribute declares a namespace or marks the
// element nil: XML's own, not the report's.
func declaration(a xml.Attr) bool {
	return a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns" || nilAttr(a)
}

// readLeaf reads the element whose start was just read to its end, into
// l. The attributes named in known (at most maxKnown) are kept in l; its
// other attributes and any child elements go to x under path (path@name,
// path/child).
func (s *stream) readLeaf(l *leaf, start xml.StartElement, path string, x *extra, known ...string) error {
	f := s.open[len(s.open)-1]
	*l = leaf{name: start.Name.Local, line: f.line, col: f.col}
	if err := s.attrs(start, path, x, known, l); err != nil {
		return err
	}
	text, err := s.textOf(func(c xml.StartElement) error { return s.capture(c, path+"/"+c.Name.Local, x) })
	if err != nil {
		return err
	}
	l.text = text
	return nil
}

// attrs sorts an element's attributes: the known ones into l (when l is
// not nil), declarations passed over, the rest into x.
func (s *stream) attrs(start xml.StartElement, path string, x *extra, known []string, l *leaf) error {
	for _, a := range start.Attr {
		if nilAttr(a) && l != nil {
			l.nil = strings.TrimSpace(a.Value) == "true" || strings.TrimSpace(a.Value) == "1"
		}
		if declaration(a) {
			continue
		}
		if l != nil && contains(known, a.Name.Local) {
			l.setAttr(a.Name.Local, a.Value)
			continue
		}
		if !x.add(path+"@"+a.Name.Local, a.Value) {
			return s.extraError()
		}
	}
	return nil
}

// capture keeps an element no column reads, whole, in x: its attributes,
// its text (when not blank) and its children, each under its path.
func (s *stream) capture(start xml.StartElement, path string, x *extra) error {
	// start's attributes are the scanner's until the next token.
	attrs := len(start.Attr)
	if err := s.attrs(start, path, x, nil, nil); err != nil {
		return err
	}
	children := 0
	text, err := s.textOf(func(c xml.StartElement) error {
		children++
		return s.capture(c, path+"/"+c.Name.Local, x)
	})
	if err != nil {
		return err
	}
	// An empty element is kept as "" so that its presence shows.
	if t := strings.TrimSpace(text); t != "" || attrs == 0 && children == 0 {
		if !x.add(path, t) {
			return s.extraError()
		}
	}
	return nil
}

func (s *stream) extraError() error {
	f := s.open[len(s.open)-1]
	return s.errorAt(f.line, f.col, "more than 1 MiB of elements no column reads in one row", "a reporting API report")
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// problems holds a row's first bad value. Without --lenient the first one
// stops the read at once (stop); with it, the row is read to its end and
// handed over whole.
type problems struct {
	path    string
	lenient bool
	first   *located.Error
}

// bad notes a bad value at a place; the error is returned to stop the read
// when not lenient.
func (p *problems) bad(line, col int64, found, expected string) error {
	e := &located.Error{File: p.path, Line: line, Column: col, Found: found, Expected: expected}
	if !p.lenient {
		return e
	}
	if p.first == nil {
		p.first = e
	}
	return nil
}
