package activity

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/review-tool/review/ingest/bounds"
	"github.com/review-tool/review/ingest/located"
	"github.com/review-tool/review/ingest/textio"
	"github.com/review-tool/review/internal/jsonscan"
)

// maxRecord bounds one record of a Password Safe export, which is read
// whole (the file never is).
const maxRecord = 16 << 20

// jscan splits a Password Safe export into its records without decoding
// them, keeping the place where each starts. The export is an array of
// records, or the API's page {"Data": [...], "TotalCount": n}.
type jscan struct {
	*jsonscan.Scanner
	path string
	buf  []byte // a scalar value
	// detecting stops at the first field of an object that is not the
	// API's page: a keyed export is not read to its end to find out.
	detecting bool
	// textErr is the text error met, if any.
	textErr *textio.TextError
}

func newJScan(text io.Reader, path string) *jscan {
	return &jscan{Scanner: jsonscan.New(text, 64<<10), path: path}
}

func (s *jscan) errorAt(p textio.Place, found, expected string) *located.Error {
	return &located.Error{File: s.path, Line: p.Line, Column: p.Col, Found: found, Expected: expected}
}

// fail turns a read error into the file's: its end (truncated), text that
// is not UTF-8, or what the reader said.
func (s *jscan) fail(err error, in string, start textio.Place) error {
	if err == io.EOF {
		return s.errorAt(s.Here(), fmt.Sprintf("the end of the file inside the %s that starts at line %d", in, start.Line), "the rest of it: the file looks truncated")
	}
	var te *textio.TextError
	if errors.As(err, &te) {
		s.textErr = te
		return te.In(s.path)
	}
	return fmt.Errorf("%s: %w", s.path, err)
}

// value reads the JSON value whose first byte b was just read at p. It
// checks nesting and strings only; the value is decoded later. It is
// valid until the next value.
func (s *jscan) value(b byte, p textio.Place) ([]byte, error) {
	switch b {
	case '{', '[', '"':
		data, inString, err := s.Value(b, maxRecord, maxDepth)
		switch {
		case err == jsonscan.ErrTooLong:
			return nil, s.errorAt(p, "a record longer than "+bounds.Size(maxRecord), "a Password Safe record, which is short")
		case err == jsonscan.ErrTooDeep:
			return nil, s.errorAt(p, fmt.Sprintf("values nested more than %d deep", maxDepth), "a Password Safe record")
		case err != nil && inString:
			return nil, s.fail(err, "string", p)
		case err != nil:
			return nil, s.fail(err, "object", p)
		}
		return data, nil
	}
	s.buf = append(s.buf[:0], b)
	for {
		c, err := s.ReadByte()
		if err == io.EOF {
			return s.buf, nil
		}
		if err != nil {
			return nil, s.fail(err, "value", p)
		}
		if c == ',' || c == ']' || c == '}' || c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			s.Unread()
			return s.buf, nil
		}
		if len(s.buf) > 64 {
			return nil, s.errorAt(p, "a value that is not JSON ("+quote(string(s.buf))+")", "a JSON value")
		}
		s.buf = append(s.buf, c)
	}
}

// element is one record of the export and where it starts.
type element struct {
	data []byte
	at   textio.Place
}

// page is what an export says besides its records: the API's TotalCount,
// when it is a page, and the page's other fields.
type page struct {
	enveloped  bool
	totalCount *int64
	totalAt    textio.Place
	others     []string
}

// each calls fn with each record of the export, in order.
func (s *jscan) each(fn func(element) error) (*page, error) {
	b, p, err := s.SkipSpace()
	if err == io.EOF {
		return nil, s.errorAt(p, "no JSON value", "a JSON array of records, or {\"Data\": [...], \"TotalCount\": n}")
	}
	if err != nil {
		return nil, s.fail(err, "file", p)
	}
	pg := &page{}
	switch b {
	case '[':
		err = s.array(p, fn)
	case '{':
		pg.enveloped = true
		err = s.envelope(p, pg, fn)
	default:
		return nil, s.errorAt(p, located.JSONStart(b), "a JSON array of records, or {\"Data\": [...], \"TotalCount\": n}")
	}
	if err != nil {
		return nil, err
	}
	b, p, err = s.SkipSpace()
	switch {
	case err == io.EOF:
		return pg, nil
	case err != nil:
		return nil, s.fail(err, "file", p)
	}
	return nil, s.errorAt(p, located.JSONStart(b)+" after the export's JSON value", "the end of the file (one JSON value per file)")
}

// array reads the records of an array whose '[' was just read at p.
func (s *jscan) array(start textio.Place, fn func(element) error) error {
	b, p, err := s.SkipSpace()
	if err != nil {
		return s.fail(err, "array", start)
	}
	if b == ']' {
		return nil
	}
	for {
		v, err := s.value(b, p)
		if err != nil {
			return err
		}
		if err := fn(element{v, p}); err != nil {
			return err
		}
		if b, p, err = s.SkipSpace(); err != nil {
			return s.fail(err, "array", start)
		}
		switch b {
		case ']':
			return nil
		case ',':
		default:
			return s.errorAt(p, located.JSONStart(b), "',' or ']' between records")
		}
		if b, p, err = s.SkipSpace(); err != nil {
			return s.fail(err, "array", start)
		}
	}
}

// envelope reads the API's page object whose '{' was just read: its Data
// array record by record, its TotalCount, and the names of any other
// fields.
func (s *jscan) envelope(start textio.Place, pg *page, fn func(element) error) error {
	data := false
	for first := true; ; first = false {
		b, p, err := s.SkipSpace()
		if err != nil {
			return s.fail(err, "object", start)
		}
		if b == '}' && first {
			break
		}
		if !first {
			if b == '}' {
				break
			}
			if b != ',' {
				return s.errorAt(p, located.JSONStart(b), "',' or '}' between the page's fields")
			}
			if b, p, err = s.SkipSpace(); err != nil {
				return s.fail(err, "object", start)
			}
		}
		if b != '"' {
			return s.errorAt(p, located.JSONStart(b), "a field name")
		}
		keyBytes, err := s.value(b, p)
		if err != nil {
			return err
		}
		var key string
		if json.Unmarshal(keyBytes, &key) != nil {
			return s.errorAt(p, "a field name that is not JSON", "a JSON string")
		}
		if b, p, err = s.SkipSpace(); err != nil || b != ':' {
			if err != nil {
				return s.fail(err, "object", start)
			}
			return s.errorAt(p, located.JSONStart(b), "':' after a field name")
		}
		if b, p, err = s.SkipSpace(); err != nil {
			return s.fail(err, "object", start)
		}
		switch {
		case strings.EqualFold(key, "Data") && b == '[' && !data:
			data = true
			if err := s.array(p, fn); err != nil {
				return err
			}
		case strings.EqualFold(key, "TotalCount") && pg.totalCount == nil:
			v, err := s.value(b, p)
			if err != nil {
				return err
			}
			n, ok := integer(string(v))
			if !ok || n < 0 {
				return s.errorAt(p, "TotalCount "+quote(string(v)), "a count (a whole number)")
			}
			pg.totalCount, pg.totalAt = &n, p
		case s.detecting:
			return s.errorAt(p, "the field "+quote(key), "Data or TotalCount")
		default:
			if _, err := s.value(b, p); err != nil {
				return err
			}
			pg.others = append(pg.others, key)
		}
	}
	if !data {
		return s.errorAt(start, "an object without a Data array", "a JSON array of records, or {\"Data\": [...], \"TotalCount\": n}")
	}
	return nil
}
