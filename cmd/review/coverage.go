package main

import (
	"fmt"
	"io"

	"github.com/review-tool/review/internal/model"
)

// warnCoverage says on standard error, as the Summary's Coverage section
// does, which rules did not run where and why: a run without --roster
// must not look like a run that found nobody terminated. Printed even
// with --quiet, like the other warnings.
func warnCoverage(w io.Writer, rev *model.Review) {
	for _, line := range model.Coverage(rev) {
		fmt.Fprintln(w, "review: warning:", line)
	}
}
