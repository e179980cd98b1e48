package model

// Outcomes of a previous finding on the Resolved sheet: the workbook writes
// them and the next run reads them back, so they are spelt once, here.
const (
	// OutcomeResolved is a previous finding this run looked for where it
	// was and did not find.
	OutcomeResolved = "resolved"
	// OutcomeNotRechecked is a previous finding this run could not have
	// found (its rule or source was missing): still open as far as anyone
	// knows, so it is listed but not counted as resolved.
	OutcomeNotRechecked = "not re-checked"
)

// Outcome is OutcomeResolved or OutcomeNotRechecked.
func (r *ResolvedFinding) Outcome() string {
	if r.Rechecked {
		return OutcomeResolved
	}
	return OutcomeNotRechecked
}

// CountResolved counts the Resolved sheet's rows by outcome: those looked
// for and not found, and those not re-checked.
func CountResolved(list []ResolvedFinding) (resolved, notRechecked int) {
	for i := range list {
		if list[i].Rechecked {
			resolved++
		} else {
			notRechecked++
		}
	}
	return resolved, notRechecked
}
