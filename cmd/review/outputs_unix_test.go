//go:build unix

package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// An output that is a named pipe or device is refused, as is a folder the
// run cannot write in (/sys refuses even root).
func TestOutputSpecialFilesAreRefused(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	fifo := filepath.Join(dir, "findings.jsonl")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	code, msg := runCLI(t, "run", "--quiet", "--out", filepath.Join(dir, "f.xlsx"), "--json", fifo, "../../fixtures/pra-json/pra-prod")
	if code != exitBadInput || !strings.Contains(msg, "--json "+fifo+" is a device or other special file: name a regular file") {
		t.Errorf("a named pipe: exit %d, message %q", code, msg)
	}
	if runtime.GOOS == "linux" {
		code, msg = runCLI(t, "run", "--quiet", "--out", "/sys/findings.xlsx", "../../fixtures/pra-json/pra-prod")
		if code != exitBadInput || !strings.Contains(msg, "--out /sys/findings.xlsx: cannot write in the folder /sys (permission denied): choose a folder you can write to") {
			t.Errorf("an unwritable folder: exit %d, message %q", code, msg)
		}
	}
}

// New outputs get what the umask allows: under umask 077 the workbook,
// the JSON Lines and the database, which hold names, e-mails and HR status,
// are the owner's only.
func TestOutputsFollowTheUmask(t *testing.T) {
	dir := t.TempDir()
	old := syscall.Umask(0o077)
	code, msg := runCLI(t, append([]string{"run", "--quiet", "--as-of", "2025-11-22", "--out", filepath.Join(dir, "f.xlsx"),
		"--json", filepath.Join(dir, "f.jsonl"), "--db", filepath.Join(dir, "f.duckdb")}, fixtures[2].args...)...)
	syscall.Umask(old)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, msg)
	}
	for _, name := range []string{"f.xlsx", "f.jsonl", "f.duckdb"} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v under umask 077, want 0600", name, fi.Mode().Perm())
		}
	}
}
