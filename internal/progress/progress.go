// Package progress reports the stages of a run: a progress bar per stage on
// a terminal, one log line per stage otherwise (in CI, with --quiet, or when
// standard error is redirected), so callers never need an if.
package progress

import (
	"io"
	"log/slog"
	"os"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// Reporter starts stages.
type Reporter interface {
	// Start begins a stage; total is its amount of work (bytes, items), or
	// -1 when unknown.
	Start(name string, total int64) Stage
}

// Stage is one stage under way.
type Stage interface {
	Add(n int64)
	// Done ends the stage; attrs are logged with it.
	Done(attrs ...any)
}

// New picks the reporter for w: bars on a terminal unless quiet or in CI,
// log lines otherwise, nothing when quiet.
func New(w *os.File, quiet bool) Reporter {
	log := slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{ReplaceAttr: dropTime}))
	switch {
	case quiet:
		return Logs{Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	case os.Getenv("CI") == "" && term.IsTerminal(int(w.Fd())):
		return &Bars{W: w, Log: log}
	}
	return Logs{Log: log}
}

func dropTime(groups []string, a slog.Attr) slog.Attr {
	if a.Key == slog.TimeKey && len(groups) == 0 {
		return slog.Attr{}
	}
	return a
}

// Logs reports each stage as one line when it ends, with its wall time.
type Logs struct{ Log *slog.Logger }

func (l Logs) Start(name string, total int64) Stage {
	return &logStage{log: l.Log, name: name, start: time.Now()}
}

type logStage struct {
	log   *slog.Logger
	name  string
	start time.Time
	n     atomic.Int64
}

func (s *logStage) Add(n int64) { s.n.Add(n) }
func (s *logStage) Done(attrs ...any) {
	// The peak so far: the stage whose line first shows a jump is the one
	// that grew the process.
	args := append([]any{"stage", s.name, "elapsed", time.Since(s.start).Round(time.Millisecond)}, attrs...)
	args = append(args, "peak_rss_mb", PeakRSS()>>20)
	s.log.Info("done", args...)
}

// Bars shows a progress bar per stage, then its log line.
type Bars struct {
	W   io.Writer
	Log *slog.Logger
}

func (b *Bars) Start(name string, total int64) Stage {
	bar := progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(b.W),
		progressbar.OptionSetDescription(name),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionShowCount(),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetWidth(30),
	)
	return &barStage{bar: bar, logStage: logStage{log: b.Log, name: name, start: time.Now()}}
}

type barStage struct {
	bar *progressbar.ProgressBar
	logStage
}

func (s *barStage) Add(n int64) { s.bar.Add64(n) }
func (s *barStage) Done(attrs ...any) {
	s.bar.Finish()
	s.logStage.Done(attrs...)
}
