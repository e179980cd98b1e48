package xlsx

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/campaign"
	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/internal/xlsxprint"
)

// ReviewerBook is what a reviewer's workbook holds besides their findings:
// the campaign it belongs to, who reviews, where to send it back.
type ReviewerBook struct {
	Campaign string
	Reviewer string
	// ReturnTo says where the filled-in workbook goes
	// (campaign.DefaultReturnTo when empty).
	ReturnTo string
	// Findings are the reviewer's findings, as indexes into the review's,
	// in review order.
	Findings []int
}

// WriteReviewerWorkbook writes one reviewer's workbook: an Instructions
// sheet (the campaign, what each decision means, the sign-off block), then
// Findings with the full workbook's columns and cells for their findings
// only and a hidden Fingerprint column. Both sheets are protected without
// a password, against accidental edits: only the Decision and Comment cells
// of the findings and the two sign-off values can be changed. The same
// review gives the same bytes.
func WriteReviewerWorkbook(out io.Writer, r *model.Review, rb ReviewerBook, tempDir string) error {
	if r == nil {
		return errors.New("reviewer workbook: no review")
	}
	b, zs, err := newBook(r, tempDir)
	if err != nil {
		return err
	}
	defer b.close(zs)
	if err := b.writeReviewerBook(rb); err != nil {
		return fmt.Errorf("reviewer workbook %s: %w", rb.Reviewer, err)
	}
	if _, err := b.f.WriteToBuffer(); err != nil {
		return fmt.Errorf("reviewer workbook %s: %w", rb.Reviewer, err)
	}
	return zs.writeTo(out)
}

// sheetProtection lets a reviewer select, filter, hide and resize, but not
// change a locked cell. No password: the protection guards against
// accidents, and the fingerprints catch the rest.
var sheetProtection = excelize.SheetProtectionOptions{
	SelectLockedCells: true, SelectUnlockedCells: true, AutoFilter: true, FormatColumns: true, FormatRows: true,
}

func (b *book) writeReviewerBook(rb ReviewerBook) error {
	previous := b.r.Previous != nil
	spec := findingsSpec(previous)
	spec.Columns = append(append([]column{}, spec.Columns...), column{campaign.HeaderFingerprint, 18})
	spec.Hidden = []string{campaign.HeaderFingerprint}
	if err := b.f.SetSheetName(b.f.GetSheetName(0), campaign.SheetInstructions); err != nil {
		return err
	}
	names := spec.sheetNames(int64(len(rb.Findings)))
	for _, name := range names {
		if _, err := b.f.NewSheet(name); err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
	}
	for _, name := range b.f.GetSheetList() {
		if err := b.f.ProtectSheet(name, &sheetProtection); err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
		plan := instructionsPlan
		if name != campaign.SheetInstructions {
			plan = tablePlan(spec) // the full workbook's Findings plan
		}
		if err := b.printSetup(name, plan); err != nil {
			return err
		}
	}
	if err := b.writeInstructions(rb); err != nil {
		return fmt.Errorf("sheet %s: %w", campaign.SheetInstructions, err)
	}
	if err := b.writeReviewerFindings(spec, rb.Findings); err != nil {
		return err
	}
	return b.setDocProps()
}

// writeReviewerFindings streams the reviewer's rows of the Findings sheet:
// each as on the full workbook, its Decision and Comment cells unlocked,
// and its fingerprint last.
func (b *book) writeReviewerFindings(spec *sheetSpec, findings []int) error {
	unlocked := map[cellKind]int{}
	for _, k := range []cellKind{kindDecision, kindComment} {
		s := kindStyle(k)
		if s.Alignment == nil {
			s.Alignment = &excelize.Alignment{}
		}
		s.Alignment.Vertical = "top" // the Findings rows wrap: cells align to the top
		s.Protection = &excelize.Protection{Locked: false}
		id, err := b.f.NewStyle(s)
		if err != nil {
			return err
		}
		unlocked[k] = id
	}
	previous := b.r.Previous != nil
	decision, comment := columnIndex(spec.Columns, layout.FindingsDecision), columnIndex(spec.Columns, layout.FindingsComment)
	var fileMu sync.Mutex
	w, err := newSheetWriter(b.f, b.zs, &fileMu, b.st, spec, int64(len(findings)))
	if err != nil {
		return err
	}
	for _, i := range findings {
		f := &b.r.Findings[i]
		row := b.findingRow(f, previous)
		row[decision] = excelize.Cell{StyleID: unlocked[kindDecision]}
		row[comment] = excelize.Cell{StyleID: unlocked[kindComment]}
		row = append(row, text(campaign.Fingerprint(f)))
		if err := w.Add(row...); err != nil {
			return err
		}
	}
	return w.Close()
}

