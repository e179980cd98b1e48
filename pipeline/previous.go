package pipeline

import (
	"github.com/review-tool/review/engine"
	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/previous"
)

// comparison is what comparing with the previous run (--previous) gave,
// kept until the review is assembled.
type comparison struct {
	run      *previous.Run
	resolved []model.ResolvedFinding
}

// comparePrevious sets each finding's status against the previous run,
// before exceptions are applied (an exception's status wins), and keeps
// the previous findings that are gone. Without --previous every finding
// stays new.
func comparePrevious(cfg *Config, run *previous.Run, ev *engine.Evaluation) *comparison {
	if run == nil {
		return nil
	}
	resolved := previous.Compare(run, ev.Findings, previous.Coverage{Ran: ev.Ran, Gaps: ev.Gaps})
	for _, n := range run.Notes {
		if !run.Quiet[n] {
			cfg.warn(n)
		}
	}
	return &comparison{run: run, resolved: resolved}
}

// addTo puts the comparison on the review: the previous run (an input
// like any other, with its hash, on the Evidence sheet and in the
// manifest) and the resolved findings.
func (c *comparison) addTo(rev *model.Review) {
	if c == nil {
		return
	}
	rev.Previous = c.run.Info()
	rev.Resolved = c.resolved
	if rev.Resolved == nil {
		rev.Resolved = []model.ResolvedFinding{}
	}
	rev.Inputs = append(append([]model.InputFile(nil), rev.Inputs...), c.run.Input())
}
