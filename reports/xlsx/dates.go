package xlsx

import (
	"time"
)

// Excel stores a date as the number of days since its epoch, 30 December
// 1899 in the 1900 date system (it counts a 29 February 1900 that never
// was, so its serials are right from 1 March 1900 on), and a time of day as
// the fraction of a day. Such a cell sorts and filters as a date.
var (
	excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).Unix()
	firstDate  = time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC)
	pastDate   = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) // Excel's last is 9999-12-31
)

const secondsPerDay = 24 * 60 * 60

// dateCell is the UTC date of t as an Excel date (a whole number, which the
// column's date format shows); nil for the zero time. A date Excel cannot
// hold is shown as ISO 8601 text rather than a wrong date.
func dateCell(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	t = t.UTC()
	if t.Before(firstDate) || !t.Before(pastDate) {
		return t.Format(time.DateOnly)
	}
	return (t.Unix() - excelEpoch) / secondsPerDay
}

// isoDateCell is a YYYY-MM-DD date as an Excel date; nil when empty, and
// text as given when it is not such a date (never a wrong date).
func isoDateCell(s string) any {
	if s == "" {
		return nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return text(s)
	}
	return dateCell(t)
}

// dateTimeCell is t in UTC as an Excel date and time, to the second; nil
// for the zero time.
func dateTimeCell(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	t = t.UTC()
	if t.Before(firstDate) || !t.Before(pastDate) {
		return t.Format(time.RFC3339)
	}
	secs := t.Unix() - excelEpoch
	if secs%secondsPerDay == 0 {
		return secs / secondsPerDay // midnight: a whole number, shorter
	}
	return float64(secs) / secondsPerDay
}

// parseTime reads the dates evidence carries: RFC 3339 date-times (as the
// facts give them, in UTC) and ISO dates.
func parseTime(s string) (time.Time, bool) {
	for _, form := range []string{time.RFC3339Nano, time.DateOnly, time.DateTime} {
		if t, err := time.Parse(form, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}
