package main

import (
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/review-tool/review/campaign"
	"github.com/review-tool/review/internal/inputerr"
	"github.com/review-tool/review/reports"
)

const collectUsage = `Usage:
  review collect --out decisions.xlsx [--json decisions.jsonl] [--allow-missing]
                 [--collected-on YYYY-MM-DD] FILE|DIR...

Reads the campaign.json that review run --split-by wrote and the reviewers'
workbooks that came back (files, or folders searched for campaign.json and
.xlsx files, not recursively), checks every row against the campaign, and
writes the decisions workbook (Campaign: the campaign, the files read with
their SHA-256 and when they were collected; Decisions, Revoke, Missing,
Sign-offs) and, with --json, every decision as JSON Lines, the revoke list
for scripts (docs/campaign.md). The same files and --collected-on give the
same bytes.

Exit codes: 0 every finding decided; 1 decisions missing, or a Revoke or
Modify without its comment (the outputs are written: they are the reminder
list); 2 a workbook of another campaign, a changed row, an unknown finding,
a decision that is none of Keep, Revoke, Modify, Accept risk, or two
different decisions for one finding (every one is listed; nothing is
written), or bad usage.
`

var collectCommand = command{name: "collect", run: cmdCollect, usage: [][2]string{
	{"collect --out FILE DIR...", "check the reviewers' returned workbooks and consolidate their decisions"},
}, flags: func(fs *pflag.FlagSet) { new(collectOptions).addFlags(fs) }}

// collectOptions are review collect's flags.
type collectOptions struct {
	out, json    string
	allowMissing bool
	quiet        bool
	// collectedOn is --collected-on as given, "" for today; collected is
	// the date it stands for, YYYY-MM-DD.
	collectedOn, collected string
}

func (o *collectOptions) addFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.out, "out", "", "write the decisions workbook to `FILE.xlsx`")
	fs.StringVar(&o.json, "json", "", "also write every decision as JSON Lines to `FILE.jsonl`: the revoke list for scripts (action not \"none\"), and a --previous for next quarter")
	fs.BoolVar(&o.allowMissing, "allow-missing", false, "exit 0 even when findings are still undecided (Missing sheet)")
	fs.StringVar(&o.collectedOn, "collected-on", "", "the day the decisions were collected, `YYYY-MM-DD`, on the Campaign sheet and as the workbook's creation date (default today, UTC)")
	fs.BoolVar(&o.quiet, "quiet", false, "no result line (problems and warnings still)")
}

func cmdCollect(e env, args []string) int {
	fs := newFlags(e, "review collect", collectUsage)
	var o collectOptions
	o.addFlags(fs)
	if err := fs.Parse(args); err != nil {
		return flagExit(e, fs, err)
	}
	if o.out == "" || fs.NArg() == 0 {
		fmt.Fprint(e.stderr, "review collect: --out and at least one returned workbook or folder are required\n\n", collectUsage)
		return exitBadInput
	}
	o.collected = time.Now().UTC().Format(time.DateOnly)
	if o.collectedOn != "" {
		t, err := parseDateFlag("--collected-on", o.collectedOn, "the day the decisions were collected, usually today")
		if err != nil {
			fmt.Fprintln(e.stderr, "review collect:", err)
			return exitBadInput
		}
		o.collected = t.Format(time.DateOnly)
	}
	code, err := collect(e, &o, fs.Args())
	if err != nil {
		fmt.Fprintln(e.stderr, "review collect:", err)
		if inputerr.Is(err) {
			return exitBadInput
		}
		return exitInternal
	}
	return code
}

// collect runs the command once its flags are read.
func collect(e env, o *collectOptions, args []string) (int, error) {
	outs := []output{{flag: "--out", path: o.out, given: true, exts: []string{".xlsx"}, format: "an Excel workbook"}}
	if o.json != "" {
		outs = append(outs, output{flag: "--json", path: o.json, given: true, exts: []string{".jsonl", ".ndjson"}, format: "JSON Lines"})
	}
	if err := checkOutputs(outs, collectArgInputs(args)); err != nil {
		return 0, err
	}
	in, err := collectInputs(args)
	if err != nil {
		return 0, err
	}
	issued, err := campaign.LoadIssued(in.campaign)
	if err != nil {
		return 0, err
	}
	var returned []*campaign.Returned
	for _, file := range in.workbooks {
		r, err := campaign.ReadReturned(file)
		if err != nil {
			return 0, err
		}
		returned = append(returned, r)
	}
	res := campaign.Collect(issued, returned)
	res.CollectedOn = o.collected
	if len(res.Refused) > 0 {
		for _, p := range res.Refused {
			fmt.Fprintln(e.stderr, "review collect:", p)
		}
		problems := fmt.Sprintf("%d problems", len(res.Refused))
		if len(res.Refused) == 1 {
			problems = "1 problem"
		}
		return 0, inputerr.New("%s in the returned workbooks (listed above): nothing written; "+
			"send the reviewer their workbook again, or take the changed file out", problems)
	}
	if o.collected < issued.AsOf { // both YYYY-MM-DD
		fmt.Fprintf(e.stderr, "review collect: warning: collected on %s, before the campaign's as-of date %s: is --collected-on (default today) right?\n",
			o.collected, issued.AsOf)
	}
	if err := writeCollected(o, res); err != nil {
		return 0, err
	}
	return collectResult(e, o, res, returned), nil
}

// collectedInputs are campaign.json and the returned workbooks, sorted so
// that the same files give the same decisions workbook.
type collectedInputs struct {
	campaign  string
	workbooks []string
}

