package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/review-tool/review/internal/inputerr"
	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/internal/progress"
)

// quiet reports no progress.
type quiet struct{}

func (quiet) Start(string, string, int64) progress.Stage { return quiet{} }
func (quiet) Add(int64)                                  {}
func (quiet) Done(...any)                                {}

// mixed is the hand-made fixture with two products, a roster and licenses.
func mixed() Config {
	return Config{
		AsOf:    time.Date(2025, 11, 22, 0, 0, 0, 0, time.UTC),
		Sources: []string{"../fixtures/mixed/pra", "../fixtures/mixed/rs"},
		Roster:  "../fixtures/mixed/roster.csv", Licenses: "../fixtures/mixed/licenses.csv",
		MemoryLimit: "1GB",
	}
}

func run(t *testing.T, cfg Config) *Review {
	t.Helper()
	rev, err := Run(context.Background(), cfg, quiet{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rev.Close() })
	return rev
}

// The Accounts sheet streams from the database after Run has returned, so
// the database and the temporary folder last until Close, and no longer.
func TestReviewKeepsItsDatabaseUntilClose(t *testing.T) {
	t.Parallel()
	rev := run(t, mixed())
	if _, err := os.Stat(rev.TempDir); err != nil {
		t.Fatalf("temporary folder gone before Close: %v", err)
	}
	var n int64
	if err := rev.Accounts(func(*model.AccountRow) error { n++; return nil }); err != nil {
		t.Fatalf("Accounts before Close: %v", err)
	}
	if n == 0 || n != rev.AccountCount {
		t.Errorf("Accounts gave %d rows, AccountCount says %d", n, rev.AccountCount)
	}
	if err := rev.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(rev.TempDir); !os.IsNotExist(err) {
		t.Errorf("temporary folder %s left after Close (%v)", rev.TempDir, err)
	}
	if err := rev.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := rev.Accounts(func(*model.AccountRow) error { return nil }); err == nil {
		t.Errorf("Accounts read a closed database")
	}
}

// stale counts the License True-Up's stale seats and the stale-account
// findings.
func stale(rev *Review) (seats int64, findings int) {
	for _, l := range rev.Licenses {
		seats += l.Stale
	}
	for _, f := range rev.Findings {
		if f.Rule == "stale-account" {
			findings++
		}
	}
	return seats, findings
}

// A parameter reaches the facts' SQL (the License True-Up's stale seats)
// and the rules (stale-account) with the same value: the default from the
// rule's METADATA, or the one the run sets.
func TestParameterReachesSQLAndRules(t *testing.T) {
	t.Parallel()
	def := run(t, mixed())
	if got := def.Params["stale_days"]; got != 90 {
		t.Errorf("stale_days = %v, want the METADATA default 90", got)
	}
	seats, findings := stale(def)
	if seats == 0 || findings == 0 {
		t.Fatalf("the fixture has %d stale seats and %d stale-account findings at 90 days: the test needs some", seats, findings)
	}
	short := mixed()
	short.Params = []string{"stale_days=1"}
	moreSeats, moreFindings := stale(run(t, short))
	if moreSeats <= seats || moreFindings <= findings {
		t.Errorf("stale_days=1: %d stale seats and %d findings, want more than at 90 (%d and %d)", moreSeats, moreFindings, seats, findings)
	}
	long := mixed()
	long.Params = []string{"stale_days=100000"}
	if s, f := stale(run(t, long)); s != 0 || f != 0 {
		t.Errorf("stale_days=100000: %d stale seats and %d findings, want none", s, f)
	}
}

// A custom rule replacing the built-in that declares a parameter the SQL
// reads keeps the parameter declared, with the built-in's default.
func TestReplacedRuleKeepsItsParameters(t *testing.T) {
	t.Parallel()
	cfg := mixed()
	cfg.RuleDirs = []string{"../cmd/review/testdata/rules/override"}
	var warned []string
	cfg.Warn = func(w string) { warned = append(warned, w) }
	rev := run(t, cfg)
	if got := rev.Params["stale_days"]; got != 90 {
		t.Errorf("stale_days = %v, want 90 from the replaced built-in", got)
	}
	if len(warned) != 1 || !strings.Contains(warned[0], "custom rule stale-account replaces the built-in rule stale-account") {
		t.Errorf("warnings %q, want the replacement named", warned)
	}
}

// A severity override is the rule's severity everywhere: its findings and
// the Rules sheet.
func TestSeverityOverride(t *testing.T) {
	t.Parallel()
	cfg := mixed()
	cfg.Severities = []string{"stale-account=high"}
	rev := run(t, cfg)
	n := 0
	for _, f := range rev.Findings {
		if f.Rule == "stale-account" {
			n++
			if f.Severity != model.High {
				t.Errorf("finding %s: severity %s, want high", f.ID, f.Severity)
			}
		}
	}
	for _, r := range rev.Rules {
		if r.ID == "stale-account" && r.Severity != model.High {
			t.Errorf("Rules: stale-account %s, want high", r.Severity)
		}
	}
	if n == 0 {
		t.Errorf("no stale-account findings")
	}
}

// A run that fails leaves nothing in the temporary folder, and its error
// says whose it is: the user's (a bad parameter, a missing source) or
// review's (a cancelled run is no input's fault).
func TestFailedRunLeavesNothingAndIsClassed(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tt := range []struct {
		name  string
		ctx   context.Context
		edit  func(*Config)
		want  string
		input bool
	}{
		{"bad parameter", context.Background(), func(c *Config) { c.Params = []string{"stale_days=soon"} },
			"--param: parameter stale_days: got soon, expected a number", true},
		{"unknown rule", context.Background(), func(c *Config) { c.Severities = []string{"no-such-rule=high"} },
			`--severity: unknown rule "no-such-rule"`, true},
		{"missing source", context.Background(), func(c *Config) { c.Sources = append(c.Sources, filepath.Join(tmp, "absent")) },
			"absent", true},
		{"cancelled", cancelled, func(*Config) {}, "context canceled", false},
	} {
		cfg := mixed()
		tt.edit(&cfg)
		rev, err := Run(tt.ctx, cfg, quiet{})
		if err == nil {
			rev.Close()
			t.Fatalf("%s: no error", tt.name)
		}
		if !strings.Contains(err.Error(), tt.want) || inputerr.Is(err) != tt.input {
			t.Errorf("%s: %v (the user's: %v), want %q, the user's: %v", tt.name, err, inputerr.Is(err), tt.want, tt.input)
		}
		if left, _ := os.ReadDir(tmp); len(left) > 0 {
			t.Errorf("%s: left %v in the temporary folder", tt.name, left)
		}
	}
}
