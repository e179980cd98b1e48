package previous

import (
	"fmt"
	"strings"
	"time"

	"github.com/review-tool/review/ingest/bounds"
	"github.com/review-tool/review/internal/inputerr"
	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/internal/xlsxread"
	"github.com/xuri/excelize/v2"
)

// Required headers: without them a row cannot be matched to a finding of
// this run (id) or listed as resolved (what it was about).
var (
	findingsRequired = []string{layout.FindingID, layout.FindingsRule, layout.FindingsSource, layout.FindingsEntityType, layout.FindingsEntity, layout.FindingsSeverity, layout.FindingsStatus}
	resolvedRequired = []string{layout.FindingID, layout.FindingsRule, layout.FindingsSource, layout.FindingsEntityType, layout.FindingsEntity, layout.FindingsSeverity, layout.ResolvedOutcome}
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
		run, err := loadDecisions(f, file)
		if err == nil {
			run.AsOf = decisionsAsOf(f)
		}
		return run, err
	}
	findings, err := parts(file, sheets, layout.SheetFindings)
	if err != nil {
		return nil, err
	}
	if len(findings) == 0 {
		return nil, inputerr.New("--previous %s: no %s sheet, expected a workbook written by review run, or the decisions workbook of review collect", file, layout.SheetFindings)
	}
	run := &Run{Format: "xlsx", AsOf: summaryAsOf(f)}
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
	resolved, err := parts(file, sheets, layout.SheetResolved)
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
		ID: r.get(layout.FindingID), Rule: r.get(layout.FindingsRule), Family: r.get(layout.FindingsFamily), Title: r.get(layout.FindingsTitle),
		Source: r.get(layout.FindingsSource), Product: r.get(layout.FindingsProduct), EntityType: r.get(layout.FindingsEntityType), Entity: r.get(layout.FindingsEntity),
		DisplayName: r.get(layout.FindingsDisplayName), Email: r.get(layout.FindingsEmail), Detail: r.get(layout.FindingsDetail),
		Remediation: r.get(layout.FindingsRemediation), Reviewer: r.get(layout.FindingsReviewer),
	}
	if !isFindingID(f.ID) {
		return f, r.errorAt(layout.FindingID, "found %q, expected a finding id (16 hex digits)", f.ID)
	}
	sev, ok := model.ParseSeverity(r.get(layout.FindingsSeverity))
	if !ok {
		return f, r.errorAt(layout.FindingsSeverity, "found %q, expected high, medium or low", r.get(layout.FindingsSeverity))
	}
	f.Severity = sev
	for _, h := range []string{layout.FindingsRule, layout.FindingsEntityType, layout.FindingsEntity} {
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
	f.Status = r.get(layout.FindingsStatus)
	e := Entry{Finding: f}
	e.Decision, e.Comment = lastDecision(r.get(layout.FindingsDecision), r.get(layout.FindingsComment), r.get(layout.FindingsPreviousDecision), r.get(layout.FindingsPreviousComment))
	return e, nil
}

// resolvedEntry is a Resolved row: its outcome must be one review writes.
func (r row) resolvedEntry() (Entry, error) {
	f, err := r.finding()
	if err != nil {
		return Entry{}, err
	}
	f.Status = r.get(layout.ResolvedLastStatus)
	e := Entry{Finding: f, Decision: r.get(layout.FindingsDecision), Comment: r.get(layout.FindingsComment), Outcome: r.get(layout.ResolvedOutcome), Why: r.get(layout.ResolvedWhy)}
	switch strings.ToLower(e.Outcome) {
	case model.OutcomeResolved, model.OutcomeRevokedVerified, model.OutcomeNotRechecked:
		e.Outcome = strings.ToLower(e.Outcome)
	default:
		return Entry{}, r.errorAt(layout.ResolvedOutcome, "found %q, expected %s, %s or %s", e.Outcome, model.OutcomeResolved, model.OutcomeRevokedVerified, model.OutcomeNotRechecked)
	}
	return e, nil
}

// summaryAsOf is the as-of date a findings workbook's Summary gives beside
// its label, "" when it has none that reads as a date.
func summaryAsOf(f *excelize.File) string {
	return labelledDate(f, layout.SheetSummary, layout.SummaryAsOf)
}

// labelledDate is the date in column B beside label in column A of sheet
// (a date cell, or YYYY-MM-DD as text), "" when there is none.
func labelledDate(f *excelize.File, sheet, label string) string {
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return ""
	}
	for _, r := range rows {
		if len(r) < 2 || strings.TrimSpace(r[0]) != label {
			continue
		}
		return dateOf(r[1])
	}
	return ""
}

// dateOf is a raw cell as a date (xlsxread.Date), "" when it is none.
func dateOf(raw string) string {
	d, _ := xlsxread.Date(raw)
	return d
}

// decisionsAsOf is the decisions workbook's as-of date: its Campaign
// sheet's, or, in a decisions workbook written before it had one, the
// document's creation date, which review collect set to the as-of date
// then (it is now the day the decisions were collected).
func decisionsAsOf(f *excelize.File) string {
	if idx, _ := f.GetSheetIndex(layout.SheetCampaign); idx >= 0 {
		return labelledDate(f, layout.SheetCampaign, layout.CampaignAsOf)
	}
	return createdDate(f)
}

// createdDate is the date of the document's creation, "" when it has none.
func createdDate(f *excelize.File) string {
	p, err := f.GetDocProps()
	if err != nil || len(p.Created) < len(time.DateOnly) {
		return ""
	}
	if _, err := time.Parse(time.DateOnly, p.Created[:len(time.DateOnly)]); err != nil {
		return ""
	}
	return p.Created[:len(time.DateOnly)]
}
