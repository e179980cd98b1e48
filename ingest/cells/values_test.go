package cells

import (
	"strings"
	"testing"
	"time"
)

func TestParseTime(t *testing.T) {
	utc := func(y int, m time.Month, d, hh, mm, ss int) time.Time {
		return time.Date(y, m, d, hh, mm, ss, 0, time.UTC)
	}
	tests := []struct {
		in    string
		want  time.Time
		never bool
		bad   bool
	}{
		{in: "2025-10-16T14:46:25+00:00", want: utc(2025, 10, 16, 14, 46, 25)},
		{in: "2025-10-16T14:46:25Z", want: utc(2025, 10, 16, 14, 46, 25)},
		{in: "2025-10-16T16:46:25+02:00", want: utc(2025, 10, 16, 14, 46, 25)},
		{in: "2025-10-16T14:46:25", want: utc(2025, 10, 16, 14, 46, 25)},
		{in: "2025-10-16", want: utc(2025, 10, 16, 0, 0, 0)},
		{in: "2025-10-16 14:46", want: utc(2025, 10, 16, 14, 46, 0)},
		{in: "2025-10-16 14:46:25", want: utc(2025, 10, 16, 14, 46, 25)},
		{in: "10/16/2025", want: utc(2025, 10, 16, 0, 0, 0)},
		{in: "10/16/2025 2:46 PM", want: utc(2025, 10, 16, 14, 46, 0)},
		{in: "10/16/2025 2:46:25 pm", want: utc(2025, 10, 16, 14, 46, 25)},
		{in: "1/6/2025 9:05 AM", want: utc(2025, 1, 6, 9, 5, 0)},
		{in: "Never", never: true},
		{in: " - ", never: true},
		{in: "N/A", never: true},
		{in: "", never: true},
		// The zero time is how .NET (DateTime.MinValue) and Go write "not set".
		{in: "0001-01-01T00:00:00Z", never: true},
		{in: "0001-01-01T00:00:00", never: true},
		{in: "0001-01-01", never: true},
		{in: "0001-01-02", want: utc(1, 1, 2, 0, 0, 0)},
		{in: "02/30/2025", bad: true},
		{in: "2025-13-01", bad: true},
		{in: "yesterday", bad: true},
		{in: "16/10/2025", bad: true},
	}
	for _, tt := range tests {
		got, never, err := ParseTime(tt.in)
		if (err != nil) != tt.bad || never != tt.never || (!tt.bad && !got.Equal(tt.want)) {
			t.Errorf("ParseTime(%q) = %v, %v, %v; want %v, never %v, bad %v", tt.in, got, never, err, tt.want, tt.never, tt.bad)
		}
	}
}

// An error quotes the cell as given (trimmed), not as rewritten for parsing.
func TestParseTimeErrorQuotesInput(t *testing.T) {
	for in, want := range map[string]string{
		" 10/16/2025 2:46 p.m. x ": `"10/16/2025 2:46 p.m. x"`,
		"10/16/2025 25:00 pm":      `"10/16/2025 25:00 pm"`,
		"later":                    `"later"`,
	} {
		if _, _, err := ParseTime(in); err == nil || err.Error() != want {
			t.Errorf("ParseTime(%q) error = %v, want %s", in, err, want)
		}
	}
}

func TestParseBool(t *testing.T) {
	for in, want := range map[string]bool{"Yes": true, "no": false, "TRUE": true, "0": false, "y": true, "Disabled": false, "x": true} {
		got, ok, err := ParseBool(in)
		if err != nil || !ok || got != want {
			t.Errorf("ParseBool(%q) = %v, %v, %v", in, got, ok, err)
		}
	}
	if _, ok, err := ParseBool(" "); ok || err != nil {
		t.Errorf("empty cell should be 'not said'")
	}
	if _, _, err := ParseBool("maybe"); err == nil {
		t.Errorf("ParseBool(maybe) should fail")
	}
}

func TestSplitList(t *testing.T) {
	got := SplitList("Tier 1; Tier 2|Admins\nVendors\r\n ;")
	if strings.Join(got, ",") != "Tier 1,Tier 2,Admins,Vendors" {
		t.Errorf("SplitList = %q", got)
	}
}

func TestHasControl(t *testing.T) {
	for s, want := range map[string]bool{
		"": false, "plain": false, "tab\tand\r\nbreaks": false, "é€𝄞": false, "\uFFFD": false, "\uFFFC": false,
		"nul\x00": true, "bell\x07": true, "\x1f": true, "a\uFFFE": true, "\uFFFFb": true,
	} {
		if got := HasControl(s); got != want {
			t.Errorf("HasControl(%q) = %v, want %v", s, got, want)
		}
	}
}
