package tabular

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/review-tool/review/ingest/bounds"
	"github.com/review-tool/review/ingest/cells"
	"github.com/review-tool/review/ingest/located"
	"github.com/review-tool/review/ingest/textio"
)

// expectDate is what a date cell holds in a month-first file; a cell that
// fails to parse says the expectation of its file's order instead.
var expectDate = cells.ExpectDate(cells.MDY)

// What a cell was expected to hold, as messages say it. expectBool repeats
// raw's wording, which raw does not export.
const (
	expectBool         = "a boolean (yes/no, true/false, 1/0, y/n, enabled/disabled, x or empty)"
	expectStatus       = "a status (Enabled, Disabled, Active or Inactive)"
	expectID           = "an id (a whole number ≥ 1)"
	expectCount        = "a count (a whole number ≥ 0)"
	expectRosterStatus = "a status: active, leave or terminated (or inactive, disabled, true, false)"
	expectProduct      = "a product: pra, rs or password-safe"
	expectSeatType     = "a seat type: named or concurrent"
	expectDecimal      = "a decimal amount ≥ 0 (e.g. 1200.50)"
	expectCurrency     = "a three-letter ISO 4217 currency code (e.g. USD)"
	expectHeader       = "a header line naming the columns"
)

// rowError is a bad row: the read may go on without it (Input.BadRow).
type rowError struct{ err *located.Error }

func (e *rowError) Error() string { return e.err.Error() }
func (e *rowError) Unwrap() error { return e.err }

// plain returns err without its rowError wrapper, so callers get the
// *located.Error itself.
func plain(err error) error {
	if re, ok := err.(*rowError); ok {
		return re.err
	}
	return err
}

// maxQuoted is how many characters of a value a message quotes.
const maxQuoted = 60

// quote writes a value for a message: trimmed, in quotes, and cut after
// maxQuoted characters, so that a huge cell does not make a huge message.
func quote(s string) string {
	return quoteExact(strings.TrimSpace(s))
}

// quoteExact is quote without the trimming, for values kept as written
// (usernames).
func quoteExact(s string) string {
	c := cutText(s)
	if len(c) == len(s) {
		return strconv.Quote(s)
	}
	return fmt.Sprintf("%s… (%d characters)", strconv.Quote(c), utf8.RuneCountInString(s))
}

// cutText is s cut after maxQuoted characters.
func cutText(s string) string {
	if len(s) <= maxQuoted {
		return s
	}
	n := 0
	for k := range s {
		if n == maxQuoted {
			return s[:k]
		}
		n++
	}
	return s
}

func emptyFile(path string) error {
	return &located.Error{File: path, Found: "an empty file", Expected: expectHeader}
}

// readError turns an error of encoding/csv (or of the text under it) into a
// *located.Error.
func readError(in Input, err error) error {
	var re *located.Error
	if errors.As(err, &re) {
		return re // placed already (a line too long)
	}
	var te *textio.TextError
	if errors.As(err, &te) {
		return te.In(in.Path)
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		e := &located.Error{File: in.Path, Line: int64(pe.Line), Column: int64(pe.Column), Found: pe.Err.Error(), Expected: "well-formed CSV"}
		switch {
		case errors.Is(pe.Err, csv.ErrBareQuote):
			e.Found = `a " in an unquoted field`
			e.Expected = `the field in quotes, with "" for each " inside it`
		case errors.Is(pe.Err, csv.ErrQuote):
			e.Found = `a " in a quoted field that is not doubled, or no closing "`
			e.Expected = `"" for each " inside a quoted field, and a closing "`
		}
		return e
	}
	if err == io.ErrUnexpectedEOF {
		return &located.Error{File: in.Path, Found: "a truncated file", Expected: "complete text"}
	}
	return fmt.Errorf("%s: %w", in.Path, err)
}

// workbookError turns an excelize error into a *located.Error.
func workbookError(path string, err error) error { return bounds.WorkbookError(path, err) }

// missingColumn is the error for a table without a required column.
func missingColumn(path string, line int64, set *fieldSet, key string) error {
	return &located.Error{File: path, Line: line, Found: "no " + key + " column", Expected: "a column named " + set.aliasesOf(key)}
}
