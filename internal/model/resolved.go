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
	// OutcomeRevokedVerified is a resolved finding whose previous decision
	// was a complete Revoke (previous.Compare carries an incomplete one as
	// "Revoke (incomplete: no comment)"): the removal decided was carried
	// out, and this run checked it.
	OutcomeRevokedVerified = "revoked and verified"
)

// Outcome is OutcomeRevokedVerified, OutcomeResolved or OutcomeNotRechecked.
func (r *ResolvedFinding) Outcome() string {
	switch {
	case !r.Rechecked:
		return OutcomeNotRechecked
	case r.Decision == DecisionRevoke:
		return OutcomeRevokedVerified
	}
	return OutcomeResolved
}

// IsResolvedOutcome says an Outcome (as a Resolved sheet wrote it) is a
// finding looked for and not found.
func IsResolvedOutcome(outcome string) bool {
	return outcome == OutcomeResolved || outcome == OutcomeRevokedVerified
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

// CountRevokedVerified counts the resolved findings whose previous
// decision was a Revoke (among CountResolved's resolved).
func CountRevokedVerified(list []ResolvedFinding) int {
	n := 0
	for i := range list {
		if list[i].Outcome() == OutcomeRevokedVerified {
			n++
		}
	}
	return n
}
