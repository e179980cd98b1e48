package engine

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/review-tool/review/internal/inputerr"
)

// hugeSetRule builds a set of a hundred million numbers for every account
// it looks at: gigabytes, were it not stopped.
const hugeSetRule = `# METADATA
# title: Huge set
# description: Builds a set of a hundred million numbers.
# custom:
#   id: huge-set
#   family: account-hygiene
#   severity: low
#   remediation: none
#   input: account
package review.rules.huge_set

finding := {"detail": "x", "evidence": {}} if {
	input.enabled
	s := {x | some x in numbers.range(1, 100000000); x != count(input.username)}
	count(s) == 1
}
`

// A rule that holds the heap past the rules' share of --memory-limit is
// stopped on the account it evaluates: the error names the rule's file,
// id, the account and the limit, and is the user's to fix (exit 2).
func TestMemoryWatchStopsARuleThatHoldsTheHeap(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "huge.rego"), []byte(hugeSetRule), 0o644); err != nil {
		t.Fatal(err)
	}
	rs := builtins(t, dir)
	caps := map[string]map[string]bool{"s": {"users": true, "user.enabled": true}}
	fact := account("s", "old", strings.ReplaceAll(staleJSON, "%s", "s"))
	_, err := Evaluate(context.Background(), rs, memFacts(fact), Settings{AsOf: asOf, Params: defaults(rs), Capabilities: caps,
		NoPrefilter: true, Workers: 1, MemoryLimit: 128 << 20, MemoryFlag: "192MB"})
	var me *RuleMemoryError
	if !errors.As(err, &me) {
		t.Fatalf("err = %v, want a *RuleMemoryError", err)
	}
	want := filepath.Join(dir, "huge.rego") + `: rule huge-set took the rules' memory past 128 MiB (their share of --memory-limit 192MB) on account "old" of s and was stopped`
	if !strings.HasPrefix(err.Error(), want) || !inputerr.Is(err) {
		t.Errorf("err = %v (the user's: %v), want %q…, the user's", err, inputerr.Is(err), want)
	}
}

// The same set built from constants is built while the rule's SQL
// prefilter is derived, before any account: the error says so.
func TestMemoryWatchStopsAPrefilter(t *testing.T) {
	dir := t.TempDir()
	rule := strings.Replace(hugeSetRule, "x != count(input.username)", "x > 0", 1)
	if err := os.WriteFile(filepath.Join(dir, "huge.rego"), []byte(rule), 0o644); err != nil {
		t.Fatal(err)
	}
	rs := builtins(t, dir)
	caps := map[string]map[string]bool{"s": {"users": true, "user.enabled": true}}
	fact := account("s", "old", strings.ReplaceAll(staleJSON, "%s", "s"))
	_, err := Evaluate(context.Background(), rs, memFacts(fact), Settings{AsOf: asOf, Params: defaults(rs), Capabilities: caps,
		Workers: 1, MemoryLimit: 128 << 20, MemoryFlag: "192MB"})
	want := filepath.Join(dir, "huge.rego") + `: rule huge-set took the rules' memory past 128 MiB (their share of --memory-limit 192MB) while its SQL prefilter was derived and was stopped`
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("err = %v, want %q…", err, want)
	}
}
