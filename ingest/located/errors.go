// Package located is the Error every reader reports, an input problem at
// its place (FILE:LINE:COLUMN: found …, expected …), and the wording of the
// flags its advice names. It imports nothing of the project, so that the text decoder
// (ingest/textio), the cell parsers (ingest/cells) and every reader can
// return it.
package located

import "fmt"

// Error is a problem at a place in an input file. Its text is
// FILE:LINE:COLUMN: found …, expected … (docs/inputs.md §7). Line and Column are
// 1-based; 0 means the whole file or the whole line.
type Error struct {
	File     string
	Line     int64
	Column   int64
	Found    string
	Expected string
	// Raw is the offending row as read, for the Ingest Issues sheet.
	Raw string
}

func (e *Error) Error() string {
	place := e.File
	if e.Line > 0 {
		place = fmt.Sprintf("%s:%d", place, e.Line)
		if e.Column > 0 {
			place = fmt.Sprintf("%s:%d", place, e.Column)
		}
	}
	return place + ": " + e.Problem()
}

// InputError marks the error as the user's file to fix (internal/inputerr).
func (e *Error) InputError() bool { return true }

// Problem is the message without its place: found …, expected ….
func (e *Error) Problem() string {
	if e.Expected == "" {
		return e.Found
	}
	return "found " + e.Found + ", expected " + e.Expected
}
