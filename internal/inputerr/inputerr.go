// Package inputerr tells the errors that are the user's to fix (a bad
// file, a wrong flag, a failing custom rule) from review's own: the first
// end a run with exit 2, the others with exit 3. Every package marks its
// errors here, at the place that knows whose they are, so that the command
// decides the exit code from this one mark instead of a list of types.
package inputerr

import (
	"errors"
	"fmt"
)

// Marked is implemented by error types that know whose they are.
// InputError says the error is the user's input or arguments; false marks
// one that looks like input but is review's (a built-in rule that fails).
type Marked interface {
	error
	InputError() bool
}

// Error is an error marked as the user's, for errors without a type of
// their own.
type Error struct{ Err error }

func (e *Error) Error() string    { return e.Err.Error() }
func (e *Error) Unwrap() error    { return e.Err }
func (e *Error) InputError() bool { return true }

// New is a formatted error marked as the user's.
func New(format string, a ...any) error { return &Error{fmt.Errorf(format, a...)} }

// Wrap marks err as the user's; nil stays nil.
func Wrap(err error) error {
	if err == nil {
		return nil
	}
	return &Error{err}
}

// Is says err is the user's to fix: the outermost mark in its chain
// decides, so a wrapper may mark what it wraps, and an error that is not
// marked is review's.
func Is(err error) bool {
	var m Marked
	return errors.As(err, &m) && m.InputError()
}
