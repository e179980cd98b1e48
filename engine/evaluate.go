// Package engine loads the Rego rules (their METADATA, the sandbox) and
// evaluates them over the facts package facts streams, with SQL prefilters
// drawn from the rules so that most facts never reach Rego. It never reads
// the database itself: the facts come through a FactSource.
package engine

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/valyala/fastjson"

	"github.com/review-tool/review/facts"
	"github.com/review-tool/review/internal/crash"
	"github.com/review-tool/review/internal/model"
)

// Evaluation is what running the rules over the facts gives.
type Evaluation struct {
	Findings []model.Finding
	// NotChecked says, by rule id, on which sources the rule could not run
	// and why; Gaps says the same as data.
	NotChecked map[string][]string
	// Ran says, by rule id and source, whether the rule ran there: a count
	// built from a rule's findings is unknown, not zero, where it did not.
	Ran  map[string]map[string]bool
	Gaps map[string][]model.Gap
	// NotApplicable are, per rule, the sources whose product has nothing
	// the rule reads (a vendor rule on Remote Support): not run there, and
	// not a gap.
	NotApplicable map[string][]string
}

// Settings are the run's options that rules see.
type Settings struct {
	AsOf   time.Time
	Params map[string]any // every parameter, defaults applied
	// Capabilities of each source (docs/facts.md).
	Capabilities map[string]map[string]bool
	// Impossible are, per source, the capabilities no export of its
	// product has: a rule that needs only those there (Rule.AppliesTo)
	// does not run there and is not reported missing.
	Impossible map[string]map[string]bool
	// Reviewers names the reviewer of a finding the roster names no
	// manager for.
	Reviewers Reviewers
	Workers   int
	Timeout   time.Duration
	// MemoryLimit is the rules' share of --memory-limit in bytes, past
	// which a rule holding the Go heap is stopped (0: not watched);
	// MemoryFlag is that --memory-limit as written, for the message.
	MemoryLimit uint64
	MemoryFlag  string
	// NoPrefilter evaluates every fact in Rego instead of only the
	// candidates the rules' SQL prefilters select (for measuring, and for
	// checking that both give the same findings).
	NoPrefilter bool
}

// FactSource streams the facts of one kind. conds, when not empty, are SQL
// conditions over the fact (one per rule, in order): the source may return
// only facts meeting one of them and mark on each which, in its Candidate.
type FactSource func(ctx context.Context, kind string, conds []string, fn func(*facts.Fact) error) error

