package inputerr

import (
	"errors"
	"fmt"
	"testing"
)

// ruleFailure stands for a type that is the user's or review's depending
// on where it came from (a custom or a built-in rule).
type ruleFailure struct{ builtin bool }

func (e *ruleFailure) Error() string    { return "rule failed" }
func (e *ruleFailure) InputError() bool { return !e.builtin }

func TestIsReadsTheMarkThroughWrapping(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"plain error: review's", errors.New("boom"), false},
		{"New", New("--as-of %q: expected a date", "x"), true},
		{"Wrap, wrapped again", fmt.Errorf("read: %w", Wrap(errors.New("bad"))), true},
		{"custom rule", fmt.Errorf("evaluate: %w", &ruleFailure{builtin: false}), true},
		{"built-in rule", fmt.Errorf("evaluate: %w", &ruleFailure{builtin: true}), false},
	}
	for _, tt := range tests {
		if got := Is(tt.err); got != tt.want {
			t.Errorf("%s: Is = %v, want %v", tt.name, got, tt.want)
		}
	}
	if Wrap(nil) != nil {
		t.Errorf("Wrap(nil) is not nil")
	}
	if msg := New("--fail-on %q: expected high, medium or low", "x").Error(); msg != `--fail-on "x": expected high, medium or low` {
		t.Errorf("message changed by the mark: %q", msg)
	}
}
