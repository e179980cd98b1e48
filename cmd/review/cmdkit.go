package main

import (
	"fmt"
	"log/slog"
	"runtime/debug"

	"github.com/spf13/pflag"
)

// newFlags is a command's flag set: its errors on standard error, its
// flags in the order added, and -h showing usage, then the flags.
func newFlags(e env, name, usage string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.SortFlags = false
	fs.Usage = func() {
		fmt.Fprint(e.stderr, usage)
		fs.PrintDefaults()
	}
	return fs
}

// recoverInternal, deferred by a command, turns a panic into exit 3 with
// one line, and the stack as well when withStack (--debug) is set.
func recoverInternal(e env, withStack *bool, code *int) {
	if p := recover(); p != nil {
		fmt.Fprintf(e.stderr, "review: internal error: %v\n", p)
		if *withStack {
			e.stderr.Write(debug.Stack())
		}
		*code = exitInternal
	}
}

// debugLog sends the step timings (slog's debug lines) to standard error
// when on, until the returned function puts the logger back.
func debugLog(e env, on bool) func() {
	if !on {
		return func() {}
	}
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelDebug})))
	return func() { slog.SetDefault(prev) }
}
