package analyzers

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/valyala/fastjson"

	"github.com/review-tool/review/internal/model"
)

// Evaluation is what running the rules over the facts gives.
type Evaluation struct {
	Findings []model.Finding
	// NotChecked says, by rule id, on which sources the rule could not run
	// and why.
	NotChecked map[string][]string
}

// Settings are the run's options that rules see.
type Settings struct {
	AsOf     time.Time
	Params   map[string]any            // every parameter, defaults applied
	Severity map[string]model.Severity // --severity overrides by rule id
	// Capabilities of each source (docs/facts.md).
	Capabilities map[string]map[string]bool
	Workers      int
	Timeout      time.Duration
	// NoPrefilter evaluates every fact in Rego instead of only the
	// candidates the rules' SQL prefilters select (for measuring, and for
	// checking that both give the same findings).
	NoPrefilter bool
}

// FactSource streams the facts of one kind that satisfy filter (a SQL
// condition over the fact JSON; empty = all).
type FactSource func(ctx context.Context, kind, filter string, fn func(*Fact) error) error

// Evaluate runs every rule over the facts of its input kind.
func Evaluate(ctx context.Context, rs *RuleSet, source FactSource, s Settings) (*Evaluation, error) {
	ev := &Evaluation{NotChecked: map[string][]string{}}
	sources := make([]string, 0, len(s.Capabilities))
	for src := range s.Capabilities {
		sources = append(sources, src)
	}
	sort.Strings(sources)
	// runs[rule][source]: whether the source has what the rule needs.
	runs := map[string]map[string]bool{}
	for _, r := range rs.Rules {
		runs[r.ID] = map[string]bool{}
		for _, src := range sources {
			missing := r.Missing(s.Capabilities[src])
			runs[r.ID][src] = len(missing) == 0
			if len(missing) > 0 {
				ev.NotChecked[r.ID] = append(ev.NotChecked[r.ID], fmt.Sprintf("%s: no %s", src, strings.Join(missing, ", no ")))
			}
		}
	}
	store := inmem.NewFromObject(map[string]any{
		"params": s.Params,
		"review": map[string]any{"as_of": s.AsOf.Format("2006-01-02")},
	})
	var facts []*Fact // the fact of each finding
	for _, kind := range FactKinds {
		var rules []*Rule
		for _, r := range rs.Rules {
			if r.Input == kind {
				rules = append(rules, r)
			}
		}
		if len(rules) == 0 {
			continue
		}
		pq, err := prepare(ctx, rs, kind, rules, store)
		if err != nil {
			return nil, err
		}
		byID := map[string]*Rule{}
		for _, r := range rules {
			byID[r.ID] = r
		}
		filter := ""
		if !s.NoPrefilter {
			if filter, err = kindFilter(ctx, rs, rules, store); err != nil {
				return nil, err
			}
		}
		found, err := evalKind(ctx, pq, kind, filter, source, s)
		if err != nil {
			return nil, err
		}
		for _, h := range found {
			r := byID[h.rule]
			if !runs[r.ID][h.fact.Source] {
				continue
			}
			ev.Findings = append(ev.Findings, makeFinding(r, h, s))
			facts = append(facts, h.fact)
		}
	}
	disambiguate(ev.Findings, facts)
	sort.SliceStable(ev.Findings, func(i, j int) bool { return model.Less(&ev.Findings[i], &ev.Findings[j]) })
	return ev, nil
}

// prepare compiles the rules of one input kind with a generated module that
// collects every rule's finding, so each fact is evaluated once.
func prepare(ctx context.Context, rs *RuleSet, kind string, rules []*Rule, store storage.Store) (rego.PreparedEvalQuery, error) {
	var agg strings.Builder
	fmt.Fprintf(&agg, "package review.eval.%s\n\n", kind)
	for _, r := range rules {
		fmt.Fprintf(&agg, "results contains [%q, f] if {\n\tf := %s\n}\n\n", r.ID, r.Ref())
	}
	opts := []func(*rego.Rego){
		rego.Query("data.review.eval." + kind + ".results"),
		rego.Module("review/eval/"+kind+".rego", agg.String()),
		rego.Capabilities(Capabilities()),
		rego.StrictBuiltinErrors(true),
		rego.Store(store),
	}
	for _, r := range rs.Rules {
		opts = append(opts, rego.ParsedModule(r.Module))
	}
	pq, err := rego.New(opts...).PrepareForEval(ctx)
	if err != nil {
		return pq, fmt.Errorf("compile rules: %w", err)
	}
	return pq, nil
}

