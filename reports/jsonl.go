package reports

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/review-tool/review/internal/model"
)

// jsonFinding is one line of the JSON Lines output; the field order is the
// key order (docs/outputs.md).
type jsonFinding struct {
	ID          string         `json:"id"`
	Rule        string         `json:"rule"`
	Family      string         `json:"family"`
	Severity    model.Severity `json:"severity"`
	Title       string         `json:"title"`
	Source      string         `json:"source"`
	Product     string         `json:"product"`
	EntityType  string         `json:"entity_type"`
	Entity      string         `json:"entity"`
	DisplayName string         `json:"display_name"`
	Email       string         `json:"email"`
	Detail      string         `json:"detail"`
	Remediation string         `json:"remediation"`
	Reviewer    string         `json:"reviewer"`
	Status      string         `json:"status"`
	// PreviousDecision and PreviousComment are present only when the run
	// compared with a previous one: "" then says nothing was decided.
	PreviousDecision *string `json:"previous_decision,omitempty"`
	PreviousComment  *string `json:"previous_comment,omitempty"`
	// PreviousReviewer and PreviousDecidedOn say who took the previous
	// decision and when (model.Finding), present as the two above are.
	PreviousReviewer  *string        `json:"previous_reviewer,omitempty"`
	PreviousDecidedOn *string        `json:"previous_decided_on,omitempty"`
	Evidence          map[string]any `json:"evidence"`
}

// WriteJSONL writes one JSON object per finding and line, in the order given.
// Evidence keys come out sorted; a finding without evidence has {}. The
// evidence object carries every value the workbook's family sheets show
// (last authentication, days since, seat product, annual cost, currency, …)
// under the keys the family sheets read (reports/xlsx/findings.go).
func WriteJSONL(w io.Writer, findings []model.Finding) error {
	return writeJSONL(w, findings, false)
}

// writeJSONL is WriteJSONL; with previous (the run compared with a
// previous one), each line has previous_decision, previous_comment,
// previous_reviewer and previous_decided_on.
func writeJSONL(w io.Writer, findings []model.Finding, previous bool) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := range findings {
		f := &findings[i]
		ev := f.Evidence
		if ev == nil {
			ev = map[string]any{}
		}
		line := jsonFinding{
			ID: f.ID, Rule: f.Rule, Family: f.Family, Severity: f.Severity, Title: f.Title,
			Source: f.Source, Product: f.Product, EntityType: f.EntityType, Entity: f.Entity,
			DisplayName: f.DisplayName, Email: f.Email, Detail: f.Detail, Remediation: f.Remediation,
			Reviewer: f.Reviewer, Status: f.Status, Evidence: ev,
		}
		if previous {
			line.PreviousDecision, line.PreviousComment = &f.PreviousDecision, &f.PreviousComment
			line.PreviousReviewer, line.PreviousDecidedOn = &f.PreviousReviewer, &f.PreviousDecidedOn
		}
		if err := enc.Encode(line); err != nil {
			return fmt.Errorf("json finding %s: %w", f.ID, err)
		}
	}
	return bw.Flush()
}

// WriteIssuesJSONL writes the rows --lenient kept out, one JSON object per
// line (file, line, column, problem, raw), in the order of the Ingest
// Issues sheet.
func WriteIssuesJSONL(w io.Writer, issues []model.IngestIssue) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := range issues {
		if err := enc.Encode(&issues[i]); err != nil {
			return fmt.Errorf("json issue: %w", err)
		}
	}
	return bw.Flush()
}
