package configapi

import (
	"io"

	"github.com/review-tool/review/ingest/located"
)

// keyedAhead says whether the object whose '{' was just read is keyed by
// parent id ({"12": [...]}) rather than one exported object: its first
// value is an array, or it has no key. It looks ahead without reading, as
// far as the buffer holds: a single object's first key is short.
func (s *scanner) keyedAhead() bool {
	ahead := s.Ahead()
	i := 0
	space := func() {
		for i < len(ahead) && (ahead[i] == ' ' || ahead[i] == '\t' || ahead[i] == '\n' || ahead[i] == '\r') {
			i++
		}
	}
	space()
	if i >= len(ahead) || ahead[i] != '"' {
		return true // '}' (empty), or not JSON: the keyed reader says what is wrong
	}
	var q quoted
	q.step('"')
	for i++; i < len(ahead); i++ {
		if !q.step(ahead[i]) {
			break
		}
	}
	space() // i is past the closing quote
	if i >= len(ahead) || ahead[i] != ':' {
		return true
	}
	i++
	space()
	return i >= len(ahead) || ahead[i] == '['
}

// objects reads one exported object whose '{' was just read at p, and any
// that follow it whole (a script that saves GET /security-provider/{id} per
// id may write them one after another): each is an element.
func (s *scanner) objects(p pos, fn func(element) error) error {
	for {
		data, err := s.readObject(p)
		if err != nil {
			return err
		}
		if err := fn(element{data: data, start: p}); err != nil {
			return err
		}
		var b byte
		b, p, err = s.skipSpace()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if b != '{' {
			return s.errorf(p, located.JSONStart(b)+" after an object", "another object or the end of the file")
		}
	}
}
