package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/review-tool/review/facts"
	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/internal/wholefile"
)

// Rule is one rule loaded from a .rego file, described by its METADATA.
type Rule struct {
	ID          string
	Family      string
	Title       string
	Description string
	Remediation string
	Severity    model.Severity
	// Input is the fact kind the rule is evaluated on (docs/facts.md).
	Input string
	// Requires lists capability groups; each group is satisfied by any of
	// its alternatives.
	Requires [][]string
	// Params are the declared parameters with their defaults.
	Params map[string]any
	// Evidence is the evidence the rule asks the engine to add to its
	// findings on accounts (custom.evidence: EvidenceSeatCost,
	// EvidenceLastAuthentication), beside what the rule itself sets.
	Evidence []string
	// Controls are the audit controls the rule evidences
	// (custom.controls), as --config may have changed them.
	Controls []model.ControlRef
	File     string
	Module   *ast.Module
	// Builtin is a rule embedded in review; the others come from --rules.
	// An error in a built-in rule is review's bug, in a custom one the
	// user's input.
	Builtin bool
	// Replaces is the file of the built-in rule this custom rule replaces
	// by having its id, or "".
	Replaces string
}

// The evidence a rule may ask the engine for in custom.evidence: facts about
// an account that the fact carries but a rule need not repeat.
const (
	// EvidenceSeatCost is the account's seat: seat_product, annual_cost
	// and currency, when the license file prices it (for License True-Up).
	EvidenceSeatCost = "seat_cost"
	// EvidenceLastAuthentication is last_authentication and days_since,
	// unless the rule sets them.
	EvidenceLastAuthentication = "last_authentication"
)

// EngineEvidence lists the names custom.evidence accepts.
var EngineEvidence = []string{EvidenceLastAuthentication, EvidenceSeatCost}

// asks says whether the rule asks for an evidence of the engine's.
func (r *Rule) asks(evidence string) bool { return slices.Contains(r.Evidence, evidence) }

// Ref is the rule's finding document, e.g. data.review.rules.stale_account.finding.
func (r *Rule) Ref() string { return r.Module.Package.Path.String() + ".finding" }

// RuleSet is every rule of a run, plus the test modules beside them.
type RuleSet struct {
	Rules []*Rule
	// Tests are the _test.rego modules, and the built-in test data they
	// import (rules/testdata: the example facts of docs/facts.md), which
	// is neither a rule nor a test.
	Tests  map[string]*ast.Module
	Digest string
	// Replaced are the built-in rules a custom rule replaced. They do not
	// run, but the parameters they declare stay declared: the facts' SQL
	// reads some of them (stale_days) whichever rule uses them.
	Replaced []*Rule
}

// Params are the parameters the rules declare, with their defaults from
// METADATA, the one place a default is written. A running rule's default
// wins over a replaced built-in's.
func (rs *RuleSet) Params() map[string]any {
	out := map[string]any{}
	for _, list := range [][]*Rule{rs.Replaced, rs.Rules} {
		for _, r := range list {
			for k, v := range r.Params {
				out[k] = v
			}
		}
	}
	return out
}

// OverrideSeverities gives the rules the severities a run asked for by
// rule id (--severity, the --config file's severity:), so that findings,
// the Rules sheet and --fail-on all read one value: the rule's.
func (rs *RuleSet) OverrideSeverities(by map[string]model.Severity) {
	for _, r := range rs.Rules {
		if s, ok := by[r.ID]; ok {
			r.Severity = s
		}
	}
}

// Replacements says which built-in rules a custom rule replaces, one line
// each: FILE: custom rule ID replaces the built-in rule ID (FILE).
func (rs *RuleSet) Replacements() []string {
	var out []string
	for _, r := range rs.Rules {
		if r.Replaces != "" {
			out = append(out, fmt.Sprintf("%s: custom rule %s replaces the built-in rule %s (%s)", r.File, r.ID, r.ID, r.Replaces))
		}
	}
	return out
}

// builtinTestData is the folder of the built-in rules that holds modules
// the rule tests import, not rules.
const builtinTestData = "testdata/"