// Evaluate runs every rule over the facts of its input kind.
func Evaluate(ctx context.Context, rs *RuleSet, source FactSource, s Settings) (*Evaluation, error) {
	ev := &Evaluation{NotChecked: map[string][]string{}, Ran: map[string]map[string]bool{}, Gaps: map[string][]model.Gap{},
		NotApplicable: map[string][]string{}}
	sources := make([]string, 0, len(s.Capabilities))
	for src := range s.Capabilities {
		sources = append(sources, src)
	}
	sort.Strings(sources)
	// runs[rule][source]: whether the source has what the rule needs.
	runs := ev.Ran
	for _, r := range rs.Rules {
		runs[r.ID] = map[string]bool{}
		for _, src := range sources {
			if !r.AppliesTo(s.Impossible[src]) {
				runs[r.ID][src] = false
				ev.NotApplicable[r.ID] = append(ev.NotApplicable[r.ID], src)
				continue
			}
			missing := possible(r.Missing(s.Capabilities[src]), s.Impossible[src])
			runs[r.ID][src] = len(missing) == 0
			if len(missing) > 0 {
				gap := model.Gap{Source: src, Missing: missing}
				ev.NotChecked[r.ID] = append(ev.NotChecked[r.ID], gap.String())
				ev.Gaps[r.ID] = append(ev.Gaps[r.ID], gap)
			}
		}
	}
	store := inmem.NewFromObject(map[string]any{
		"params": s.Params,
		"review": map[string]any{"as_of": s.AsOf.Format("2006-01-02")},
	})
	compiler, err := compileRules(rs)
	if err != nil {
		return nil, err
	}
	// One slot per worker says what it evaluates, for the watchdogs; the
	// memory watchdog runs over every kind and prefilter alike.
	busy := make([]atomic.Pointer[evaluation], workerCount(s))
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	if s.MemoryLimit > 0 {
		stop := watchMemory(busy, s.MemoryLimit, s.MemoryFlag, cancel)
		defer stop()
	}
	var keys []string // what tells apart the entity of each finding
	for _, kind := range facts.Kinds {
		var rules []*Rule
		for _, r := range rs.Rules {
			if r.Input == kind {
				rules = append(rules, r)
			}
		}
		if len(rules) == 0 {
			continue
		}
		queries := make([]rego.PreparedEvalQuery, len(rules))
		for i, r := range rules {
			if queries[i], err = prepare(ctx, compiler, r, store); err != nil {
				return nil, err
			}
		}
		var conds []string
		if !s.NoPrefilter {
			if conds, err = ruleConds(ctx, rs, rules, store, s.Timeout, &busy[0]); err != nil {
				return nil, stopCause(ctx, err)
			}
		}
		start := time.Now()
		found, err := evalKind(ctx, rules, queries, conds, kind, source, store, s, busy)
		if err != nil {
			return nil, stopCause(ctx, err)
		}
		slog.Debug("rules", "kind", kind, "rules", len(rules), "hits", len(found), "elapsed", time.Since(start).Round(time.Millisecond))
		for _, h := range found {
			// A fact of a source that lacks what the rule needs gives no
			// finding. A fact over several sources (a license row for all
			// of a product's sources, source "*") is not one of them: its
			// SQL counted what those sources had.
			if ok, known := runs[h.rule.ID][h.fact.Source]; known && !ok {
				continue
			}
			ev.Findings = append(ev.Findings, makeFinding(h.rule, h, s))
			keys = append(keys, h.key)
		}
	}
	disambiguate(ev.Findings, keys)
	sort.SliceStable(ev.Findings, func(i, j int) bool { return model.Less(&ev.Findings[i], &ev.Findings[j]) })
	return ev, nil
}

// workerCount is how many goroutines evaluate: Settings.Workers, or one
// per core.
func workerCount(s Settings) int {
	if s.Workers < 1 {
		return runtime.NumCPU()
	}
	return s.Workers
}

// stopCause is the error a watchdog stopped the evaluation with, when one
// did (the evaluation then fails with a mere "context canceled"), else err.
func stopCause(ctx context.Context, err error) error {
	var m *RuleMemoryError
	if cause := context.Cause(ctx); errors.As(cause, &m) {
		return m
	}
	return err
}

// compileRules compiles every rule module once; each rule's query is then
// prepared against the compiled modules, which costs little.
func compileRules(rs *RuleSet) (*ast.Compiler, error) {
	modules := make(map[string]*ast.Module, len(rs.Rules))
	for _, r := range rs.Rules {
		modules[r.File] = r.Module
	}
	c := ast.NewCompiler().WithCapabilities(Capabilities())
	if c.Compile(modules); c.Failed() {
		return nil, fmt.Errorf("compile rules: %w", c.Errors)
	}
	return c, nil
}

// prepare readies one rule's finding document for evaluation. Each rule is
// its own query so that a fact is evaluated only by the rules it is a
// candidate for.
func prepare(ctx context.Context, c *ast.Compiler, r *Rule, store storage.Store) (rego.PreparedEvalQuery, error) {
	pq, err := rego.New(
		rego.Query(r.Ref()),
		rego.Compiler(c),
		rego.Capabilities(Capabilities()),
		rego.StrictBuiltinErrors(true),
		rego.Store(store),
	).PrepareForEval(ctx)
	if err != nil {
		return pq, fmt.Errorf("compile rule %s: %w", r.ID, err)
	}
	return pq, nil
}

