package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/review-tool/review/analyzers"
	"github.com/review-tool/review/ingest"
	"github.com/review-tool/review/ingest/raw"
	"github.com/review-tool/review/internal/cleanup"
	"github.com/review-tool/review/internal/db"
	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/internal/progress"
	"github.com/review-tool/review/reports"
	"github.com/review-tool/review/rules"
)

// runOptions are the flags of review run.
type runOptions struct {
	out, json, csv string
	asOf           string
	roster         string
	licenses       string
	configFile     string
	params         []string
	severities     []string
	products       []string
	ruleDirs       []string
	dbPath         string
	memoryLimit    string
	failOn         string
	quiet, debug   bool
	skipUnknown    bool
	lenient        bool
	ruleTimeout    time.Duration
	issues         string
	workers        int
	cpuProfile     string
	noPrefilter    bool
	encodings      []string
	dateOrders     []string
}

// outputs are the files the run writes ("" for those not asked for).
func (o *runOptions) outputs() []string { return []string{o.out, o.json, o.csv, o.issues} }

func (o *runOptions) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.out, "out", "review-findings.xlsx", "the findings workbook to write")
	fs.StringVar(&o.json, "json", "", "also write the findings as JSON Lines to `FILE` (- for standard output)")
	fs.StringVar(&o.csv, "csv", "", "also write the findings as CSV to `FILE` (- for standard output)")
	fs.StringVar(&o.asOf, "as-of", "", "the review date `YYYY-MM-DD` that every \"days since\" counts to (default today, UTC)")
	fs.StringVar(&o.roster, "roster", "", "HR/IdP roster `FILE` (CSV or XLSX)")
	fs.StringVar(&o.licenses, "licenses", "", "license `FILE` (CSV or YAML)")
	fs.StringVar(&o.configFile, "config", "", "YAML `FILE` with params: (and severity:) sections")
	fs.StringArrayVar(&o.params, "param", nil, "set a rule parameter, `name=value` (repeatable)")
	fs.StringArrayVar(&o.severities, "severity", nil, "override a rule's severity, `rule-id=high|medium|low` (repeatable)")
	fs.StringArrayVar(&o.products, "product", nil, "set a source's product, `NAME=pra|rs|password-safe` (repeatable)")
	fs.StringArrayVar(&o.ruleDirs, "rules", nil, "add the .rego rules of `DIR` (a rule with a built-in id replaces it)")
	fs.StringVar(&o.dbPath, "db", "", "keep the DuckDB database in `FILE` instead of memory")
	fs.StringVar(&o.memoryLimit, "memory-limit", "1536MB", "how much memory DuckDB may hold before it spills to the temporary folder (`SIZE`, e.g. 4GB)")
	fs.StringVar(&o.failOn, "fail-on", "", "exit 1 when a finding of this `SEVERITY` or higher exists")
	fs.StringArrayVar(&o.encodings, "encoding", nil, encodingUsage)
	fs.StringArrayVar(&o.dateOrders, "date-order", nil, dateOrderUsage)
	fs.BoolVar(&o.skipUnknown, "skip-unknown", false, "warn about unrecognised files instead of stopping")
	fs.BoolVar(&o.lenient, "lenient", false, "keep bad rows out of the analysis and list them on the Ingest Issues sheet, instead of stopping at the first")
	fs.StringVar(&o.issues, "issues", "", "with --lenient, also write the rows kept out as JSON Lines to `FILE` (- for standard output)")
	fs.DurationVar(&o.ruleTimeout, "rule-timeout", 60*time.Second, "stop a rule that evaluates one entity for longer than this `DURATION`, e.g. 90s (0: no limit)")
	fs.IntVar(&o.workers, "workers", 0, "rule evaluation workers (default: one per core)")
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "no progress messages")
	fs.BoolVar(&o.debug, "debug", false, "show stack traces of internal errors and step timings")
	fs.StringVar(&o.cpuProfile, "cpuprofile", "", "write a Go CPU profile to `FILE` (for performance work)")
	fs.MarkHidden("cpuprofile")
	fs.BoolVar(&o.noPrefilter, "no-prefilter", false, "evaluate every fact in Rego, without the SQL prefilters derived from the rules")
}

