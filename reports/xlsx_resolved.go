package reports

import (
	"slices"

	"github.com/review-tool/review/internal/model"
)

// sheetResolved lists the previous run's findings that are gone.
const sheetResolved = "Resolved"

// resolvedSpec is the Resolved sheet (with --previous): every finding of
// the previous run that this run did not find again, in finding order,
// with the last decision taken on it. Outcome tells a finding looked for
// and not found (resolved) from one this run could not have found (not
// re-checked), so that nothing is counted as fixed that was not checked
// (docs/outputs.md §2.9b). The next run reads this sheet back by its
// headers, to tell a reappeared finding.
var resolvedSpec = sheetSpec{Name: sheetResolved, Table: "Resolved", Columns: slices.Concat(
	findingColumnsNamed(headerFindingID, "Rule", "Family", headerSeverity, "Title", "Source", "Product",
		"Entity Type", "Entity", "Display Name", "Detail", "Reviewer"),
	[]column{{"Last Status", 18}},
	findingColumnsNamed(headerDecision, "Comment"),
	[]column{{"Outcome", 16}, {"Why", 50}},
), Kinds: map[string]cellKind{
	"Title":   kindWrap,
	"Detail":  kindWrap,
	"Comment": kindWrap,
	"Why":     kindWrap,
}}

func (b *book) fillResolved(w *sheetWriter) error {
	for i := range b.r.Resolved {
		r := &b.r.Resolved[i]
		if err := w.Add(text(r.ID), text(r.Rule), text(r.Family), b.st.severityCell(r.Severity), text(r.Title),
			text(r.Source), text(r.Product), text(r.EntityType), text(r.Entity), text(r.DisplayName),
			text(r.Detail), text(r.Reviewer), text(r.Status), text(r.Decision), text(r.Comment),
			text(r.Outcome()), text(r.Why)); err != nil {
			return err
		}
	}
	return nil
}

// resolvedCount counts the Resolved sheet's rows by outcome: those looked
// for and not found, and those not re-checked.
func resolvedCount(list []model.ResolvedFinding) (resolved, notRechecked int) {
	for i := range list {
		if list[i].Rechecked {
			resolved++
		} else {
			notRechecked++
		}
	}
	return resolved, notRechecked
}
