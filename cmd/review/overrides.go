package main

import (
	"fmt"

	"github.com/review-tool/review/analyzers"
)

// warnOverrides says on standard error, even with --quiet, which built-in
// rules a custom rule replaces: the findings of that id are no longer the
// built-in rule's, and whoever reads the console should know before they
// read the workbook (whose Rules sheet says it too).
func warnOverrides(rs *analyzers.RuleSet) {
	for _, r := range rs.Rules {
		if r.Replaces != "" {
			fmt.Fprintf(stderr, "review: warning: %s: custom rule %s replaces the built-in rule %s (%s)\n", r.File, r.ID, r.ID, r.Replaces)
		}
	}
}
