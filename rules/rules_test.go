package rules

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/format"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/review-tool/review/engine"
	"github.com/review-tool/review/facts"
	"github.com/review-tool/review/schema"
)

// minRules is how many built-in rules must be present at least. Which they
// are, with their family, severity, input, requirements and parameters, is
// pinned by the generated catalogue docs/rules.md (cmd/review's
// TestRulesDocIsCurrent), not by a second list here.
const minRules = 21

var requiredCustom = []string{"id", "family", "severity", "remediation", "input", "requires"}

// parseFS parses every embedded .rego file as Rego v1 with annotations.
func parseFS(t *testing.T) map[string]*ast.Module {
	t.Helper()
	modules := map[string]*ast.Module{}
	err := fs.WalkDir(FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") {
			return err
		}
		src, err := FS.ReadFile(p)
		if err != nil {
			return err
		}
		m, err := ast.ParseModuleWithOpts(p, string(src), ast.ParserOptions{
			RegoVersion:       ast.RegoV1,
			ProcessAnnotation: true,
		})
		if err != nil {
			return err
		}
		modules[p] = m
		return nil
	})
	if err != nil {
		t.Fatalf("parse embedded rules: %v", err)
	}
	return modules
}

func isTestFile(p string) bool { return strings.HasSuffix(p, "_test.rego") }

// isTestData says whether p is test data the tests import (testdata/), not
// a rule.
func isTestData(p string) bool { return strings.HasPrefix(p, "testdata/") }

func packageAnnotation(m *ast.Module) *ast.Annotations {
	for _, a := range m.Annotations {
		if a.Scope == "package" {
			return a
		}
	}
	return nil
}

// TestRuleFiles checks the shape of every rule file: METADATA, package name,
// file name, a test file beside it, parameters, and the sandbox.
func TestRuleFiles(t *testing.T) {
	modules := parseFS(t)
	seen := map[string]string{}
	for p, m := range modules {
		if isTestData(p) {
			continue
		}
		if isTestFile(p) {
			rule := strings.TrimSuffix(p, "_test.rego") + ".rego"
			if _, ok := modules[rule]; !ok {
				t.Errorf("%s: test file without a rule file %s", p, rule)
			}
			continue
		}
		testFile := strings.TrimSuffix(p, ".rego") + "_test.rego"
		tm, ok := modules[testFile]
		if !ok {
			t.Errorf("%s: no %s beside it", p, path.Base(testFile))
		} else if got, want := tm.Package.Path.String(), m.Package.Path.String()+"_test"; got != want {
			t.Errorf("%s: package %s, want %s", testFile, got, want)
		}

		a := packageAnnotation(m)
		if a == nil {
			t.Errorf("%s: no package-scoped # METADATA block directly above the package clause", p)
			continue
		}
		if strings.TrimSpace(a.Title) == "" {
			t.Errorf("%s: METADATA has no title", p)
		}
		if strings.TrimSpace(a.Description) == "" {
			t.Errorf("%s: METADATA has no description", p)
		}
		str := func(key string) string {
			s, _ := a.Custom[key].(string)
			return s
		}
		for _, key := range requiredCustom {
			v, ok := a.Custom[key]
			if !ok || v == nil {
				t.Errorf("%s: METADATA custom lacks %s", p, key)
				continue
			}
			if key != "requires" && strings.TrimSpace(str(key)) == "" {
				t.Errorf("%s: METADATA custom.%s is not a non-empty string: %v", p, key, v)
			}
		}
		id := str("id")
		if id == "" {
			continue
		}
		if prev, dup := seen[id]; dup {
			t.Errorf("%s: id %s already used by %s", p, id, prev)
		}
		seen[id] = p

		underscored := strings.ReplaceAll(id, "-", "_")
		if got, want := m.Package.Path.String(), "data.review.rules."+underscored; got != want {
			t.Errorf("%s: package %s does not match id %s (want %s)", p, got, id, want)
		}
		if got, want := p, str("family")+"/"+underscored+".rego"; got != want {
			t.Errorf("%s: file should be %s", p, want)
		}
		if !slices.Contains(facts.Kinds, str("input")) {
			t.Errorf("%s: input %q is not a fact kind of docs/facts.md", p, str("input"))
		}

		var requires []string
		if list, ok := a.Custom["requires"].([]any); !ok {
			t.Errorf("%s: requires is not a list: %v", p, a.Custom["requires"])
		} else {
			for _, r := range list {
				s, ok := r.(string)
				if !ok {
					t.Errorf("%s: requires entry %v is not a string", p, r)
					continue
				}
				requires = append(requires, s)
				for alt := range strings.SplitSeq(s, "|") {
					if !slices.Contains(schema.Capabilities, alt) {
						t.Errorf("%s: requires %q: %q is not a capability of docs/facts.md", p, s, alt)
					}
				}
			}
		}

		// Parameters: declared in METADATA exactly when used as data.params.<name>.
		declared := map[string]any{}
		if raw, ok := a.Custom["params"]; ok {
			if pm, ok := raw.(map[string]any); ok {
				declared = pm
			} else {
				t.Errorf("%s: params is not a map: %v", p, raw)
			}
		}
		used := map[string]bool{}
		ast.WalkRefs(m, func(r ast.Ref) bool {
			if len(r) >= 3 && r[0].Equal(ast.DefaultRootDocument) && r[1].Equal(ast.InternedTerm("params")) {
				if s, ok := r[2].Value.(ast.String); ok {
					used[string(s)] = true
				} else {
					t.Errorf("%s: data.params accessed with a non-constant key: %v", p, r)
				}
			}
			return false
		})
		for name := range used {
			if _, ok := declared[name]; !ok {
				t.Errorf("%s: uses data.params.%s but METADATA params does not declare it", p, name)
			}
		}
		for name := range declared {
			if !used[name] {
				t.Errorf("%s: METADATA params declares %s but the rule does not use it", p, name)
			}
		}

		definesFinding := false
		for _, r := range m.Rules {
			if r.Head.Ref().String() == "finding" {
				definesFinding = true
			}
		}
		if !definesFinding {
			t.Errorf("%s: does not define finding", p)
		}

		ast.WalkExprs(m, func(e *ast.Expr) bool {
			if e.IsCall() && engine.Forbidden(e.Operator().String()) {
				t.Errorf("%s:%d: calls forbidden built-in %s", p, e.Location.Row, e.Operator())
			}
			return false
		})
		ast.WalkTerms(m, func(term *ast.Term) bool {
			if call, ok := term.Value.(ast.Call); ok && len(call) > 0 && engine.Forbidden(call[0].String()) {
				t.Errorf("%s:%d: calls forbidden built-in %s", p, term.Location.Row, call[0])
			}
			return false
		})
	}

	if len(seen) < minRules {
		t.Errorf("%d rules embedded, want at least %d", len(seen), minRules)
	}
}

