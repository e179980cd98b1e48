package cellcap

import (
	"strings"
	"testing"
	"unicode/utf16"
)

func units(s string) int { return len(utf16.Encode([]rune(s))) }

func TestCut(t *testing.T) {
	for name, tc := range map[string]struct {
		in  string
		cut bool
	}{
		"empty":                       {"", false},
		"limit bytes":                 {strings.Repeat("a", Limit), false},
		"limit characters of 2 bytes": {strings.Repeat("é", Limit), false},
		"limit characters of 3 bytes": {strings.Repeat("中", Limit), false},
		"one over":                    {strings.Repeat("é", Limit) + "x", true},
		"pairs at the limit":          {strings.Repeat("😀", Limit/2) + "x", false},
		"pairs over":                  {strings.Repeat("😀", Limit/2+1), true},
		"bytes not UTF-8":             {strings.Repeat("\xff", Limit+1), true},
	} {
		got := Cut(tc.in)
		if !tc.cut && got != tc.in {
			t.Errorf("%s: cut to %d units", name, units(got))
		}
		if tc.cut && (!strings.HasSuffix(got, Marker) || units(got) > Limit || !strings.HasPrefix(tc.in, strings.TrimSuffix(got, Marker))) {
			t.Errorf("%s: %d units, ends %q", name, units(got), got[max(0, len(got)-20):])
		}
		if Cut(got) != got {
			t.Errorf("%s: cutting again changes it", name)
		}
	}
}
