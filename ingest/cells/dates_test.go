package cells

import (
	"errors"
	"testing"
	"time"
)

// The same cell reads by the file's order: 01/09/2025 is 9 January month
// first and 1 September day first; ISO dates do not depend on it.
func TestParseDateOrders(t *testing.T) {
	utc := func(y int, m time.Month, d, hh, mm, ss int) time.Time {
		return time.Date(y, m, d, hh, mm, ss, 0, time.UTC)
	}
	tests := []struct {
		in    string
		order DateOrder
		want  time.Time
	}{
		{"01/09/2025", MDY, utc(2025, 1, 9, 0, 0, 0)},
		{"01/09/2025", DMY, utc(2025, 9, 1, 0, 0, 0)},
		{"01/09/2025", "", utc(2025, 1, 9, 0, 0, 0)},
		{"12/11/2025", DMY, utc(2025, 11, 12, 0, 0, 0)},
		{"25/03/2025 14:05", DMY, utc(2025, 3, 25, 14, 5, 0)},
		{"25/03/2025 14:05:09", DMY, utc(2025, 3, 25, 14, 5, 9)},
		{"5/3/2025 08:00", DMY, utc(2025, 3, 5, 8, 0, 0)},
		{"2025-03-25 14:05", DMY, utc(2025, 3, 25, 14, 5, 0)},
		{"2025-03-25T14:05:00+01:00", DMY, utc(2025, 3, 25, 13, 5, 0)},
	}
	for _, tt := range tests {
		got, never, err := ParseDate(tt.in, tt.order)
		if err != nil || never || !got.Equal(tt.want) {
			t.Errorf("ParseDate(%q, %q) = %v, %v, %v; want %v", tt.in, tt.order, got, never, err, tt.want)
		}
	}
	if _, never, err := ParseDate("Never", DMY); !never || err != nil {
		t.Errorf("ParseDate(Never, dmy) = %v, %v", never, err)
	}
}

// A date that can only be in the other order is a *DateOrderError whose
// Expected names the flag that reads the file; its Error quotes the cell,
// as every ParseDate error does. Dates that are no date either way, and
// 12-hour times in a day-first file, are plain errors.
func TestParseDateWrongOrder(t *testing.T) {
	tests := []struct {
		in       string
		order    DateOrder
		expected string // "" for a plain error
	}{
		{"25/03/2025", MDY, "a month-first date MM/DD/YYYY, but 25 is not a month: if this file writes dates day first, read it with --date-order users.csv=dmy (or --date-order dmy for every table file)"},
		{"25/03/2025 14:05", "", "a month-first date MM/DD/YYYY, but 25 is not a month: if this file writes dates day first, read it with --date-order users.csv=dmy (or --date-order dmy for every table file)"},
		{"10/16/2025 2:46 PM", DMY, "a day-first date DD/MM/YYYY, as --date-order dmy says, but 16 is not a month: if this file writes dates month first, read it with --date-order users.csv=mdy"},
		{"13/13/2025", MDY, ""},
		{"32/03/2025", MDY, ""},
		{"02/30/2025", MDY, ""},
		{"30/02/2025", DMY, ""},
		{"01/09/2025 2:46 PM", DMY, ""},
	}
	for _, tt := range tests {
		_, never, err := ParseDate(" "+tt.in+" ", tt.order)
		if err == nil || never {
			t.Errorf("ParseDate(%q, %q) = no error", tt.in, tt.order)
			continue
		}
		if err.Error() != `"`+tt.in+`"` {
			t.Errorf("ParseDate(%q, %q) error %s does not quote the cell", tt.in, tt.order, err)
		}
		var oe *DateOrderError
		switch {
		case tt.expected == "" && errors.As(err, &oe):
			t.Errorf("ParseDate(%q, %q) = a date order error: %s", tt.in, tt.order, oe.Expected("users.csv"))
		case tt.expected != "" && !errors.As(err, &oe):
			t.Errorf("ParseDate(%q, %q) = %v, not a date order error", tt.in, tt.order, err)
		case tt.expected != "" && oe.Expected("exports/users.csv") != tt.expected:
			t.Errorf("ParseDate(%q, %q) expected\n got %s\nwant %s", tt.in, tt.order, oe.Expected("exports/users.csv"), tt.expected)
		}
	}
}

func TestParseDateOrder(t *testing.T) {
	for in, want := range map[string]DateOrder{"mdy": MDY, "DMY": DMY, " dmy ": DMY} {
		if got, err := ParseDateOrder(in); err != nil || got != want {
			t.Errorf("ParseDateOrder(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseDateOrder("ymd"); err == nil || err.Error() != `unknown date order "ymd": expected mdy (month first, 10/16/2025) or dmy (day first, 16/10/2025)` {
		t.Errorf("ParseDateOrder(ymd) error %v", err)
	}
}

// Orders tells a date both orders read differently from one that shows
// the file's order, and from cells that are not NN/NN/YYYY dates.
func TestOrders(t *testing.T) {
	for _, c := range []struct {
		cell        string
		either, one bool
	}{
		{"03/04/2025", true, false},
		{" 3/4/2025 1:05 PM", true, false},
		{"12/01/2025 13:00", true, false},
		{"10/16/2025", false, true},
		{"16/10/2025 09:00", false, true},
		{"05/05/2025", false, false}, // the same date either way
		{"13/13/2025", false, false},
		{"2025-03-04", false, false},
		{"45678", false, false},
		{"Never", false, false},
		{"00/04/2025", false, false},
	} {
		either, one := Orders(c.cell)
		if either != c.either || one != c.one {
			t.Errorf("Orders(%q) = %v, %v; want %v, %v", c.cell, either, one, c.either, c.one)
		}
	}
}