// kindFilter ORs the prefilters of the rules of one kind; "" when any rule
// cannot be narrowed.
func kindFilter(ctx context.Context, rs *RuleSet, rules []*Rule, store storage.Store) (string, error) {
	var ors []string
	for _, r := range rules {
		cond, ok, err := prefilter(ctx, rs, r, store)
		if err != nil {
			return "", err
		}
		if !ok {
			return "", nil
		}
		ors = append(ors, "("+cond+")")
	}
	return strings.Join(ors, "\n OR "), nil
}

type hit struct {
	fact    *Fact
	rule    string
	finding map[string]any
}

// evalKind evaluates every fact of a kind on all cores and returns the hits
// in fact order.
func evalKind(ctx context.Context, pq rego.PreparedEvalQuery, kind, filter string, facts FactSource, s Settings) ([]hit, error) {
	workers := s.Workers
	if workers < 1 {
		workers = runtime.NumCPU()
	}
	type job struct {
		n    int
		fact *Fact
	}
	jobs := make(chan job, 256)
	var mu sync.Mutex
	results := map[int][]hit{}
	var firstErr error
	var wg sync.WaitGroup
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var parser fastjson.Parser
			for j := range jobs {
				hits, err := evalFact(ctx, pq, &parser, j.fact, s.AsOf)
				mu.Lock()
				if err != nil && firstErr == nil {
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
	err := facts(ctx, kind, filter, func(f *Fact) error {
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

func evalFact(ctx context.Context, pq rego.PreparedEvalQuery, parser *fastjson.Parser, f *Fact, asOf time.Time) ([]hit, error) {
	input, err := inputValue(parser, f.JSON)
	if err != nil {
		return nil, fmt.Errorf("fact %s %s: %w", f.Kind, f.Entity, err)
	}
	rs, err := pq.Eval(ctx, rego.EvalParsedInput(input), rego.EvalTime(asOf))
	if err != nil {
		return nil, fmt.Errorf("evaluate rules on %s %q of %s: %w", f.EntityType, f.Entity, f.Source, err)
	}
	var out []hit
	for _, r := range rs {
		for _, e := range r.Expressions {
			set, _ := e.Value.([]any)
			for _, item := range set {
				pair, _ := item.([]any)
				if len(pair) != 2 {
					continue
				}
				id, _ := pair[0].(string)
				obj, _ := pair[1].(map[string]any)
				out = append(out, hit{fact: f, rule: id, finding: obj})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].rule < out[j].rule })
	return out, nil
}

func makeFinding(r *Rule, h hit, s Settings) model.Finding {
	f := h.fact
	sev := r.Severity
	if o, ok := s.Severity[r.ID]; ok {
		sev = o
	}
	detail, _ := h.finding["detail"].(string)
	evidence, _ := h.finding["evidence"].(map[string]any)
	if evidence == nil {
		evidence = map[string]any{}
	}
	if r.Family == "stale-seats" && f.EntityType == model.EntityAccount && f.AnnualCost != nil {
		evidence["seat_product"] = f.SeatProduct
		evidence["annual_cost"] = *f.AnnualCost
		evidence["currency"] = f.Currency
	}
	return model.Finding{
		ID:          model.FindingID(r.ID, f.Source, f.EntityType, f.Entity),
		Rule:        r.ID,
		Family:      r.Family,
		Severity:    sev,
		Title:       r.Title,
		Source:      f.Source,
		Product:     f.Product,
		EntityType:  f.EntityType,
		Entity:      f.Entity,
		DisplayName: f.DisplayName,
		Email:       f.Email,
		Detail:      detail,
		Remediation: r.Remediation,
		Reviewer:    f.Reviewer,
		Status:      model.StatusNew,
		Evidence:    evidence,
	}
}

// disambiguate gives distinct ids to findings that would share one: two
// accounts with one username in different providers of a source, or two
// groups with one name. Their ids also hash what tells them apart (the
// provider's name, or the group's id), which stays the same next quarter.
func disambiguate(fs []model.Finding, facts []*Fact) {
	seen := map[string]int{}
	for i := range fs {
		seen[fs[i].ID]++
	}
	for i := range fs {
		if seen[fs[i].ID] < 2 {
			continue
		}
		var fact struct {
			ID       any `json:"id"`
			Provider *struct {
				Name string `json:"name"`
			} `json:"provider"`
		}
		json.Unmarshal(facts[i].JSON, &fact)
		key := fmt.Sprint(fact.ID)
		if fact.Provider != nil {
			key = fact.Provider.Name + "\x00" + key
		}
		f := &fs[i]
		f.ID = model.FindingID(f.Rule, f.Source, f.EntityType, f.Entity+"\x00"+key)
	}
}
