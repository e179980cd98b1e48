package cleanup

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// RemoveAll removes what is still registered: not what was forgotten
// (renamed into place) or already removed. After it, Make creates
// nothing: a path made then would be left behind as the process exits.
func TestRemoveAll(t *testing.T) {
	dir := t.TempDir()
	file := func(name string) func() (string, error) {
		return func() (string, error) {
			p := filepath.Join(dir, name)
			return p, os.WriteFile(p, []byte("x"), 0o644)
		}
	}
	must := func(remove, forget func(), err error) (func(), func()) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return remove, forget
	}
	must(Make(file("temp")))
	folder, _, err := MkdirTemp(dir, "spill-")
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(folder, "duckdb"), 0o755)
	_, forget := must(Make(file("kept")))
	forget()
	remove, _ := must(Make(file("gone")))
	remove()
	RemoveAll()
	for p, want := range map[string]bool{filepath.Join(dir, "temp"): false, folder: false, filepath.Join(dir, "kept"): true, filepath.Join(dir, "gone"): false} {
		if _, err := os.Stat(p); (err == nil) != want {
			t.Errorf("%s exists: %v, want %v", filepath.Base(p), err == nil, want)
		}
	}
	RemoveAll() // nothing left: a no-op
	created := false
	if _, _, err := Make(func() (string, error) { created = true; return file("late")() }); !errors.Is(err, ErrStopped) || created {
		t.Errorf("Make after RemoveAll: %v, created %v; want ErrStopped and nothing made", err, created)
	}
}
