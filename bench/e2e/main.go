// Command e2e is the end-to-end benchmark of make bench: for each size it
// generates an export set (kept under bench/data for the next run), runs
// review over it as a user would, and prints the wall time of each stage,
// the peak RSS, and whether the findings match the counts the generator
// planted. With --baselines it also runs, on the same data in the same run,
// what a user would do instead (opa eval over the data as JSON, a pandas +
// openpyxl script) and prints the ratios.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/review-tool/review/fixtures/generate"
	"github.com/review-tool/review/internal/digest"
)

func main() {
	bin := flag.String("bin", "bin/review", "the review binary to measure")
	sizes := flag.String("sizes", "10000,100000,1000000", "comma-separated account counts")
	seed := flag.Uint64("seed", 1, "generator seed")
	data := flag.String("data", "bench/data", "where generated sets are kept between runs")
	runs := flag.Int("runs", 1, "runs per size; the table shows the fastest (least disturbed)")
	baselines := flag.Bool("baselines", false, "also run the opa eval and pandas baselines")
	// Session and activity reports are read but not yet used by any rule
	// (issue 20's rules come next): off by default, so that the figures
	// stay comparable with earlier runs until something counts them.
	sessions := flag.Int("sessions", 0, "session reports' sessions per account per quarter in the generated sets (0: none)")
	baselineMax := flag.Int("baseline-max", 100000, "largest size the baselines run at")
	vs := flag.String("vs", "", "an older review binary: run it and --bin alternately, --runs pairs per size, and print each stage's ratio (make bench-compare)")
	flag.Parse()

	var ns []int
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 100 {
			fail("--sizes: %q is not an account count of at least 100", s)
		}
		ns = append(ns, n)
	}
	failed := false
	var results []*result
	for _, n := range ns {
		name := fmt.Sprintf("%d-seed%d", n, *seed)
		if *sessions > 0 {
			name += fmt.Sprintf("-sessions%d", *sessions)
		}
		dir := filepath.Join(*data, name)
		gen, err := ensureSet(*bin, dir, n, *seed, *sessions)
		if err != nil {
			fail("%v", err)
		}
		if *vs != "" {
			if !comparePair(*vs, *bin, dir, n, *runs) {
				failed = true
			}
			continue
		}
		var best *result
		var walls []time.Duration
		for i := 0; i < *runs; i++ {
			r, err := runReview(*bin, dir)
			if err != nil {
				fail("%d accounts: %v", n, err)
			}
			walls = append(walls, r.wall)
			if best == nil || r.wall < best.wall {
				best = r
			}
		}
		best.walls = walls
		best.accounts, best.generate = n, gen
		if best.mismatch != "" {
			failed = true
		}
		if *baselines && n <= *baselineMax {
			best.baselines = runBaselines(dir, best.expected)
		}
		results = append(results, best)
		fmt.Fprintf(os.Stderr, "%d accounts: %.1fs, %d MiB\n", n, best.wall.Seconds(), best.rss>>20)
	}
	if len(results) > 0 {
		printReport(results)
	}
	if failed {
		os.Exit(1)
	}
}

func fail(format string, a ...any) {
	fmt.Fprintf(os.Stderr, "e2e: "+format+"\n", a...)
	os.Exit(2)
}

// ensureSet generates the set unless a complete one of this generator's
// format is there already; it
// returns the generation time (0 when reused).
func ensureSet(bin, dir string, n int, seed uint64, sessions int) (time.Duration, error) {
	// A set an earlier generator made lacks the cases later rules find:
	// its counts would read as a mismatch, so it is made again.
	if exp, err := generate.ReadExpected(dir); err == nil && exp.Format == generate.Format {
		return 0, nil
	}
	if err := os.RemoveAll(dir); err != nil {
		return 0, err
	}
	start := time.Now()
	cmd := exec.Command(bin, "fixtures", "generate", "--accounts", strconv.Itoa(n), "--seed", strconv.FormatUint(seed, 10),
		"--sessions", strconv.Itoa(sessions), "--out", dir)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("generate %d accounts: %w", n, err)
	}
	return time.Since(start), nil
}

