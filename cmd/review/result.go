package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/review-tool/review/internal/model"
)

// resultLine is the run's last line on standard error: what was found,
// what could not be checked, what was written and how long it took, so
// that a log or a terminal shows the outcome without opening a file.
func resultLine(rev *model.Review, written []string, took time.Duration) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s)", plural(len(rev.Findings), "finding"), bySeverity(rev.Findings, model.Low))
	excepted := 0
	for i := range rev.Findings {
		if rev.Findings[i].Status == model.StatusExcepted {
			excepted++
		}
	}
	if excepted > 0 {
		fmt.Fprintf(&b, ", %d of them excepted", excepted)
	}
	b.WriteString(sincePrevious(rev))
	notRun := 0
	for _, r := range rev.Rules {
		if len(r.NotChecked) > 0 {
			notRun++
		}
	}
	if notRun > 0 {
		fmt.Fprintf(&b, "; %d of %d rules did not run on every source (see the Rules sheet)", notRun, len(rev.Rules))
	} else {
		fmt.Fprintf(&b, "; all %d rules ran on every source", len(rev.Rules))
	}
	if len(written) > 0 {
		fmt.Fprintf(&b, "; wrote %s", strings.Join(written, ", "))
	}
	fmt.Fprintf(&b, "; %s", took.Round(100*time.Millisecond))
	return b.String()
}

// bySeverity counts findings per severity, from high down to lowest,
// every severity named.
func bySeverity(findings []model.Finding, lowest model.Severity) string {
	counts := map[model.Severity]int{}
	for _, f := range findings {
		counts[f.Severity]++
	}
	var parts []string
	for _, s := range []model.Severity{model.High, model.Medium, model.Low} {
		if s.Rank() <= lowest.Rank() {
			parts = append(parts, fmt.Sprintf("%s %d", s, counts[s]))
		}
	}
	return strings.Join(parts, ", ")
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
