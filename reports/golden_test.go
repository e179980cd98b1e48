package reports

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/review-tool/review/internal/model"
)

// goldenFindings are the test findings with a short detail in place of the
// 40,000-character one, so that the golden files stay readable.
func goldenFindings() []model.Finding {
	fs := testFindings()
	for i := range fs {
		if len(fs[i].Detail) > 1000 {
			fs[i].Detail = "expired 2025-10-01, 52 days before 2025-11-22, still enabled"
		}
	}
	return fs
}

// checkGolden compares got with testdata/name, or rewrites it with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./reports -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs at line %d:\n got %s\nwant %s\n(go test ./reports -update rewrites it)", path, i+1, g, w)
			}
		}
	}
}
