package cells

import (
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// The fuzz targets below check invariants of the cell parsers on any input;
// their seeds (f.Add and testdata/fuzz) run as ordinary tests. make fuzz
// runs each for a while.

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{
		"2025-10-16T14:46:25+00:00", "2025-10-16T14:46:25Z", "2025-10-16T14:46:25.123456789-07:00",
		"2025-10-16", "2025-10-16 14:46", "2025-10-16 14:46:25", "2025-10-16 14:46:25+02:00",
		"10/16/2025", "10/16/2025 2:46 PM", "10/16/2025 2:46:25 p.m.", "1/6/2025 09:05",
		"Never", "-", "N/A", "null", "", "  ", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59-05:00",
		"0000-01-01T00:00:00+01:00", "02/30/2025", "yesterday", "2025-13-01", "16/10/2025",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tm, never, err := ParseTime(s)
		trimmed := strings.TrimSpace(s)
		switch {
		case err != nil:
			if !tm.IsZero() || never {
				t.Fatalf("ParseTime(%q) = %v, %v with error %v", s, tm, never, err)
			}
			if want := strconv.Quote(trimmed); err.Error() != want {
				t.Fatalf("ParseTime(%q) error %s, want the cell quoted: %s", s, err, want)
			}
		case never:
			if !tm.IsZero() {
				t.Fatalf("ParseTime(%q) = %v and never", s, tm)
			}
		default:
			if trimmed == "" {
				t.Fatalf("ParseTime(%q) = %v, want never for an empty cell", s, tm)
			}
			if tm.IsZero() {
				t.Fatalf("ParseTime(%q) = the zero time, without never or an error", s)
			}
			if tm.Location() != time.UTC {
				t.Fatalf("ParseTime(%q) = %v, not in UTC", s, tm)
			}
			// What was read can be written and read again.
			if y := tm.Year(); y >= 1 && y <= 9999 {
				again, never, err := ParseTime(tm.Format(time.RFC3339Nano))
				if err != nil || never || !again.Equal(tm) {
					t.Fatalf("ParseTime(%q) = %v, which reads back as %v, %v, %v", s, tm, again, never, err)
				}
			}
		}
		// Spaces around a cell do not matter.
		tm2, never2, err2 := ParseTime(" \t" + s + " ")
		if !tm2.Equal(tm) || never2 != never || (err2 == nil) != (err == nil) {
			t.Fatalf("ParseTime(%q) and ParseTime with spaces around differ: %v %v %v / %v %v %v", s, tm, never, err, tm2, never2, err2)
		}
	})
}

func FuzzParseBool(f *testing.F) {
	for _, s := range []string{"Yes", "no", "TRUE", "false", "1", "0", "y", "N", "Enabled", "disabled", "x", "", " ", "Required", "Optional", "on", "maybe", "ı"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok, err := ParseBool(s)
		blank := strings.TrimSpace(s) == ""
		switch {
		case err != nil:
			if v || ok || blank {
				t.Fatalf("ParseBool(%q) = %v, %v with error %v", s, v, ok, err)
			}
			if err.Error() != strconv.Quote(s) {
				t.Fatalf("ParseBool(%q) error %s does not quote the cell", s, err)
			}
		case !ok:
			if v || !blank {
				t.Fatalf("ParseBool(%q) = %v, not said, for a cell that is not empty", s, v)
			}
		default:
			if again, ok, err := ParseBool(strconv.FormatBool(v)); again != v || !ok || err != nil {
				t.Fatalf("ParseBool(%q) = %v, which does not read back", s, v)
			}
		}
		if isASCII(s) {
			// Case does not matter.
			for _, c := range []string{strings.ToUpper(s), strings.ToLower(s)} {
				v2, ok2, err2 := ParseBool(c)
				if v2 != v || ok2 != ok || (err2 == nil) != (err == nil) {
					t.Fatalf("ParseBool(%q) and ParseBool(%q) differ", s, c)
				}
			}
		}
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func FuzzSplitList(f *testing.F) {
	for _, s := range []string{"Tier 1; Tier 2|Admins\nVendors\r\n ;", "", ";;|", "Ops (lead)\nSupport", " a ", "é|\u00a0b\u00a0|c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		parts := SplitList(s)
		rest := s
		for _, p := range parts {
			if p == "" || p != strings.TrimSpace(p) || strings.ContainsAny(p, ";|\r\n") {
				t.Fatalf("SplitList(%q) has part %q", s, p)
			}
			// Parts come from s, in order.
			i := strings.Index(rest, p)
			if i < 0 {
				t.Fatalf("SplitList(%q) = %q: %q is not in what follows the part before", s, parts, p)
			}
			rest = rest[i+len(p):]
		}
		// Nothing but separators and spaces is dropped.
		if strings.TrimSpace(strings.NewReplacer(";", "", "|", "", "\n", "", "\r", "").Replace(s)) != "" && len(parts) == 0 {
			t.Fatalf("SplitList(%q) = no parts", s)
		}
		// Joined again, the parts split the same way.
		if again := SplitList(strings.Join(parts, ";")); strings.Join(again, "\x00") != strings.Join(parts, "\x00") {
			t.Fatalf("SplitList(%q) = %q, but joined and split again %q", s, parts, again)
		}
	})
}
