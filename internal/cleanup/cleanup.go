// Package cleanup keeps the list of a run's temporary files and folders, so
// that a run stopped by a signal removes them: an interrupted review leaves
// no partial output and no spill files behind.
package cleanup

import (
	"os"
	"sync"
)

var (
	mu    sync.Mutex
	paths = map[string]bool{}
)

// Add registers a temporary file or folder and returns the function that
// removes it and forgets it. Call forget instead once the path is no
// longer temporary (renamed into place).
func Add(path string) (remove, forget func()) {
	mu.Lock()
	paths[path] = true
	mu.Unlock()
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
	for p := range paths {
		os.RemoveAll(p)
		delete(paths, p)
	}
}
