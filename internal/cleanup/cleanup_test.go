package cleanup

import (
	"os"
	"path/filepath"
	"testing"
)

// RemoveAll removes what is still registered: not what was forgotten
// (renamed into place) or already removed.
func TestRemoveAll(t *testing.T) {
	dir := t.TempDir()
	file := func(name string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	temp, kept, gone := file("temp"), file("kept"), file("gone")
	folder := filepath.Join(dir, "spill")
	os.MkdirAll(filepath.Join(folder, "duckdb"), 0o755)
	Add(temp)
	Add(folder)
	_, forget := Add(kept)
	forget()
	remove, _ := Add(gone)
	remove()
	RemoveAll()
	for p, want := range map[string]bool{temp: false, folder: false, kept: true, gone: false} {
		if _, err := os.Stat(p); (err == nil) != want {
			t.Errorf("%s exists: %v, want %v", filepath.Base(p), err == nil, want)
		}
	}
	RemoveAll() // nothing left: a no-op
}