// ruleConds gives each rule's prefilter, "true" for a rule that cannot be
// narrowed (every fact is its candidate).
func ruleConds(ctx context.Context, rs *RuleSet, rules []*Rule, store storage.Store, timeout time.Duration, busy *atomic.Pointer[evaluation]) ([]string, error) {
	conds := make([]string, len(rules))
	for i, r := range rules {
		rctx, cancel := ctx, context.CancelFunc(func() {})
		if timeout > 0 {
			rctx, cancel = context.WithTimeout(ctx, timeout)
		}
		busy.Store(&evaluation{rule: r, since: time.Now()}) // no fact: the memory watchdog names the prefilter
		cond, ok, err := prefilter(rctx, rs, r, store)
		busy.Store(nil)
		timedOut := rctx.Err() == context.DeadlineExceeded && ctx.Err() == nil
		cancel()
		if timedOut {
			return nil, &RuleTimeoutError{Rule: r, Timeout: timeout}
		}
		if err != nil {
			return nil, err
		}
		if !ok {
			cond = "true"
		}
		conds[i] = cond
	}
	return conds, nil
}

// hit is a rule's finding on a fact, with what the engine computed from
// the fact and keeps once its JSON is dropped.
type hit struct {
	fact    *facts.Fact
	rule    *Rule
	finding map[string]any
	// key tells the entity apart from another of the same name (provider
	// name and id).
	key string
	// auth is the account's last authentication evidence.
	auth map[string]any
}

// evalKind evaluates the facts of a kind on all cores, each by the rules
// it is a candidate for, and returns the hits in fact order, then rule id.
// When rules fail, the error is the one on the first failing entity by
// source, entity type and name, whatever the number of workers and the
// order the facts come in: the same input gives the same message, with or
// without the SQL prefilters (which change that order).
func evalKind(ctx context.Context, rules []*Rule, queries []rego.PreparedEvalQuery, conds []string, kind string, source FactSource, store storage.Store, s Settings, busy []atomic.Pointer[evaluation]) ([]hit, error) {
	workers := len(busy)
	type job struct {
		n    int
		fact *facts.Fact
	}
	jobs := make(chan job, 256)
	var mu sync.Mutex
	results := map[int][]hit{}
	var firstErr error
	// ruleErr is the rule error on the first failing entity so far, at
	// ruleErrKey. Every fact is still evaluated, since a later one may come
	// first in that order: a failing run costs a full pass, once.
	var ruleErr error
	var ruleErrKey string
	var wg sync.WaitGroup
	ctx, cancelCause := context.WithCancelCause(ctx)
	defer cancelCause(nil)
	cancel := func() { cancelCause(nil) }
	if s.Timeout > 0 {
		stop := watch(busy, s.Timeout, cancelCause)
		defer stop()
	}
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				// A panic inside OPA or a conversion becomes this kind's
				// error rather than the end of the process.
				if p := recover(); p != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = crash.Recovered("evaluating the rules", p)
						cancel()
					}
					mu.Unlock()
					for range jobs {
					}
				}
			}()
			// One read transaction per worker for all its evaluations:
			// opening one per evaluation costs more than a simple rule.
			txn, err := store.NewTransaction(ctx)
			if err != nil {
				mu.Lock()
				if firstErr == nil {
					firstErr = err
					cancel()
				}
				mu.Unlock()
				for range jobs {
				}
				return
			}
			defer store.Abort(ctx, txn)
			w := &worker{txn: txn, asOf: s.AsOf, busy: &busy[w]}
			for j := range jobs {
				hits, key, err := w.evalFact(ctx, rules, queries, j.fact)
				if err != nil {
					if cause := context.Cause(ctx); errors.As(cause, new(*RuleTimeoutError)) || errors.As(cause, new(*RuleMemoryError)) {
						err = cause
					}
				}
				mu.Lock()
				var re *RuleError
				switch {
				case errors.As(err, &re):
					if k := j.fact.Source + "\x00" + j.fact.EntityType + "\x00" + j.fact.Entity + "\x00" + key; ruleErr == nil || k < ruleErrKey {
						ruleErr, ruleErrKey = err, k
					}
				case err != nil && firstErr == nil:
					firstErr = err
					cancel()
				}
				if len(hits) > 0 {
					results[j.n] = hits
				}
				mu.Unlock()
			}
		}()
	}
	n := 0
	err := source(ctx, kind, conds, func(f *facts.Fact) error {
		select {
		case jobs <- job{n, f}:
		case <-ctx.Done():
			return ctx.Err()
		}
		n++
		return nil
	})
	close(jobs)
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	if ruleErr != nil {
		return nil, ruleErr
	}
	if err != nil {
		return nil, err
	}
	keys := make([]int, 0, len(results))
	for k := range results {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	var out []hit
	for _, k := range keys {
		out = append(out, results[k]...)
	}
	return out, nil
}

