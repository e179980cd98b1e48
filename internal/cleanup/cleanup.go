// Package cleanup keeps the list of a run's temporary files and folders, so
// that a run stopped by a signal removes them: an interrupted review leaves
// no partial output and no spill files behind.
package cleanup

import (
	"errors"
	"os"
	"sync"
)

var (
	mu    sync.Mutex
	paths = map[string]bool{}
	// stopped is set once RemoveAll ran: the process is exiting, and a
	// path made after would be left behind.
	stopped bool
)

// ErrStopped is Make's error once the run is being stopped.
var ErrStopped = errors.New("the run is stopping")

// Make creates a temporary file or folder with create, which returns its
// path, and registers it in the same step, so that a signal can never
// find it made but not yet registered (and leave it behind). After
// RemoveAll it creates nothing and returns ErrStopped.
//
// remove removes the path and forgets it; call forget instead once the
// path is no longer temporary (renamed into place).
func Make(create func() (string, error)) (remove, forget func(), err error) {
	mu.Lock()
	defer mu.Unlock()
	if stopped {
		return nil, nil, ErrStopped
	}
	path, err := create()
	if err != nil {
		return nil, nil, err
	}
	paths[path] = true
	remove, forget = handles(path)
	return remove, forget, nil
}

// MkdirTemp is os.MkdirTemp through Make: the folder and the function
// that removes it (and forgets it).
func MkdirTemp(dir, pattern string) (path string, remove func(), err error) {
	remove, _, err = Make(func() (string, error) {
		path, err = os.MkdirTemp(dir, pattern)
		return path, err
	})
	return path, remove, err
}

// handles are the remove and forget functions of a registered path.
func handles(path string) (remove, forget func()) {
	forget = func() {
		mu.Lock()
		delete(paths, path)
		mu.Unlock()
	}
	remove = func() {
		os.RemoveAll(path)
		forget()
	}
	return remove, forget
}

// RemoveAll removes every registered path; the signal handler calls it
// before the process exits.
func RemoveAll() {
	mu.Lock()
	defer mu.Unlock()
	stopped = true
	for p := range paths {
		os.RemoveAll(p)
		delete(paths, p)
	}
}
