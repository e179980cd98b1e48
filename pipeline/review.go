package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/review-tool/review/controls"
	"github.com/review-tool/review/engine"
	"github.com/review-tool/review/exceptions"
	"github.com/review-tool/review/facts"
	"github.com/review-tool/review/findings"
	"github.com/review-tool/review/internal/db"
	"github.com/review-tool/review/internal/inputerr"
	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/internal/progress"
	"github.com/review-tool/review/previous"
	"github.com/review-tool/review/rules"
	"github.com/review-tool/review/schema"
)

// review runs the stages in their order: the rules and the run's settings
// first (a mistake there costs no reading), then DuckDB is locked (with
// the databases review did not make attached and checked: lockDown),
// then the files, the checks
// across files, the facts, the rules' evaluation and the review's
// assembly. Temporary files go to tmp.
func review(ctx context.Context, database *sql.DB, cfg *Config, rep progress.Reporter, tmp string) (*model.Review, error) {
	rs, st, err := settle(cfg)
	if err != nil {
		return nil, err
	}
	stored, err := lockDown(ctx, database, cfg)
	if err != nil {
		return nil, err
	}
	prevAccounts, err := loadPreviousAccounts(ctx, database, cfg, tmp)
	if err != nil {
		return nil, err
	}
	in, err := readInput(ctx, database, cfg, st, rep, tmp, stored)
	if err != nil {
		return nil, err
	}
	if err := buildFacts(ctx, database, cfg, st, in, rep); err != nil {
		return nil, err
	}
	ev, err := evaluate(ctx, database, cfg, rs, st, in.manifest, rep)
	if err != nil {
		return nil, err
	}
	compared := comparePrevious(cfg, st.previous, ev)
	excepted := applyExceptions(cfg, st.exceptions, ev.Findings)
	// The findings, with the status the previous run and the exceptions
	// gave them, go into the database once; every view joins them there.
	if err := findings.Store(ctx, database, ev.Findings, ev.Ran); err != nil {
		return nil, err
	}
	rev, err := assemble(ctx, database, cfg, in.manifest, rs, st.params, ev)
	if err != nil {
		return nil, err
	}
	rev.Exceptions = excepted
	// The comparison of findings sets rev.Previous; the access changes
	// add what their part could and could not compare to it.
	compared.addTo(rev)
	if err := addAccessChanges(ctx, database, cfg, rev, prevAccounts); err != nil {
		return nil, err
	}
	rev.Controls = st.controls.Controls
	rev.ReturnTo = cfg.ReturnTo
	if rev.ReturnTo == "" && st.config != nil {
		rev.ReturnTo = strings.TrimSpace(st.config.Campaign.ReturnTo)
	}
	if reg := st.exceptions; reg != nil {
		// The register went in like any input: the Evidence sheet and the
		// manifest list it with its hash.
		rev.Inputs = append(append([]model.InputFile(nil), rev.Inputs...), model.InputFile{
			Kind: "exceptions", Path: reg.File, SHA256: reg.SHA256, Bytes: reg.Bytes, RowsRead: int64(len(reg.Entries))})
	}
	// The config file and the previous run change what the review says
	// (parameters, severities, owners, control mappings; statuses and
	// decisions carried forward), so they are listed with their hashes too.
	settingFiles, err := hashedSettings(cfg)
	if err != nil {
		return nil, err
	}
	rev.Inputs = append(append([]model.InputFile(nil), rev.Inputs...), settingFiles...)
	rev.Population = facts.Populations(in.manifest.Files, in.loaded, rev.Sources)
	return rev, nil
}

// readInput is the read stage: the exports, or the database a
// previous ingest kept (Config.FromDatabase), whose tables are stored.
func readInput(ctx context.Context, database *sql.DB, cfg *Config, st *settings, rep progress.Reporter, tmp string, stored db.Catalogue) (*input, error) {
	if cfg.FromDatabase != "" {
		return loadStored(ctx, database, cfg, st, rep, stored)
	}
	return read(ctx, database, cfg, st, rep, tmp)
}

// buildFacts is the facts stage. A kept database (Config.Database) gets
// the manifest beside its raw tables, so that a later run can review it
// without the exports; otherwise the raw and intermediate tables are
// dropped, unless Config.KeepIntermediate asks for them.
func buildFacts(ctx context.Context, database *sql.DB, cfg *Config, st *settings, in *input, rep progress.Reporter) error {
	stage := rep.Start("facts", "steps", facts.Steps())
	run := facts.Run{AsOf: cfg.AsOf, Params: st.params}
	if err := facts.BuildStepwise(ctx, database, in.manifest, run, func() { stage.Add(1) }); err != nil {
		return err
	}
	switch {
	case cfg.Database != "":
		if err := saveManifest(ctx, database, in.manifest, in.fileWarnings, cfg.Lenient); err != nil {
			return err
		}
	case !cfg.KeepIntermediate:
		if err := facts.DropInputs(ctx, database); err != nil {
			return err
		}
	}
	stage.Done()
	return nil
}

