package main

import (
	"fmt"
	"io"

	"github.com/review-tool/review/engine"
)

// warnOverrides says on standard error, even with --quiet, which built-in
// rules a custom rule replaces: the findings of that id are no longer the
// built-in rule's, and whoever reads the console should know before they
// read the workbook (whose Rules sheet says it too).
func warnOverrides(w io.Writer, rs *engine.RuleSet) {
	for _, line := range rs.Replacements() {
		fmt.Fprintln(w, "review: warning:", line)
	}
}
