package main

import (
	"context"
	"fmt"
	"runtime/debug"

	"github.com/spf13/pflag"

	"github.com/review-tool/review/internal/db"
	"github.com/review-tool/review/internal/model"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

// toolInfo reads the versions of review, OPA and DuckDB.
func toolInfo(ctx context.Context) model.ToolInfo {
	info := model.ToolInfo{Review: version, OPA: "unknown", DuckDB: "unknown"}
	if bi, ok := debug.ReadBuildInfo(); ok {
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

func cmdVersion(args []string) int {
	fs := pflag.NewFlagSet("review version", pflag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: review version\n\nPrints the versions of review, OPA and DuckDB.")
	}
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	info := toolInfo(context.Background())
	fmt.Printf("review %s\nOPA %s\nDuckDB %s\n", info.Review, info.OPA, info.DuckDB)
	return exitOK
}

// flagExit maps a flag parse error to an exit code; --help is success.
func flagExit(err error) int {
	if err == pflag.ErrHelp {
		return exitOK
	}
	fmt.Fprintln(stderr, "review:", err)
	return exitBadInput
}