// Forbidden says whether a built-in is outside the rule sandbox: rules run
// offline, without the environment, and with the as-of date as their clock
// (docs/facts.md). It is the one list: the engine and the rule tests use it.
func Forbidden(name string) bool {
	switch name {
	case "http.send", "opa.runtime",
		// Random values would make two runs over the same input differ.
		"rand.intn", "uuid.rfc4122",
		// JSON Schema $ref may load a schema from a file or a URL.
		"json.match_schema", "json.verify_schema":
		return true
	}
	return strings.HasPrefix(name, "net.")
}

// Capabilities are OPA's built-ins minus the forbidden ones, so a forbidden
// call is a compile error even if the explicit check misses it.
func Capabilities() *ast.Capabilities {
	c := ast.CapabilitiesForThisVersion()
	var keep []*ast.Builtin
	for _, b := range c.Builtins {
		if !Forbidden(b.Name) {
			keep = append(keep, b)
		}
	}
	c.Builtins = keep
	c.AllowNet = []string{}
	return c
}

type ruleFile struct {
	name string // as shown in messages
	text []byte
}

// LoadRules parses the built-in rules and those of dirs; a rule in dirs
// with a built-in's id replaces it.
func LoadRules(builtin fs.FS, dirs []string) (*RuleSet, error) {
	var files []ruleFile
	err := fs.WalkDir(builtin, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".rego" {
			return err
		}
		b, err := fs.ReadFile(builtin, p)
		files = append(files, ruleFile{"rules/" + p, b})
		return err
	})
	if err != nil {
		return nil, err
	}
	nBuiltin := len(files)
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || filepath.Ext(p) != ".rego" {
				return err
			}
			b, err := wholefile.Read(p, "a Rego rule file")
			files = append(files, ruleFile{p, b})
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("--rules %s: %w", dir, err)
		}
	}
	rs := &RuleSet{Tests: map[string]*ast.Module{}}
	byID := map[string]int{}
	digest := sha256.New()
	for i, f := range files {
		mod, err := ast.ParseModuleWithOpts(f.name, string(f.text), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
		if err != nil {
			return nil, fmt.Errorf("rule %w", err)
		}
		if err := checkSandbox(f.name, mod); err != nil {
			return nil, err
		}
		if strings.HasSuffix(f.name, "_test.rego") || (i < nBuiltin && strings.HasPrefix(f.name, "rules/"+builtinTestData)) {
			rs.Tests[f.name] = mod
			continue
		}
		r, err := ruleFromModule(f.name, mod)
		if err != nil {
			return nil, err
		}
		if err := checkFindingForm(f.name, r.ID, mod); err != nil {
			return nil, err
		}
		r.Builtin = i < nBuiltin
		if j, ok := byID[r.ID]; ok {
			// Only a custom rule may replace, and only a built-in one.
			if r.Builtin || !rs.Rules[j].Builtin {
				return nil, fmt.Errorf("%s: rule id %q is also defined in %s", f.name, r.ID, rs.Rules[j].File)
			}
			// A custom rule replaces the built-in one, and the built-in's
			// tests go with it.
			delete(rs.Tests, strings.TrimSuffix(rs.Rules[j].File, ".rego")+"_test.rego")
			r.Replaces = rs.Rules[j].File
			rs.Replaced = append(rs.Replaced, rs.Rules[j])
			rs.Rules[j] = r
			continue
		}
		byID[r.ID] = len(rs.Rules)
		rs.Rules = append(rs.Rules, r)
	}
	sort.Slice(rs.Rules, func(i, j int) bool { return rs.Rules[i].ID < rs.Rules[j].ID })
	// The digest covers the rule files that run, in a fixed order.
	for _, r := range rs.Rules {
		digest.Write([]byte(r.File))
		digest.Write([]byte{0})
		for _, f := range files {
			if f.name == r.File {
				digest.Write(f.text)
			}
		}
		digest.Write([]byte{0})
	}
	rs.Digest = hex.EncodeToString(digest.Sum(nil))
	return rs, nil
}

