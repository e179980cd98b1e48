package main

import (
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// isCoverageLine tells the lines of warnCoverage in standard error.
func isCoverageLine(line string) bool {
	return strings.HasPrefix(line, "review: warning: ") && regexp.MustCompile(` did not run( there)?$`).MatchString(line)
}

// A run without --roster or --licenses says, at the end on standard error
// and on the Summary, which rules did not run for want of them, even with
// --quiet: a High count of 0 must not read as "nobody terminated".
func TestRunWithoutRosterSaysWhichRulesDidNotRun(t *testing.T) {
	t.Parallel()
	xlsx := filepath.Join(t.TempDir(), "x.xlsx")
	code, msg := runCLI(t, "run", "--quiet", "--as-of", "2025-11-22", "--out", xlsx,
		"../../fixtures/mixed/pra", "../../fixtures/mixed/rs")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, msg)
	}
	lines := strings.Split(strings.TrimSpace(msg), "\n")
	want := []string{
		"no roster given (--roster): account-not-in-roster, login-after-termination, session-after-termination, terminated-user-enabled and vault-activity-after-termination did not run",
		"no license file given (--licenses): license-over-assigned did not run",
		"pra and rs have no team export (/team): orphaned-team did not run there",
	}
	for _, w := range want {
		if !slices.Contains(lines, "review: warning: "+w) {
			t.Errorf("stderr lacks %q:\n%s", w, msg)
		}
	}
	// The missing inputs come first.
	if len(lines) < 2 || lines[0] != "review: warning: "+want[0] || lines[1] != "review: warning: "+want[1] {
		t.Errorf("stderr does not start with the missing roster and license file:\n%s", msg)
	}
	if other := slices.DeleteFunc(slices.Clone(lines), isCoverageLine); len(other) != 0 {
		t.Errorf("other lines on stderr: %q", other)
	}

	f := openWorkbook(t, xlsx)
	rows, err := f.GetRows("Summary")
	if err != nil {
		t.Fatal(err)
	}
	var summary []string
	for _, r := range rows {
		if len(r) > 0 {
			summary = append(summary, r[0])
		}
	}
	for _, w := range want[:2] {
		if !slices.Contains(summary, w) {
			t.Errorf("the Summary lacks %q", w)
		}
	}
}

// With the roster and the license file given, neither is named.
func TestRunWithRosterDoesNotWarnAboutIt(t *testing.T) {
	t.Parallel()
	xlsx := filepath.Join(t.TempDir(), "x.xlsx")
	code, msg := runCLI(t, "run", "--quiet", "--as-of", "2025-11-22", "--out", xlsx,
		"--roster", "../../fixtures/mixed/roster.csv", "--licenses", "../../fixtures/mixed/licenses.csv",
		"../../fixtures/mixed/pra", "../../fixtures/mixed/rs")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, msg)
	}
	if strings.Contains(msg, "--roster") || strings.Contains(msg, "--licenses") {
		t.Errorf("stderr names a given input as missing:\n%s", msg)
	}
	if !strings.Contains(msg, "review: warning: rs has no group policy export (/group-policy): group-policy-no-active-members, orphaned-group-policy and unknown-group-policy did not run there") {
		t.Errorf("stderr lacks the rules the rs report cannot feed:\n%s", msg)
	}
	// Remote Support has no vendors and neither site is Password Safe:
	// rules that cannot apply there are no gap, and are not warned about.
	for _, quiet := range []string{"vendor_users", "ps_users", "password-safe"} {
		if strings.Contains(msg, quiet) {
			t.Errorf("stderr warns of %s, which neither site's product has:\n%s", quiet, msg)
		}
	}
}
