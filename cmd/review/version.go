package main

import (
	"context"
	"fmt"
	"os"
	"runtime/debug"
	"sync"

	"github.com/spf13/pflag"

	"github.com/review-tool/review/internal/db"
	"github.com/review-tool/review/internal/digest"
	"github.com/review-tool/review/internal/model"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

// revision and modified stand in for the build information's VCS stamp
// when the Go toolchain could not record it (a git worktree, whose .git
// is a file; -buildvcs=false): the Makefile sets them with -ldflags
// "-X main.revision=… -X main.modified=true|false".
var revision, modified string

// build is what ties a run to the binary that made it.
type build struct {
	Revision string // "" when unknown
	Modified bool
}

// buildOf reads the VCS stamp from bi, falling back to what -ldflags set.
func buildOf(bi *debug.BuildInfo, ok bool, ldRevision, ldModified string) build {
	if ok {
		var b build
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				b.Revision = s.Value
			case "vcs.modified":
				b.Modified = s.Value == "true"
			}
		}
		if b.Revision != "" {
			return b
		}
	}
	return build{Revision: ldRevision, Modified: ldModified == "true"}
}

// describe is the revision as a person reads it.
func (b build) describe() string {
	switch {
	case b.Revision == "":
		return "unknown (built without version control information)"
	case b.Modified:
		return b.Revision + " (modified: built from a tree with uncommitted changes)"
	}
	return b.Revision
}

// binarySHA256 hashes the running executable once; a run starts it in the
// background as it begins, since the binary is over 100 MB with DuckDB
// linked in.
var binarySHA256 = sync.OnceValue(func() string {
	path, err := os.Executable()
	if err != nil {
		return ""
	}
	sum, _, err := digest.File(path)
	if err != nil {
		return ""
	}
	return sum
})

// toolInfo reads the versions of review, OPA and DuckDB, and the build.
func toolInfo(ctx context.Context) model.ToolInfo {
	bi, ok := debug.ReadBuildInfo()
	b := buildOf(bi, ok, revision, modified)
	info := model.ToolInfo{Review: version, OPA: "unknown", DuckDB: "unknown",
		Revision: b.Revision, Modified: b.Modified, BinarySHA256: binarySHA256()}
	if ok {
		for _, d := range bi.Deps {
			if d.Path == "github.com/open-policy-agent/opa" {
				info.OPA = d.Version
			}
		}
	}
	if d, err := db.Open("", db.Options{}); err == nil {
		if v, err := db.Version(ctx, d); err == nil {
			info.DuckDB = v
		}
		d.Close()
	}
	return info
}

var versionCommand = command{name: "version", aliases: []string{"--version"}, run: cmdVersion, usage: [][2]string{
	{"version", "versions of review, OPA and DuckDB"},
}}

func cmdVersion(e env, args []string) int {
	fs := pflag.NewFlagSet("review version", pflag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "Usage: review version\n\nPrints the versions of review, OPA and DuckDB, the revision review was built from and the SHA-256 of this binary.")
	}
	if err := fs.Parse(args); err != nil {
		return flagExit(e, fs, err)
	}
	info := toolInfo(context.Background())
	sum := info.BinarySHA256
	if sum == "" {
		sum = "unknown (the executable could not be read)"
	}
	b := build{Revision: info.Revision, Modified: info.Modified}
	fmt.Fprintf(e.stdout, "review %s\nrevision %s\nbinary SHA-256 %s\nOPA %s\nDuckDB %s\n", info.Review, b.describe(), sum, info.OPA, info.DuckDB)
	return exitOK
}

// flagExit maps a flag parse error to an exit code; --help is success.
func flagExit(e env, fs *pflag.FlagSet, err error) int {
	if err == pflag.ErrHelp {
		return exitOK
	}
	fmt.Fprintln(e.stderr, "review:", err.Error()+flagHint(fs, err))
	return exitBadInput
}
