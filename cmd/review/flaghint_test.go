package main

import (
	"os"
	"strings"
	"testing"

	"github.com/spf13/pflag"
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

// README.md's flag table names every flag of review run, and each flag's
// help names the sections and files the README says it takes: --config's
// sections, --previous's decisions workbook.
// review collect's flags are each a line of docs/campaign.md's flag
// table, and --collected-on is in the README's campaign section.
func TestCollectHelpMatchesTheDocs(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile("../../docs/campaign.md")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	fs := pflag.NewFlagSet("collect", pflag.ContinueOnError)
	new(collectOptions).addFlags(fs)
	fs.VisitAll(func(f *pflag.Flag) {
		if !strings.Contains(string(doc), "\n| `--"+f.Name) {
			t.Errorf("docs/campaign.md's collect flag table lacks --%s", f.Name)
		}
	})
	if !strings.Contains(string(readme), "--collected-on") {
		t.Error("README.md does not mention collect's --collected-on")
	}
}

func TestRunHelpMatchesTheReadme(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	fs := pflag.NewFlagSet("run", pflag.ContinueOnError)
	new(runOptions).AddFlags(fs)
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		if !strings.Contains(string(readme), "`--"+f.Name) {
			t.Errorf("README.md's flag table lacks --%s", f.Name)
		}
	})
	for flag, words := range map[string][]string{
		"config":   {"params:", "severity:", "owners:", "controls:", "campaign:"},
		"previous": {"decisions workbook", "decisions.jsonl", ".jsonl"},
	} {
		for _, w := range words {
			if !strings.Contains(fs.Lookup(flag).Usage, w) {
				t.Errorf("--%s's help %q does not say %s", flag, fs.Lookup(flag).Usage, w)
			}
		}
	}
}