const runUsage = `Usage: review run [flags] SOURCE...

Reads each SOURCE (a folder of exports, a .zip of them, or one file; NAME=PATH
names it), loads it into DuckDB, evaluates the rules and writes the findings
workbook. Ctrl-C stops the run and removes its temporary files.

Example:
  review run --as-of 2025-11-22 --roster hr.csv --licenses licenses.csv \
      --out findings.xlsx --json findings.jsonl exports/pra-prod exports/rs-prod

Flags:
`

// inputError marks errors that are the user's input or arguments: exit 2.
type inputError struct{ err error }

func (e *inputError) Error() string { return e.err.Error() }
func (e *inputError) Unwrap() error { return e.err }

// memorySize is what --memory-limit accepts (DuckDB's own units).
var memorySize = regexp.MustCompile(`^(?i)\d+(\.\d+)?\s*(b|kb|mb|gb|tb|kib|mib|gib|tib)$`)

func badInput(format string, a ...any) error { return &inputError{fmt.Errorf(format, a...)} }

func cmdRun(args []string) (code int) {
	var o runOptions
	fs := pflag.NewFlagSet("review run", pflag.ContinueOnError)
	fs.SortFlags = false
	o.AddFlags(fs)
	fs.Usage = func() {
		fmt.Fprint(stderr, runUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(stderr, "review: internal error: %v\n", p)
			if o.debug {
				stderr.Write(debug.Stack())
			}
			code = exitInternal
		}
	}()
	if o.debug {
		// Step timings inside the stages (facts SQL files, rules per kind).
		prev := slog.Default()
		slog.SetDefault(slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelDebug})))
		defer slog.SetDefault(prev)
	}
	defer stopOnSignal()()
	rep := newReporter(o.quiet)
	if o.cpuProfile != "" {
		f, err := os.Create(o.cpuProfile)
		if err != nil {
			fmt.Fprintln(stderr, "review:", err)
			return exitBadInput
		}
		pprof.StartCPUProfile(f)
		defer func() { pprof.StopCPUProfile(); f.Close() }()
	}
	code, err := runReview(context.Background(), &o, fs.Args(), args, rep)
	if err != nil {
		msg := err.Error()
		if code == exitInternal && !o.debug {
			msg = firstLine(msg) // one line; --debug shows all and the stack
		}
		fmt.Fprintln(stderr, "review:", msg)
		if o.debug {
			var pe *analyzers.PanicError
			var ie *ingest.InternalError
			switch {
			case errors.As(err, &pe):
				stderr.Write(pe.Stack)
			case errors.As(err, &ie):
				stderr.Write(ie.Stack)
			}
		}
	}
	return code
}

// newReporter shows progress on standard error (bars on a terminal, log
// lines otherwise), or nothing with --quiet.
func newReporter(quiet bool) progress.Reporter {
	if f, ok := stderr.(*os.File); ok {
		return progress.New(f, quiet)
	}
	if quiet {
		return progress.Logs{Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	}
	return progress.Logs{Log: slog.New(slog.NewTextHandler(stderr, nil))}
}

// classify maps an error to its exit code.
func classify(err error) int {
	var ie *inputError
	var re *raw.Error
	var ue *ingest.UsageError
	var uf *ingest.UnknownFileError
	var pe *os.PathError
	var te *analyzers.RuleTimeoutError
	var rerr *analyzers.RuleError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &rerr):
		// A failing custom rule is the user's input; a built-in one, ours.
		if rerr.Rule.Builtin {
			return exitInternal
		}
		return exitBadInput
	case errors.As(err, &ie), errors.As(err, &re), errors.As(err, &ue), errors.As(err, &uf), errors.As(err, &pe),
		errors.As(err, &te), errors.Is(err, raw.ErrNotUTF8):
		return exitBadInput
	}
	return exitInternal
}