// worker is what one evaluating goroutine keeps from fact to fact.
type worker struct {
	parser   fastjson.Parser
	interned internCache
	txn      storage.Transaction
	asOf     time.Time
	busy     *atomic.Pointer[evaluation] // what the worker evaluates now, for the watchdog
}

// evaluation is one rule being evaluated on one fact.
type evaluation struct {
	rule  *Rule
	fact  *facts.Fact
	since time.Time
}

// RuleTimeoutError is a rule that ran past --rule-timeout on one fact.
type RuleTimeoutError struct {
	Rule    *Rule
	Fact    *facts.Fact
	Timeout time.Duration
}

func (e *RuleTimeoutError) Error() string {
	if e.Fact == nil {
		return fmt.Sprintf("%s: rule %s ran longer than --rule-timeout %s while its SQL prefilter was derived, and was stopped",
			e.Rule.File, e.Rule.ID, e.Timeout)
	}
	return fmt.Sprintf("%s: rule %s ran longer than --rule-timeout %s on %s %q of %s and was stopped",
		e.Rule.File, e.Rule.ID, e.Timeout, e.Fact.EntityType, e.Fact.Entity, e.Fact.Source)
}

// InputError marks the timeout as the user's to fix (internal/inputerr):
// a slower rule needs a longer --rule-timeout, or a rule that ends.
func (e *RuleTimeoutError) InputError() bool { return true }

// watch cancels the evaluation, with a *RuleTimeoutError as the cause,
// once any worker has been on one rule and fact for longer than timeout.
// OPA checks for cancellation as it evaluates, so even a rule that loops
// stops. It returns the function that stops watching.
func watch(busy []atomic.Pointer[evaluation], timeout time.Duration, cancel context.CancelCauseFunc) func() {
	tick := min(max(timeout/4, 5*time.Millisecond), time.Second)
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(tick)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case now := <-t.C:
				for i := range busy {
					if e := busy[i].Load(); e != nil && now.Sub(e.since) > timeout {
						cancel(&RuleTimeoutError{Rule: e.rule, Fact: e.fact, Timeout: timeout})
						return
					}
				}
			}
		}
	}()
	return func() { close(done) }
}

// evalFact converts the fact once and evaluates it by each rule it is a
// candidate for. It also returns the fact's key (see hit), which orders a
// rule error's entities.
func (w *worker) evalFact(ctx context.Context, rules []*Rule, queries []rego.PreparedEvalQuery, f *facts.Fact) ([]hit, string, error) {
	input, key, err := inputValue(&w.parser, &w.interned, f.JSON)
	if err != nil {
		return nil, key, fmt.Errorf("fact %s %s: %w", f.Kind, f.Entity, err)
	}
	// The JSON is not needed past here; findings keep the fact, and a
	// million facts' JSON would stay alive with them.
	f.JSON = nil
	var out []hit
	for i, r := range rules {
		if !f.CandidateFor(i) {
			continue
		}
		w.busy.Store(&evaluation{rule: r, fact: f, since: time.Now()})
		rs, err := queries[i].Eval(ctx, rego.EvalParsedInput(input), rego.EvalTime(w.asOf), rego.EvalTransaction(w.txn))
		w.busy.Store(nil)
		if err != nil {
			return nil, key, evalError(r, f, err)
		}
		for _, res := range rs {
			for _, e := range res.Expressions {
				obj, err := checkFinding(r, f, e.Value)
				if err != nil {
					return nil, key, err
				}
				out = append(out, hit{fact: f, rule: r, finding: obj, key: key})
			}
		}
	}
	if len(out) > 0 && f.EntityType == model.EntityAccount {
		auth := authEvidence(input)
		for i := range out {
			out[i].auth = auth
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].rule.ID < out[j].rule.ID })
	return out, key, nil
}

