package cells

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzParseDate checks what the date order changes: ISO dates not at all;
// an error quotes the cell; a date that is a *DateOrderError in one order
// is a date in the other.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{
		"01/09/2025", "12/11/2025", "25/03/2025 14:05", "25/03/2025 14:05:09", "10/16/2025 2:46 PM",
		"2025-03-25 14:05", "13/13/2025", "31/12/2025", "1/2/2025 24:00", "00/01/2025", "Never",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, order := range []DateOrder{MDY, DMY} {
			tm, never, err := ParseDate(s, order)
			var oe *DateOrderError
			switch {
			case err != nil:
				if err.Error() != strconv.Quote(strings.TrimSpace(s)) {
					t.Fatalf("ParseDate(%q, %s) error %s does not quote the cell", s, order, err)
				}
				if errors.As(err, &oe) {
					other := DMY
					if order == DMY {
						other = MDY
					}
					date, _, _ := strings.Cut(oe.Value, " ")
					if _, _, err := ParseDate(date, other); err != nil {
						t.Fatalf("ParseDate(%q, %s) says %s reads it, but %q does not read %s: %v", s, order, other, date, other, err)
					}
				}
			case !never && tm.Location() != time.UTC:
				t.Fatalf("ParseDate(%q, %s) = %v, not UTC", s, order, tm)
			}
			if !strings.Contains(s, "/") {
				tm2, never2, err2 := ParseTime(s)
				if !tm2.Equal(tm) || never2 != never || (err2 == nil) != (err == nil) {
					t.Fatalf("ParseDate(%q, %s) differs from month first without a slash", s, order)
				}
			}
		}
	})
}