// result is one measured review run.
type result struct {
	accounts  int
	generate  time.Duration
	wall      time.Duration
	rss       int64
	cpu       time.Duration // user + system time of the process
	jsonl     string        // SHA-256 of the JSON Lines written
	stages    map[string]time.Duration
	loadCPU   time.Duration
	rows      int64
	findings  int
	workbook  int64
	expected  *generate.Expected
	mismatch  string
	baselines []baseline
	walls     []time.Duration // every run's wall time, in run order
}

// median of the run times.
func (r *result) median() time.Duration {
	w := append([]time.Duration(nil), r.walls...)
	sort.Slice(w, func(i, j int) bool { return w[i] < w[j] })
	if len(w)%2 == 1 {
		return w[len(w)/2]
	}
	return (w[len(w)/2-1] + w[len(w)/2]) / 2
}

var stageLine = regexp.MustCompile(`stage=(\w+) elapsed=(\S+)`)
var loadLine = regexp.MustCompile(`load_cpu=(\S+)`)
var rowsLine = regexp.MustCompile(` rows=(\d+)`)

// measure runs a command and returns its wall time, peak RSS and stderr.
func measure(cmd *exec.Cmd) (time.Duration, int64, []byte, error) {
	wall, rss, _, logs, err := measureCPU(cmd)
	return wall, rss, logs, err
}