func runReview(ctx context.Context, o *runOptions, sources, argv []string, rep progress.Reporter) (int, error) {
	// The database stays open until the workbook is written: the Accounts
	// sheet streams from it.
	if !memorySize.MatchString(o.memoryLimit) {
		return exitBadInput, badInput("--memory-limit %q: expected a size such as 1536MB or 4GB", o.memoryLimit)
	}
	// Temporary files (DuckDB's spill past --memory-limit, the workbook's
	// spooled parts) go to a folder of the run's own, removed when the run
	// ends or is stopped, never into the working directory.
	tmp, err := os.MkdirTemp("", "review-")
	if err != nil {
		return exitInternal, err
	}
	removeTmp, _ := cleanup.Add(tmp)
	defer removeTmp()
	database, err := db.Open(o.dbPath, db.Options{MemoryLimit: o.memoryLimit, TempDir: filepath.Join(tmp, "duckdb")})
	if err != nil {
		return exitInternal, err
	}
	defer database.Close()
	rev, err := review(ctx, database, o, sources, argv, rep, tmp)
	if err != nil {
		return classify(err), err
	}
	if err := writeOutputs(o, rev, rep, tmp); err != nil {
		return classify(err), err
	}
	if o.failOn != "" {
		limit, _ := model.ParseSeverity(o.failOn)
		for _, f := range rev.Findings {
			if f.Severity.Rank() <= limit.Rank() {
				return exitFindings, nil
			}
		}
	}
	return exitOK, nil
}

// review does everything but writing: ingest, facts, rules.
// Temporary files go to tmp.
func review(ctx context.Context, database *sql.DB, o *runOptions, sources, argv []string, rep progress.Reporter, tmp string) (*model.Review, error) {
	if len(sources) == 0 {
		return nil, badInput("no SOURCE given: name at least one export folder or file (see review run --help)")
	}
	if o.failOn != "" {
		if _, ok := model.ParseSeverity(o.failOn); !ok {
			return nil, badInput("--fail-on %q: expected high, medium or low", o.failOn)
		}
	}
	asOf := time.Now().UTC().Truncate(24 * time.Hour)
	if o.asOf != "" {
		t, err := time.Parse("2006-01-02", o.asOf)
		if err != nil {
			return nil, badInput("--as-of %q: expected a date YYYY-MM-DD", o.asOf)
		}
		asOf = t
	}
	products := map[string]string{}
	for _, p := range o.products {
		name, product, ok := strings.Cut(p, "=")
		if !ok {
			return nil, badInput("--product %q: expected NAME=pra|rs|password-safe", p)
		}
		products[name] = product
	}
	encodings, dateOrders, err := statedOptions(o)
	if err != nil {
		return nil, err
	}
	if o.issues != "" && !o.lenient {
		return nil, badInput("--issues lists the rows --lenient keeps out: give --lenient too")
	}
	stdouts := 0
	for _, out := range o.outputs() {
		if out == "-" {
			stdouts++
		}
	}
	if stdouts > 1 {
		return nil, badInput("more than one output is - (standard output): give all but one a file")
	}
	if err := checkOutputs(o, sources); err != nil {
		return nil, err
	}

	rs, err := analyzers.LoadRules(rules.FS, o.ruleDirs)
	if err != nil {
		return nil, &inputError{err}
	}
	warnOverrides(rs)
	var cfg *config
	if o.configFile != "" {
		if cfg, err = readConfig(o.configFile); err != nil {
			return nil, &inputError{err}
		}
	}
	params, err := resolveParams(rs, cfg, o.params)
	if err != nil {
		return nil, &inputError{err}
	}
	severities, err := resolveSeverities(rs, cfg, o.severities)
	if err != nil {
		return nil, &inputError{err}
	}

	read := rep.Start("read", -1)
	if err := db.CreateTables(ctx, database, raw.Tables); err != nil {
		return nil, err
	}
	var loaders []*db.Loader
	manifest, err := ingest.Load(ingest.Options{
		Sources: sources, Roster: o.roster, Licenses: o.licenses, Products: products, SkipUnknown: o.skipUnknown, Lenient: o.lenient, TempDir: tmp,
		Encodings: encodings, DateOrders: dateOrders,
		Progress: func(string) { read.Add(1) },
	}, func() (raw.Sink, func() error, error) {
		l, err := db.NewLoader(ctx, database)
		if err != nil {
			return nil, nil, err
		}
		loaders = append(loaders, l) // sinks are made one after another, before the workers start
		return l, l.Close, nil
	})
	if err != nil {
		return nil, err
	}
	var sourceNames []string
	for _, s := range manifest.Sources {
		sourceNames = append(sourceNames, s.Name)
	}
	manifest.Warnings = append(manifest.Warnings, ownerWarnings(cfg, sourceNames)...)
	for _, w := range manifest.Warnings {
		fmt.Fprintln(stderr, "review: warning:", w)
	}
	if err := ingest.CheckIDsAcrossFiles(ctx, database, manifest); err != nil {
		return nil, err
	}
	if err := ingest.CheckLicenseSources(ctx, database, manifest, o.lenient); err != nil {
		return nil, err
	}
	var rows int64
	for _, f := range manifest.Files {
		rows += f.RowsRead
	}
	var load time.Duration
	for _, l := range loaders {
		load += l.Busy()
	}
	// load is summed over the workers: the part of their time spent
	// inside DuckDB rather than parsing.
	done := []any{"files", len(manifest.Files), "rows", rows, "load_cpu", load.Round(time.Millisecond)}
	if o.lenient {
		done = append(done, "rejected", len(manifest.Issues))
	}
	read.Done(done...)

	stale, _ := toInt(params["stale_days"])
	if stale == 0 {
		stale = 90
	}
	if stageHook != nil {
		stageHook("facts")
	}
	facts := rep.Start("facts", -1)
	if err := analyzers.BuildFacts(ctx, database, manifest, asOf, stale); err != nil {
		return nil, err
	}
	if o.dbPath == "" {
		if err := analyzers.DropInputs(ctx, database); err != nil {
			return nil, err
		}
	}
	facts.Done()

	caps := map[string]map[string]bool{}
	for _, s := range manifest.Sources {
		caps[s.Name] = s.Capabilities
	}
	evaluating := rep.Start("rules", -1)
	ev, err := analyzers.Evaluate(ctx, rs, func(ctx context.Context, kind string, conds []string, fn func(*analyzers.Fact) error) error {
		return analyzers.EachFact(ctx, database, kind, conds, fn)
	}, analyzers.Settings{AsOf: asOf, Params: params, Severity: severities, Capabilities: caps, Reviewers: reviewers(params, cfg), Workers: o.workers, NoPrefilter: o.noPrefilter, Timeout: o.ruleTimeout})
	if err != nil {
		return nil, err
	}
	evaluating.Done("rules", len(rs.Rules), "findings", len(ev.Findings))
	return assemble(ctx, database, o, argv, asOf, manifest, rs, params, severities, ev)
}