// TestRegoTests runs every _test.rego with OPA's tester and fails, naming the
// test (and table case), when any test fails, errors or is skipped.
func TestRegoTests(t *testing.T) {
	modules := parseFS(t)
	ctx := context.Background()

	// Table tests (test_x[note] if { some tc in cases ... }) report their
	// cases as sub-results; one that reports none ran an empty table.
	tables := map[string]bool{}
	testsPerPackage := map[string]int{}
	for p, m := range modules {
		if !isTestFile(p) {
			continue
		}
		for _, r := range m.Rules {
			name := r.Head.Ref()[0].String()
			if !strings.HasPrefix(name, tester.TestPrefix) {
				continue
			}
			if r.Head.DocKind() == ast.PartialObjectDoc {
				tables[m.Package.Path.String()+"."+name] = true
			}
		}
	}

	store := inmem.New()
	txn, err := store.NewTransaction(ctx, storage.WriteParams)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Abort(ctx, txn)

	compiler := ast.NewCompiler().
		WithCapabilities(engine.Capabilities()).
		WithEnablePrintStatements(true).
		WithDefaultRegoVersion(ast.RegoV1)
	runner := tester.NewRunner().
		SetCompiler(compiler).
		SetStore(store).
		SetDefaultRegoVersion(ast.RegoV1).
		SetModules(modules).
		CapturePrintOutput(true).
		RaiseBuiltinErrors(true).
		SetTimeout(time.Minute)

	ch, err := runner.RunTests(ctx, txn)
	if err != nil {
		t.Fatalf("compile rules and tests: %v", err)
	}

	var results []*tester.Result
	for r := range ch {
		results = append(results, r)
	}
	sort.Slice(results, func(i, j int) bool {
		return results[i].Package+"."+results[i].Name < results[j].Package+"."+results[j].Name
	})

	cases := 0
	for _, r := range results {
		full := r.Package + "." + r.Name
		testsPerPackage[r.Package]++
		switch {
		case r.Error != nil:
			t.Errorf("%s: ERROR: %v%s", full, r.Error, output(r))
		case r.Skip:
			t.Errorf("%s: SKIPPED (todo_ tests are not allowed in built-in rules)", full)
		case r.Fail:
			var failed []string
			for name, sr := range r.SubResults.Iter {
				if sr.Fail {
					failed = append(failed, strings.Join(name, "/"))
				}
			}
			if len(failed) > 0 {
				t.Errorf("%s: FAIL: case(s) %s%s", full, strings.Join(failed, ", "), output(r))
			} else {
				t.Errorf("%s: FAIL%s", full, output(r))
			}
		case !r.Pass():
			t.Errorf("%s: did not pass", full)
		}
		if tables[full] {
			n := len(r.SubResults)
			if n == 0 && r.Error == nil {
				t.Errorf("%s: table test ran no cases", full)
			}
			cases += n
		} else {
			cases++
		}
	}

	// Every test package must have reported results.
	for p, m := range modules {
		if !isTestFile(p) {
			continue
		}
		pkg := m.Package.Path.String()
		if testsPerPackage[pkg] == 0 {
			t.Errorf("%s: no tests ran in package %s", p, pkg)
		}
	}
	t.Logf("%d Rego tests (%d cases) in %d test packages", len(results), cases, len(testsPerPackage))
	if len(results) == 0 {
		t.Fatal("no Rego tests ran")
	}
}

