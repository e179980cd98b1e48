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
	"sync"
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
	"github.com/review-tool/review/schema"
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

func (o *runOptions) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.out, "out", "review-findings.xlsx", "the findings workbook to write (`FILE`.xlsx)")
	fs.StringVar(&o.json, "json", "", "also write the findings as JSON Lines to `FILE`.jsonl (- for standard output)")
	fs.StringVar(&o.csv, "csv", "", "also write the findings as CSV to `FILE`.csv (- for standard output)")
	fs.StringVar(&o.asOf, "as-of", "", "the review date `YYYY-MM-DD` (1900 to 2200) that every \"days since\" counts to (default today, UTC)")
	fs.StringVar(&o.roster, "roster", "", "HR/IdP roster `FILE` (CSV or XLSX)")
	fs.StringVar(&o.licenses, "licenses", "", "license `FILE` (CSV or YAML)")
	fs.StringVar(&o.configFile, "config", "", "YAML `FILE` with params: (and severity:) sections")
	fs.StringArrayVar(&o.params, "param", nil, "set a rule parameter, `name=value` (repeatable)")
	fs.StringArrayVar(&o.severities, "severity", nil, "override a rule's severity, `rule-id=high|medium|low` (repeatable)")
	fs.StringArrayVar(&o.products, "product", nil, "set a source's product, `NAME=pra|rs|password-safe` (repeatable)")
	fs.StringArrayVar(&o.ruleDirs, "rules", nil, "add the .rego rules of `DIR` (a rule with a built-in id replaces it)")
	fs.StringVar(&o.dbPath, "db", "", "keep the DuckDB database in `FILE`.duckdb instead of memory (replaced whole at the end of the run)")
	fs.StringVar(&o.memoryLimit, "memory-limit", "1536MB", "how much memory DuckDB may hold before it spills to the temporary folder (`SIZE`, e.g. 4GB)")
	fs.StringVar(&o.failOn, "fail-on", "", "exit 1 when a finding of this `SEVERITY` or higher exists, naming the first few")
	fs.StringArrayVar(&o.encodings, "encoding", nil, encodingUsage)
	fs.StringArrayVar(&o.dateOrders, "date-order", nil, dateOrderUsage)
	fs.BoolVar(&o.skipUnknown, "skip-unknown", false, "warn about unrecognised files instead of stopping")
	fs.BoolVar(&o.lenient, "lenient", false, "keep bad rows out of the analysis and list them on the Ingest Issues sheet, instead of stopping at the first")
	fs.StringVar(&o.issues, "issues", "", "with --lenient, also write the rows kept out as JSON Lines to `FILE` (- for standard output)")
	fs.DurationVar(&o.ruleTimeout, "rule-timeout", 60*time.Second, "stop a rule that evaluates one entity for longer than this `DURATION`, e.g. 90s (0: no limit)")
	fs.IntVar(&o.workers, "workers", 0, "rule evaluation workers (default: one per core)")
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "no progress messages and no result line (errors and warnings still)")
	fs.BoolVar(&o.debug, "debug", false, "show stack traces of internal errors and step timings")
	fs.StringVar(&o.cpuProfile, "cpuprofile", "", "write a Go CPU profile to `FILE` (for performance work)")
	fs.MarkHidden("cpuprofile")
	fs.BoolVar(&o.noPrefilter, "no-prefilter", false, "evaluate every fact in Rego, without the SQL prefilters derived from the rules")
}

