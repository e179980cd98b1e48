package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/review-tool/review/internal/cleanup"
)

// exitClosedPipe is the exit code of a run whose standard output was
// closed (review run --json - | head -1): 128 + SIGPIPE, as a shell reports
// a process that signal ended, which is how such a run ended before it
// removed its temporary folder.
const exitClosedPipe = 141

// stopOnSignal makes an interrupt or termination end the run at once,
// removing its temporary files first: outputs are renamed into place
// together, only once all are whole, so a stopped run leaves none of its
// own. A closed standard output is not a stop: with SIGPIPE caught, the
// write fails with EPIPE and the run ends the usual way (failed), removing
// its files. It returns the function that stops listening once the run is
// over.
func stopOnSignal(e env) (stop func()) {
	sigs := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGPIPE)
	go func() {
		var sig os.Signal
		for sig == nil || sig == syscall.SIGPIPE {
			select {
			case sig = <-sigs:
			case <-done:
				return
			}
		}
		cleanup.RemoveAll()
		fmt.Fprintf(e.stderr, "review: stopped by %v; temporary files removed, no output written\n", sig)
		code := 130 // 128 + SIGINT, as shells report it
		if sig == syscall.SIGTERM {
			code = 143
		}
		os.Exit(code)
	}()
	return func() {
		signal.Stop(sigs)
		close(done)
	}
}
