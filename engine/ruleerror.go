package engine

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/review-tool/review/facts"
)

// RuleError is a rule that failed on one entity: a built-in function error
// (1/0, a bad sprintf, a type error), conflicting values, or a finding
// that is not the object a finding must be. The rule's results would be
// wrong, so the run stops instead of reporting it as having found nothing.
type RuleError struct {
	Rule *Rule
	Fact *facts.Fact
	// Where is FILE:LINE:COLUMN of the failing expression, or of the
	// finding rule when the value is at fault.
	Where string
	// Problem is what went wrong, without the place.
	Problem string
	Err     error // OPA's error, when it is one
}

func (e *RuleError) Error() string {
	whose := "custom rule"
	if e.Rule.Builtin {
		whose = "built-in rule" // review's own bug
	}
	return fmt.Sprintf("%s: %s %s failed on %s %q of %s: %s",
		e.Where, whose, e.Rule.ID, e.Fact.EntityType, e.Fact.Entity, e.Fact.Source, e.Problem)
}

func (e *RuleError) Unwrap() error { return e.Err }

// InputError says whose the failure is (internal/inputerr): a custom
// rule's is the user's input, a built-in rule's is review's bug.
func (e *RuleError) InputError() bool { return !e.Rule.Builtin }

// evalError turns OPA's error for one rule and fact into a *RuleError
// placed at the failing expression. Cancellation (a timeout, another
// worker's error) is passed on as it is.
func evalError(r *Rule, f *facts.Fact, err error) error {
	var te *topdown.Error
	if !errors.As(err, &te) || topdown.IsCancel(err) {
		return fmt.Errorf("rule %s on %s %q of %s: %w", r.ID, f.EntityType, f.Entity, f.Source, err)
	}
	where := place(r.File, te.Location, r.findingLocation())
	if te.Location != nil && te.Location.File != "" {
		where = place(te.Location.File, te.Location)
	}
	return &RuleError{Rule: r, Fact: f, Where: where, Problem: te.Message, Err: err}
}

// checkFinding is the finding a rule gave, or a *RuleError when it is not
// an object whose detail is text and whose evidence is an object.
func checkFinding(r *Rule, f *facts.Fact, v any) (map[string]any, error) {
	bad := func(format string, a ...any) error {
		return &RuleError{Rule: r, Fact: f, Where: place(r.File, r.findingLocation()),
			Problem: fmt.Sprintf(format, a...) + "; write it as the built-in rules do: " + findingForm}
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, bad("finding is %s, not an object", describe(v))
	}
	if d, ok := obj["detail"]; ok {
		if _, isText := d.(string); !isText {
			return nil, bad("finding's detail is %s, not text", describe(d))
		}
	}
	if e, ok := obj["evidence"]; ok {
		if _, isObj := e.(map[string]any); !isObj {
			return nil, bad("finding's evidence is %s, not an object", describe(e))
		}
	}
	return obj, nil
}

// describe names a value's type and shows it, shortened.
func describe(v any) string {
	kind := "a set or array"
	switch v.(type) {
	case nil:
		return "null"
	case string:
		kind = "a string"
	case json.Number, float64, int, int64:
		kind = "a number"
	case bool:
		kind = "a boolean"
	case map[string]any:
		kind = "an object"
	}
	b, err := json.Marshal(v)
	if err != nil {
		return kind
	}
	if s := []rune(string(b)); len(s) > 60 {
		b = []byte(string(s[:57]) + "...")
	}
	return kind + " " + string(b)
}
