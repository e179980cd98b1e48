package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"runtime/debug"
	"strings"
	"testing"
)

// The revision comes from the Go toolchain's VCS stamp, else from what the
// Makefile set with -ldflags; a tree with uncommitted changes says so.
func TestBuildOf(t *testing.T) {
	t.Parallel()
	stamped := &debug.BuildInfo{Settings: []debug.BuildSetting{
		{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "3a1e790cc25b"}, {Key: "vcs.modified", Value: "true"},
	}}
	tests := []struct {
		name         string
		bi           *debug.BuildInfo
		ok           bool
		ldRev, ldMod string
		want         build
		describe     string
	}{
		{"stamped, modified", stamped, true, "ffff", "false", build{"3a1e790cc25b", true},
			"3a1e790cc25b (modified: built from a tree with uncommitted changes)"},
		{"no stamp, -ldflags", &debug.BuildInfo{}, true, "abc123", "false", build{"abc123", false}, "abc123"},
		{"no stamp, -ldflags modified", &debug.BuildInfo{}, true, "abc123", "true", build{"abc123", true},
			"abc123 (modified: built from a tree with uncommitted changes)"},
		{"nothing known", nil, false, "", "", build{}, "unknown (built without version control information)"},
	}
	for _, tt := range tests {
		got := buildOf(tt.bi, tt.ok, tt.ldRev, tt.ldMod)
		if got != tt.want || got.describe() != tt.describe {
			t.Errorf("%s: %+v %q, want %+v %q", tt.name, got, got.describe(), tt.want, tt.describe)
		}
	}
}

// review version names the build and the binary's own SHA-256, the value
// the Evidence sheet shows, so that a workbook can be tied to a binary.
func TestVersionShowsBuild(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	if code := run(env{stdout: &out, stderr: os.Stderr}, []string{"version"}); code != exitOK {
		t.Fatalf("exit %d", code)
	}
	exe, _ := os.Executable()
	b, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	bi, ok := debug.ReadBuildInfo()
	want := []string{"review " + version, "revision " + buildOf(bi, ok, revision, modified).describe(),
		"binary SHA-256 " + hex.EncodeToString(sum[:])}
	for i, w := range want {
		if i >= len(lines) || lines[i] != w {
			t.Errorf("line %d = %q, want %q (all: %q)", i+1, at(lines, i), w, lines)
		}
	}
	if len(lines) != 5 || !strings.HasPrefix(lines[3], "OPA v") || !strings.HasPrefix(lines[4], "DuckDB v") {
		t.Errorf("versions %q", lines)
	}
}

func at(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return ""
}
