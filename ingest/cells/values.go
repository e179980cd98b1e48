package cells

import (
	"fmt"
	"strings"
	"time"
)

// expectBool is what a boolean cell must hold, as error messages say it.
const expectBool = "a boolean (yes/no, true/false, 1/0, y/n, enabled/disabled, x or empty)"

// isoLayouts and usLayouts are tried in order; the API writes RFC 3339
// with +00:00, other tools Z or no zone at all (read as UTC).
var isoLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04",
	"2006-01-02",
}

var usLayouts = []string{
	"1/2/2006 3:04:05 PM",
	"1/2/2006 3:04 PM",
	"1/2/2006 15:04:05",
	"1/2/2006 15:04",
	"1/2/2006",
}

// ParseTime reads a date or date-time cell, NN/NN/YYYY month first; see
// ParseDate.
func ParseTime(s string) (t time.Time, never bool, err error) {
	return ParseDate(s, MDY)
}

// ParseDate reads a date or date-time cell whose NN/NN/YYYY dates are in
// the given order ("" is MDY). never is true for the spellings of "never"
// (Never, -, N/A, empty) and for 0001-01-01T00:00:00Z, the zero time that
// .NET tools (DateTime.MinValue) and Go write for "not set". Times without
// a zone are UTC; the result is always in UTC. An error quotes the cell as
// given; when the cell is a date only in the other order it is a
// *DateOrderError.
func ParseDate(s string, order DateOrder) (t time.Time, never bool, err error) {
	s = strings.TrimSpace(s)
	in := s
	if s == "" {
		return time.Time{}, true, nil
	}
	if c := s[0]; c < '0' || c > '9' {
		switch strings.ToLower(s) {
		case "never", "-", "n/a", "null", "none":
			return time.Time{}, true, nil
		}
		return time.Time{}, false, fmt.Errorf("%q", s)
	}
	layouts := isoLayouts
	slash := strings.IndexByte(s, '/') >= 0
	switch {
	case slash && order == DMY:
		layouts = dmyLayouts
	case slash:
		layouts = usLayouts
		if strings.ContainsAny(s, "apm.") {
			s = strings.NewReplacer("a.m.", "AM", "p.m.", "PM", "am", "AM", "pm", "PM", "A.M.", "AM", "P.M.", "PM").Replace(s)
		}
	}
	for _, layout := range layouts {
		if t, err := time.Parse(layout, s); err == nil {
			if t.IsZero() {
				return time.Time{}, true, nil
			}
			return t.UTC(), false, nil
		}
	}
	if slash {
		if e := wrongOrder(in, order); e != nil {
			return time.Time{}, false, e
		}
	}
	return time.Time{}, false, fmt.Errorf("%q", in)
}

// ParseBool reads a yes/no cell. ok is false for an empty cell, which means
// "not said" in most columns; the x/empty convention is handled by callers
// that know the column uses it.
func ParseBool(s string) (v bool, ok bool, err error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return false, false, nil
	case "yes", "true", "1", "y", "enabled", "x", "required", "active", "on":
		return true, true, nil
	case "no", "false", "0", "n", "disabled", "optional", "inactive", "off":
		return false, true, nil
	}
	return false, false, fmt.Errorf("%q", s)
}

// SplitList splits a multi-valued cell on ';', '|' or line breaks, trims the
// parts and drops empty ones.
func SplitList(s string) []string {
	parts := strings.FieldsFunc(s, func(r rune) bool {
		return r == ';' || r == '|' || r == '\n' || r == '\r'
	})
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// NormalizeHeader folds a header for alias matching: lower case, without
// spaces, underscores and hyphens ("Last Login" = "last_login" = "LAST-LOGIN").
func NormalizeHeader(h string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(h)) {
		switch r {
		case ' ', '_', '-', '\t', '\u00a0':
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// ExpectNoControl is what a text cell holding a control character fails.
const ExpectNoControl = "text without control characters (tab and line breaks are allowed)"

// HasControl says whether s holds a character a workbook cell cannot: a C0
// control other than tab, LF and CR (NUL among them), or U+FFFE/U+FFFF. The
// XML of an .xlsx has no way to write them, so a value holding one could
// not be shown as exported.
func HasControl(s string) bool {
	// Byte by byte: the controls are single bytes, U+FFFE and U+FFFF are
	// EF BF BE and EF BF BF, and no other character contains those bytes.
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r':
			return true
		case c == 0xEF && i+2 < len(s) && s[i+1] == 0xBF && (s[i+2] == 0xBE || s[i+2] == 0xBF):
			return true
		}
	}
	return false
}
