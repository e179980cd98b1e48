// Package previous reads the outputs of an earlier run (--previous): its
// findings, with the decisions its reviewers wrote into the workbook, and
// the findings it had listed as resolved. Comparing them with this run's
// findings gives each finding its status (new, recurring, reappeared) and
// the list of findings that are gone (docs/outputs.md §2.3, §2.9b). It
// reads what review wrote, so it sits beside exceptions, below pipeline.
package previous

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/review-tool/review/internal/digest"
	"github.com/review-tool/review/internal/inputerr"
	"github.com/review-tool/review/internal/model"
)

// Run is what was read of the previous run.
type Run struct {
	File   string // as given to --previous
	Format string // xlsx or jsonl
	// AsOf is the previous run's as-of date (YYYY-MM-DD), "" when the file
	// does not say (JSON Lines).
	AsOf   string
	SHA256 string
	Bytes  int64
	// Findings are the previous run's findings, in file order, each id
	// once (the first row wins).
	Findings []Entry
	// Resolved are the rows of the previous workbook's Resolved sheet, in
	// file order; nil when it had none (a JSON Lines file never has one).
	Resolved []Entry
	// Rows is how many finding rows were read (Findings and Resolved
	// sheets), for the Evidence sheet.
	Rows int64
	// Notes say what the file could not give, in sentences.
	Notes []string
	// Quiet are the notes that go on the Evidence sheet only, not the
	// console: what is true of every first comparison is no warning.
	Quiet map[string]bool
}

// Entry is one previous finding. Its Status is the status it had then.
type Entry struct {
	model.Finding
	// Decision and Comment are the last ones taken on it (see lastDecision).
	Decision, Comment string
	// DecidedOn is the date the decision was signed off (YYYY-MM-DD), where
	// the file says it: a decisions workbook's Signed Off On.
	DecidedOn string
	// Outcome and Why are a Resolved-sheet row's (a model.Outcome*); "" for
	// a Findings row.
	Outcome, Why string
}

// Load reads the previous run's workbook (.xlsx) or JSON Lines findings
// (.jsonl). A file that yields nothing to compare with is an input error:
// an empty file, or a workbook without a Findings sheet, would otherwise
// make every finding look new.
func Load(file string) (*Run, error) {
	sum, size, err := digest.File(file)
	if err != nil {
		return nil, inputerr.Wrap(fmt.Errorf("--previous: %w", err))
	}
	if size == 0 {
		return nil, inputerr.New("--previous %s: the file is empty, expected the previous run's workbook or JSON Lines findings", file)
	}
	var run *Run
	switch strings.ToLower(filepath.Ext(file)) {
	case ".xlsx":
		run, err = loadWorkbook(file)
	case ".jsonl":
		run, err = loadJSONL(file)
	default:
		return nil, inputerr.New("--previous %s: expected the previous run's workbook (.xlsx) or JSON Lines findings (.jsonl)", file)
	}
	if err != nil {
		return nil, err
	}
	run.File, run.SHA256, run.Bytes = file, sum, size
	return run, nil
}

// Info is the run as the Evidence sheet and the manifest describe it.
func (r *Run) Info() *model.PreviousRun {
	decided := 0
	for i := range r.Findings {
		if r.Findings[i].Decision != "" {
			decided++
		}
	}
	return &model.PreviousRun{Path: r.File, Format: r.Format, AsOf: r.AsOf, SHA256: r.SHA256, Bytes: r.Bytes,
		Findings: len(r.Findings), Decided: decided, ResolvedListed: r.Resolved != nil, Notes: append([]string(nil), r.Notes...)}
}

// Input is the file as an input of the run, for the Evidence sheet and the
// manifest.
func (r *Run) Input() model.InputFile {
	return model.InputFile{Kind: "previous-findings", Path: r.File, SHA256: r.SHA256, Bytes: r.Bytes, RowsRead: r.Rows}
}

// lastDecision is the last decision taken on a finding: the workbook's
// Decision and Comment, or, when the reviewer left both blank (a recurring
// finding not re-confirmed), the Previous Decision and Comment that the
// same row carried from the run before, so that a decision is not lost
// because one quarter did not repeat it.
func lastDecision(decision, comment, prevDecision, prevComment string) (string, string) {
	if decision == "" && comment == "" {
		return prevDecision, prevComment
	}
	return decision, comment
}

// isFindingID says s looks like a finding id: 16 lower-case hex digits.
func isFindingID(s string) bool {
	if len(s) != 16 {
		return false
	}
	for _, c := range s {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
