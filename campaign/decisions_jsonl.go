package campaign

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
)

// RevokeLine is one line of decisions.jsonl: a Revoke or Modify decision
// and what to do about it, for a script that applies it through the
// Configuration API. docs/campaign.md describes the fields.
type RevokeLine struct {
	FindingID  string         `json:"finding_id"`
	Rule       string         `json:"rule"`
	Source     string         `json:"source"`
	Product    string         `json:"product"`
	EntityType string         `json:"entity_type"`
	Entity     string         `json:"entity"`
	Action     string         `json:"action"`
	Place      string         `json:"place"`
	IDs        map[string]any `json:"ids"`
	Decision   string         `json:"decision"`
	Comment    string         `json:"comment"`
	Reviewer   string         `json:"reviewer"`
}

// WriteRevokeJSONL writes one line per complete Revoke and Modify
// decision, in the revoke list's order. Map keys come out sorted, so the
// same result gives the same bytes.
func WriteRevokeJSONL(w io.Writer, r *Result) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, rm := range r.Removals() {
		line := RevokeLine{FindingID: rm.ID, Rule: rm.Rule, Source: rm.Source, Product: rm.Product,
			EntityType: rm.EntityType, Entity: rm.Entity, Action: rm.Action, Place: rm.Place, IDs: rm.IDs,
			Decision: rm.Decision, Comment: rm.Comment, Reviewer: rm.Reviewer}
		if err := enc.Encode(line); err != nil {
			return fmt.Errorf("decisions.jsonl: finding %s: %w", rm.ID, err)
		}
	}
	return bw.Flush()
}
