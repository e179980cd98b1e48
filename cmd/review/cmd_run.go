package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/review-tool/review/internal/crash"
	"github.com/review-tool/review/internal/inputerr"
	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/internal/progress"
	"github.com/review-tool/review/pipeline"
	"github.com/review-tool/review/reports"
)

// runOptions are the flags of review run.
type runOptions struct {
	inputOptions
	// sources are the SOURCE arguments; none, with --db, reviews the
	// database review ingest kept.
	sources        []string
	out, json, csv string
	asOf           string
	configFile     string
	exceptions     string
	previous       string
	previousDB     string
	params         []string
	severities     []string
	ruleDirs       []string
	dbPath         string
	failOn         string
	quiet, debug   bool
	ruleTimeout    time.Duration
	issues         string
	manifest       string
	workers        int
	cpuProfile     string
	noPrefilter    bool
	// splitBy, outDir and returnTo make the review campaign's workbooks,
	// one per reviewer (split.go).
	splitBy, outDir, returnTo string
}

func (o *runOptions) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.out, "out", "review-findings.xlsx", "the findings workbook to write (`FILE`.xlsx)")
	fs.StringVar(&o.json, "json", "", "also write the findings as JSON Lines to `FILE`.jsonl (- for standard output)")
	fs.StringVar(&o.csv, "csv", "", "also write the findings as CSV to `FILE`.csv (- for standard output)")
	fs.StringVar(&o.splitBy, "split-by", "", "also write one workbook per `reviewer` into --out-dir, with campaign.json (the only way to split for now)")
	fs.StringVar(&o.outDir, "out-dir", "", "with --split-by: the existing folder `DIR` the per-reviewer workbooks and campaign.json are written to")
	fs.StringVar(&o.returnTo, "return-to", "", "with --split-by: where reviewers send their workbook back (`TEXT`, e.g. an e-mail address; default the config file's campaign: return_to:)")
	fs.StringVar(&o.asOf, "as-of", "", "the review date `YYYY-MM-DD` (1900 to 2200) that every \"days since\" counts to (default today, UTC)")
	o.inputOptions.addFlags(fs)
	fs.StringVar(&o.configFile, "config", "", "YAML `FILE` with params:, severity:, owners: (source → reviewer), controls: and campaign: return_to: sections")
	fs.StringVar(&o.exceptions, "exceptions", "", "YAML `FILE` of accepted risks: the findings they cover are marked excepted and do not trip --fail-on until they expire")
	fs.StringVar(&o.previous, "previous", "", "the previous run's workbook (`FILE`.xlsx), review collect's decisions workbook or decisions.jsonl, or JSON Lines findings (.jsonl): findings become new, recurring or reappeared, with last time's decision; Resolved and Access Changes sheets")
	fs.StringVar(&o.previousDB, "previous-db", "", "the DuckDB `FILE` the previous run kept with --db: its accounts, for Access Changes when --previous is a .jsonl")
	fs.StringArrayVar(&o.params, "param", nil, "set a rule parameter, `name=value` (repeatable)")
	fs.StringArrayVar(&o.severities, "severity", nil, "override a rule's severity, `rule-id=high|medium|low` (repeatable)")
	fs.StringArrayVar(&o.ruleDirs, "rules", nil, "add the .rego rules of `DIR` (a rule with a built-in id replaces it)")
	fs.StringVar(&o.dbPath, "db", "", "keep the DuckDB database in `FILE`.duckdb instead of memory (replaced whole at the end of the run); with no SOURCE, review the database review ingest kept there instead, read-only")
	fs.StringVar(&o.failOn, "fail-on", "", "exit 1 when a finding of this `SEVERITY` or higher exists, naming the first few")
	fs.StringVar(&o.manifest, "manifest", "", "also write the run's evidence (inputs and their hashes, rules, parameters, counts) as JSON to `FILE`.json (- for standard output)")
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
       review run [flags] --db FILE

Reads each SOURCE (a folder of exports, a .zip of them, or one file; NAME=PATH
names it), loads it into DuckDB, evaluates the rules and writes the findings
workbook. With --db and no SOURCE it reviews the database review ingest kept
in FILE instead, without the exports, and never writes to it; the roster,
licenses, products and reading flags were fixed at ingest. Every output path is checked before anything is read. Outputs
appear together at the end, or none of them: Ctrl-C stops the run and
removes its temporary files.

Example:
  review run --as-of 2025-11-22 --roster hr.csv --licenses licenses.csv \
      --out findings.xlsx --json findings.jsonl exports/pra-prod exports/rs-prod

