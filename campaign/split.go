package campaign

import (
	"io"
	"slices"

	"golang.org/x/text/unicode/norm"

	"github.com/review-tool/review/internal/model"
)

// Workbook is one reviewer's share of a run: their name, the file their
// workbook is written to, and their findings as indexes into the review's
// findings, in review order.
type Workbook struct {
	Reviewer string
	File     string
	Findings []int
}

// Split groups the review's findings by reviewer, in the order of the
// reviewers' names; a finding without a reviewer goes to the unassigned
// one. A run without findings has no workbooks. Each reviewer's findings
// are in review order, except that a revoke they decided last time and
// that was not carried out comes first: it is what an auditor asks about
// first.
func Split(r *model.Review) []Workbook {
	byReviewer := map[string][]int{}
	for i := range r.Findings {
		name := reviewerOf(&r.Findings[i])
		byReviewer[name] = append(byReviewer[name], i)
	}
	notDone := func(i int) bool { return r.Findings[i].Status == model.StatusRevokeNotDone }
	for _, list := range byReviewer {
		slices.SortStableFunc(list, func(a, b int) int {
			switch na, nb := notDone(a), notDone(b); {
			case na && !nb:
				return -1
			case nb && !na:
				return 1
			}
			return 0
		})
	}
	names := make([]string, 0, len(byReviewer))
	for n := range byReviewer {
		names = append(names, n)
	}
	slices.Sort(names)
	files := FileNames(names)
	out := make([]Workbook, len(names))
	for i, n := range names {
		out[i] = Workbook{Reviewer: n, File: files[n], Findings: byReviewer[n]}
	}
	return out
}

// reviewerOf is the reviewer a finding is sent to, in Unicode NFC: one
// person written in two forms (a precomposed "é", or "e" and a combining
// accent) gets one workbook.
func reviewerOf(f *model.Finding) string {
	if f.Reviewer == "" {
		return model.Unassigned
	}
	return norm.NFC.String(f.Reviewer)
}

// WriteFile writes the campaign file: the campaign id, the as-of date, the
// rules digest, each reviewer with their file and number of findings, and
// every finding in review order with its fingerprint, its reviewer and the
// evidence a revoke needs (the rule's evidence, as the JSON Lines output
// has it), the findings workbook written beside the split (its name and
// SHA-256; nil: not recorded) and the file's fingerprint (WriteIssued).
// The same run gives the same bytes.
func WriteFile(w io.Writer, r *model.Review, books []Workbook, findings *IssuedWorkbook) error {
	c := Issued{AsOf: r.AsOf, ID: CampaignID(r), RulesDigest: r.RulesDigest, FindingsWorkbook: findings,
		Findings: make([]IssuedFinding, len(r.Findings)), Reviewers: make([]IssuedReviewer, len(books))}
	for i, b := range books {
		c.Reviewers[i] = IssuedReviewer{File: b.File, Findings: len(b.Findings), Name: b.Reviewer}
	}
	for i := range r.Findings {
		f := &r.Findings[i]
		ev := f.Evidence
		if ev == nil {
			ev = map[string]any{}
		}
		c.Findings[i] = IssuedFinding{
			Detail: f.Detail, DisplayName: f.DisplayName, Entity: f.Entity, EntityType: f.EntityType,
			Evidence: ev, Family: f.Family, Fingerprint: Fingerprint(f), ID: f.ID, Product: f.Product,
			Reviewer: reviewerOf(f), Rule: f.Rule, Severity: string(f.Severity), Source: f.Source, Title: f.Title,
		}
	}
	return WriteIssued(w, &c)
}
