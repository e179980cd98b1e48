package xlsx

import (
	"github.com/review-tool/review/internal/layout"
)

// resolvedSpec is the Resolved sheet (with --previous): every finding of
// the previous run that this run did not find again, in finding order,
// with the last decision taken on it. Outcome tells a finding looked for
// and not found (resolved) from one this run could not have found (not
// re-checked), so that nothing is counted as fixed that was not checked
// (docs/outputs.md §2.9b). The next run reads this sheet back by its
// headers, to tell a reappeared finding.
var resolvedSpec = sheetSpec{Name: layout.SheetResolved, Table: "Resolved", Columns: columnsOf(layout.ResolvedHeaders,
	findingWidths, map[string]float64{layout.ResolvedLastStatus: 18, layout.ResolvedOutcome: 16, layout.ResolvedWhy: 50}), Kinds: map[string]cellKind{
	layout.FindingsTitle:   kindWrap,
	layout.FindingsDetail:  kindWrap,
	layout.FindingsComment: kindWrap,
	layout.ResolvedWhy:     kindWrap,
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