// decisionMeanings explain each Decision on the Instructions sheet.
var decisionMeanings = [][2]string{
	{model.DecisionKeep, "The access is right as it is: nothing changes."},
	{model.DecisionRevoke, "Remove the access: disable the account or remove the membership. A comment is required: say why."},
	{model.DecisionModify, "The access is needed but must change (fewer rights, another group policy). A comment is required: say what to change."},
	{model.DecisionAcceptRisk, "The finding stands and its risk is accepted for now: say why in the comment."},
}

// writeInstructions fills the Instructions sheet: labels in column A, values
// in column B, found by their label when the workbook comes back.
func (b *book) writeInstructions(rb ReviewerBook) error {
	sheet := campaign.SheetInstructions
	returnTo := rb.ReturnTo
	if returnTo == "" {
		returnTo = campaign.DefaultReturnTo
	}
	wrap, err := b.f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
		Font: &excelize.Font{Family: "Calibri", Size: 11}})
	if err != nil {
		return err
	}
	label, err := b.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Family: "Calibri", Size: 11},
		Alignment: &excelize.Alignment{Vertical: "top"}})
	if err != nil {
		return err
	}
	left, err := b.f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Horizontal: "left"}})
	if err != nil {
		return err
	}
	leftDate, err := b.f.NewStyle(&excelize.Style{CustomNumFmt: ptr(dateFormat), Alignment: &excelize.Alignment{Horizontal: "left"}})
	if err != nil {
		return err
	}
	// The as-of date is a date cell, as on the full workbook's Summary.
	var asOf any = b.r.AsOf
	if t, err := time.Parse(time.DateOnly, b.r.AsOf); err == nil {
		asOf = excelDate(t)
	}
	editable, err := b.f.NewStyle(&excelize.Style{
		Border:     []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}},
		Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}},
		Protection: &excelize.Protection{Locked: false},
	})
	if err != nil {
		return err
	}
	editableDate, err := b.f.NewStyle(&excelize.Style{
		Border:       []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}},
		Fill:         excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}},
		CustomNumFmt: ptr(dateFormat),
		Protection:   &excelize.Protection{Locked: false},
	})
	if err != nil {
		return err
	}
	type line struct {
		label string
		value any
		style int // of the value
	}
	lines := []line{
		{campaign.LabelCampaign, rb.Campaign, 0},
		{campaign.LabelReviewer, rb.Reviewer, 0},
		{campaign.LabelAsOf, asOf, leftDate},
		{campaign.LabelFindings, len(rb.Findings), left},
		{campaign.LabelReturnTo, returnTo, wrap},
		{},
		{"What to do", "Choose a Decision for every row of the Findings sheet (the drop-down), write a Comment where one is needed, " +
			"fill in the sign-off below, save the workbook and send it back to " + returnTo + ".", wrap},
	}
	for _, d := range decisionMeanings {
		lines = append(lines, line{d[0], d[1], wrap})
	}
	lines = append(lines,
		line{"Protection", "The sheets are protected without a password: against accidental edits, not against anyone " +
			"determined. Only Decision, Comment and the sign-off cells can be changed. Each finding carries a fingerprint, " +
			"so a finding changed here is noticed when the decisions are collected.", wrap},
		line{},
		line{"Sign-off", nil, 0},
		line{campaign.LabelSignedOffBy, nil, editable},
		line{campaign.LabelSignedOffOn, nil, editableDate},
		line{campaign.LabelStatement, campaign.Statement, wrap},
	)
	for i, l := range lines {
		row := strconv.Itoa(i + 1)
		if l.label == "" {
			continue
		}
		if v, ok := l.value.(string); ok && l.style == wrap {
			// Readers do not size a row to its wrapped text on opening.
			if h := xlsxprint.RowHeight([]string{v}, []float64{instructionsWidth}); h > 0 {
				if err := b.f.SetRowHeight(sheet, i+1, h); err != nil {
					return err
				}
			}
		}
		if err := b.f.SetCellStr(sheet, "A"+row, l.label); err != nil {
			return err
		}
		if err := b.f.SetCellStyle(sheet, "A"+row, "A"+row, label); err != nil {
			return err
		}
		switch v := l.value.(type) {
		case string:
			err = b.f.SetCellStr(sheet, "B"+row, v)
		case int:
			err = b.f.SetCellInt(sheet, "B"+row, int64(v))
		case float64:
			err = b.f.SetCellFloat(sheet, "B"+row, v, -1, 64)
		}
		if err != nil {
			return err
		}
		if l.style != 0 {
			if err := b.f.SetCellStyle(sheet, "B"+row, "B"+row, l.style); err != nil {
				return err
			}
		}
	}
	if err := b.f.SetColWidth(sheet, "A", "A", 16); err != nil {
		return err
	}
	return b.f.SetColWidth(sheet, "B", "B", instructionsWidth)
}

// instructionsWidth is the width of the Instructions sheet's values: with
// the labels, one A4 page across.
const instructionsWidth = 80
