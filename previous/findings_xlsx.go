package previous

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

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
	f, err := excelize.OpenFile(file)
	if err != nil {
		return nil, inputerr.New("--previous %s: not a readable workbook (%v)", file, err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	findings := parts(sheets, sheetFindings)
	if len(findings) == 0 {
		return nil, inputerr.New("--previous %s: no %s sheet, expected a workbook written by review run", file, sheetFindings)
	}
	run := &Run{Format: "xlsx"}
	seen := map[string]bool{}
	for _, sheet := range findings {
		err := readSheet(f, file, sheet, findingsRequired, func(r row) error {
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
	for _, sheet := range parts(sheets, sheetResolved) {
		if run.Resolved == nil {
			run.Resolved = []Entry{}
		}
		err := readSheet(f, file, sheet, resolvedRequired, func(r row) error {
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
		run.Notes = append(run.Notes, fmt.Sprintf("the previous workbook %s has no Resolved sheet (it was not compared with a run before it): no finding could be reappeared", file))
	}
	return run, nil
}

// partPattern matches a continuation sheet's name, "Findings (2)".
var partPattern = regexp.MustCompile(`^(.*) \((\d+)\)$`)

// parts are the sheets of name and its continuations, in part order.
func parts(sheets []string, name string) []string {
	type part struct {
		n     int
		sheet string
	}
	var found []part
	for _, s := range sheets {
		if s == name {
			found = append(found, part{1, s})
		} else if m := partPattern.FindStringSubmatch(s); m != nil && m[1] == name {
			n, _ := strconv.Atoi(m[2])
			found = append(found, part{n, s})
		}
	}
	slices.SortFunc(found, func(a, b part) int { return a.n - b.n })
	out := make([]string, len(found))
	for i, p := range found {
		out[i] = p.sheet
	}
	return out
}

// row is one data row of a sheet, its cells looked up by header.
type row struct {
	file, sheet string
	num         int // 1-based row number
	cols        map[string]int
	cells       []string
}

// get is the trimmed cell under header, "" when the sheet has no such
// column or the row no such cell.
func (r row) get(header string) string {
	i, ok := r.cols[strings.ToLower(header)]
	if !ok || i >= len(r.cells) {
		return ""
	}
	return strings.TrimSpace(r.cells[i])
}

// errorAt is an input error naming the file, sheet and cell under header.
func (r row) errorAt(header, format string, a ...any) error {
	cell, _ := excelize.CoordinatesToCellName(r.cols[strings.ToLower(header)]+1, r.num)
	return inputerr.New("--previous %s: sheet %s, cell %s: %s", r.file, r.sheet, cell, fmt.Sprintf(format, a...))
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

// readSheet streams the rows of a sheet under its header row (row 1),
// which must hold every required header. Rows with no cell filled are
// passed over (a reviewer's blank lines).
func readSheet(f *excelize.File, file, sheet string, required []string, fn func(row) error) error {
	rows, err := f.Rows(sheet)
	if err != nil {
		return inputerr.New("--previous %s: sheet %s: %v", file, sheet, err)
	}
	defer rows.Close()
	num := 0
	var cols map[string]int
	for rows.Next() {
		num++
		cells, err := rows.Columns()
		if err != nil {
			return inputerr.New("--previous %s: sheet %s, row %d: %v", file, sheet, num, err)
		}
		if cols == nil {
			if cols, err = headerColumns(file, sheet, cells, required); err != nil {
				return err
			}
			continue
		}
		if blank(cells) {
			continue
		}
		if err := fn(row{file: file, sheet: sheet, num: num, cols: cols, cells: cells}); err != nil {
			return err
		}
	}
	if cols == nil {
		if _, err := headerColumns(file, sheet, nil, required); err != nil {
			return err
		}
	}
	return rows.Error()
}

// headerColumns maps each header of the first row, lower-cased, to its
// column; a required header missing is an input error naming it.
func headerColumns(file, sheet string, cells, required []string) (map[string]int, error) {
	cols := map[string]int{}
	for i, c := range cells {
		k := strings.ToLower(strings.TrimSpace(c))
		if _, dup := cols[k]; !dup && k != "" {
			cols[k] = i
		}
	}
	for _, h := range required {
		if _, ok := cols[strings.ToLower(h)]; !ok {
			return nil, inputerr.New("--previous %s: sheet %s has no column headed %q in row 1, expected the headers %s",
				file, sheet, h, strings.Join(required, ", "))
		}
	}
	return cols, nil
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