const runUsage = `Usage: review run [flags] SOURCE...

Reads each SOURCE (a folder of exports, a .zip of them, or one file; NAME=PATH
names it), loads it into DuckDB, evaluates the rules and writes the findings
workbook. Every output path is checked before anything is read. Outputs
appear together at the end, or none of them: Ctrl-C stops the run and
removes its temporary files.

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
	go binarySHA256() // for the Evidence sheet, while the run reads
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
	code, err := runReview(context.Background(), &o, fs.Changed, fs.Args(), args, rep)
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

// runArgs are the flags' values, parsed and checked.
type runArgs struct {
	sources    []string
	asOf       time.Time
	failOn     model.Severity // "" without --fail-on
	products   map[string]string
	encodings  map[string]raw.Encoding
	dateOrders map[string]raw.DateOrder
}

// checkArgs checks every flag and output path, reading no input: a
// mistake in the command line costs a second, not a whole run.
func checkArgs(o *runOptions, given func(string) bool, sources []string) (*runArgs, error) {
	a := &runArgs{sources: sources, asOf: time.Now().UTC().Truncate(24 * time.Hour), products: map[string]string{}}
	if len(sources) == 0 {
		return nil, badInput("no SOURCE given: name at least one export folder or file (see review run --help)")
	}
	if n, _ := parseSize(o.memoryLimit); !memorySize.MatchString(o.memoryLimit) || n <= 0 {
		return nil, badInput("--memory-limit %q: expected a size above zero such as 1536MB or 4GB", o.memoryLimit)
	}
	if o.failOn != "" {
		sev, ok := model.ParseSeverity(o.failOn)
		if !ok {
			return nil, badInput("--fail-on %q: expected high, medium or low", o.failOn)
		}
		a.failOn = sev
	}
	if o.asOf != "" {
		t, err := time.Parse("2006-01-02", o.asOf)
		if err != nil {
			return nil, badInput("--as-of %q: expected a date YYYY-MM-DD", o.asOf)
		}
		if t.Year() < 1900 || t.Year() > 2200 {
			return nil, badInput("--as-of %s: expected a date from 1900-01-01 to 2200-12-31 (the review date, usually today)", o.asOf)
		}
		a.asOf = t
	}
	for _, p := range o.products {
		name, product, ok := strings.Cut(p, "=")
		if !ok {
			return nil, badInput("--product %q: expected NAME=pra|rs|password-safe", p)
		}
		a.products[name] = product
	}
	var err error
	if a.encodings, a.dateOrders, err = statedOptions(o); err != nil {
		return nil, err
	}
	if o.issues != "" && !o.lenient {
		return nil, badInput("--issues lists the rows --lenient keeps out: give --lenient too")
	}
	if err := checkOutputs(o.outputFiles(given), inputsOf(o, sources)); err != nil {
		return nil, err
	}
	return a, nil
}

// runReview checks the arguments, reviews and writes the outputs as a
// set: on any failure none of them appears. The database stays open until
// the workbook is written (the Accounts sheet streams from it).
func runReview(ctx context.Context, o *runOptions, given func(string) bool, sources, argv []string, rep progress.Reporter) (int, error) {
	start := time.Now()
	a, err := checkArgs(o, given, sources)
	if err != nil {
		return exitBadInput, err
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
	var set reports.OutputSet
	defer set.Discard() // nothing, once committed
	dbFile := ""
	if o.dbPath != "" {
		// Built beside its destination and put in place with the other
		// outputs: a failed run leaves the previous database as it was.
		if dbFile, err = set.StageDir(o.dbPath); err != nil {
			return exitInternal, fmt.Errorf("--db %s: %w", o.dbPath, err)
		}
	}
	database, err := db.Open(dbFile, db.Options{MemoryLimit: o.memoryLimit, TempDir: filepath.Join(tmp, "duckdb")})
	if err != nil {
		return failed(o, err)
	}
	closeDB := sync.OnceValue(database.Close)
	defer closeDB()
	rev, err := review(ctx, database, o, a, argv, rep, tmp)
	if err != nil {
		return failed(o, err)
	}
	written, err := writeOutputs(o, rev, rep, tmp, &set)
	if err != nil {
		return failed(o, err)
	}
	if err := closeDB(); err != nil {
		return failed(o, fmt.Errorf("close the database: %w", err))
	}
	if err := set.Commit(); err != nil {
		return exitInternal, fmt.Errorf("put the outputs in place: %w", err)
	}
	warnCoverage(stderr, rev)
	if !o.quiet {
		fmt.Fprintln(stderr, "review:", resultLine(rev, written, time.Since(start)))
	}
	if a.failOn != "" {
		if msg, matched := failOnMatches(a.failOn, rev.Findings); matched {
			fmt.Fprintln(stderr, "review:", msg)
			return exitFindings, nil
		}
	}
	return exitOK, nil
}

// failed is the exit code and message of a run that stopped on err, with
// the mistakes a user can fix told as such (exit 2, with a hint).
func failed(o *runOptions, err error) (int, error) {
	err = explain(o, err)
	if errors.Is(err, syscall.EPIPE) {
		return exitClosedPipe, errors.New("standard output was closed before the findings were all written: no output was put in place")
	}
	return classify(err), err
}

// review does everything but writing: ingest, facts, rules.
// Temporary files go to tmp.
func review(ctx context.Context, database *sql.DB, o *runOptions, a *runArgs, argv []string, rep progress.Reporter, tmp string) (*model.Review, error) {
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

	read := rep.Start("read", "files", -1)
	if err := db.CreateTables(ctx, database, schema.Tables); err != nil {
		return nil, err
	}
	var loaders []*db.Loader
	manifest, err := ingest.Load(ingest.Options{
		Sources: a.sources, Roster: o.roster, Licenses: o.licenses, Products: a.products, SkipUnknown: o.skipUnknown, Lenient: o.lenient, TempDir: tmp,
		Encodings: a.encodings, DateOrders: a.dateOrders,
		Progress: func(string) { read.Add(1) },
	}, func() (schema.Sink, func() error, error) {
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
	loaded, err := analyzers.LoadedAccounts(ctx, database)
	if err != nil {
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
	done := []any{"rows", rows, "load_cpu", load.Round(time.Millisecond)}
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
	facts := rep.Start("facts", "steps", analyzers.FactSteps())
	if err := analyzers.BuildFactsStepwise(ctx, database, manifest, a.asOf, stale, func() { facts.Add(1) }); err != nil {
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
	evaluating := rep.Start("rules", "facts", -1)
	ev, err := analyzers.Evaluate(ctx, rs, func(ctx context.Context, kind string, conds []string, fn func(*analyzers.Fact) error) error {
		return analyzers.EachFact(ctx, database, kind, conds, func(f *analyzers.Fact) error {
			evaluating.Add(1)
			return fn(f)
		})
	}, analyzers.Settings{AsOf: a.asOf, Params: params, Severity: severities, Capabilities: caps, Reviewers: reviewers(params, cfg), Workers: o.workers, NoPrefilter: o.noPrefilter, Timeout: o.ruleTimeout})
	if err != nil {
		return nil, err
	}
	evaluating.Done("rules", len(rs.Rules), "findings", len(ev.Findings))
	rev, err := assemble(ctx, database, o, argv, a.asOf, manifest, rs, params, severities, ev)
	if err != nil {
		return nil, err
	}
	rev.Population = analyzers.Populations(manifest.Files, loaded, rev.Sources)
	return rev, nil
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
	if rev.Licenses, err = analyzers.LicenseLines(ctx, database, ev.Findings, ev.Ran); err != nil {
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
			Remediation: r.Remediation, Params: used, Findings: counts[r.ID], NotChecked: ev.NotChecked[r.ID], Gaps: ev.Gaps[r.ID], File: r.File,
			Custom: !r.Builtin, Replaces: r.Replaces,
		})
	}
	return rev, nil
}

// writeOutputs writes every output to its temporary file, the workbook
// (the largest, and so the likeliest to fail) after the small ones, and
// the one going to standard output last, since what is written there
// cannot be taken back. It returns the outputs, for the result line;
// nothing is in place until the set is committed.
func writeOutputs(o *runOptions, rev *model.Review, rep progress.Reporter, tmp string, set *reports.OutputSet) ([]string, error) {
	total := rev.AccountCount
	if total == 0 {
		total = -1
	}
	stage := rep.Start("write", "accounts", total)
	if accounts := rev.Accounts; accounts != nil {
		rev.Accounts = func(fn func(*model.AccountRow) error) error {
			return accounts(func(a *model.AccountRow) error {
				stage.Add(1)
				return fn(a)
			})
		}
	}
	type job struct {
		path  string
		write func(io.Writer) error
	}
	var jobs []job
	for _, out := range o.outputFiles(func(string) bool { return false }) {
		if out.writer == "" || out.path == "" {
			continue // the database is written by the run itself
		}
		w := reports.MustLookup(out.writer)
		jobs = append(jobs, job{out.path, func(wr io.Writer) error { return w.Write(wr, rev, tmp) }})
	}
	var toStdout *job
	for i := range jobs {
		j := &jobs[i]
		switch j.path {
		case "":
			continue
		case "-":
			toStdout = j
			continue
		}
		if stageHook != nil {
			stageHook("write " + j.path)
		}
		if err := set.Write(j.path, j.write); err != nil {
			return nil, fmt.Errorf("write %s: %w", j.path, err)
		}
	}
	if toStdout != nil {
		if err := set.Write("-", toStdout.write); err != nil {
			return nil, fmt.Errorf("write to standard output: %w", err)
		}
	}
	stage.Done()
	var written []string // in the order of the flags, for the result line
	for _, p := range []string{o.out, o.json, o.csv, o.issues, o.dbPath} {
		switch p {
		case "":
		case "-":
			written = append(written, "standard output")
		default:
			written = append(written, p)
		}
	}
	return written, nil
}

// firstLine keeps an internal error to one line; --debug shows the rest
// (a failing SQL statement, say).
func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

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
func stopOnSignal() (stop func()) {
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
		fmt.Fprintf(stderr, "review: stopped by %v; temporary files removed, no output written\n", sig)
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

// stageHook, when set by a test, is called as a stage starts: it lets a
// test make a stage fail the way a bug would (a panic).
var stageHook func(stage string)
