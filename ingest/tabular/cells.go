package tabular

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/ingest/cells"
	"github.com/review-tool/review/product"
)

// dates says how a table writes dates: a workbook's date cells hold serial
// day numbers (read raw, since a displayed "10/16/25" would be ambiguous);
// text dates NN/NN/YYYY are in order (--date-order; "" is month first).
// file names the table in the advice of a date in the other order. tally,
// when the order was not stated, watches whether the dates show it; col
// is the column being read (at).
type dates struct {
	serial, date1904 bool
	order            cells.DateOrder
	file             string
	tally            *dateTally
	col              int
}

// at is d for reading a cell of column col.
func (d dates) at(col int) dates {
	d.col = col
	return d
}

// parse reads a date cell; never is true for Never, -, N/A and empty. A
// cell that is not a date gives what was expected instead.
func (d dates) parse(s string) (t time.Time, never bool, expected string) {
	t, never, err := cells.ParseDate(s, d.order)
	if err == nil {
		if !never {
			d.tally.note(d.col, s)
		}
		return t, never, ""
	}
	if d.serial {
		if n, err := strconv.ParseFloat(s, 64); err == nil && n >= 0 && !math.IsInf(n, 0) {
			if t, err := excelize.ExcelDateToTime(n, d.date1904); err == nil {
				return t.UTC(), false, ""
			}
		}
	}
	if oe, ok := err.(*cells.DateOrderError); ok {
		return time.Time{}, false, oe.Expected(d.file)
	}
	return time.Time{}, false, cells.ExpectDate(d.order)
}

// parseCell reads cell s as field f wants it: a Go value of the field's
// column type, or nil for NULL. A value f does not accept gives what was
// expected instead.
func parseCell(f *field, s string, d dates) (v any, expected string) {
	if f.parse == asName {
		return parseName(s)
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, ""
	}
	if _, at := cells.IdentityControl(s); f.identity && at > 0 {
		return nil, cells.ExpectIdentity
	}
	switch f.parse {
	case asText, asLower:
		if cells.HasControl(s) {
			return nil, cells.ExpectNoControl
		}
		if f.parse == asLower {
			return strings.ToLower(s), ""
		}
		return s, ""
	case asID, asCount:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 || (n == 0 && f.parse == asID) {
			return nil, expectation(f.parse)
		}
		return n, ""
	case asTime, asDate:
		t, never, expected := d.parse(s)
		switch {
		case expected != "":
			return nil, expected
		case never:
			return nil, ""
		case f.parse == asDate:
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), ""
		}
		return t, ""
	case asBool, asNotBool, asStatus:
		b, ok, err := cells.ParseBool(s)
		switch {
		case err != nil:
			return nil, expectation(f.parse)
		case !ok:
			return nil, ""
		}
		return b != (f.parse == asNotBool), ""
	case asRosterStatus:
		if v := rosterStatus(s); v != "" {
			return v, ""
		}
		return nil, expectation(f.parse)
	case asProduct:
		if v := strings.ToLower(s); product.Valid(v) {
			return v, ""
		}
		return nil, expectation(f.parse)
	case asSeatType:
		switch v := strings.ToLower(s); v {
		case "named", "concurrent":
			return v, ""
		}
		return nil, expectation(f.parse)
	case asDecimal:
		n, err := strconv.ParseFloat(s, 64)
		if err != nil || n < 0 || math.IsInf(n, 0) || math.IsNaN(n) {
			return nil, expectation(f.parse)
		}
		return n, ""
	case asCurrency:
		v := strings.ToUpper(s)
		if len(v) != 3 || strings.Trim(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
			return nil, expectation(f.parse)
		}
		return v, ""
	}
	return s, ""
}

// shown is cell s of field f as a message quotes it: a name with a control
// character as cells.IdentityProblem says it (which one, where), a
// username as written, other cells trimmed (quote).
func shown(f *field, s string) string {
	v := s
	if f.parse != asName {
		v = strings.TrimSpace(s)
	}
	if p := cells.IdentityProblem(v); f.identity && p != "" {
		return p
	}
	if f.parse == asName {
		return quoteExact(s)
	}
	return quote(s)
}

// parseName reads a username as written: its bytes are who the account
// is, so "=1+1" and "\t=1+1" are two accounts, and trimming would make
// them one. A blank cell is NULL.
func parseName(s string) (v any, expected string) {
	if strings.TrimSpace(s) == "" {
		return nil, ""
	}
	if _, at := cells.IdentityControl(s); at > 0 {
		return nil, cells.ExpectIdentity
	}
	if cells.HasControl(s) {
		return nil, cells.ExpectNoControl
	}
	return s, ""
}

// expectation is what a cell read with p must hold, as messages say it.
func expectation(p parse) string {
	switch p {
	case asID:
		return expectID
	case asCount:
		return expectCount
	case asTime, asDate:
		return expectDate
	case asBool, asNotBool:
		return expectBool
	case asStatus:
		return expectStatus
	case asRosterStatus:
		return expectRosterStatus
	case asProduct:
		return expectProduct
	case asSeatType:
		return expectSeatType
	case asDecimal:
		return expectDecimal
	case asCurrency:
		return expectCurrency
	}
	return "a value"
}

// rosterStatus normalises an HR or IdP status to active, leave or
// terminated; "" when it is none of the spellings of docs/inputs.md §4.
// accountEnabled is a boolean: true (1 in a workbook) is active.
func rosterStatus(s string) string {
	switch strings.ToLower(s) {
	case "active", "true", "1", "enabled":
		return "active"
	case "leave", "on leave", "leave of absence":
		return "leave"
	case "terminated", "inactive", "disabled", "false", "0":
		return "terminated"
	}
	return ""
}
