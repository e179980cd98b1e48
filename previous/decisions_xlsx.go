package previous

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/internal/layout"
)

// sheetDecisions is the sheet of the decisions workbook review collect
// writes: every finding of a campaign with the decision taken on it
// (docs/campaign.md).
const sheetDecisions = layout.SheetDecisions

// decisionsRequired are the Decisions sheet's headers a finding and its
// decision are read from.
var decisionsRequired = []string{layout.FindingID, layout.FindingsRule, layout.FindingsSource, layout.FindingsEntityType, layout.FindingsEntity, layout.FindingsSeverity, layout.FindingsDecision, layout.FindingsComment}

// decisionsNote says what a decisions workbook does not give.
const decisionsNote = "the previous run was read from the decisions workbook %s (review collect): its decisions were carried, " +
	"but it has no Resolved list, so no finding could be reappeared"

// isDecisionsWorkbook says the workbook is a decisions workbook: a
// Decisions sheet and no Findings sheet.
func isDecisionsWorkbook(sheets []string) bool {
	hasDecisions := false
	for _, s := range sheets {
		switch s {
		case layout.SheetFindings:
			return false
		case sheetDecisions:
			hasDecisions = true
		}
	}
	return hasDecisions
}

// loadDecisions reads the Decisions sheet: each finding of the campaign
// with its decision and comment. A finding left undecided is listed (it
// was found then) but carries no decision.
func loadDecisions(f *excelize.File, file string) (*Run, error) {
	run := &Run{Format: "xlsx", Notes: []string{fmt.Sprintf(decisionsNote, file)}}
	seen := map[string]bool{}
	_, err := readSheet(f, file, sheetDecisions, decisionsRequired, func(r row) error {
		fd, err := r.finding()
		if err != nil {
			return err
		}
		run.Rows++
		if !seen[fd.ID] {
			seen[fd.ID] = true
			run.Findings = append(run.Findings, Entry{Finding: fd, Decision: r.get(layout.FindingsDecision), Comment: r.get(layout.FindingsComment),
				DecidedOn: dateOf(r.get(layout.DecisionsSignedOffOn))})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return run, nil
}