// TestRegoFormatted keeps the Rego files as `opa fmt --v1-compatible` writes
// them.
func TestRegoFormatted(t *testing.T) {
	err := fs.WalkDir(FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") {
			return err
		}
		src, err := FS.ReadFile(p)
		if err != nil {
			return err
		}
		out, err := format.SourceWithOpts(p, src, format.Opts{RegoVersion: ast.RegoV1})
		if err != nil {
			t.Errorf("%s: %v", p, err)
			return nil
		}
		if !bytes.Equal(out, src) {
			t.Errorf("%s is not formatted (opa fmt -w --v1-compatible); formatted it reads:\n%s", p, out)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// factFields are the field names of every fact kind, as declared once for
// docs/facts.md.
func factFields() []string {
	var out []string
	for _, k := range facts.Schema {
		for _, f := range k.Fields {
			if !slices.Contains(out, f.Name) {
				out = append(out, f.Name)
			}
		}
	}
	return out
}

// TestRulesNeverError evaluates every rule package, all of its rules, on
// malformed facts (every field null, or of a wrong type, or absent) with
// strict built-in errors: a rule may stay silent on such a fact, never fail.
func TestRulesNeverError(t *testing.T) {
	modules := parseFS(t)
	ruleModules := map[string]*ast.Module{}
	params := map[string]any{}
	for p, m := range modules {
		if isTestFile(p) || isTestData(p) {
			continue
		}
		ruleModules[p] = m
		if a := packageAnnotation(m); a != nil {
			if pm, ok := a.Custom["params"].(map[string]any); ok {
				for k, v := range pm {
					params[k] = v
				}
			}
		}
	}
	compiler := ast.NewCompiler().WithCapabilities(engine.Capabilities())
	if compiler.Compile(ruleModules); compiler.Failed() {
		t.Fatalf("compile rules: %v", compiler.Errors)
	}
	store := inmem.NewFromObject(map[string]any{
		"params": params,
		"review": map[string]any{"as_of": "2025-11-22"},
	})

	fill := func(v any) map[string]any {
		o := map[string]any{}
		for _, f := range factFields() {
			o[f] = v
		}
		return o
	}
	odd := map[string]any{
		"empty object": map[string]any{},
		"all null":     fill(nil),
		"all strings":  fill("x"),
		"all numbers":  fill(-1),
		"all true":     fill(true),
		"all false":    fill(false),
		"all arrays":   fill([]any{nil, 1, "x", []any{}, map[string]any{}}),
		"all objects":  fill(map[string]any{"name": 1, "type": "local", "matched": true, "terminated": true, "total": 0}),
	}
	ctx := context.Background()
	for p, m := range ruleModules {
		for name, in := range odd {
			r := rego.New(
				rego.Compiler(compiler),
				rego.Store(store),
				rego.Query(m.Package.Path.String()),
				rego.Input(in),
				rego.StrictBuiltinErrors(true),
			)
			if _, err := r.Eval(ctx); err != nil {
				t.Errorf("%s on a fact with %s: %v", p, name, err)
			}
		}
	}
}

func output(r *tester.Result) string {
	if len(r.Output) == 0 {
		return ""
	}
	return fmt.Sprintf("\n%s", r.Output)
}

// Remote Support's Jump Policies have no approval or recording field and its
// Jump Group memberships no Jump Policy, so the Jump rules of jump-reach
// require a capability that no Remote Support source can have: there they
// are listed as not checked, never as a clean result (docs/rule-semantics.md).
func TestJumpRulesDoNotApplyToRemoteSupport(t *testing.T) {
	jump := map[string]bool{"vendor-jump-without-approval": true, "jump-policy-recordings-disabled": true, "jump-item-without-policy": true}
	seen := 0
	for p, m := range parseFS(t) {
		a := packageAnnotation(m)
		if isTestData(p) || isTestFile(p) || a == nil {
			continue
		}
		id, _ := a.Custom["id"].(string)
		if !jump[id] {
			continue
		}
		seen++
		list, _ := a.Custom["requires"].([]any)
		impossible := false
		for _, r := range list {
			s, _ := r.(string)
			if !slices.ContainsFunc(strings.Split(s, "|"), func(c string) bool { return schema.CapabilityExists(c, "rs") }) {
				impossible = true
			}
		}
		if !impossible {
			t.Errorf("%s: requires %v, all of which a Remote Support source can have", id, list)
		}
	}
	if seen != len(jump) {
		t.Errorf("found %d of the %d Jump rules", seen, len(jump))
	}
}