Flags:
`

var runCommand = command{name: "run", run: cmdRun, usage: [][2]string{
	{"run [flags] SOURCE...", "ingest exports, evaluate the rules, write the findings workbook"},
	{"run [flags] --db FILE", "the same, from the database review ingest kept"},
}, flags: func(fs *pflag.FlagSet) { new(runOptions).AddFlags(fs) }}

func cmdRun(e env, args []string) (code int) {
	var o runOptions
	fs := newFlags(e, "review run", runUsage)
	o.AddFlags(fs)
	if err := fs.Parse(args); err != nil {
		return flagExit(e, fs, err)
	}
	defer recoverInternal(e, &o.debug, &code)
	// Step timings inside the stages (facts SQL files, rules per kind).
	defer debugLog(e, o.debug)()
	go binarySHA256() // for the Evidence sheet, while the run reads
	defer stopOnSignal(e)()
	rep := newReporter(e, o.quiet)
	if o.cpuProfile != "" {
		if err := inputsOf(&o, fs.Args()).collide("--cpuprofile", o.cpuProfile); err != nil {
			fmt.Fprintln(e.stderr, "review:", err)
			return exitBadInput
		}
		f, err := os.Create(o.cpuProfile)
		if err != nil {
			fmt.Fprintln(e.stderr, "review:", err)
			return exitBadInput
		}
		pprof.StartCPUProfile(f)
		defer func() { pprof.StopCPUProfile(); f.Close() }()
	}
	o.sources = fs.Args()
	code, err := runReview(context.Background(), e, &o, fs.Changed, fs.Args(), args, rep)
	if err != nil {
		msg := err.Error()
		if code == exitInternal && !o.debug {
			msg = firstLine(msg) // one line; --debug shows all and the stack
		}
		fmt.Fprintln(e.stderr, "review:", msg)
		if o.debug {
			var ce *crash.Error
			if errors.As(err, &ce) {
				e.stderr.Write(ce.Stack)
			}
		}
	}
	return code
}

// fromDatabase says the run reviews a kept database (--db and no SOURCE)
// rather than writing one.
func (o *runOptions) fromDatabase() bool { return o.dbPath != "" && len(o.sources) == 0 }

// newReporter shows progress on standard error (bars on a terminal, log
// lines otherwise), or nothing with --quiet.
func newReporter(e env, quiet bool) progress.Reporter {
	var rep progress.Reporter
	switch f, ok := e.stderr.(*os.File); {
	case ok:
		rep = progress.New(f, quiet)
	case quiet:
		rep = progress.Logs{Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	default:
		rep = progress.Logs{Log: slog.New(slog.NewTextHandler(e.stderr, nil))}
	}
	if e.stageHook != nil {
		rep = hookedReporter{rep, e.stageHook}
	}
	return rep
}

// hookedReporter calls a test's stage hook as each stage starts.
type hookedReporter struct {
	progress.Reporter
	hook func(stage string)
}

func (h hookedReporter) Start(name, unit string, total int64) progress.Stage {
	h.hook(name)
	return h.Reporter.Start(name, unit, total)
}

// checkArgs checks every flag and output path, reading no input: a
// mistake in the command line costs a second, not a whole run. It gives
// the pipeline's Config and the --fail-on severity ("" without it).
func checkArgs(o *runOptions, given func(string) bool, sources []string) (pipeline.Config, model.Severity, error) {
	cfg := pipeline.Config{
		Sources: sources, AsOf: time.Now().UTC().Truncate(24 * time.Hour),
		RuleDirs: o.ruleDirs, ConfigFile: o.configFile, Exceptions: o.exceptions, Previous: o.previous, PreviousDB: o.previousDB, Params: o.params, Severities: o.severities,
		RuleTimeout: o.ruleTimeout, Workers: o.workers, NoPrefilter: o.noPrefilter,
		ReturnTo: o.returnTo,
	}
	var failOn model.Severity
	if err := o.inputOptions.apply(&cfg); err != nil {
		return cfg, "", err
	}
	if o.fromDatabase() {
		// --db with no SOURCE reviews the database review ingest kept.
		if err := fixedAtIngest(given, o.dbPath); err != nil {
			return cfg, "", err
		}
		cfg.FromDatabase = o.dbPath
	} else if len(sources) == 0 {
		return cfg, "", inputerr.New("no SOURCE given: name at least one export folder or file, or --db and the database review ingest kept (see review run --help)")
	}
	if o.failOn != "" {
		sev, ok := model.ParseSeverity(o.failOn)
		if !ok {
			return cfg, "", inputerr.New("--fail-on %q: expected high, medium or low", o.failOn)
		}
		failOn = sev
	}
	if o.asOf != "" {
		t, err := parseAsOf(o.asOf)
		if err != nil {
			return cfg, "", err
		}
		cfg.AsOf = t
	}
	if o.previous != "" {
		switch strings.ToLower(filepath.Ext(o.previous)) {
		case ".xlsx", ".jsonl":
		default:
			return cfg, "", inputerr.New("--previous %s: expected the previous run's workbook (.xlsx) or JSON Lines findings (.jsonl)", o.previous)
		}
	}
	if o.previousDB != "" && o.previous == "" {
		return cfg, "", inputerr.New("--previous-db gives the previous run's accounts: give --previous (its findings) too")
	}
	if o.issues != "" && !o.lenient && !o.fromDatabase() {
		return cfg, "", inputerr.New("--issues lists the rows --lenient keeps out: give --lenient too")
	}
	if err := checkSplit(o, given); err != nil {
		return cfg, "", err
	}
	if err := checkOutputs(o.outputFiles(given), inputsOf(o, sources)); err != nil {
		return cfg, "", err
	}
	if err := checkOutDir(o, inputsOf(o, sources)); err != nil {
		return cfg, "", err
	}
	return cfg, failOn, nil
}

// runReview checks the arguments, has the pipeline make the review and
// writes the outputs as a set: on any failure none of them appears. The
// review is closed (its database, its temporary folder) once the outputs
// are written, since the Accounts sheet streams from the database.
func runReview(ctx context.Context, e env, o *runOptions, given func(string) bool, sources, argv []string, rep progress.Reporter) (int, error) {
	start := time.Now()
	cfg, failOn, err := checkArgs(o, given, sources)
	if err != nil {
		return exitBadInput, err
	}
	cfg.CommandLine = append([]string{"review", "run"}, argv...)
	cfg.Tool = toolInfo
	cfg.Warn = func(w string) { fmt.Fprintln(e.stderr, "review: warning:", w) }
	set := reports.OutputSet{Stdout: e.stdout}
	defer set.Discard() // nothing, once committed
	if o.dbPath != "" && !o.fromDatabase() {
		// Built beside its destination and put in place with the other
		// outputs: a failed run leaves the previous database as it was.
		if cfg.Database, err = set.StageDir(o.dbPath); err != nil {
			return exitInternal, fmt.Errorf("--db %s: %w", o.dbPath, err)
		}
	}
	e.limitGoHeap(cfg.MemoryLimit)
	rev, err := pipeline.Run(ctx, cfg, rep)
	if err != nil {
		return failed(err)
	}
	defer rev.Close()
	written, err := writeOutputs(e, o, rev, rep, &set, inputsOf(o, sources))
	if err != nil {
		return failed(rev.Explain(err))
	}
	if err := rev.Close(); err != nil {
		return failed(err)
	}
	if err := set.Commit(); err != nil {
		return exitInternal, fmt.Errorf("put the outputs in place: %w", err)
	}
	warnCoverage(e.stderr, rev.Review)
	if !o.quiet {
		fmt.Fprintln(e.stderr, "review:", resultLine(rev.Review, written, time.Since(start)))
	}
	if failOn != "" {
		if msg, matched := failOnMatches(failOn, rev.Findings); matched {
			fmt.Fprintln(e.stderr, "review:", msg)
			return exitFindings, nil
		}
	}
	return exitOK, nil
}

// parseAsOf reads --as-of: a date from 1900 to 2200.
func parseAsOf(s string) (time.Time, error) {
	return parseDateFlag("--as-of", s, "the review date, usually today")
}

// parseDateFlag reads a date flag's value: YYYY-MM-DD, from 1900 to 2200
// (what a spreadsheet shows as a date); what says what the date is, for
// the message of one out of range.
func parseDateFlag(flag, s, what string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return t, inputerr.New("%s %q: expected a date YYYY-MM-DD", flag, s)
	}
	if t.Year() < 1900 || t.Year() > 2200 {
		return t, inputerr.New("%s %s: expected a date from 1900-01-01 to 2200-12-31 (%s)", flag, s, what)
	}
	return t, nil
}

// failed is the exit code and message of a run that stopped on err: 2
// when the error is marked as the user's to fix (internal/inputerr), 3
// otherwise, and 141 when standard output was closed under it.
func failed(err error) (int, error) {
	switch {
	case errors.Is(err, syscall.EPIPE):
		return exitClosedPipe, errors.New("standard output was closed before the findings were all written: no output was put in place")
	case inputerr.Is(err):
		return exitBadInput, err
	}
	return exitInternal, err
}

// firstLine keeps an internal error to one line; --debug shows the rest
// (a failing SQL statement, say).
func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
