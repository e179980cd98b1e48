// Package crash is the one error of a panic review recovered from: a bug
// met while reading a file, evaluating a rule or streaming a sheet, which
// the run reports as review's (exit 3) with what it was doing, and whose
// stack --debug prints.
package crash

import (
	"fmt"
	"runtime/debug"
)

// Error is a recovered panic: what review was doing, the panic's value and
// the stack where it happened.
type Error struct {
	// While says what review was doing, e.g. "reading pra/user.json".
	While string
	Value any
	Stack []byte
}

// Recovered makes the Error of a panic value p recovered while doing
// while; call it in the deferred function that recovered, so that the
// stack is the panic's.
func Recovered(while string, p any) *Error {
	return &Error{While: while, Value: p, Stack: debug.Stack()}
}

func (e *Error) Error() string { return fmt.Sprintf("internal error while %s: %v", e.While, e.Value) }
