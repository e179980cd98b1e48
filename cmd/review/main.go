// Command review runs offline access reviews of BeyondTrust exports: files
// in, a findings workbook out. main only dispatches to the subcommands,
// each in its cmd_<verb>.go; the review itself is package pipeline.
package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/spf13/pflag"

	"github.com/review-tool/review/pipeline"
)

// commands are review's verbs, in the order the usage lists them. Adding a
// command is its cmd_<verb>.go, which declares its command, and its line
// here.
var commands = []*command{
	&runCommand,
	&ingestCommand,
	&explainCommand,
	&collectCommand,
	&rulesCommand,
	&fixturesCommand,
	&versionCommand,
}

// command is one verb of review.
type command struct {
	name    string
	aliases []string
	run     func(e env, args []string) int
	// usage are its lines in review's usage: what to type after review,
	// and what it does.
	usage [][2]string
	// flags adds the command's flags to a set, for telling a user who
	// typed one command's flag to another where it belongs; nil for a
	// command of subcommands.
	flags func(fs *pflag.FlagSet)
}

// env is what a command talks to. It is passed down rather than kept in
// package variables, so that tests run commands side by side.
type env struct {
	stdout, stderr io.Writer
	// stageHook, when a test sets it, is called as each stage starts
	// ("read", "facts", "rules", "write", then "write PATH" per output): it
	// lets a test make a stage fail the way a bug would (a panic).
	stageHook func(stage string)
	// process says the command is the process itself (main), not one of
	// a test's commands, which share one Go runtime: only then does it
	// set the runtime's memory limit (limitGoHeap).
	process bool
}

// systemEnv is the process's own standard output and error.
func systemEnv() env { return env{stdout: os.Stdout, stderr: os.Stderr, process: true} }

func main() {
	tuneGC()
	os.Exit(run(systemEnv(), os.Args[1:]))
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

// limitGoHeap makes the rules' share of --memory-limit
// (pipeline.RulesShare) the Go runtime's soft memory limit for a command
// that reviews, in place of tuneGC's 1 GiB, so that the collector works
// harder as the heap nears the line past which the engine stops a rule;
// unless GOMEMLIMIT set one.
func (e env) limitGoHeap(memoryLimit string) {
	if share := pipeline.RulesShare(memoryLimit); e.process && share > 0 && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(int64(share))
	}
}

// Exit codes (docs/outputs.md): 2 for what the user can fix
// (internal/inputerr), 3 for review's own failures.
const (
	exitOK       = 0
	exitFindings = 1
	exitBadInput = 2
	exitInternal = 3
)

func run(e env, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, usage())
		return exitBadInput
	}
	switch args[0] {
	case "help", "-h", "--help":
		fmt.Fprint(e.stdout, usage())
		return exitOK
	}
	for _, c := range commands {
		if args[0] == c.name || contains(c.aliases, args[0]) {
			return c.run(e, args[1:])
		}
	}
	fmt.Fprintf(e.stderr, "review: unknown command %q\n\n%s", args[0], usage())
	return exitBadInput
}

// usage is review's help: every command's lines.
func usage() string {
	var b strings.Builder
	b.WriteString("review: offline access reviews of BeyondTrust Remote Support, PRA and Password Safe exports.\n\nUsage:\n")
	for _, c := range commands {
		for _, line := range c.usage {
			fmt.Fprintf(&b, "  review %-25s %s\n", line[0], line[1])
		}
	}
	b.WriteString("\nRun 'review COMMAND --help' for a command's flags.\n")
	return b.String()
}