// collectArgInputs are collect's arguments as inputs, for the check of
// the outputs against them: a file is never written over, and nothing is
// written into a folder collected, where the next collect would read it
// as a returned workbook.
func collectArgInputs(args []string) inputs {
	var in inputs
	for _, arg := range args {
		name := "the returned workbook"
		if fi, err := os.Stat(arg); err == nil && fi.IsDir() {
			name = "the folder"
		} else if strings.EqualFold(filepath.Ext(arg), ".json") {
			name = "the campaign file"
		}
		in = append(in, input{name: name, path: arg})
	}
	return in
}

// collectInputs sorts the arguments into campaign.json and workbooks. A
// folder is searched (not recursively) for both; Excel's lock files
// ("~$name.xlsx") are passed over.
func collectInputs(args []string) (collectedInputs, error) {
	var in collectedInputs
	var campaigns []string
	seen := map[string]bool{}
	add := func(path string) error {
		key := realPath(path)
		if seen[key] {
			return nil
		}
		seen[key] = true
		switch ext := strings.ToLower(filepath.Ext(path)); {
		case ext == ".json":
			campaigns = append(campaigns, path)
		case ext == ".xlsx":
			in.workbooks = append(in.workbooks, path)
		default:
			return inputerr.New("%s: expected campaign.json or a returned workbook (.xlsx)", path)
		}
		return nil
	}
	for _, arg := range args {
		fi, err := os.Stat(arg)
		if err != nil {
			return in, inputerr.New("%s: %v", arg, unwrapPath(err))
		}
		if !fi.IsDir() {
			if err := add(arg); err != nil {
				return in, err
			}
			continue
		}
		entries, err := os.ReadDir(arg)
		if err != nil {
			return in, inputerr.New("%s: %v", arg, unwrapPath(err))
		}
		for _, d := range entries {
			name := d.Name()
			isBook := strings.EqualFold(filepath.Ext(name), ".xlsx") && !strings.HasPrefix(name, "~$")
			if d.Type().IsRegular() && (name == "campaign.json" || isBook) {
				if err := add(filepath.Join(arg, name)); err != nil {
					return in, err
				}
			}
		}
	}
	switch len(campaigns) {
	case 0:
		return in, inputerr.New("no campaign.json among %s: give the campaign.json that review run --split-by wrote beside the reviewers' workbooks",
			strings.Join(args, ", "))
	case 1:
		in.campaign = campaigns[0]
	default:
		return in, inputerr.New("two campaign files, %s and %s: give the one campaign the returned workbooks belong to", campaigns[0], campaigns[1])
	}
	if len(in.workbooks) == 0 {
		return in, inputerr.New("no returned workbook (.xlsx) among %s", strings.Join(args, ", "))
	}
	slices.Sort(in.workbooks)
	return in, nil
}

// writeCollected writes the decisions workbook and the JSON Lines as one
// set: both appear, or neither.
func writeCollected(o *collectOptions, res *campaign.Result) error {
	var set reports.OutputSet
	defer set.Discard()
	if err := set.Write(o.out, func(w io.Writer) error { return campaign.WriteDecisionsWorkbook(w, res) }); err != nil {
		return fmt.Errorf("--out %s: %w", o.out, err)
	}
	if o.json != "" {
		if err := set.Write(o.json, func(w io.Writer) error { return campaign.WriteDecisionsJSONL(w, res) }); err != nil {
			return fmt.Errorf("--json %s: %w", o.json, err)
		}
	}
	return set.Commit()
}

// collectResult reports what is incomplete, unsigned and missing, ends
// with one line of counts, and returns the exit code.
func collectResult(e env, o *collectOptions, res *campaign.Result, returned []*campaign.Returned) int {
	for _, inc := range res.Incomplete() {
		fmt.Fprintf(e.stderr, "review collect: %s: sheet Findings, row %d: finding %s: %s without a comment, which it needs\n",
			inc.File, inc.Row, inc.ID, inc.Decision)
	}
	files := map[string][]string{} // reviewer → their workbooks given
	for _, r := range returned {
		if r.SignedBy == "" || r.SignedOn == "" {
			fmt.Fprintf(e.stderr, "review collect: warning: %s is not signed off (Signed off by and Signed off on, on the Instructions sheet)\n", r.File)
		}
		files[r.Reviewer] = append(files[r.Reviewer], r.File)
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		// Most often the workbook as sent beside the one returned: the
		// folder split wrote to, collected with the returned ones.
		if fs := files[name]; len(fs) > 1 {
			fmt.Fprintf(e.stderr, "review collect: warning: %d workbooks of %s (%s): if one is the copy as sent, give only the returned one (and campaign.json by its path)\n",
				len(fs), name, strings.Join(fs, ", "))
		}
	}
	missing := res.Missing()
	undecided := len(missing) - len(res.Incomplete())
	if !o.quiet {
		written := o.out
		if o.json != "" {
			written += ", " + o.json
		}
		fmt.Fprintf(e.stderr, "review collect: %d findings: %d decided, %d incomplete, %d undecided; %d to revoke or modify; wrote %s\n",
			len(res.Entries), len(res.Entries)-len(missing), len(res.Incomplete()), undecided, len(res.Removals()), written)
	}
	switch {
	case len(res.Incomplete()) > 0:
		fmt.Fprintln(e.stderr, "review collect: a Revoke or Modify without a comment is not complete: ask the reviewer for it (Missing sheet)")
		return exitFindings
	case undecided > 0 && !o.allowMissing:
		fmt.Fprintf(e.stderr, "review collect: %d findings have no decision yet (Missing sheet, per reviewer); --allow-missing to accept that\n", undecided)
		return exitFindings
	}
	return exitOK
}
