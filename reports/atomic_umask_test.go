//go:build unix

package reports

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// A new output gets what the umask allows, as any file the user creates:
// under umask 077 a workbook of names and HR status is the owner's only.
// One that existed keeps its permissions.
func TestNewOutputFollowsTheUmask(t *testing.T) {
	for _, tt := range []struct {
		umask int
		want  fs.FileMode
	}{{0o077, 0o600}, {0o022, 0o644}, {0o002, 0o664}} {
		old := syscall.Umask(tt.umask)
		dir := t.TempDir()
		var set OutputSet
		err := set.Write(filepath.Join(dir, "findings.jsonl"), writeString("{}\n"))
		if err == nil {
			err = set.Write(filepath.Join(dir, "findings.csv"), writeString("a\n"))
		}
		if err == nil {
			err = set.Commit()
		}
		syscall.Umask(old)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"findings.jsonl", "findings.csv"} {
			if fi, _ := os.Stat(filepath.Join(dir, name)); fi.Mode().Perm() != tt.want {
				t.Errorf("umask %03o: %s mode %v, want %v", tt.umask, name, fi.Mode().Perm(), tt.want)
			}
		}
	}
	// Replacing a file keeps its mode, whatever the umask.
	dir := t.TempDir()
	path := filepath.Join(dir, "findings.csv")
	os.WriteFile(path, []byte("old"), 0o600)
	os.Chmod(path, 0o640)
	old := syscall.Umask(0o077)
	err := WriteFileAtomic(path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err })
	syscall.Umask(old)
	if err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o640 {
		t.Errorf("replaced file mode %v, want 0640 kept", fi.Mode().Perm())
	}
}
