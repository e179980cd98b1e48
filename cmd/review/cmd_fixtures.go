package main

import (
	"fmt"
	"time"

	"github.com/spf13/pflag"

	"github.com/review-tool/review/fixtures/generate"
)

const fixturesUsage = `Usage:
  review fixtures generate --accounts N [--seed S] [--as-of DATE] --out DIR

Writes a synthetic export set of N accounts (a PRA site as Configuration API
JSON, a Remote Support site as a User Account Report, a roster and a license
file) with problems planted at known rates, and DIR/expected-counts.json with
the findings each rule should give. The same seed gives the same bytes.
`

var fixturesCommand = command{name: "fixtures", run: cmdFixtures, usage: [][2]string{
	{"fixtures generate [flags]", "a synthetic export set of any size, for benchmarks"},
}}

func cmdFixtures(e env, args []string) int {
	if len(args) == 0 || args[0] != "generate" {
		fmt.Fprint(e.stderr, fixturesUsage)
		if len(args) > 0 && (args[0] == "--help" || args[0] == "-h") {
			return exitOK
		}
		return exitBadInput
	}
	fs := pflag.NewFlagSet("review fixtures generate", pflag.ContinueOnError)
	fs.SetOutput(e.stderr)
	accounts := fs.Int("accounts", 0, "number of user accounts (60% PRA, 40% Remote Support)")
	seed := fs.Uint64("seed", 1, "random seed: the same seed gives the same files")
	asOf := fs.String("as-of", generate.DefaultAsOf.Format("2006-01-02"), "the review date the data is relative to (`YYYY-MM-DD`)")
	out := fs.String("out", "", "the folder to write (must not exist or be empty)")
	sessions := fs.Int("sessions", 10, "sessions per active account in the quarter's session reports (0: no session or activity report)")
	fs.Usage = func() { fmt.Fprint(e.stderr, fixturesUsage); fs.PrintDefaults() }
	if err := fs.Parse(args[1:]); err != nil {
		return flagExit(e, fs, err)
	}
	if *out == "" || *accounts == 0 || fs.NArg() > 0 {
		fmt.Fprintln(e.stderr, "review fixtures generate: --accounts and --out are required, and nothing else")
		return exitBadInput
	}
	day, err := time.Parse("2006-01-02", *asOf)
	if err != nil {
		fmt.Fprintf(e.stderr, "review fixtures generate: --as-of %q: expected YYYY-MM-DD\n", *asOf)
		return exitBadInput
	}
	start := time.Now()
	exp, err := generate.Write(*out, generate.Options{Accounts: *accounts, Seed: *seed, AsOf: day, Sessions: sessionsOption(*sessions)})
	if err != nil {
		fmt.Fprintln(e.stderr, "review fixtures generate:", err)
		return exitBadInput
	}
	fmt.Fprintf(e.stderr, "wrote %d accounts to %s in %.1fs; %d findings expected (%s/expected-counts.json)\nrun: cd %s && %s --out findings.xlsx\n",
		exp.Accounts, *out, time.Since(start).Seconds(), exp.Total(), *out, *out, exp.Command)
	return exitOK
}

// sessionsOption maps --sessions (0: none) to Options.Sessions (0: the
// default, negative: none).
func sessionsOption(n int) int {
	if n <= 0 {
		return -1
	}
	return n
}
