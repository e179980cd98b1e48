package engine

import (
	"context"
	"fmt"
	"sort"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"
)

// TestResult is the outcome of one _test.rego test.
type TestResult struct {
	File    string
	Name    string // package.test_name
	Pass    bool
	Message string // why it failed or errored
}

// RunTests runs every test module of the rule set against its rules, under
// the same sandbox as a review.
func RunTests(ctx context.Context, rs *RuleSet) ([]TestResult, error) {
	modules := map[string]*ast.Module{}
	for _, r := range rs.Rules {
		modules[r.File] = r.Module
	}
	for name, m := range rs.Tests {
		modules[name] = m
	}
	compiler := ast.NewCompiler().WithCapabilities(Capabilities()).WithEnablePrintStatements(true)
	store := inmem.New()
	txn, err := store.NewTransaction(ctx)
	if err != nil {
		return nil, err
	}
	defer store.Abort(ctx, txn)
	ch, err := tester.NewRunner().SetCompiler(compiler).SetStore(store).SetModules(modules).
		SetDefaultRegoVersion(ast.RegoV1).RaiseBuiltinErrors(true).RunTests(ctx, txn)
	if err != nil {
		return nil, fmt.Errorf("rule tests: %w", err)
	}
	var out []TestResult
	for r := range ch {
		tr := TestResult{Name: r.Package + "." + r.Name, Pass: r.Pass()}
		if r.Location != nil {
			tr.File = r.Location.File
		}
		switch {
		case r.Error != nil:
			tr.Message = r.Error.Error()
		case r.Fail && r.FailedAt != nil:
			tr.Message = fmt.Sprintf("failed at %s:%d: %s", r.FailedAt.Location.File, r.FailedAt.Location.Row, r.FailedAt.String())
		case r.Fail:
			tr.Message = "failed"
		}
		out = append(out, tr)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}
