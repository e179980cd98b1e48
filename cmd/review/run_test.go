package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/internal/layout"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// fixture is one hand-made export set under fixtures/ with its expected
// findings (expected.tsv, written by hand from the spec).
type fixture struct {
	name string
	args []string
}

var fixtures = []fixture{
	{"pra-json", []string{"../../fixtures/pra-json/pra-prod"}},
	{"rs-reports", []string{"../../fixtures/rs-reports/rs-utf8", "../../fixtures/rs-reports/rs-bom-semicolon", "../../fixtures/rs-reports/rs-utf16-tab"}},
	{"mixed", []string{"--roster", "../../fixtures/mixed/roster.csv", "--licenses", "../../fixtures/mixed/licenses.csv",
		"../../fixtures/mixed/pra", "../../fixtures/mixed/rs"}},
	{"password-safe", []string{"--roster", "../../fixtures/password-safe/roster.csv", "--licenses", "../../fixtures/password-safe/licenses.csv",
		"../../fixtures/password-safe/ps-prod"}},
	{"offboarding-rules", []string{"--roster", "../../fixtures/offboarding-rules/roster.csv",
		"../../fixtures/offboarding-rules/pra-off", "../../fixtures/offboarding-rules/ps-off"}},
	// Three products' session, Vault and Password Safe reports with a
	// roster of termination dates: every planted case of the offboarding
	// family, and the near misses that give nothing.
	{"offboarding", []string{"--roster", "../../fixtures/offboarding/roster.csv", "--licenses", "../../fixtures/offboarding/licenses.csv",
		"../../fixtures/offboarding/pra", "../../fixtures/offboarding/rs", "../../fixtures/offboarding/ps"}},
	{"vendors", []string{"../../fixtures/vendors/pra-vendors", "../../fixtures/vendors/pra-legacy"}},
	{"three-products", []string{"--roster", "../../fixtures/three-products/roster.csv", "--licenses", "../../fixtures/three-products/licenses.csv",
		"../../fixtures/mixed/pra", "../../fixtures/mixed/rs", "../../fixtures/password-safe/ps-prod"}},
	// Jump Policies and every Jump Item type, with the cases the jump-reach
	// rules are to find planted (fixtures/jump-reach/README.md); today's
	// rules find only what the README says of them.
	{"jump-reach", []string{"../../fixtures/jump-reach/pra-jump"}},
}

// runCLI runs review in-process and returns its exit code and stderr.
func runCLI(t *testing.T, args ...string) (int, string) {
	t.Helper()
	return runIn(t, env{stdout: os.Stdout}, args...)
}

// runIn runs review in-process with e's standard output and stage hook,
// and returns its exit code and what it wrote to standard error.
func runIn(t *testing.T, e env, args ...string) (int, string) {
	t.Helper()
	var errBuf bytes.Buffer
	e.stderr = &errBuf
	code := run(e, args)
	return code, errBuf.String()
}

func runFixture(t *testing.T, fx fixture, dir string) (xlsx, jsonl string) {
	t.Helper()
	xlsx, jsonl = filepath.Join(dir, "findings.xlsx"), filepath.Join(dir, "findings.jsonl")
	args := append([]string{"run", "--quiet", "--as-of", "2025-11-22", "--out", xlsx, "--json", jsonl}, fx.args...)
	if code, msg := runCLI(t, args...); code != exitOK {
		t.Fatalf("review run exited %d: %s", code, msg)
	}
	return xlsx, jsonl
}

type jsonFinding struct {
	ID, Rule, Source, Entity, Severity, Reviewer string
	EntityType                                   string `json:"entity_type"`
}

func readJSONL(t *testing.T, path string) []jsonFinding {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []jsonFinding
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		var f jsonFinding
		if err := json.Unmarshal(sc.Bytes(), &f); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, f)
	}
	return out
}

// TestFixturesFindExactlyTheExpected compares each fixture's findings with
// its hand-written expected.tsv: every planted problem found, nothing else.
func TestFixturesFindExactlyTheExpected(t *testing.T) {
	t.Parallel()
	for _, fx := range fixtures {
		t.Run(fx.name, func(t *testing.T) {
			t.Parallel()
			_, jsonl := runFixture(t, fx, t.TempDir())
			var got []string
			for _, f := range readJSONL(t, jsonl) {
				got = append(got, strings.Join([]string{f.Rule, f.Source, f.EntityType, f.Entity}, "\t"))
			}
			sort.Strings(got)
			want := readExpected(t, filepath.Join("../../fixtures", fx.name, "expected.tsv"))
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("findings differ from expected.tsv\n%s", diffLines(want, got))
			}
		})
	}
}

