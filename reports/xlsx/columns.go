package xlsx

import (
	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/model"
)

// column is one column of a sheet: its header and the widest it may get,
// in characters (0: defaultMaxWidth). Within that cap a column is as wide
// as its content.
type column struct {
	Header string
	Width  float64
}

// findingWidths are the widest the Findings columns get, by header; the
// columns and their order are layout.Findings'.
var findingWidths = map[string]float64{
	layout.FindingID:                 20,
	layout.FindingsRule:              32,
	layout.FindingsFamily:            22,
	layout.FindingsSeverity:          10,
	layout.FindingsTitle:             36,
	layout.FindingsSource:            20,
	layout.FindingsProduct:           10,
	layout.FindingsEntityType:        20,
	layout.FindingsEntity:            30,
	layout.FindingsDisplayName:       28,
	layout.FindingsEmail:             34,
	layout.FindingsDetail:            60,
	layout.FindingsRemediation:       60,
	layout.FindingsReviewer:          30,
	layout.FindingsStatus:            24,
	layout.FindingsPreviousDecision:  14,
	layout.FindingsPreviousComment:   40,
	layout.FindingsPreviousReviewer:  30,
	layout.FindingsPreviousDecidedOn: 0,
	layout.FindingsDecision:          14,
	layout.FindingsComment:           40,
}

// findingColumns are the columns of the Findings sheet without a previous
// run.
var findingColumns = findingColumnsOf(false)

// previousFindingColumns are the columns of the Findings sheet with a
// previous run.
var previousFindingColumns = findingColumnsOf(true)

// findingColumnsOf are the columns of the Findings sheet (layout.Findings):
// with a previous run, the previous decision and comment before Decision.
func findingColumnsOf(previous bool) []column {
	return findingColumnsNamed(layout.Findings(previous)...)
}

// findingKinds are the Findings columns that are not plain text: the long
// ones wrap; Decision and Comment are the reviewer's to fill.
var findingKinds = map[string]cellKind{
	layout.FindingsTitle:             kindWrap,
	layout.FindingsDetail:            kindWrap,
	layout.FindingsRemediation:       kindWrap,
	layout.FindingsPreviousComment:   kindWrap,
	layout.FindingsPreviousDecidedOn: kindDate,
	layout.FindingsDecision:          kindDecision,
	layout.FindingsComment:           kindComment,
}

// decisions are the values of the Decision drop-down.
var decisions = model.Decisions

func headers(cols []column) []string {
	h := make([]string, len(cols))
	for i, c := range cols {
		h[i] = c.Header
	}
	return h
}

// findingColumnsNamed are the Findings columns of those headers, in the
// order given, so that a sheet listing findings another way (a family
// sheet, Resolved) shows them as Findings does.
func findingColumnsNamed(headers ...string) []column {
	return columnsOf(headers, findingWidths)
}

// columnsOf are the columns of headers, in order, each as wide as the
// first of widths that has it says. A header none has is a bug.
func columnsOf(headers []string, widths ...map[string]float64) []column {
	out := make([]column, len(headers))
	for i, h := range headers {
		found := false
		for _, m := range widths {
			if w, ok := m[h]; ok {
				out[i], found = column{h, w}, true
				break
			}
		}
		if !found {
			panic("reports/xlsx: no width for the column " + h)
		}
	}
	return out
}

func columnIndex(cols []column, header string) int {
	for i, c := range cols {
		if c.Header == header {
			return i
		}
	}
	return -1
}
