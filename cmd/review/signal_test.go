package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets a test run this binary as review itself (REVIEW_AS_MAIN),
// to stop it with a signal as a user would, or as another program holding
// a database open (REVIEW_HOLD_DB).
func TestMain(m *testing.M) {
	if os.Getenv("REVIEW_AS_MAIN") == "1" {
		tuneGC()
		os.Exit(run(systemEnv(), os.Args[1:]))
	}
	if path := os.Getenv("REVIEW_HOLD_DB"); path != "" {
		holdDatabase(path)
	}
	os.Exit(m.Run())
}

// A run stopped by SIGTERM, before writing or in the middle of the
// workbook, leaves none of its outputs (the JSON Lines written before the
// workbook, the database), no temporary file beside them and nothing in
// the temporary folder.
func TestStoppedRunLeavesNothingBehind(t *testing.T) {
	t.Parallel()
	set := filepath.Join(t.TempDir(), "set")
	if code, msg := runCLI(t, "fixtures", "generate", "--accounts", "40000", "--seed", "3", "--out", set); code != exitOK {
		t.Fatalf("generate: %d %s", code, msg)
	}
	for _, when := range []string{"after reading", "while writing the workbook"} {
		t.Run(when, func(t *testing.T) {
			t.Parallel()
			out, tmp := t.TempDir(), t.TempDir()
			cmd := exec.Command(os.Args[0], "run", "--as-of", "2025-11-22", "--roster", filepath.Join(set, "roster.csv"),
				"--out", filepath.Join(out, "findings.xlsx"), "--json", filepath.Join(out, "findings.jsonl"), "--db", filepath.Join(out, "review.duckdb"),
				filepath.Join(set, "pra-prod"), filepath.Join(set, "rs-prod"))
			cmd.Env = append(os.Environ(), "REVIEW_AS_MAIN=1", "TMPDIR="+tmp)
			stderr, _ := cmd.StderrPipe()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			lines := bufio.NewScanner(stderr)
			var log []string
			for lines.Scan() {
				log = append(log, lines.Text())
				if strings.Contains(lines.Text(), "stage=read") {
					break
				}
			}
			if when == "while writing the workbook" {
				deadline := time.Now().Add(60 * time.Second)
				for !hasTemp(out) && time.Now().Before(deadline) {
					time.Sleep(2 * time.Millisecond)
				}
				if !hasTemp(out) {
					t.Fatalf("the workbook's temporary file never appeared; log:\n%s", strings.Join(log, "\n"))
				}
			}
			cmd.Process.Signal(syscall.SIGTERM)
			for lines.Scan() {
				log = append(log, lines.Text())
			}
			err := cmd.Wait()
			if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 143 {
				t.Fatalf("exit %v, want 143; log:\n%s", err, strings.Join(log, "\n"))
			}
			for _, dir := range []string{out, tmp} {
				if left, _ := os.ReadDir(dir); len(left) > 0 {
					t.Errorf("left in %s: %v", dir, left)
				}
			}
		})
	}
}

func hasTemp(dir string) bool {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".findings.xlsx.tmp-") {
			return true
		}
	}
	return false
}

// A run whose standard output is closed (review run --json - | head -1)
// ends with 141, as a shell reports a process SIGPIPE ended, but first
// removes its temporary folder and the outputs it had staged.
func TestClosedStandardOutputLeavesNothingBehind(t *testing.T) {
	t.Parallel()
	out, tmp := t.TempDir(), t.TempDir()
	cmd := exec.Command(os.Args[0], append([]string{"run", "--quiet", "--as-of", "2025-11-22", "--json", "-",
		"--out", filepath.Join(out, "findings.xlsx"), "--db", filepath.Join(out, "review.duckdb")}, fixtures[2].args...)...)
	cmd.Env = append(os.Environ(), "REVIEW_AS_MAIN=1", "TMPDIR="+tmp)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stdout.Close() // the reader is gone before the first line
	err = cmd.Wait()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != exitClosedPipe {
		t.Fatalf("exit %v, want %d; stderr %q", err, exitClosedPipe, stderr.String())
	}
	if !strings.Contains(stderr.String(), "review: standard output was closed before the findings were all written") {
		t.Errorf("stderr %q", stderr.String())
	}
	for _, dir := range []string{out, tmp} {
		if left, _ := os.ReadDir(dir); len(left) > 0 {
			t.Errorf("left in %s: %v", dir, left)
		}
	}
}
