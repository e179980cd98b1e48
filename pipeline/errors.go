package pipeline

import (
	"errors"
	"os"

	"github.com/review-tool/review/internal/db"
	"github.com/review-tool/review/internal/inputerr"
)

// classify gives an error of the run its class (internal/inputerr) where
// the package that met it could not know it: what is the user's to fix
// though it surfaced deep in the run is marked so, and said how to fix.
// The other errors pass through as they are.
func classify(memoryLimit string, err error) error {
	var marked inputerr.Marked
	if errors.As(err, &marked) {
		return err // its package knew
	}
	if oom, ok := db.AsOutOfMemory(err); ok {
		return inputerr.New("DuckDB needed more memory than --memory-limit %s allows (%s): raise it, e.g. --memory-limit %s, or run on a machine with more memory",
			memoryLimit, oom, suggestLimit(memoryLimit))
	}
	// A file that cannot be opened, read or written (a missing source, a
	// permission, a full disk) is the user's to fix, not review's bug.
	var pe *os.PathError
	if errors.As(err, &pe) {
		return inputerr.Wrap(err)
	}
	return err
}