// settings are what the run resolved of its rules' settings.
type settings struct {
	params map[string]any
	config *config // nil without a config file
	// exceptions is the --exceptions register, nil without one.
	exceptions *exceptions.Register
	// previous is the previous run's findings (--previous), nil without.
	previous *previous.Run
	// controls is the control catalogue, with the --config file's.
	controls *controls.Catalogue
}

// settle loads the rules and resolves the run's settings, once: the
// parameters (their defaults from the rules' METADATA, then the config
// file, then Config.Params) and the severity overrides, which it gives to
// the rules themselves so that every later reader sees one severity.
func settle(cfg *Config) (*engine.RuleSet, *settings, error) {
	rs, err := engine.LoadRules(rules.FS, cfg.RuleDirs)
	if err != nil {
		return nil, nil, inputerr.Wrap(err)
	}
	for _, w := range rs.Replacements() {
		cfg.warn(w)
	}
	st := &settings{}
	if cfg.ConfigFile != "" {
		if st.config, err = readConfig(cfg.ConfigFile); err != nil {
			return nil, nil, inputerr.Wrap(err)
		}
	}
	if st.params, err = resolveParams(rs, st.config, cfg.Params); err != nil {
		return nil, nil, inputerr.Wrap(err)
	}
	severities, err := resolveSeverities(rs, st.config, cfg.Severities)
	if err != nil {
		return nil, nil, inputerr.Wrap(err)
	}
	rs.OverrideSeverities(severities)
	if st.controls, err = settleControls(cfg, rs, st); err != nil {
		return nil, nil, err
	}
	if cfg.Exceptions != "" {
		ids := map[string]bool{}
		for _, r := range rs.Rules {
			ids[r.ID] = true
		}
		if st.exceptions, err = exceptions.Load(cfg.Exceptions, ids); err != nil {
			return nil, nil, err
		}
	}
	if cfg.Previous != "" {
		if st.previous, err = previous.Load(cfg.Previous); err != nil {
			return nil, nil, err
		}
	}
	return rs, st, nil
}

// evaluate runs the rules over the facts, each source gated by its
// capabilities.
func evaluate(ctx context.Context, database *sql.DB, cfg *Config, rs *engine.RuleSet, st *settings, m *model.Manifest, rep progress.Reporter) (*engine.Evaluation, error) {
	caps, impossible := map[string]map[string]bool{}, map[string]map[string]bool{}
	for _, s := range m.Sources {
		caps[s.Name], impossible[s.Name] = s.Capabilities, map[string]bool{}
		for _, c := range schema.Capabilities {
			if !schema.CapabilityExists(c, s.Product) {
				impossible[s.Name][c] = true
			}
		}
	}
	stage := rep.Start("rules", "facts", -1)
	ev, err := engine.Evaluate(ctx, rs, func(ctx context.Context, kind string, conds []string, fn func(*facts.Fact) error) error {
		return facts.Each(ctx, database, kind, conds, func(f *facts.Fact) error {
			stage.Add(1)
			return fn(f)
		})
	}, engine.Settings{AsOf: cfg.AsOf, Params: st.params, Capabilities: caps, Impossible: impossible, Reviewers: reviewers(st.params, st.config),
		Workers: cfg.Workers, NoPrefilter: cfg.NoPrefilter, Timeout: cfg.RuleTimeout,
		MemoryLimit: RulesShare(cfg.MemoryLimit), MemoryFlag: cfg.MemoryLimit})
	if err != nil {
		return nil, err
	}
	stage.Done("rules", len(rs.Rules), "findings", len(ev.Findings))
	return ev, nil
}

// applyExceptions marks the findings the register covers and warns of
// every entry that matched nothing, so that stale exceptions get removed.
func applyExceptions(cfg *Config, reg *exceptions.Register, findings []model.Finding) []model.Exception {
	out := exceptions.Apply(reg, findings, cfg.AsOf.Format("2006-01-02"))
	for _, e := range out {
		if e.Covered == 0 {
			cfg.warn(fmt.Sprintf("%s:%d: exception for %s on %q matched no finding (unused)", e.File, e.Line, e.Rule, e.Entity))
		}
	}
	return out
}
