package engine

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/metrics"
	"sync/atomic"
	"time"

	"github.com/review-tool/review/facts"
)

// memoryTick is how often the memory watchdog samples the heap: often
// enough to stop a rule before it holds much more than its share (a rule
// building a set allocates hundreds of MB a second), rarely enough to cost
// nothing measurable (one read of two runtime metrics, no stop of the
// world).
const memoryTick = 50 * time.Millisecond

// heapLive is the runtime metric the watchdog reads: the heap that the
// last collection found reachable. Unlike the heap's current size it holds
// no garbage, so a run whose rules allocate fast but keep little never
// trips it; a rule that keeps what it builds does, within a collection or
// two, since the soft memory limit makes the collector run as the heap
// nears it.
const heapLive = "/gc/heap/live:bytes"

// gcCycles counts the collections ended, to tell whether heapLive was
// measured while an evaluation ran.
const gcCycles = "/gc/cycles/total:gc-cycles"

// RuleMemoryError is a rule that took the memory of rule evaluation (the
// Go heap) past its share of --memory-limit while it evaluated one fact,
// or while its SQL prefilter was derived (Fact nil).
type RuleMemoryError struct {
	Rule *Rule
	Fact *facts.Fact
	// Limit is the share in bytes; Flag the --memory-limit it is part of,
	// as the user wrote it.
	Limit uint64
	Flag  string
}

func (e *RuleMemoryError) Error() string {
	where := "while its SQL prefilter was derived"
	if e.Fact != nil {
		where = fmt.Sprintf("on %s %q of %s", e.Fact.EntityType, e.Fact.Entity, e.Fact.Source)
	}
	return fmt.Sprintf("%s: rule %s took the rules' memory past %s (their share of --memory-limit %s) %s and was stopped: "+
		"a rule that builds a set or array this large needs rewriting, or raise --memory-limit",
		e.Rule.File, e.Rule.ID, mib(e.Limit), e.Flag, where)
}

// InputError marks the error as the user's to fix (internal/inputerr): a
// rule that holds less, or a larger --memory-limit.
func (e *RuleMemoryError) InputError() bool { return true }

func mib(n uint64) string { return fmt.Sprintf("%d MiB", n>>20) }

// watchMemory cancels the evaluation, with a *RuleMemoryError as the
// cause, once a collection that ended while one rule was on one fact (the
// oldest evaluation running) found more live heap than limit: memory that
// grew while a single evaluation ran. Asking for a collection within that
// evaluation keeps a figure from before it (a stage's garbage, another
// run's) from blaming it; many short evaluations of a large run, whose
// findings fill the heap, are never blamed. One goroutine for the whole
// evaluation; it returns the function that stops it, which logs the peak
// it saw at debug level (--debug), to size the share against a real run.
func watchMemory(busy []atomic.Pointer[evaluation], limit uint64, flag string, cancel context.CancelCauseFunc) func() {
	done, stopped := make(chan struct{}), make(chan struct{})
	sample := []metrics.Sample{{Name: heapLive}, {Name: gcCycles}}
	var peak uint64
	go func() {
		defer close(stopped)
		t := time.NewTicker(memoryTick)
		defer t.Stop()
		var watched *evaluation // the oldest evaluation at the last tick
		var since uint64        // the collections ended before it was seen
		for {
			select {
			case <-done:
				return
			case <-t.C:
				metrics.Read(sample)
				if sample[0].Value.Kind() != metrics.KindUint64 || sample[1].Value.Kind() != metrics.KindUint64 {
					return // not in this runtime: nothing to watch
				}
				live, cycles := sample[0].Value.Uint64(), sample[1].Value.Uint64()
				peak = max(peak, live)
				e := oldest(busy)
				if e != watched {
					watched, since = e, cycles
					continue
				}
				if e != nil && live > limit && cycles > since {
					cancel(&RuleMemoryError{Rule: e.rule, Fact: e.fact, Limit: limit, Flag: flag})
					return
				}
			}
		}
	}()
	return func() {
		close(done)
		<-stopped
		slog.Debug("rules memory", "peak_live", mib(peak), "limit", mib(limit))
	}
}

// oldest is the evaluation that has run longest, or nil when no worker
// evaluates.
func oldest(busy []atomic.Pointer[evaluation]) *evaluation {
	var out *evaluation
	for i := range busy {
		if e := busy[i].Load(); e != nil && (out == nil || e.since.Before(out.since)) {
			out = e
		}
	}
	return out
}