func toInt(v any) (int64, bool) {
	switch n := v.(type) {
	case int:
		return int64(n), true
	case int64:
		return n, true
	case float64:
		return int64(n), true
	case uint64:
		return int64(n), true
	}
	return 0, false
}

// checkOutputs refuses an output path that is one of the inputs.
func checkOutputs(o *runOptions, sources []string) error {
	var inputs []string
	for _, s := range sources {
		if i := strings.Index(s, "="); i > 0 {
			if _, err := os.Stat(s); err != nil {
				s = s[i+1:]
			}
		}
		inputs = append(inputs, s)
	}
	inputs = append(inputs, o.roster, o.licenses, o.configFile)
	for _, out := range o.outputs() {
		if out == "" || out == "-" {
			continue
		}
		ao := realPath(out)
		outInfo, outErr := os.Stat(out)
		for _, in := range inputs {
			if in == "" {
				continue
			}
			ai := realPath(in)
			same := ao == ai || strings.HasPrefix(ao, ai+string(filepath.Separator))
			if inInfo, err := os.Stat(in); outErr == nil && err == nil && os.SameFile(outInfo, inInfo) {
				same = true // the same file under another name (a link)
			}
			if same {
				return badInput("output %s is an input or inside a source folder: write it elsewhere", out)
			}
		}
	}
	return nil
}

