package campaign

import "strings"

// The decisions a reviewer can take, written as here; read in any case.
const (
	DecisionKeep       = "Keep"
	DecisionRevoke     = "Revoke"
	DecisionModify     = "Modify"
	DecisionAcceptRisk = "Accept risk"
)

// DecisionValues are the decisions in drop-down order.
var DecisionValues = []string{DecisionKeep, DecisionRevoke, DecisionModify, DecisionAcceptRisk}

// ParseDecision is s as a canonical decision, ignoring case and
// surrounding space; false when s is none of them.
func ParseDecision(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, d := range DecisionValues {
		if strings.EqualFold(s, d) {
			return d, true
		}
	}
	return "", false
}

// needsComment says a decision is only complete with a comment: a revoke
// must say why, a modify what to change.
func needsComment(decision string) bool {
	return decision == DecisionRevoke || decision == DecisionModify
}