// measureCPU is measure, with the process's user + system time.
func measureCPU(cmd *exec.Cmd) (time.Duration, int64, time.Duration, []byte, error) {
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	var rss int64
	var cpu time.Duration
	if cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			rss = ru.Maxrss * 1024
		}
		cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	if err != nil {
		return wall, rss, cpu, stderr.Bytes(), fmt.Errorf("%s: %w\n%s", strings.Join(cmd.Args, " "), err, lastLines(stderr.String(), 5))
	}
	return wall, rss, cpu, stderr.Bytes(), nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func runReview(bin, dir string) (*result, error) {
	exp, err := generate.ReadExpected(dir)
	if err != nil {
		return nil, err
	}
	out, err := os.MkdirTemp("", "review-bench-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(out)
	abs, err := filepath.Abs(bin)
	if err != nil {
		return nil, err
	}
	xlsx, jsonl := filepath.Join(out, "findings.xlsx"), filepath.Join(out, "findings.jsonl")
	cmd := exec.Command(abs, "run", "--as-of", exp.AsOf, "--roster", "roster.csv", "--licenses", "licenses.csv",
		"--out", xlsx, "--json", jsonl, "pra-prod", "rs-prod")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CI=1") // log lines, not bars
	wall, rss, cpu, logs, err := measureCPU(cmd)
	if err != nil {
		return nil, err
	}
	r := &result{wall: wall, rss: rss, cpu: cpu, stages: map[string]time.Duration{}, expected: exp}
	for _, m := range stageLine.FindAllSubmatch(logs, -1) {
		d, _ := time.ParseDuration(string(m[2]))
		r.stages[string(m[1])] = d
	}
	if m := loadLine.FindSubmatch(logs); m != nil {
		r.loadCPU, _ = time.ParseDuration(string(m[1]))
	}
	if m := rowsLine.FindSubmatch(logs); m != nil {
		r.rows, _ = strconv.ParseInt(string(m[1]), 10, 64)
	}
	if st, err := os.Stat(xlsx); err == nil {
		r.workbook = st.Size()
	}
	counts, n, err := countFindings(jsonl)
	if err != nil {
		return nil, err
	}
	if r.jsonl, _, err = digest.File(jsonl); err != nil {
		return nil, err
	}
	r.findings = n
	known, err := knownRules(bin)
	if err != nil {
		return nil, err
	}
	// The generator may plant cases of rules this binary does not have yet
	// (an A/B against an older build): only its own rules are compared.
	r.mismatch = compare(exp.Findings, counts, known)
	return r, nil
}

// knownRules are the rule ids bin has (review rules list, first column).
func knownRules(bin string) (map[string]bool, error) {
	out, err := exec.Command(bin, "rules", "list").Output()
	if err != nil {
		return nil, fmt.Errorf("%s rules list: %w", bin, err)
	}
	known := map[string]bool{}
	for i, line := range strings.Split(string(out), "\n") {
		if f := strings.Fields(line); i > 0 && len(f) > 0 {
			known[f[0]] = true
		}
	}
	return known, nil
}

// countFindings counts a JSON Lines file's findings by rule and source.
func countFindings(path string) (map[string]map[string]int, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	counts := map[string]map[string]int{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	n := 0
	for sc.Scan() {
		var fd struct{ Rule, Source string }
		if err := json.Unmarshal(sc.Bytes(), &fd); err != nil {
			return nil, 0, fmt.Errorf("%s: %w", path, err)
		}
		if counts[fd.Rule] == nil {
			counts[fd.Rule] = map[string]int{}
		}
		counts[fd.Rule][fd.Source]++
		n++
	}
	return counts, n, sc.Err()
}

// compare lists the differences between expected and found counts, over
// the rules in only (all when nil).
func compare(want, got map[string]map[string]int, only map[string]bool) string {
	keys := map[string]bool{}
	for rule, by := range want {
		for src := range by {
			keys[rule+"\t"+src] = true
		}
	}
	for rule, by := range got {
		for src := range by {
			keys[rule+"\t"+src] = true
		}
	}
	var diffs []string
	for k := range keys {
		rule, src, _ := strings.Cut(k, "\t")
		if only != nil && !only[rule] {
			continue
		}
		if w, g := want[rule][src], got[rule][src]; w != g {
			diffs = append(diffs, fmt.Sprintf("%s on %s: want %d, got %d", rule, src, w, g))
		}
	}
	sort.Strings(diffs)
	return strings.Join(diffs, "; ")
}

// baseline is one run of a comparison implementation.
type baseline struct {
	name     string
	wall     time.Duration
	rss      int64
	mismatch string
	err      error
}

// baselineRules are the four families the baselines implement (without
// dangling-reference, which needs every reference kind).
var baselineRules = map[string]bool{}

func init() {
	for _, id := range []string{
		"orphaned-group-policy", "group-policy-no-active-members", "orphaned-team", "orphaned-jump-group", "orphaned-vault-account-group",
		"stale-account", "never-logged-in", "terminated-user-enabled", "account-not-in-roster", "license-over-assigned", "disabled-account-retains-access",
		"admin-count-exceeds-threshold", "admin-without-mfa", "stale-admin", "local-admin-account", "api-account-full-access",
		"user-without-group-policy", "unknown-group-policy",
	} {
		baselineRules[id] = true
	}
}

// runBaselines runs bench/opa (convert to JSON, then opa eval) and
// bench/pandas over the set. A baseline that fails is reported, not fatal.
func runBaselines(dir string, exp *generate.Expected) []baseline {
	tmp, err := os.MkdirTemp("", "review-baseline-")
	if err != nil {
		return []baseline{{name: "baselines", err: err}}
	}
	defer os.RemoveAll(tmp)
	input := filepath.Join(tmp, "input.json")
	var out []baseline
	run := func(name string, args ...string) []byte {
		cmd := exec.Command(args[0], args[1:]...)
		var stdout bytes.Buffer
		cmd.Stdout = &stdout
		wall, rss, _, err := measure(cmd)
		b := baseline{name: name, wall: wall, rss: rss, err: err}
		if err == nil && stdout.Len() > 0 {
			var counts map[string]map[string]int
			if jerr := json.Unmarshal(lastJSONLine(stdout.Bytes()), &counts); jerr != nil {
				b.err = fmt.Errorf("%s: counts: %w", name, jerr)
			} else {
				b.mismatch = compare(exp.Findings, counts, baselineRules)
			}
		}
		out = append(out, b)
		return stdout.Bytes()
	}
	run("opa: convert to JSON", "bench/opa/run.sh", "convert", dir, input)
	run("opa eval", "bench/opa/run.sh", "eval", input)
	run("pandas + openpyxl", map[bool]string{true: "/usr/bin/python3", false: "python3"}[func() bool { _, err := os.Stat("/usr/bin/python3"); return err == nil }()], "bench/pandas/review.py", dir, filepath.Join(tmp, "pandas.xlsx")) // the system python: Debian's pandas is installed for it only
	return out
}

func lastJSONLine(b []byte) []byte {
	lines := bytes.Split(bytes.TrimSpace(b), []byte("\n"))
	return lines[len(lines)-1]
}

func printReport(rs []*result) {
	fmt.Println("| accounts | input rows | findings | read+load | (load CPU) | facts | rules | write | total wall | peak RSS | workbook | counts |")
	fmt.Println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
	for _, r := range rs {
		counts := "match"
		if r.mismatch != "" {
			counts = "MISMATCH: " + r.mismatch
		}
		fmt.Printf("| %d | %d | %d | %s | %s | %s | %s | %s | **%s** | %d MiB | %.0f MB | %s |\n",
			r.accounts, r.rows, r.findings, secs(r.stages["read"]), secs(r.loadCPU), secs(r.stages["facts"]),
			secs(r.stages["rules"]), secs(r.stages["write"]), secs(r.wall), r.rss>>20, float64(r.workbook)/1e6, counts)
	}
	if rs[0].walls != nil && len(rs[0].walls) > 1 {
		fmt.Printf("\nEach size ran %d times; the table shows the fastest run. All runs:\n\n", len(rs[0].walls))
		for _, r := range rs {
			var ws []string
			for _, w := range r.walls {
				ws = append(ws, secs(w))
			}
			fmt.Printf("- %d accounts: %s (median %s)\n", r.accounts, strings.Join(ws, ", "), secs(r.median()))
		}
	}
	if len(rs) > 1 {
		fmt.Println()
		for i := 1; i < len(rs); i++ {
			a, b := rs[i-1], rs[i]
			fmt.Printf("- %d → %d accounts (×%.0f): time ×%.1f, peak RSS ×%.1f\n", a.accounts, b.accounts,
				float64(b.accounts)/float64(a.accounts), b.wall.Seconds()/a.wall.Seconds(), float64(b.rss)/float64(a.rss))
		}
	}
	for _, r := range rs {
		if len(r.baselines) == 0 {
			continue
		}
		fmt.Printf("\nSide by side at %d accounts (same data, same run; review: %s, %d MiB):\n\n", r.accounts, secs(r.wall), r.rss>>20)
		fmt.Println("| implementation | wall | peak RSS | time ÷ review | counts (4 families) |")
		fmt.Println("|---|---:|---:|---:|---|")
		fmt.Printf("| review run (all 5 families + workbook) | %s | %d MiB | 1.0 | match |\n", secs(r.wall), r.rss>>20)
		for _, b := range r.baselines {
			status := "match"
			switch {
			case b.err != nil:
				status = "FAILED: " + firstLine(b.err.Error())
			case b.mismatch != "":
				status = "differs: " + b.mismatch
			case strings.HasPrefix(b.name, "opa: convert"):
				status = "(preparation)"
			}
			fmt.Printf("| %s | %s | %d MiB | %.1f | %s |\n", b.name, secs(b.wall), b.rss>>20, b.wall.Seconds()/r.wall.Seconds(), status)
		}
	}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

func secs(d time.Duration) string {
	if d == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}