func assemble(ctx context.Context, database *sql.DB, o *runOptions, argv []string, asOf time.Time, m *ingest.Manifest,
	rs *analyzers.RuleSet, params map[string]any, severities map[string]model.Severity, ev *analyzers.Evaluation) (*model.Review, error) {
	rev := &model.Review{
		AsOf:         asOf.Format("2006-01-02"),
		Tool:         toolInfo(ctx),
		CommandLine:  append([]string{"review", "run"}, argv...),
		Params:       params,
		RulesDigest:  rs.Digest,
		Findings:     ev.Findings,
		Inputs:       m.Files,
		Archives:     m.Archives,
		Skipped:      m.Skipped,
		Warnings:     m.Warnings,
		IngestIssues: m.Issues,
		Lenient:      o.lenient,
	}
	var err error
	if rev.Sources, err = analyzers.Sources(ctx, database); err != nil {
		return nil, err
	}
	if rev.Licenses, err = analyzers.LicenseLines(ctx, database); err != nil {
		return nil, err
	}
	if rev.GroupPolicies, err = analyzers.GroupPolicyRows(ctx, database, ev.Findings); err != nil {
		return nil, err
	}
	if rev.AccountCount, err = analyzers.AccountCount(ctx, database); err != nil {
		return nil, err
	}
	accounts := analyzers.AccountRows(database, ev.Findings)
	rev.Accounts = func(fn func(*model.AccountRow) error) error { return accounts(ctx, fn) }
	counts := map[string]int{}
	for _, f := range ev.Findings {
		counts[f.Rule]++
	}
	for _, r := range rs.Rules {
		used := map[string]any{}
		for k := range r.Params {
			used[k] = params[k]
		}
		sev := r.Severity
		if s, ok := severities[r.ID]; ok {
			sev = s
		}
		rev.Rules = append(rev.Rules, model.RuleInfo{
			ID: r.ID, Family: r.Family, Title: r.Title, Severity: sev, Description: r.Description,
			Remediation: r.Remediation, Params: used, Findings: counts[r.ID], NotChecked: ev.NotChecked[r.ID], File: r.File,
			Custom: !r.Builtin, Replaces: r.Replaces,
		})
	}
	return rev, nil
}

// writeOutputs writes the workbook last so that a failure in any output
// leaves the earlier ones complete and the workbook absent.
func writeOutputs(o *runOptions, rev *model.Review, rep progress.Reporter, tmp string) error {
	stage := rep.Start("write", -1)
	if o.json != "" {
		if err := reports.WriteFileAtomic(o.json, func(w io.Writer) error { return reports.WriteJSONL(w, rev.Findings) }); err != nil {
			return fmt.Errorf("write %s: %w", o.json, err)
		}
	}
	if o.issues != "" {
		if err := reports.WriteFileAtomic(o.issues, func(w io.Writer) error { return reports.WriteIssuesJSONL(w, rev.IngestIssues) }); err != nil {
			return fmt.Errorf("write %s: %w", o.issues, err)
		}
	}
	if o.csv != "" {
		if err := reports.WriteFileAtomic(o.csv, func(w io.Writer) error { return reports.WriteCSV(w, rev.Findings) }); err != nil {
			return fmt.Errorf("write %s: %w", o.csv, err)
		}
	}
	if o.out != "" {
		if err := reports.WriteWorkbook(o.out, rev, tmp); err != nil {
			return fmt.Errorf("write %s: %w", o.out, err)
		}
	}
	stage.Done("workbook", o.out)
	return nil
}

// firstLine keeps an internal error to one line; --debug shows the rest
// (a failing SQL statement, say).
func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// stopOnSignal makes an interrupt or termination end the run at once,
// removing its temporary files first: outputs are renamed into place only
// when whole, so what is left is what was complete before the signal.
// It returns the function that stops listening once the run is over.
func stopOnSignal() (stop func()) {
	sigs := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		var sig os.Signal
		select {
		case sig = <-sigs:
		case <-done:
			return
		}
		cleanup.RemoveAll()
		fmt.Fprintf(stderr, "review: stopped by %v; temporary files removed\n", sig)
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

// realPath is p made absolute with its symbolic links resolved as far as
// they exist (an output file usually does not yet).
func realPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	dir, base := filepath.Split(abs)
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	if r, err := filepath.EvalSymlinks(dir); err == nil {
		return filepath.Join(r, base)
	}
	return abs
}

// stageHook, when set by a test, is called as a stage starts: it lets a
// test make a stage fail the way a bug would (a panic).
var stageHook func(stage string)
