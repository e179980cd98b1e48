package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/review-tool/review/internal/db"
)

// holdDatabase is the second process of TestDatabaseInUse: it opens the
// database for writing, says so, and holds it until its input closes.
func holdDatabase(path string) {
	d, err := db.Open(path, db.Options{})
	if err != nil {
		os.Stdout.WriteString("error " + err.Error() + "\n")
		os.Exit(1)
	}
	d.Exec("CREATE OR REPLACE TABLE held AS SELECT 1")
	os.Stdout.WriteString("holding\n")
	bufio.NewReader(os.Stdin).ReadString('\n')
	d.Close()
	os.Exit(0)
}

// A --memory-limit too small for the data is the user's to raise: exit 2
// with the limit given, what DuckDB held and needed, and the flag with a
// value to try; nothing is written, not even the database.
func TestMemoryLimitTooSmall(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	args := append([]string{"run", "--quiet", "--as-of", "2025-11-22", "--memory-limit", "1MB",
		"--out", filepath.Join(dir, "f.xlsx"), "--json", filepath.Join(dir, "f.jsonl"), "--db", filepath.Join(dir, "f.duckdb")}, fixtures[2].args...)
	code, msg := runCLI(t, args...)
	want := regexp.MustCompile(`^review: DuckDB needed more memory than --memory-limit 1MB allows \(it held [\d.]+ \w+ of [\d.]+ \w+ and needed [\d.]+ \w+ more\): raise it, e\.g\. --memory-limit 1536MB \(the default\)`)
	if code != exitBadInput || !want.MatchString(msg) {
		t.Errorf("exit %d, message %q", code, msg)
	}
	if left, _ := os.ReadDir(dir); len(left) > 0 {
		t.Errorf("left in %s: %v", dir, left)
	}
}

// --db on a database another program holds open for writing stops before
// reading, naming the holder, and leaves the database alone.
func TestDatabaseInUse(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "review.duckdb")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "REVIEW_HOLD_DB="+path)
	stdin, _ := cmd.StdinPipe()
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { stdin.Close(); cmd.Wait() }()
	if line, _ := bufio.NewReader(out).ReadString('\n'); line != "holding\n" {
		t.Fatalf("holder: %q", line)
	}
	code, msg := runCLI(t, "run", "--quiet", "--db", path, "--out", filepath.Join(t.TempDir(), "f.xlsx"), "../../fixtures/pra-json/pra-prod")
	if code != exitBadInput || !strings.Contains(msg, "--db "+path+" is locked by another process (PID ") ||
		!strings.Contains(msg, "close it there (a duckdb shell, another review run) or name another file") {
		t.Errorf("exit %d, message %q", code, msg)
	}
}

// --db is an output like the others: a run that fails leaves the previous
// database as it was (and one that did not exist, absent); a run that
// completes replaces it whole.
func TestDatabaseIsReplacedOnlyByACompleteRun(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "review.duckdb")
	base := []string{"run", "--quiet", "--as-of", "2025-11-22", "--db", path, "--out", filepath.Join(dir, "f.xlsx")}

	// A failing run on no database leaves none.
	if code, msg := runCLI(t, append(append(base, "--param", "stale_days=soon"), fixtures[0].args...)...); code != exitBadInput {
		t.Fatalf("exit %d: %s", code, msg)
	}
	if left, _ := os.ReadDir(dir); len(left) > 0 {
		t.Fatalf("a failed run left %v", left)
	}

	if code, msg := runCLI(t, append(base, fixtures[0].args...)...); code != exitOK {
		t.Fatalf("exit %d: %s", code, msg)
	}
	first, _ := os.ReadFile(path)

	// A run that fails on its input (a bug, here) leaves it unchanged.
	bug := env{stdout: os.Stdout, stageHook: func(stage string) {
		if stage == "facts" {
			panic("a bug while building the facts")
		}
	}}
	code, _ := runIn(t, bug, append(base, fixtures[1].args...)...)
	if code != exitInternal {
		t.Fatalf("exit %d, want 3", code)
	}
	if now, _ := os.ReadFile(path); !bytes.Equal(now, first) {
		t.Errorf("a failed run changed the database")
	}
	if left := listDir(t, dir); strings.Contains(left, ".tmp-") {
		t.Errorf("a failed run left %s", left)
	}

	// A complete run replaces it.
	if code, msg := runCLI(t, append(base, fixtures[1].args...)...); code != exitOK {
		t.Fatalf("exit %d: %s", code, msg)
	}
	if now, _ := os.ReadFile(path); bytes.Equal(now, first) {
		t.Errorf("a complete run left the previous database")
	}
}

