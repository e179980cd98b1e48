package wholefile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/review-tool/review/internal/inputerr"
)

// A file read whole is read up to the bound and refused past it, naming
// the file, the bound and what was expected; a missing file keeps its
// os error, so callers can say "no such file".
func TestReadFileBound(t *testing.T) {
	defer func(m int64) { maxWhole = m }(maxWhole)
	maxWhole = 2 << 20
	dir := t.TempDir()
	ok := filepath.Join(dir, "config.yaml")
	big := filepath.Join(dir, "big.yaml")
	os.WriteFile(ok, []byte(strings.Repeat("a", 2<<20)), 0o644)
	os.WriteFile(big, []byte(strings.Repeat("a", 2<<20+1)), 0o644)
	if b, err := Read(ok, "a YAML config"); err != nil || len(b) != 2<<20 {
		t.Errorf("a file at the bound: %d bytes, %v", len(b), err)
	}
	_, err := Read(big, "a YAML config")
	if !inputerr.Is(err) || err.Error() != big+": found a file of more than 2 MiB, expected a YAML config" {
		t.Errorf("a file past the bound: %v", err)
	}
	if _, err := Read(filepath.Join(dir, "none.yaml"), "x"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing file: %v", err)
	}
}
