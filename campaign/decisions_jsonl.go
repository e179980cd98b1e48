package campaign

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
)

// ActionNone is the action of a decision that asks nothing of an
// administrator: Keep, Accept risk, undecided, or a Revoke or Modify still
// without its comment.
const ActionNone = "none"

// DecisionLine is one line of decisions.jsonl: a finding of the campaign,
// the decision taken on it, and what to do about it, so that a script can
// apply the Revoke and Modify lines through the Configuration API (those
// whose action is not "none") and next quarter's run can carry every
// decision forward (--previous). docs/campaign.md describes the fields.
type DecisionLine struct {
	FindingID  string         `json:"finding_id"`
	Rule       string         `json:"rule"`
	Family     string         `json:"family"`
	Title      string         `json:"title"`
	Severity   string         `json:"severity"`
	Source     string         `json:"source"`
	Product    string         `json:"product"`
	EntityType string         `json:"entity_type"`
	Entity     string         `json:"entity"`
	Detail     string         `json:"detail"`
	Reviewer   string         `json:"reviewer"`
	Decision   string         `json:"decision"`
	Comment    string         `json:"comment"`
	Action     string         `json:"action"`
	Place      string         `json:"place"`
	IDs        map[string]any `json:"ids"`
}

// WriteDecisionsJSONL writes one line per finding of the campaign, in
// campaign order; a complete Revoke or Modify carries the revoke list's
// action, place and ids, every other line the action "none". Map keys come
// out sorted, so the same result gives the same bytes.
func WriteDecisionsJSONL(w io.Writer, r *Result) error {
	removals := map[string]Removal{}
	for _, rm := range r.Removals() {
		removals[rm.ID] = rm
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := range r.Entries {
		e := &r.Entries[i]
		line := DecisionLine{FindingID: e.ID, Rule: e.Rule, Family: e.Family, Title: e.Title, Severity: e.Severity, Source: e.Source,
			Product: e.Product, EntityType: e.EntityType, Entity: e.Entity, Detail: e.Detail, Reviewer: e.Reviewer,
			Decision: e.Decision, Comment: e.Comment, Action: ActionNone, IDs: map[string]any{}}
		if rm, ok := removals[e.ID]; ok {
			line.Action, line.Place, line.IDs = rm.Action, rm.Place, rm.IDs
		}
		if err := enc.Encode(line); err != nil {
			return fmt.Errorf("decisions.jsonl: finding %s: %w", e.ID, err)
		}
	}
	return bw.Flush()
}