// authEvidence is an account's last authentication and the days since, as
// evidence for the rules that ask for it (custom.evidence): the stale-seats
// rules, so every one of their findings on an account shows them, a
// terminated person's account as well.
func authEvidence(input ast.Value) map[string]any {
	obj, ok := input.(ast.Object)
	if !ok {
		return nil
	}
	get := func(key string) any {
		t := obj.Get(ast.StringTerm(key))
		if t == nil {
			return nil
		}
		v, err := ast.JSON(t.Value)
		if err != nil {
			return nil
		}
		return v
	}
	return map[string]any{
		"last_authentication": get("last_authentication"),
		"days_since":          get("days_since_last_authentication"),
	}
}

func makeFinding(r *Rule, h hit, s Settings) model.Finding {
	f := h.fact
	detail, _ := h.finding["detail"].(string)
	evidence, _ := h.finding["evidence"].(map[string]any) // checked by checkFinding
	if evidence == nil {
		evidence = map[string]any{}
	}
	if r.asks(EvidenceLastAuthentication) && f.EntityType == model.EntityAccount {
		for k, v := range h.auth {
			if _, ok := evidence[k]; !ok {
				evidence[k] = v
			}
		}
	}
	if r.asks(EvidenceSeatCost) && f.EntityType == model.EntityAccount && f.AnnualCost != nil {
		evidence["seat_product"] = f.SeatProduct
		evidence["annual_cost"] = *f.AnnualCost
		evidence["currency"] = f.Currency
	}
	return model.Finding{
		ID:          model.FindingID(r.ID, f.Source, f.EntityType, f.Entity),
		Rule:        r.ID,
		Family:      r.Family,
		Severity:    r.Severity,
		Title:       r.Title,
		Source:      f.Source,
		Product:     f.Product,
		EntityType:  f.EntityType,
		Entity:      f.Entity,
		DisplayName: f.DisplayName,
		Email:       f.Email,
		Detail:      detail,
		Remediation: r.Remediation,
		Reviewer:    s.Reviewers.For(f.Reviewer, f.Source),
		Status:      model.StatusNew,
		Evidence:    evidence,
	}
}

// disambiguate gives distinct ids to findings that would share one: two
// accounts with one username in different providers of a source, or two
// groups with one name. Their ids also hash what tells them apart (the
// provider's name, or the group's id: keys[i] for fs[i]), which stays the
// same next quarter.
func disambiguate(fs []model.Finding, keys []string) {
	seen := map[string]int{}
	for i := range fs {
		seen[fs[i].ID]++
	}
	for i := range fs {
		if seen[fs[i].ID] < 2 {
			continue
		}
		f := &fs[i]
		f.ID = model.FindingID(f.Rule, f.Source, f.EntityType, f.Entity+"\x00"+keys[i])
	}
}

// possible keeps, of each missing group, the alternatives the source's
// product could have given: "rs has no group_policy_members export", not
// also "or ps_user_group_users export", which Remote Support never has.
func possible(missing [][]string, impossible map[string]bool) [][]string {
	out := make([][]string, 0, len(missing))
	for _, group := range missing {
		out = append(out, slices.DeleteFunc(slices.Clone(group), func(c string) bool { return impossible[c] }))
	}
	return out
}
