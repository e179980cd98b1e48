package previous

import (
	"fmt"
	"strings"

	"github.com/review-tool/review/ingest/bounds"
	"github.com/review-tool/review/internal/inputerr"
	"github.com/review-tool/review/internal/model"
)

// The sheets read from a previous workbook; a long one continues on
// "Findings (2)", "Findings (3)", …
const (
	sheetFindings = "Findings"
	sheetResolved = "Resolved"
)

// Headers looked up on those sheets. Columns are found by header, ignoring
// case and surrounding space, so a workbook a reviewer re-sorted, filtered
// or re-saved in another program still reads.
const (
	hID           = "Finding ID"
	hRule         = "Rule"
	hFamily       = "Family"
	hSeverity     = "Severity"
	hTitle        = "Title"
	hSource       = "Source"
	hProduct      = "Product"
	hEntityType   = "Entity Type"
	hEntity       = "Entity"
	hDisplayName  = "Display Name"
	hEmail        = "Email"
	hDetail       = "Detail"
	hRemediation  = "Remediation"
	hReviewer     = "Reviewer"
	hStatus       = "Status"
	hLastStatus   = "Last Status"
	hPrevDecision = "Previous Decision"
	hPrevComment  = "Previous Comment"
	hDecision     = "Decision"
	hComment      = "Comment"
	hOutcome      = "Outcome"
	hWhy          = "Why"
)

// Required headers: without them a row cannot be matched to a finding of
// this run (id) or listed as resolved (what it was about).
var (
	findingsRequired = []string{hID, hRule, hSource, hEntityType, hEntity, hSeverity, hStatus}
	resolvedRequired = []string{hID, hRule, hSource, hEntityType, hEntity, hSeverity, hOutcome}
)

// loadWorkbook reads the Findings sheets and, when present, the Resolved
// sheets of a workbook review wrote.
func loadWorkbook(file string) (*Run, error) {
	f, err := bounds.OpenWorkbook(file, "")
	if err != nil {
		return nil, fmt.Errorf("--previous %w", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if isDecisionsWorkbook(sheets) {
		return loadDecisions(f, file)
	}
	findings, err := parts(file, sheets, sheetFindings)
	if err != nil {
		return nil, err
	}
	if len(findings) == 0 {
		return nil, inputerr.New("--previous %s: no %s sheet, expected a workbook written by review run, or the decisions workbook of review collect", file, sheetFindings)
	}
	run := &Run{Format: "xlsx"}
	seen := map[string]bool{}
	for _, sheet := range findings {
		_, err := readSheet(f, file, sheet, findingsRequired, func(r row) error {
			e, err := r.entry()
			if err != nil {
				return err
			}
			run.Rows++
			if !seen[e.ID] {
				seen[e.ID] = true
				run.Findings = append(run.Findings, e)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	resolved, err := parts(file, sheets, sheetResolved)
	if err != nil {
		return nil, err
	}
	for _, sheet := range resolved {
		if run.Resolved == nil {
			run.Resolved = []Entry{}
		}
		_, err := readSheet(f, file, sheet, resolvedRequired, func(r row) error {
			e, err := r.resolvedEntry()
			if err != nil {
				return err
			}
			run.Rows++
			run.Resolved = append(run.Resolved, e)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if run.Resolved == nil {
		// True of every first comparison (the previous run had no
		// --previous): said on Evidence, not warned about.
		note := fmt.Sprintf("the previous workbook %s has no Resolved sheet (it was not compared with a run before it): no finding could be reappeared", file)
		run.Notes = append(run.Notes, note)
		run.Quiet = map[string]bool{note: true}
	}
	return run, nil
}

// finding is the row as a finding, checked: an id, a severity, and
// everything a finding is about.
func (r row) finding() (model.Finding, error) {
	f := model.Finding{
		ID: r.get(hID), Rule: r.get(hRule), Family: r.get(hFamily), Title: r.get(hTitle),
		Source: r.get(hSource), Product: r.get(hProduct), EntityType: r.get(hEntityType), Entity: r.get(hEntity),
		DisplayName: r.get(hDisplayName), Email: r.get(hEmail), Detail: r.get(hDetail),
		Remediation: r.get(hRemediation), Reviewer: r.get(hReviewer),
	}
	if !isFindingID(f.ID) {
		return f, r.errorAt(hID, "found %q, expected a finding id (16 hex digits)", f.ID)
	}
	sev, ok := model.ParseSeverity(r.get(hSeverity))
	if !ok {
		return f, r.errorAt(hSeverity, "found %q, expected high, medium or low", r.get(hSeverity))
	}
	f.Severity = sev
	for _, h := range []string{hRule, hEntityType, hEntity} {
		if r.get(h) == "" {
			return f, r.errorAt(h, "empty, expected the finding's %s", strings.ToLower(h))
		}
	}
	return f, nil
}

// entry is a Findings row.
func (r row) entry() (Entry, error) {
	f, err := r.finding()
	if err != nil {
		return Entry{}, err
	}
	f.Status = r.get(hStatus)
	e := Entry{Finding: f}
	e.Decision, e.Comment = lastDecision(r.get(hDecision), r.get(hComment), r.get(hPrevDecision), r.get(hPrevComment))
	return e, nil
}

// resolvedEntry is a Resolved row: its outcome must be one review writes.
func (r row) resolvedEntry() (Entry, error) {
	f, err := r.finding()
	if err != nil {
		return Entry{}, err
	}
	f.Status = r.get(hLastStatus)
	e := Entry{Finding: f, Decision: r.get(hDecision), Comment: r.get(hComment), Outcome: r.get(hOutcome), Why: r.get(hWhy)}
	switch strings.ToLower(e.Outcome) {
	case model.OutcomeResolved:
		e.Outcome = model.OutcomeResolved
	case model.OutcomeNotRechecked:
		e.Outcome = model.OutcomeNotRechecked
	default:
		return Entry{}, r.errorAt(hOutcome, "found %q, expected %s or %s", e.Outcome, model.OutcomeResolved, model.OutcomeNotRechecked)
	}
	return e, nil
}
