package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/spf13/pflag"

	"github.com/review-tool/review/internal/inputerr"
	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/pipeline"
)

// explainOptions are the flags of review explain.
type explainOptions struct {
	inputOptions
	user, source string
	asOf         string
	dbPath       string
	configFile   string
	params       []string
	json, debug  bool
}

const explainUsage = `Usage: review explain --user NAME [flags] SOURCE...
       review explain --user NAME [flags] --db FILE

Everything known about one account, in one screen: source, product, provider,
enabled, created, last authentication, administrator, two-factor; every
membership and how it is held; the Jump Groups and Password Safe Smart Rules
it reaches, with their roles; the roster person, manager and the person's
other accounts; its last sessions and activity, and every one after the
person's termination date; and the account's findings. It reads the exports
(SOURCE, as review run does) or the database review ingest kept (--db),
evaluates the rules and writes nothing but its answer. NAME is a username (or
an email), case aside; on several sources, each account is shown unless
--source names one. An unknown NAME is exit 2, naming the closest usernames.

Example:
  review explain --user chloe.martin --roster hr.csv exports/pra-prod exports/rs-prod

Flags:
`

var explainCommand = command{name: "explain", run: cmdExplain, usage: [][2]string{
	{"explain [flags] SOURCE...", "why one account has access (--user NAME; --db FILE for a kept database)"},
}, flags: func(fs *pflag.FlagSet) { new(explainOptions).addFlags(fs) }}

func (o *explainOptions) addFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.user, "user", "", "the account's username (or email), case aside: `NAME`")
	fs.StringVar(&o.source, "source", "", "only the account on source `S` (the name Evidence and Findings give it)")
	fs.StringVar(&o.asOf, "as-of", "", "the review date `YYYY-MM-DD` that every \"days since\" counts to (default today, UTC)")
	fs.BoolVar(&o.json, "json", false, "write the answer as JSON, for tools, instead of text")
	fs.StringVar(&o.dbPath, "db", "", "read the database review ingest kept in `FILE` instead of SOURCEs (never written)")
	fs.StringVar(&o.configFile, "config", "", "YAML `FILE` with params: (and severity:) sections, as for review run")
	fs.StringArrayVar(&o.params, "param", nil, "set a rule parameter, `name=value` (repeatable)")
	o.inputOptions.addFlags(fs)
	fs.BoolVar(&o.debug, "debug", false, "show stack traces of internal errors")
}

func cmdExplain(e env, args []string) (code int) {
	var o explainOptions
	fs := newFlags(e, "review explain", explainUsage)
	o.addFlags(fs)
	if err := fs.Parse(args); err != nil {
		return flagExit(e, fs, err)
	}
	defer recoverInternal(e, &o.debug, &code)
	defer stopOnSignal(e)()
	code, err := runExplain(context.Background(), e, &o, fs.Changed, fs.Args())
	if err != nil {
		msg := err.Error()
		if code == exitInternal && !o.debug {
			msg = firstLine(msg)
		}
		fmt.Fprintln(e.stderr, "review:", msg)
	}
	return code
}

// explained is the --json answer.
type explained struct {
	User     string              `json:"user"`
	Source   string              `json:"source,omitempty"`
	AsOf     string              `json:"as_of"`
	Accounts []model.Explanation `json:"accounts"`
}

func runExplain(ctx context.Context, e env, o *explainOptions, given func(string) bool, sources []string) (int, error) {
	cfg, err := o.checkArgs(given, sources)
	if err != nil {
		return exitBadInput, err
	}
	cfg.Warn = func(w string) { fmt.Fprintln(e.stderr, "review: warning:", w) }
	e.limitGoHeap(cfg.MemoryLimit)
	rev, err := pipeline.Run(ctx, cfg, newReporter(e, true))
	if err != nil {
		return failed(err)
	}
	defer rev.Close()
	accounts, err := rev.ExplainAccounts(ctx, o.user, o.source)
	if err != nil {
		return failed(err)
	}
	if o.json {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(explained{User: o.user, Source: o.source, AsOf: rev.AsOf, Accounts: accounts})
	} else {
		err = writeExplanation(e.stdout, o.user, rev.AsOf, accounts)
	}
	if err != nil {
		return failed(fmt.Errorf("write the answer: %w", err))
	}
	if err := rev.Close(); err != nil {
		return failed(err)
	}
	return exitOK, nil
}

// checkArgs checks the flags and gives the pipeline's Config.
func (o *explainOptions) checkArgs(given func(string) bool, sources []string) (pipeline.Config, error) {
	cfg := pipeline.Config{Sources: sources, AsOf: time.Now().UTC().Truncate(24 * time.Hour), KeepIntermediate: true,
		ConfigFile: o.configFile, Params: o.params}
	if o.user == "" {
		return cfg, inputerr.New("--user NAME is required: the username of the account to explain")
	}
	if err := o.inputOptions.apply(&cfg); err != nil {
		return cfg, err
	}
	switch {
	case o.dbPath != "" && len(sources) > 0:
		return cfg, inputerr.New("give SOURCEs or --db FILE, not both: explain reads one or the other")
	case o.dbPath != "":
		if err := fixedAtIngest(given, o.dbPath); err != nil {
			return cfg, err
		}
		cfg.FromDatabase = o.dbPath
	case len(sources) == 0:
		return cfg, inputerr.New("no SOURCE given: name the export folders or files, or --db and the database review ingest kept (see review explain --help)")
	}
	if o.asOf != "" {
		t, err := parseAsOf(o.asOf)
		if err != nil {
			return cfg, err
		}
		cfg.AsOf = t
	}
	return cfg, nil
}
