package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/pflag"

	"github.com/review-tool/review/internal/inputerr"
	"github.com/review-tool/review/pipeline"
	"github.com/review-tool/review/reports"
)

// ingestOptions are the flags of review ingest.
type ingestOptions struct {
	inputOptions
	dbPath, parquet string
	asOf            string
	quiet, debug    bool
}

const ingestUsage = `Usage: review ingest --db FILE [--parquet DIR] [flags] SOURCE...

Reads each SOURCE as review run does, builds the facts and keeps them in the
DuckDB database FILE with what was read (files, hashes, counts, warnings,
ingest issues), without evaluating the rules: review run --db FILE and
review explain --db FILE review it later without the exports. --parquet also
writes every table as DIR/TABLE.parquet, for Spark, Trino or DuckDB over
object storage. FILE and DIR appear whole at the end, or not at all.

Example:
  review ingest --db estate.duckdb --roster hr.csv exports/pra-prod exports/rs-prod
  review run --db estate.duckdb --as-of 2025-11-22 --out findings.xlsx

Flags:
`

var ingestCommand = command{name: "ingest", run: cmdIngest, usage: [][2]string{
	{"ingest [flags] SOURCE...", "keep the exports and their facts in a DuckDB database (--db FILE; --parquet DIR)"},
}, flags: func(fs *pflag.FlagSet) { new(ingestOptions).addFlags(fs) }}

func cmdIngest(e env, args []string) (code int) {
	var o ingestOptions
	fs := newFlags(e, "review ingest", ingestUsage)
	o.addFlags(fs)
	if err := fs.Parse(args); err != nil {
		return flagExit(e, fs, err)
	}
	defer recoverInternal(e, &o.debug, &code)
	defer debugLog(e, o.debug)()
	defer stopOnSignal(e)()
	return ingestMain(e, &o, fs.Args())
}

func (o *ingestOptions) addFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.dbPath, "db", "", "the DuckDB database to write, `FILE`.duckdb (replaced whole at the end)")
	fs.StringVar(&o.parquet, "parquet", "", "also write every table as `DIR`/TABLE.parquet (DIR must be new or empty)")
	fs.StringVar(&o.asOf, "as-of", "", "the date `YYYY-MM-DD` the stored facts' \"days since\" count to (default today, UTC); review run --db counts again to its own")
	o.inputOptions.addFlags(fs)
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "no progress messages and no result line (errors and warnings still)")
	fs.BoolVar(&o.debug, "debug", false, "show stack traces of internal errors and step timings")
}

// ingestMain is review ingest once its flags are read.
func ingestMain(e env, o *ingestOptions, args []string) int {
	code, err := runIngest(context.Background(), e, o, args)
	if err != nil {
		msg := err.Error()
		if code == exitInternal && !o.debug {
			msg = firstLine(msg)
		}
		fmt.Fprintln(e.stderr, "review:", msg)
	}
	return code
}

// runIngest checks the arguments, has the pipeline store the exports and
// puts the database (and the Parquet folder) in place together.
func runIngest(ctx context.Context, e env, o *ingestOptions, sources []string) (int, error) {
	start := time.Now()
	cfg := pipeline.Config{Sources: sources, AsOf: time.Now().UTC().Truncate(24 * time.Hour)}
	if err := o.checkArgs(&cfg); err != nil {
		return exitBadInput, err
	}
	cfg.Warn = func(w string) { fmt.Fprintln(e.stderr, "review: warning:", w) }
	set := reports.OutputSet{Stdout: e.stdout}
	defer set.Discard()
	var err error
	if cfg.Database, err = set.StageDir(o.dbPath); err != nil {
		return exitInternal, fmt.Errorf("--db %s: %w", o.dbPath, err)
	}
	parquet := ""
	if o.parquet != "" {
		if parquet, err = set.StageFolder(o.parquet); err != nil {
			return exitInternal, fmt.Errorf("--parquet %s: %w", o.parquet, err)
		}
	}
	got, err := pipeline.Ingest(ctx, cfg, parquet, newReporter(e, o.quiet))
	if err != nil {
		return failed(err)
	}
	if err := set.Commit(); err != nil {
		return exitInternal, fmt.Errorf("put the outputs in place: %w", err)
	}
	if !o.quiet {
		line := fmt.Sprintf("stored %s, %s, %s in %s", plural(got.Sources, "source"), plural(got.Files, "file"), plural(int(got.Rows), "row"), o.dbPath)
		if o.lenient {
			line += fmt.Sprintf(" (%d kept out as ingest issues)", got.Rejected)
		}
		if o.parquet != "" {
			line += fmt.Sprintf("; wrote %s to %s", plural(len(got.Tables), "Parquet table"), o.parquet)
		}
		fmt.Fprintf(e.stderr, "review: %s; %s\n", line, time.Since(start).Round(100*time.Millisecond))
	}
	return exitOK, nil
}

// checkArgs checks the flags and the two outputs before anything is read.
func (o *ingestOptions) checkArgs(cfg *pipeline.Config) error {
	if o.dbPath == "" {
		return inputerr.New("--db FILE is required: name the DuckDB database to keep the exports in, e.g. --db estate.duckdb")
	}
	if len(cfg.Sources) == 0 {
		return inputerr.New("no SOURCE given: name at least one export folder or file (see review ingest --help)")
	}
	if err := o.inputOptions.apply(cfg); err != nil {
		return err
	}
	if o.asOf != "" {
		t, err := parseAsOf(o.asOf)
		if err != nil {
			return err
		}
		cfg.AsOf = t
	}
	in := o.inputOptions.readInputs(cfg.Sources)
	db := output{"--db", o.dbPath, true, dbExts, "a DuckDB database", false, ""}
	if err := checkOutputs([]output{db}, in); err != nil {
		return err
	}
	if o.parquet != "" {
		o.parquet = filepath.Clean(o.parquet)
		if err := checkParquetDir(o.parquet, in); err != nil {
			return err
		}
		if samePath(o.parquet, o.dbPath) || inside(o.dbPath, o.parquet) {
			return inputerr.New("--db %s is inside --parquet %s: give each its own place", o.dbPath, o.parquet)
		}
	}
	return nil
}

// checkParquetDir checks --parquet: a folder that does not exist yet or
// is empty (it is replaced whole, so nothing in it may be lost), in a
// folder that can be written to, and none of the inputs.
func checkParquetDir(dir string, in inputs) error {
	if err := in.collideFolder("--parquet", dir); err != nil {
		return err
	}
	switch entries, err := os.ReadDir(dir); {
	case err == nil && len(entries) > 0:
		return inputerr.New("--parquet %s is a folder with files in it: name a new or empty folder (it is replaced whole)", dir)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		if fi, serr := os.Stat(dir); serr == nil && !fi.IsDir() {
			return inputerr.New("--parquet %s is a file: name a folder", dir)
		}
		return inputerr.New("--parquet %s: %v", dir, unwrapPath(err))
	}
	parent := filepath.Dir(filepath.Clean(dir))
	if di, err := os.Stat(parent); err != nil || !di.IsDir() {
		return inputerr.New("--parquet %s: the folder %s does not exist: create it first, or write elsewhere", dir, parent)
	}
	if err := probeWrite(parent); err != nil {
		return inputerr.New("--parquet %s: cannot write in the folder %s (%v): choose a folder you can write to", dir, parent, unwrapPath(err))
	}
	return nil
}