// checkSandbox rejects a module that calls a forbidden built-in, naming the
// file, line and built-in.
func checkSandbox(file string, mod *ast.Module) error {
	var bad error
	// A call's operator is a ref, so walking refs finds calls in any
	// position (an expression, an assignment, an argument).
	ast.WalkRefs(mod, func(ref ast.Ref) bool {
		if bad == nil && Forbidden(ref.String()) {
			row := 0
			if len(ref) > 0 && ref[0].Location != nil {
				row = ref[0].Location.Row
			}
			bad = fmt.Errorf("%s:%d: rule calls %s, which is not allowed: rules run sandboxed (no network, files, environment or randomness)", file, row, ref.String())
		}
		return bad != nil
	})
	return bad
}

func ruleFromModule(file string, mod *ast.Module) (*Rule, error) {
	var ann *ast.Annotations
	for _, a := range mod.Annotations {
		if a.Scope == "package" {
			ann = a
		}
	}
	if ann == nil {
		return nil, fmt.Errorf("%s: no # METADATA block above the package (rules need title, description and custom: id, family, severity, remediation, input)", file)
	}
	str := func(key string) string {
		s, _ := ann.Custom[key].(string)
		return s
	}
	r := &Rule{
		ID: str("id"), Family: str("family"), Remediation: str("remediation"), Input: str("input"),
		Title: ann.Title, Description: ann.Description, File: file, Module: mod,
	}
	sev, ok := model.ParseSeverity(str("severity"))
	if !ok {
		return nil, fmt.Errorf("%s: METADATA custom.severity %q: expected high, medium or low", file, str("severity"))
	}
	r.Severity = sev
	var err error
	for key, v := range map[string]string{"title": r.Title, "description": r.Description, "custom.id": r.ID, "custom.family": r.Family, "custom.remediation": r.Remediation, "custom.input": r.Input} {
		if v == "" {
			return nil, fmt.Errorf("%s: METADATA lacks %s", file, key)
		}
	}
	if !validInput(r.Input) {
		return nil, fmt.Errorf("%s: METADATA custom.input %q: expected one of %s", file, r.Input, strings.Join(facts.Kinds, ", "))
	}
	if req, ok := ann.Custom["requires"].([]any); ok {
		for _, v := range req {
			s, _ := v.(string)
			r.Requires = append(r.Requires, strings.Split(s, "|"))
		}
	}
	if ev, ok := ann.Custom["evidence"]; ok {
		list, _ := ev.([]any)
		if list == nil {
			return nil, fmt.Errorf("%s: METADATA custom.evidence %v: expected a list of %s", file, ev, strings.Join(EngineEvidence, ", "))
		}
		for _, v := range list {
			name, _ := v.(string)
			if !slices.Contains(EngineEvidence, name) {
				return nil, fmt.Errorf("%s: METADATA custom.evidence %v: expected one of %s", file, v, strings.Join(EngineEvidence, ", "))
			}
			r.Evidence = append(r.Evidence, name)
		}
	}
	if r.Controls, err = readControls(file, ann.Custom); err != nil {
		return nil, err
	}
	r.Params = map[string]any{}
	if p, ok := ann.Custom["params"].(map[string]any); ok {
		for k, v := range p {
			r.Params[k] = v
		}
	}
	return r, nil
}

func validInput(s string) bool {
	for _, k := range facts.Kinds {
		if k == s {
			return true
		}
	}
	return false
}

// AppliesTo says whether the rule can run on a source at all, given the
// capabilities no export of the source's product has (a PRA vendor export,
// for Remote Support or Password Safe): not when one of its requirements
// names only those. Such a rule is not a gap in the source's coverage, so
// it is not listed as not run there.
func (r *Rule) AppliesTo(impossible map[string]bool) bool {
	for _, group := range r.Requires {
		if !slices.ContainsFunc(group, func(c string) bool { return !impossible[c] }) {
			return false
		}
	}
	return true
}

// Missing returns the capability groups a source lacks for the rule, each as
// its alternatives (["team_users", "user.teams"]).
func (r *Rule) Missing(caps map[string]bool) [][]string {
	var out [][]string
	for _, group := range r.Requires {
		ok := false
		for _, c := range group {
			if caps[c] {
				ok = true
			}
		}
		if !ok {
			out = append(out, group)
		}
	}
	return out
}
