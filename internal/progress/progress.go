// Package progress reports the stages of a run: a progress bar per stage on
// a terminal, one log line per stage otherwise (in CI, with --quiet, or when
// standard error is redirected), so callers never need an if.
package progress

import (
	"fmt"
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
	// Start begins a stage that counts unit ("files", "facts", "rows");
	// total is its amount of work, or -1 when unknown.
	Start(name, unit string, total int64) Stage
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

func (l Logs) Start(name, unit string, total int64) Stage {
	return &logStage{log: l.Log, name: name, unit: unit, start: time.Now()}
}

type logStage struct {
	log   *slog.Logger
	name  string
	unit  string
	start time.Time
	n     atomic.Int64
}

func (s *logStage) Add(n int64) { s.n.Add(n) }
func (s *logStage) Done(attrs ...any) {
	// The peak so far: the stage whose line first shows a jump is the one
	// that grew the process.
	args := []any{"stage", s.name, "elapsed", time.Since(s.start).Round(time.Millisecond)}
	if n := s.n.Load(); n > 0 && s.unit != "" {
		args = append(args, s.unit, n)
	}
	args = append(append(args, attrs...), "peak_rss_mb", PeakRSS()>>20)
	s.log.Info("done", args...)
}

// Bars shows a progress bar per stage with its count ("facts 3/5", or a
// spinner and the count so far when the total is unknown), then its log
// line.
type Bars struct {
	W   io.Writer
	Log *slog.Logger
}

func (b *Bars) Start(name, unit string, total int64) Stage {
	bar := progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(b.W),
		progressbar.OptionSetDescription(fmt.Sprintf("%-5s %s", name, unit)),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionShowCount(),
		progressbar.OptionShowTotalBytes(true),
		progressbar.OptionSetRenderBlankState(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetWidth(30),
	)
	return &barStage{bar: bar, logStage: logStage{log: b.Log, name: name, unit: unit, start: time.Now()}}
}

type barStage struct {
	bar *progressbar.ProgressBar
	logStage
}

func (s *barStage) Add(n int64) {
	s.logStage.Add(n)
	_ = s.bar.Add64(n)
}
func (s *barStage) Done(attrs ...any) {
	s.bar.Finish()
	s.logStage.Done(attrs...)
}
