package cells

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/review-tool/review/ingest/located"
)

// DateOrder is how a file writes NN/NN/YYYY dates: month first (MDY, the US
// form BeyondTrust writes) unless --date-order says day first (DMY). It is
// never guessed from the values: 01/09/2025 is both.
type DateOrder string

const (
	MDY DateOrder = "mdy"
	DMY DateOrder = "dmy"
)

// ParseDateOrder reads a --date-order value (any case).
func ParseDateOrder(s string) (DateOrder, error) {
	switch o := DateOrder(strings.ToLower(strings.TrimSpace(s))); o {
	case MDY, DMY:
		return o, nil
	}
	return "", fmt.Errorf("unknown date order %q: expected mdy (month first, 10/16/2025) or dmy (day first, 16/10/2025)", s)
}

// dmyLayouts are the day-first forms: day-first exports write 24-hour times.
var dmyLayouts = []string{
	"2/1/2006 15:04:05",
	"2/1/2006 15:04",
	"2/1/2006",
}

// ExpectDate is what a date cell must hold in a file of the given order, as
// error messages say it.
func ExpectDate(order DateOrder) string {
	if order == DMY {
		return "a date (RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or DD/MM/YYYY[ HH:MM[:SS]], day first as --date-order dmy says) or Never"
	}
	return "a date (RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or MM/DD/YYYY[ h:mm[:ss] AM|PM]) or Never"
}

// DateOrderError is a NN/NN/YYYY date that cannot be in the file's order:
// 25/03/2025 read month first. Its Error quotes the cell, as ParseDate's
// other errors do; Expected says which flag reads the file.
type DateOrderError struct {
	Value string    // the cell, trimmed
	Order DateOrder // the order the file was read in
	Month int       // the number that was taken for the month
}

func (e *DateOrderError) Error() string { return strconv.Quote(e.Value) }

// Expected is what the cell should have been, and how to read the file
// the other way; file names it in the flag.
func (e *DateOrderError) Expected(file string) string {
	name := located.BaseName(file)
	if e.Order == DMY {
		return fmt.Sprintf("a day-first date DD/MM/YYYY, as --date-order dmy says, but %d is not a month: if this file writes dates month first, read it with %s",
			e.Month, located.FlagArg("--date-order", name, string(MDY)))
	}
	return fmt.Sprintf("a month-first date MM/DD/YYYY, but %d is not a month: if this file writes dates day first, read it with %s (or --date-order dmy for every table file)",
		e.Month, located.FlagArg("--date-order", name, string(DMY)))
}

// wrongOrder is the *DateOrderError for s when its date part (before a
// space) is a date in the other order but not in order, or nil.
func wrongOrder(s string, order DateOrder) error {
	if order == "" {
		order = MDY
	}
	date, _, _ := strings.Cut(s, " ")
	this, other := "1/2/2006", "2/1/2006"
	if order == DMY {
		this, other = other, this
	}
	if _, err := time.Parse(this, date); err == nil {
		return nil // the time is what is wrong
	}
	if _, err := time.Parse(other, date); err != nil {
		return nil
	}
	parts := strings.SplitN(date, "/", 3)
	month := parts[0]
	if order == DMY {
		month = parts[1]
	}
	n, _ := strconv.Atoi(month)
	return &DateOrderError{Value: s, Order: order, Month: n}
}

// Orders says how a NN/NN/YYYY date (with or without a time) reads in the
// two orders: either is true when both read it as a date and the two
// differ (03/04/2025 is 4 March or 3 April), one when only one order
// reads it (10/16/2025), which shows the file's order. Both are false for
// any other cell, and for 05/05/2025, which reads the same either way.
// A column of dates that are all "either" was read in the order assumed,
// not in one the values showed: the readers say so.
func Orders(s string) (either, one bool) {
	date, _, _ := strings.Cut(strings.TrimSpace(s), " ")
	parts := strings.Split(date, "/")
	if len(parts) != 3 {
		return false, false
	}
	a, errA := strconv.Atoi(parts[0])
	b, errB := strconv.Atoi(parts[1])
	if errA != nil || errB != nil || a < 1 || b < 1 || a > 31 || b > 31 {
		return false, false
	}
	switch {
	case a > 12 && b > 12:
		return false, false // no month: not a date
	case a > 12 || b > 12:
		return false, true
	case a == b:
		return false, false
	}
	return true, false
}
