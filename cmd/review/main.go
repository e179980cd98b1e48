// Command review runs offline access reviews of BeyondTrust exports: files
// in, a findings workbook out. main only dispatches to the subcommands.
package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
)

func main() {
	tuneGC()
	os.Exit(run(os.Args[1:]))
}

// tuneGC lets the heap grow to five times what is live before collecting,
// under a 1 GiB soft limit, unless GOGC or GOMEMLIMIT say otherwise. A
// review allocates fast and keeps little (rule inputs, workbook cells), so
// the default GOGC=100 spends a quarter of the run collecting; measured in
// docs/performance.md.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(1 << 30)
	}
}

// Exit codes (docs/outputs.md).
const (
	exitOK       = 0
	exitFindings = 1
	exitBadInput = 2
	exitInternal = 3
)

const usage = `review: offline access reviews of BeyondTrust Remote Support, PRA and Password Safe exports.

Usage:
  review run [flags] SOURCE...     ingest exports, evaluate the rules, write the findings workbook
  review rules list [--rules DIR]  the rule catalogue from the rules' METADATA
  review rules test [DIR]          run the rules' _test.rego tests (built-in, and DIR's)
  review rules doc                 the rule catalogue as Markdown
  review fixtures generate [flags] a synthetic export set of any size, for benchmarks
  review version                   versions of review, OPA and DuckDB

Run 'review COMMAND --help' for a command's flags.
`

func run(args []string) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitBadInput
	}
	switch args[0] {
	case "run":
		return cmdRun(args[1:])
	case "rules":
		return cmdRules(args[1:])
	case "fixtures":
		return cmdFixtures(args[1:])
	case "version", "--version":
		return cmdVersion(args[1:])
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "review: unknown command %q\n\n%s", args[0], usage)
	return exitBadInput
}

// stdout and stderr are variables so tests can capture what a command says.
var (
	stdout io.Writer = os.Stdout
	stderr io.Writer = os.Stderr
)
