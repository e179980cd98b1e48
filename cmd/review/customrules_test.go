package main

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/review-tool/review/engine"
	"github.com/review-tool/review/facts"
)

// findingForm is the form the errors about a malformed finding quote.
const findingForm = `write it as the built-in rules do: finding := {"detail": "...", "evidence": {...}} if { ... }`

// A custom rule that would lose its results (a finding that is not one
// object, a built-in error, evidence that is not an object) stops the run
// with exit 2, naming the file, line, rule and, when evaluation found it,
// the entity; nothing is written. Each case runs with and without the SQL
// prefilters, which must neither hide the error nor change the message.
func TestCustomRuleCannotLoseResults(t *testing.T) {
	t.Parallel()
	tests := []struct {
		dir    string
		wants  []string
		entity bool // found while evaluating, so the message names an entity
	}{
		{"set-form", []string{"set_form.rego:12:1: rule set-form: finding contains ... makes a set of values", findingForm}, false},
		{"string", []string{`string_finding.rego:12:1: rule string-finding: finding is a string ("enabled account")`, findingForm}, false},
		{"number", []string{"number_finding.rego:12:1: rule number-finding: finding is a number (1)", findingForm}, false},
		{"string-at-run-time", []string{"late_string.rego:12:1: custom rule late-string failed on account ",
			`finding is a string "`, ` is enabled", not an object`, findingForm}, true},
		{"divide-by-zero", []string{"divide_by_zero.rego:14:11: custom rule divide-by-zero failed on account ", "div: divide by zero"}, true},
		{"bad-sprintf", []string{"bad_sprintf.rego:12:23: custom rule bad-sprintf failed on account ", "sprintf: operand 2 must be array but got string"}, true},
		// upper() fails before a condition the prefilter could check
		// (days since > 100000, true of no account): the prefilter must
		// not drop the accounts the rule fails on.
		{"type-error", []string{"type_error.rego:13:2: custom rule type-error failed on account ", "upper: operand 1 must be string but got boolean"}, true},
		{"evidence-string", []string{"evidence_string.rego:12:1: custom rule evidence-string failed on account ",
			`finding's evidence is a string "the account is enabled", not an object`, findingForm}, true},
	}
	entity := regexp.MustCompile(`failed on account "[^"]+" of pra-prod: `)
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			t.Parallel()
			var msgs []string
			for _, flags := range [][]string{nil, {"--no-prefilter"}} {
				out := t.TempDir()
				xlsx, jsonl := filepath.Join(out, "x.xlsx"), filepath.Join(out, "x.jsonl")
				args := append([]string{"run", "--quiet", "--as-of", "2025-11-22", "--workers", "2",
					"--rules", filepath.Join("testdata", "rules", tt.dir), "--out", xlsx, "--json", jsonl}, flags...)
				code, msg := runCLI(t, append(args, "../../fixtures/pra-json/pra-prod")...)
				if code != exitBadInput {
					t.Errorf("%v: exit %d, want %d (message %q)", flags, code, exitBadInput, msg)
				}
				for _, w := range tt.wants {
					if !strings.Contains(msg, filepath.Join("testdata", "rules", tt.dir)+string(filepath.Separator)) || !strings.Contains(msg, w) {
						t.Errorf("%v: message %q does not name the file or contain %q", flags, msg, w)
					}
				}
				if tt.entity && !entity.MatchString(msg) {
					t.Errorf("%v: message %q names no account", flags, msg)
				}
				for _, f := range []string{xlsx, jsonl} {
					if _, err := os.Stat(f); !os.IsNotExist(err) {
						t.Errorf("%v: %s was written", flags, filepath.Base(f))
					}
				}
				msgs = append(msgs, msg)
			}
			if msgs[0] != msgs[1] {
				t.Errorf("the prefilters change the message:\n with: %q\n without: %q", msgs[0], msgs[1])
			}
		})
	}
}

// A custom rule with a built-in rule's id replaces it: the run says so on
// standard error (even with --quiet), the Rules sheet says so in the
// rule's Origin, and the findings of that id are the custom rule's.
func TestCustomRuleReplacingABuiltInSaysSo(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	xlsx, jsonl := filepath.Join(dir, "x.xlsx"), filepath.Join(dir, "x.jsonl")
	rulesDir := filepath.Join("testdata", "rules", "override")
	code, msg := runCLI(t, "run", "--quiet", "--as-of", "2025-11-22", "--rules", rulesDir, "--out", xlsx, "--json", jsonl,
		"../../fixtures/pra-json/pra-prod")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, msg)
	}
	file := filepath.Join(rulesDir, "stale_account.rego")
	wantWarning := "review: warning: " + file + ": custom rule stale-account replaces the built-in rule stale-account (rules/stale-seats/stale_account.rego)"
	// Besides the lines saying which rules did not run (no roster here).
	lines := slices.DeleteFunc(strings.Split(strings.TrimSpace(msg), "\n"), isCoverageLine)
	if !slices.Equal(lines, []string{wantWarning}) {
		t.Errorf("stderr = %q, want the one line %q", msg, wantWarning)
	}
	f := openWorkbook(t, xlsx)
	rows, err := f.GetRows("Rules")
	if err != nil {
		t.Fatal(err)
	}
	origin := slices.Index(rows[0], "Origin")
	if origin < 0 {
		t.Fatalf("Rules header %v has no Origin", rows[0])
	}
	got := map[string]string{}
	for _, r := range rows[1:] {
		if len(r) > origin {
			got[r[0]] = r[origin]
		}
	}
	if want := "custom rule " + file + ", replacing the built-in rule rules/stale-seats/stale_account.rego"; got["stale-account"] != want {
		t.Errorf("stale-account Origin = %q, want %q", got["stale-account"], want)
	}
	if got["never-logged-in"] != "built-in" {
		t.Errorf("never-logged-in Origin = %q, want built-in", got["never-logged-in"])
	}
	stale := 0
	for _, fd := range readJSONL(t, jsonl) {
		if fd.Rule == "stale-account" {
			stale++
			if fd.Severity != "high" {
				t.Errorf("stale-account finding %s has severity %s, want the custom rule's high", fd.Entity, fd.Severity)
			}
		}
	}
	if stale == 0 {
		t.Errorf("no stale-account findings from the custom rule")
	}
}

// A failing built-in rule is review's bug (exit 3), a failing custom rule
// the user's input (exit 2).
func TestRuleErrorExitCode(t *testing.T) {
	t.Parallel()
	fact := &facts.Fact{EntityType: "account", Entity: "a", Source: "s"}
	for _, builtin := range []bool{true, false} {
		err := &engine.RuleError{Rule: &engine.Rule{ID: "r", Builtin: builtin}, Fact: fact, Where: "r.rego:1:1", Problem: "div: divide by zero"}
		want := exitBadInput
		if builtin {
			want = exitInternal
		}
		if got, _ := failed(errors.Join(errors.New("evaluate"), err)); got != want {
			t.Errorf("builtin=%v: exit %d, want %d", builtin, got, want)
		}
	}
}
