package main

import (
	"fmt"
	"strings"

	"github.com/review-tool/review/internal/model"
)

// failOnShown is how many matching findings the --fail-on message names.
const failOnShown = 5

// failOnMatches says whether a finding at limit or above exists and, if
// so, which: how many per severity and the first few, most severe first,
// so that a failed pipeline says why without opening the workbook.
// Excepted findings are accepted risks and do not count; those whose
// exception expired do.
func failOnMatches(limit model.Severity, findings []model.Finding) (string, bool) {
	var matched []model.Finding
	excepted := 0
	for _, f := range findings {
		if f.Severity.Rank() > limit.Rank() {
			continue
		}
		if f.Status == model.StatusExcepted {
			excepted++
			continue
		}
		matched = append(matched, f)
	}
	if len(matched) == 0 {
		return "", false
	}
	var b strings.Builder
	fmt.Fprintf(&b, "--fail-on %s: %s at %s or above (%s)", limit, plural(len(matched), "finding"), limit, bySeverity(matched, limit))
	if excepted > 0 {
		fmt.Fprintf(&b, ", besides %s not counted", plural(excepted, "excepted finding"))
	}
	for i, f := range matched {
		if i == failOnShown {
			fmt.Fprintf(&b, "\n  … and %d more on the Findings sheet", len(matched)-failOnShown)
			break
		}
		fmt.Fprintf(&b, "\n  %s %s %s: %s %s %s", f.ID, f.Severity, f.Rule, f.Source, f.EntityType, f.Entity)
	}
	return b.String(), true
}
