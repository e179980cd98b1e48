package main

import (
	"strings"
	"testing"
)

// A mistyped flag is exit 2 with a hint: the command's own flag closest in
// spelling, or the command the flag belongs to; an unknown one gets none.
func TestMistypedFlagHints(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"run", "--as-off", "2025-11-22", "x"}, "review: unknown flag: --as-off (did you mean --as-of?)\n"},
		{[]string{"run", "--as-off=2025-11-22", "x"}, "review: unknown flag: --as-off (did you mean --as-of?)\n"},
		{[]string{"run", "--parquet", "out", "x"}, "review: unknown flag: --parquet (--parquet is a flag of review ingest, not of review run)\n"},
		{[]string{"ingest", "--previous", "q3.xlsx", "x"}, "review: unknown flag: --previous (--previous is a flag of review run, not of review ingest)\n"},
		{[]string{"explain", "--usr", "jdoe", "x"}, "review: unknown flag: --usr (did you mean --user?)\n"},
		{[]string{"collect", "--allow-mising", "x"}, "review: unknown flag: --allow-mising (did you mean --allow-missing?)\n"},
		{[]string{"run", "--zzzz", "x"}, "review: unknown flag: --zzzz\n"},
	} {
		code, msg := runCLI(t, tc.args...)
		if code != exitBadInput || msg != tc.want {
			t.Errorf("review %s: exit %d, %q; want 2 and %q", strings.Join(tc.args, " "), code, msg, tc.want)
		}
	}
}
