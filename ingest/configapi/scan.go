package configapi

import (
	"fmt"
	"io"
	"strconv"

	"github.com/review-tool/review/ingest/located"
	"github.com/review-tool/review/internal/jsonscan"
)

// scanner splits a Configuration API export into its array elements without
// decoding them, keeping the line and column where each one starts. Exports
// are either a JSON array of objects or, for per-parent endpoints, an object
// whose keys are parent ids and whose values are such arrays.
type scanner struct {
	*jsonscan.Scanner
	path string
}

func newScanner(r io.Reader, path string) *scanner {
	return &scanner{Scanner: jsonscan.New(r, 256<<10), path: path}
}

// pos is a place in the file.
type pos struct{ line, col int64 }

func (s *scanner) here() pos {
	p := s.Here()
	return pos{p.Line, p.Col}
}

func (s *scanner) readByte() (byte, error) { return s.ReadByte() }

// unread takes back the byte readByte just returned.
func (s *scanner) unread() { s.Unread() }

// skipSpace returns the next non-space byte and where it is.
func (s *scanner) skipSpace() (byte, pos, error) {
	b, p, err := s.SkipSpace()
	return b, pos{p.Line, p.Col}, err
}

func (s *scanner) errorf(p pos, found, expected string) error {
	return &scanError{path: s.path, pos: p, found: found, expected: expected}
}

type scanError struct {
	path            string
	pos             pos
	found, expected string
	tooLong         bool // an object past maxObject
}

func (e *scanError) Error() string {
	return fmt.Sprintf("%s:%d:%d: found %s, expected %s", e.path, e.pos.line, e.pos.col, e.found, e.expected)
}

// readObject reads one JSON object whose '{' was just read, whole. It
// checks only nesting and strings; the content is validated when decoded.
func (s *scanner) readObject(start pos) ([]byte, error) {
	data, _, err := s.Value('{', maxObject, 0)
	switch {
	case err == io.EOF:
		return nil, s.errorf(s.here(), "the end of the file inside the object that starts at line "+fmt.Sprint(start.line), "the rest of the object (the file looks truncated)")
	case err == jsonscan.ErrTooLong:
		return nil, &scanError{path: s.path, pos: start, tooLong: true,
			found:    fmt.Sprintf("an object of more than %d MiB", maxObject>>20),
			expected: "one exported object (a user, a group policy, a member row), which is a few kilobytes"}
	}
	return data, err
}

// maxObject bounds one object of an export: it is held whole while it is
// decoded, so a crafted file of one endless object must not take the
// memory with it.
var maxObject = 64 << 20

// element is one object of an export, with its parent id for keyed
// per-parent exports.
type element struct {
	data   []byte // valid until the next element is read
	start  pos
	parent string // the key of a keyed export, "" otherwise
}

// each calls fn for every element. parentKey is called once per key of a
// keyed per-parent export (also for keys whose list is empty).
func (s *scanner) each(fn func(element) error, parentKey func(key string, p pos) error) error {
	b, p, err := s.skipSpace()
	if err == io.EOF {
		return s.errorf(p, "an empty file", "a JSON array or object")
	}
	if err != nil {
		return err
	}
	switch b {
	case '[':
		err = s.array(p, "", fn)
	case '{':
		if !s.keyedAhead() {
			return s.objects(p, fn) // one object, as GET /security-provider/{id} returns
		}
		err = s.keyed(p, fn, parentKey)
	default:
		return s.errorf(p, located.JSONStart(b), "a JSON array of objects (or an object keyed by parent id)")
	}
	if err != nil {
		return err
	}
	b, p, err = s.skipSpace()
	if err == io.EOF {
		return nil
	}
	if err != nil {
		return err
	}
	return s.errorf(p, located.JSONStart(b)+" after the end of the JSON value", "the end of the file")
}

