package engine

import (
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"
)

// findingForm is how every built-in rule writes its result, quoted in the
// errors about a rule written another way.
const findingForm = `finding := {"detail": "...", "evidence": {...}} if { ... }`

// checkFindingForm refuses a rule whose finding is not one object per
// entity. Evaluation reads the finding document as a single object; a set
// (finding contains ...), a string or a number would otherwise be read as
// "no finding" on every entity, and the rule would look as if it had
// checked and found nothing.
func checkFindingForm(file, id string, mod *ast.Module) error {
	found := false
	for _, r := range mod.Rules {
		ref := r.Head.Ref()
		if len(ref) == 0 || !ref[0].Equal(ast.VarTerm("finding")) {
			continue
		}
		found = true
		for rule := r; rule != nil; rule = rule.Else {
			if why := badFinding(rule, len(ref)); why != "" {
				return fmt.Errorf("%s: rule %s: %s; a rule gives at most one finding per entity, an object: write it as the built-in rules do: %s",
					place(file, rule.Head.Location, rule.Location), id, why, findingForm)
			}
		}
	}
	if !found {
		return fmt.Errorf("%s: rule %s has no finding rule, so it could never report anything: write it as the built-in rules do: %s", file, id, findingForm)
	}
	return nil
}

// findingLocation is where the rule's (first) finding rule starts.
func (r *Rule) findingLocation() *ast.Location {
	if r.Module == nil {
		return nil
	}
	for _, ru := range r.Module.Rules {
		if ref := ru.Head.Ref(); len(ref) > 0 && ref[0].Equal(ast.VarTerm("finding")) {
			return ru.Location
		}
	}
	return nil
}

// badFinding says what is wrong with one finding rule (or else branch), or
// "" when its value is, or may be, an object. A value only known when the
// rule runs (a variable, a call) is checked then (checkFinding).
func badFinding(r *ast.Rule, refLen int) string {
	h := r.Head
	switch {
	case len(h.Args) > 0:
		return "finding(...) is a function"
	case h.RuleKind() == ast.MultiValue:
		return "finding contains ... makes a set of values"
	case refLen > 1:
		return fmt.Sprintf("%s makes finding an object built key by key", h.Ref())
	case h.Value == nil:
		return ""
	}
	if what := valueKind(h.Value.Value); what != "" {
		return fmt.Sprintf("finding is %s (%s)", what, h.Value)
	}
	return ""
}

// valueKind names a value that can never be an object, or gives "".
func valueKind(v ast.Value) string {
	switch v.(type) {
	case ast.String:
		return "a string"
	case ast.Number:
		return "a number"
	case ast.Boolean:
		return "a boolean"
	case ast.Null:
		return "null"
	case *ast.Array, *ast.ArrayComprehension:
		return "an array"
	case ast.Set, *ast.SetComprehension:
		return "a set"
	}
	return ""
}

// place is FILE:LINE:COLUMN of the first location known.
func place(file string, locs ...*ast.Location) string {
	for _, l := range locs {
		if l != nil {
			return fmt.Sprintf("%s:%d:%d", file, l.Row, l.Col)
		}
	}
	return file
}
