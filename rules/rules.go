// Package rules holds the built-in Rego rules of review, embedded in the
// binary.
//
// Each rule is rules/<family>/<id with - replaced by _>.rego, package
// review.rules.<id with - replaced by _>, with a # METADATA block (title,
// description and, under custom, id, family, severity, remediation, input,
// requires, params and controls, the audit controls of controls.yaml it
// evidences) directly above the package clause, and a
// <same name>_test.rego beside it holding its OPA tests. A rule decides on one
// fact (docs/facts.md) and defines `finding` ({"detail", "evidence"}) when it
// fires; docs/rule-semantics.md says exactly when each one does.
//
// testdata/facts.rego holds one example fact of each kind for the tests to
// start from (data.review.testdata.facts). It is generated from the fact
// schema (go test ./facts -update), not edited by hand.
//
// FS embeds the rule files, their tests and the test data; the engine skips
// the _test.rego files and testdata/ when it loads rules. This package must
// stay free of the engine's dependencies (no DuckDB): it is data plus its
// own tests.
package rules

import "embed"

// FS holds every built-in rule file and its _test.rego, as
// <family>/<name>.rego, and testdata/facts.rego.
//
//go:embed */*.rego
var FS embed.FS

// Controls is the audit control catalogue (controls.yaml): the frameworks
// and controls that rules name in custom.controls.
//
//go:embed controls.yaml
var Controls []byte