func (s *scanner) array(open pos, parent string, fn func(element) error) error {
	first := true
	for {
		b, p, err := s.skipSpace()
		if err == io.EOF {
			return s.errorf(p, "the end of the file inside the array that starts at line "+fmt.Sprint(open.line), "']' (the file looks truncated)")
		}
		if err != nil {
			return err
		}
		if b == ']' {
			if !first {
				return s.errorf(p, "']' after ','", "an object")
			}
			return nil
		}
		if b != '{' {
			return s.errorf(p, located.JSONStart(b), "an object")
		}
		data, err := s.readObject(p)
		if err != nil {
			return err
		}
		if err := fn(element{data: data, start: p, parent: parent}); err != nil {
			return err
		}
		first = false
		b, p, err = s.skipSpace()
		if err == io.EOF {
			return s.errorf(p, "the end of the file inside the array that starts at line "+fmt.Sprint(open.line), "',' or ']' (the file looks truncated)")
		}
		if err != nil {
			return err
		}
		if b == ']' {
			return nil
		}
		if b != ',' {
			return s.errorf(p, located.JSONStart(b), "',' or ']'")
		}
		first = false
		// Disallow "[{…},]": the next token must be an object.
		nb, np, err := s.skipSpace()
		if notEOF(err) {
			return err
		}
		if err != nil {
			return s.errorf(np, "the end of the file", "an object (the file looks truncated)")
		}
		if nb == ']' {
			return s.errorf(np, "']' after ','", "an object")
		}
		s.unread()
	}
}

func (s *scanner) keyed(open pos, fn func(element) error, parentKey func(string, pos) error) error {
	first := true
	keys := map[string]int64{} // parent key → its line: a parent listed twice is ambiguous
	for {
		b, p, err := s.skipSpace()
		if err == io.EOF {
			return s.errorf(p, "the end of the file inside the object that starts at line "+fmt.Sprint(open.line), "'}' (the file looks truncated)")
		}
		if err != nil {
			return err
		}
		if b == '}' && first {
			return nil
		}
		if b != '"' {
			return s.errorf(p, located.JSONStart(b), "a parent id in quotes, as in {\"12\": [...]}")
		}
		key, err := s.readString(p)
		if err != nil {
			return err
		}
		if line, ok := keys[key]; ok {
			return s.errorf(p, fmt.Sprintf("the parent id %q again (first at line %d)", cut(key, 40), line), "each parent id once")
		}
		keys[key] = p.line
		if err := parentKey(key, p); err != nil {
			return err
		}
		b, cp, err := s.skipSpace()
		if notEOF(err) {
			return err
		}
		if err != nil || b != ':' {
			return s.errorf(cp, foundOrEOF(b, err), "':'")
		}
		b, ap, err := s.skipSpace()
		if notEOF(err) {
			return err
		}
		if err != nil || b != '[' {
			return s.errorf(ap, foundOrEOF(b, err), "the array of rows of parent "+strconv.Quote(cut(key, 40)))
		}
		if err := s.array(ap, key, fn); err != nil {
			return err
		}
		first = false
		b, p, err = s.skipSpace()
		if notEOF(err) {
			return err
		}
		if err != nil {
			return s.errorf(p, foundOrEOF(b, err), "',' or '}' (the file looks truncated)")
		}
		if b == '}' {
			return nil
		}
		if b != ',' {
			return s.errorf(p, located.JSONStart(b), "',' or '}'")
		}
	}
}

// notEOF tells an error of the text under the scanner (bytes that are not
// UTF-8, say) from the end of the file, which the caller describes.
func notEOF(err error) bool { return err != nil && err != io.EOF }

func foundOrEOF(b byte, err error) string {
	if err != nil {
		return "the end of the file"
	}
	return located.JSONStart(b)
}

// readString reads a simple JSON string (a parent id) whose '"' was read.
func (s *scanner) readString(start pos) (string, error) {
	var out []byte
	for {
		b, err := s.readByte()
		if notEOF(err) {
			return "", err
		}
		if err != nil {
			return "", s.errorf(start, "an unterminated string", "a parent id in quotes")
		}
		if b == '"' {
			return string(out), nil
		}
		if b == '\\' || b < 0x20 {
			return "", s.errorf(s.here(), located.JSONStart(b)+" in a parent id", "digits")
		}
		out = append(out, b)
	}
}