// Outputs are a set: when the workbook fails, the JSON Lines and CSV
// written before it do not appear, and no temporary file is left.
func TestFailingWorkbookLeavesNoOtherOutput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "f.xlsx")
	bug := env{stdout: os.Stdout, stageHook: func(stage string) {
		if stage == "write "+out {
			panic("the workbook failed")
		}
	}}
	args := append([]string{"run", "--quiet", "--as-of", "2025-11-22", "--out", out,
		"--json", filepath.Join(dir, "f.jsonl"), "--csv", filepath.Join(dir, "f.csv")}, fixtures[2].args...)
	if code, msg := runIn(t, bug, args...); code != exitInternal {
		t.Fatalf("exit %d, want 3: %s", code, msg)
	}
	if left, _ := os.ReadDir(dir); len(left) > 0 {
		t.Errorf("left in %s: %v", dir, left)
	}
}

// --fail-on says which findings made it exit 1: how many per severity and
// the first few, most severe first.
func TestFailOnNamesTheFindings(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	args := append([]string{"run", "--quiet", "--as-of", "2025-11-22", "--fail-on", "medium",
		"--out", filepath.Join(dir, "f.xlsx"), "--json", filepath.Join(dir, "f.jsonl")}, fixtures[2].args...)
	code, msg := runCLI(t, args...)
	if code != exitFindings {
		t.Fatalf("exit %d, want 1: %s", code, msg)
	}
	var high, medium int
	var matched []jsonFinding
	for _, f := range readJSONL(t, filepath.Join(dir, "f.jsonl")) {
		switch f.Severity {
		case "high":
			high++
		case "medium":
			medium++
		default:
			continue
		}
		matched = append(matched, f)
	}
	head := "review: --fail-on medium: " + itoa(int64(high+medium)) + " findings at medium or above (high " + itoa(int64(high)) + ", medium " + itoa(int64(medium)) + ")\n"
	// Coverage warnings come first; then the verdict.
	if !strings.Contains(msg, "\n"+head) && !strings.HasPrefix(msg, head) {
		t.Errorf("message %q, want a line %q", msg, head)
	}
	for _, f := range matched[:failOnShown] {
		line := "  " + f.ID + " " + f.Severity + " " + f.Rule + ": " + f.Source + " " + f.EntityType + " " + f.Entity + "\n"
		if !strings.Contains(msg, line) {
			t.Errorf("message %q does not name %q", msg, line)
		}
	}
	if !strings.Contains(msg, "… and "+itoa(int64(len(matched)-failOnShown))+" more on the Findings sheet") {
		t.Errorf("message %q does not say how many more", msg)
	}
	// Outputs are written: --fail-on is a verdict, not a failure.
	if _, err := os.Stat(filepath.Join(dir, "f.xlsx")); err != nil {
		t.Errorf("no workbook with --fail-on: %v", err)
	}
}

// Without --quiet the run ends with one line, also when standard error is
// not a terminal: findings per severity, rules not run, outputs, time.
func TestResultLine(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out, jsonl := filepath.Join(dir, "f.xlsx"), filepath.Join(dir, "f.jsonl")
	args := append([]string{"run", "--as-of", "2025-11-22", "--out", out, "--json", jsonl}, fixtures[0].args...)
	code, msg := runCLI(t, args...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, msg)
	}
	lines := strings.Split(strings.TrimSpace(msg), "\n")
	counts := map[string]int{}
	findings := readJSONL(t, jsonl)
	for _, f := range findings {
		counts[f.Severity]++
	}
	want := regexp.MustCompile(`^review: ` + itoa(int64(len(findings))) + ` findings \(high ` + itoa(int64(counts["high"])) +
		`, medium ` + itoa(int64(counts["medium"])) + `, low ` + itoa(int64(counts["low"])) +
		`\); \d+ of \d+ rules did not run on every source \(see the Rules sheet\); wrote ` + regexp.QuoteMeta(out+", "+jsonl) + `; [\d.]+m?s$`)
	if last := lines[len(lines)-1]; !want.MatchString(last) {
		t.Errorf("last line %q, want it to match %s", last, want)
	}
	for _, stage := range []string{"stage=read", "stage=facts", "stage=rules", "stage=write"} {
		if !strings.Contains(msg, stage) {
			t.Errorf("no %s line in %q", stage, msg)
		}
	}
	// --quiet keeps the warnings (what did not run is no progress message)
	// and drops the rest.
	_, msg = runCLI(t, append([]string{"run", "--quiet"}, args[1:]...)...)
	for _, line := range strings.Split(strings.TrimSpace(msg), "\n") {
		if line != "" && !strings.HasPrefix(line, "review: warning: ") {
			t.Errorf("--quiet still says %q", line)
		}
	}
}
