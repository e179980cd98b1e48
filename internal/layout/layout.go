// Package layout is the findings workbook's layout, declared once: its
// sheets in workbook order (which are always there, which only with what a
// run has), how a long sheet continues, and the headers of the sheets a
// later run reads back by header: Findings, Accounts and Resolved. The
// writer (reports/xlsx) lays the workbook out from it; the readers
// (previous, campaign) find their columns by these names. A reviewer's
// workbook adds its own sheets and labels (campaign/split_layout.go).
package layout

import (
	"fmt"
	"regexp"
	"strconv"

	"github.com/review-tool/review/internal/model"
)

// Names of the workbook's sheets besides the family sheets, whose names are
// model.Families' (docs/outputs.md).
const (
	SheetSummary       = "Summary"
	SheetFindings      = "Findings"
	SheetLicenses      = "License True-Up"
	SheetAccounts      = "Accounts"
	SheetGroupPolicies = "Group Policies"
	SheetJumpReach     = "Jump Reach"
	SheetRules         = "Rules"
	SheetExceptions    = "Exceptions"
	SheetResolved      = "Resolved"
	SheetAccessChanges = "Access Changes"
	SheetSessions      = "Sessions"
	SheetPeople        = "People"
	SheetControls      = "Controls"
	SheetEvidence      = "Evidence"
	SheetIngestIssues  = "Ingest Issues"
)

// What of the decisions workbook a next quarter's run reads (review
// collect writes it, review run --previous reads it back): its first
// sheet, with the campaign's as-of date beside CampaignAsOf in column A;
// the Decisions sheet, and its column of the sign-off date.
const (
	SheetCampaign        = "Campaign"
	CampaignAsOf         = "As of"
	SheetDecisions       = "Decisions"
	DecisionsSignedOffOn = "Signed Off On"
)

// TableStyle is the style of every Excel table the workbooks hold (the
// findings workbook's sheets, the decisions workbook's): one look.
const TableStyle = "TableStyleLight9"

// When says which runs a sheet is in.
type When int

const (
	Always           When = iota
	WithExceptions        // a register of accepted risks was given (--exceptions)
	WithPrevious          // the run compared with a previous one (--previous)
	WithControls          // the rules map to audit controls
	WithIngestIssues      // --lenient kept rows out
	WithActivity          // session or activity reports were read
	WithJumpItems         // a source gave a Jump Item export
)

// Sheet is one sheet of the workbook (and its continuations).
type Sheet struct {
	Name string
	// Family is the family of findings a family sheet lists, "" for the
	// other sheets.
	Family string
	When   When
}

// Sheets are the workbook's sheets in workbook order.
var Sheets = sheets()

func sheets() []Sheet {
	out := []Sheet{{Name: SheetSummary}, {Name: SheetFindings}}
	for _, fam := range model.Families {
		out = append(out, Sheet{Name: fam.Sheet, Family: fam.ID})
	}
	return append(out,
		Sheet{Name: SheetLicenses},
		Sheet{Name: SheetAccounts},
		Sheet{Name: SheetGroupPolicies},
		Sheet{Name: SheetJumpReach, When: WithJumpItems},
		Sheet{Name: SheetRules},
		Sheet{Name: SheetExceptions, When: WithExceptions},
		Sheet{Name: SheetResolved, When: WithPrevious},
		Sheet{Name: SheetAccessChanges, When: WithPrevious},
		Sheet{Name: SheetSessions, When: WithActivity},
		Sheet{Name: SheetPeople},
		Sheet{Name: SheetControls, When: WithControls},
		Sheet{Name: SheetEvidence},
		Sheet{Name: SheetIngestIssues, When: WithIngestIssues},
	)
}

// Content says which of the sheets that are not always there a workbook
// has.
type Content struct {
	Exceptions, Previous, Controls, IngestIssues, Activity, JumpItems bool
}

// ContentOf is what r gives the workbook.
func ContentOf(r *model.Review) Content {
	return Content{Exceptions: r.Exceptions != nil, Previous: r.Previous != nil,
		Controls: len(r.Controls) > 0, IngestIssues: len(r.IngestIssues) > 0, Activity: r.Activity != nil,
		JumpItems: r.JumpItems != nil}
}

// Has says the workbook has sheet s.
func (c Content) Has(s Sheet) bool {
	switch s.When {
	case WithExceptions:
		return c.Exceptions
	case WithPrevious:
		return c.Previous
	case WithControls:
		return c.Controls
	case WithIngestIssues:
		return c.IngestIssues
	case WithActivity:
		return c.Activity
	case WithJumpItems:
		return c.JumpItems
	}
	return true
}

// SheetNames are the names of the sheets a workbook of content c has, in
// workbook order, without continuations.
func SheetNames(c Content) []string {
	var out []string
	for _, s := range Sheets {
		if c.Has(s) {
			out = append(out, s.Name)
		}
	}
	return out
}

// PartName is the name of the n-th sheet of a listing: "Findings",
// "Findings (2)", …
func PartName(name string, n int) string {
	if n == 1 {
		return name
	}
	return fmt.Sprintf("%s (%d)", name, n)
}

// partPattern matches a continuation sheet's name, "Findings (2)".
var partPattern = regexp.MustCompile(`^(.*) \((\d+)\)$`)

// PartOf is the listing a sheet belongs to and its part number, PartName
// read back: "Findings (2)" is part 2 of Findings, any other name part 1 of
// itself. A number past an int's range reads as the largest int.
func PartOf(sheet string) (name string, n int) {
	if m := partPattern.FindStringSubmatch(sheet); m != nil {
		n, _ = strconv.Atoi(m[2])
		return m[1], n
	}
	return sheet, 1
}
