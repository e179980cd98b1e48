package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Files that are no export stop the run, each named, with nothing written;
// --skip-unknown warns on the console per file and lists each, hashed, on
// the Evidence sheet; a file reached through a symbolic link shows where
// the link led.
func TestUnknownFilesAndLinksEndToEnd(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := filepath.Join(dir, "pra")
	copyTree(t, "../../fixtures/mixed/pra", src, nil)
	os.WriteFile(filepath.Join(src, "notes.txt"), []byte("exported by hand on Monday\n"), 0o644)
	os.WriteFile(filepath.Join(src, "fetch.sh"), []byte("#!/bin/sh\ncurl ...\n"), 0o644)
	// user.json becomes a link to a dated copy outside the source.
	dated := filepath.Join(dir, "archive", "user-2025-11-20.json")
	os.MkdirAll(filepath.Dir(dated), 0o755)
	os.Rename(filepath.Join(src, "user.json"), dated)
	if err := os.Symlink(dated, filepath.Join(src, "user.json")); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "findings.xlsx")
	args := []string{"run", "--quiet", "--as-of", "2025-11-22", "--out", out, src}
	code, msg := runCLI(t, args...)
	for _, want := range []string{"2 files recognised as nothing", "fetch.sh: recognised as nothing", "notes.txt: recognised as nothing", "--skip-unknown"} {
		if code != exitBadInput || !strings.Contains(msg, want) {
			t.Errorf("exit %d, %q: want 2 and %q", code, msg, want)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatal("a workbook was written on exit 2")
	}

	code, msg = runCLI(t, append([]string{"run", "--skip-unknown"}, args[1:]...)...)
	if code != exitOK {
		t.Fatalf("--skip-unknown: exit %d: %s", code, msg)
	}
	for _, want := range []string{"review: warning: skipped: " + filepath.Join(src, "fetch.sh"), "review: warning: skipped: " + filepath.Join(src, "notes.txt")} {
		if !strings.Contains(msg, want) {
			t.Errorf("console %q lacks %q", msg, want)
		}
	}
	f := openWorkbook(t, out)
	rows, _ := f.GetRows("Evidence")
	var skipped, linked []string
	for _, r := range rows {
		if len(r) > 2 && strings.HasPrefix(r[1], "skipped") {
			skipped = append(skipped, filepath.Base(r[2]))
			if len(r) < 5 || len(r[3]) != 64 {
				t.Errorf("skipped row without its hash and size: %q", r)
			}
		}
		if len(r) > 10 && r[10] != "" && r[2] != "Path" {
			linked = append(linked, filepath.Base(r[2])+" -> "+r[10])
		}
	}
	if strings.Join(skipped, ",") != "fetch.sh,notes.txt" {
		t.Errorf("skipped files on Evidence: %q", skipped)
	}
	realDated, _ := filepath.EvalSymlinks(dated)
	if len(linked) != 1 || linked[0] != "user.json -> "+realDated {
		t.Errorf("linked files on Evidence: %q", linked)
	}
}