func readExpected(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if i == 0 || strings.TrimSpace(line) == "" {
			continue // header
		}
		out = append(out, strings.TrimRight(line, "\r"))
	}
	sort.Strings(out)
	return out
}

func diffLines(want, got []string) string {
	w, g := map[string]bool{}, map[string]bool{}
	for _, s := range want {
		w[s] = true
	}
	for _, s := range got {
		g[s] = true
	}
	var b strings.Builder
	for _, s := range want {
		if !g[s] {
			b.WriteString("missing: " + s + "\n")
		}
	}
	for _, s := range got {
		if !w[s] {
			b.WriteString("extra:   " + s + "\n")
		}
	}
	return b.String()
}

// TestFixturesGolden pins the whole JSON Lines output (ids, order, details,
// evidence) and checks that two runs write byte-identical workbooks.
func TestFixturesGolden(t *testing.T) {
	t.Parallel()
	for _, fx := range fixtures {
		t.Run(fx.name, func(t *testing.T) {
			t.Parallel()
			// The same options twice (the command line, with its output
			// paths, is part of the Evidence sheet).
			dir := t.TempDir()
			x1, j1 := runFixture(t, fx, dir)
			b1, _ := os.ReadFile(x1)
			x2, _ := runFixture(t, fx, dir)
			got, _ := os.ReadFile(j1)
			golden := filepath.Join("testdata", fx.name+".jsonl")
			if *update {
				os.WriteFile(golden, got, 0o644)
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("JSON Lines differ from %s (run go test -update to accept):\n%s", golden, firstDiff(string(want), string(got)))
			}
			b2, _ := os.ReadFile(x2)
			if !bytes.Equal(b1, b2) {
				t.Errorf("two runs wrote different workbooks (%d and %d bytes)", len(b1), len(b2))
			}
			// The SQL prefilters derived from the rules only skip facts
			// that cannot fire: without them, the findings are the same.
			_, j3 := runFixture(t, fixture{fx.name, append([]string{"--no-prefilter"}, fx.args...)}, t.TempDir())
			if b3, _ := os.ReadFile(j3); !bytes.Equal(got, b3) {
				t.Errorf("--no-prefilter changes the findings:\n%s", firstDiff(string(got), string(b3)))
			}
		})
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return "want: " + x + "\n got: " + y
		}
	}
	return ""
}

// TestWorkbookReadBack opens the mixed fixture's workbook as a user would
// and checks its sheets, headers and the cells that tie it to the findings.
func TestWorkbookReadBack(t *testing.T) {
	t.Parallel()
	xlsx, jsonl := runFixture(t, fixtures[2], t.TempDir())
	findings := readJSONL(t, jsonl)
	f := openWorkbook(t, xlsx)
	// The layout's sheets, in its order: the built-in rules map to
	// controls; no exceptions, previous run or rows kept out.
	wantSheets := layout.SheetNames(layout.Content{Controls: true, Activity: true, JumpItems: true})
	if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(wantSheets, "|") {
		t.Fatalf("sheets = %v, want %v", got, wantSheets)
	}
	rows, err := f.GetRows("Findings")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], layout.FindingsHeaders) {
		t.Errorf("Findings header = %v", rows[0])
	}
	if len(rows)-1 != len(findings) {
		t.Fatalf("Findings has %d rows, JSON Lines %d", len(rows)-1, len(findings))
	}
	for i, fd := range findings {
		if rows[i+1][0] != fd.ID || rows[i+1][1] != fd.Rule || rows[i+1][8] != fd.Entity {
			t.Errorf("Findings row %d = %v, want id %s rule %s entity %s", i+2, rows[i+1][:9], fd.ID, fd.Rule, fd.Entity)
		}
	}
	// The severity order of docs/outputs.md: high first.
	if findings[0].Severity != "high" {
		t.Errorf("first finding severity = %s, want high", findings[0].Severity)
	}
	acc, _ := f.GetRows("Accounts")
	// 9 PRA users + 2 vendor users + the RS report's accounts.
	if len(acc) < 12 {
		t.Errorf("Accounts has %d rows", len(acc))
	}
	ev, _ := f.GetRows("Evidence")
	var sawHash bool
	for _, r := range ev {
		for _, c := range r {
			if strings.HasSuffix(c, "roster.csv") {
				sawHash = true
			}
		}
	}
	if !sawHash {
		t.Errorf("Evidence does not list roster.csv")
	}
	lic, _ := f.GetRows("License True-Up")
	if len(lic) < 3 {
		t.Errorf("License True-Up rows = %v", lic)
	}
}

// openWorkbook opens a workbook a run wrote, closed when the test ends.
func openWorkbook(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}
