package campaign

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"github.com/review-tool/review/ingest/bounds"
	"github.com/review-tool/review/internal/digest"
	"github.com/review-tool/review/internal/inputerr"
	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/xlsxread"
)

// returnedHeaders are the headers read on the Findings sheet of a returned
// workbook: the main workbook's Findings columns a fingerprint is
// recomputed from, the reviewer's two, and the hidden Fingerprint.
var returnedHeaders = []string{layout.FindingID, layout.FindingsRule, layout.FindingsSource, layout.FindingsEntityType,
	layout.FindingsEntity, layout.FindingsDetail, layout.FindingsDecision, layout.FindingsComment, HeaderFingerprint}

// Returned is one reviewer's workbook as it came back.
type Returned struct {
	File string
	// SHA256 is the hex SHA-256 of the file as read.
	SHA256   string
	Campaign string
	Reviewer string
	SignedBy string
	// SignedOn is YYYY-MM-DD when the cell holds a date, else the text
	// typed.
	SignedOn string
	Rows     []ReturnedRow
}

// ReturnedRow is one row of the returned Findings sheet: what the reviewer
// decided, and the visible facts the fingerprint is recomputed from.
type ReturnedRow struct {
	Row                                    int // 1-based, as the spreadsheet shows it
	ID, Rule, Source, EntityType, Entity   string
	Detail, Decision, Comment, Fingerprint string
}

// ReadReturned reads a returned workbook: the Instructions sheet's
// labelled values and every non-blank row of Findings. It is opened within
// the bounds every workbook input is (bounds.OpenWorkbook): a returned
// file is the reviewer's, and may be anything. Its SHA-256 is taken before
// and after it is read, and must be the same: the hash the decisions
// workbook shows is of the bytes its decisions came from, not of a file
// still being saved.
func ReadReturned(file string) (*Returned, error) {
	before, _, err := digest.File(file)
	if err != nil {
		return nil, bounds.WorkbookError(file, err)
	}
	f, err := bounds.OpenWorkbook(file, "")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := &Returned{File: file, SHA256: before}
	if err := r.readInstructions(f); err != nil {
		return nil, err
	}
	if err := r.readFindings(f); err != nil {
		return nil, err
	}
	if after, _, err := digest.File(file); err != nil || after != before {
		return nil, inputerr.New("%s changed while it was read: collect again once it is saved and closed", file)
	}
	return r, nil
}

func (r *Returned) readInstructions(f *excelize.File) error {
	if idx, _ := f.GetSheetIndex(SheetInstructions); idx < 0 {
		return inputerr.New("%s: no sheet %s, expected a reviewer's workbook from review run --split-by", r.File, SheetInstructions)
	}
	// Row by row, not GetRows: a sheet past UnzipXMLSizeLimit streams from
	// a temporary file, and only the row read is held.
	rows, err := f.Rows(SheetInstructions)
	if err != nil {
		return inputerr.New("%s: sheet %s: %v", r.File, SheetInstructions, err)
	}
	defer rows.Close()
	for num := 1; rows.Next(); num++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return inputerr.New("%s: sheet %s, row %d: %v", r.File, SheetInstructions, num, err)
		}
		if len(cells) == 0 {
			continue
		}
		value := ""
		if len(cells) > 1 {
			value = strings.TrimSpace(cells[1])
		}
		// A label may have gained a colon in another program's hands.
		switch strings.ToLower(strings.TrimSuffix(strings.TrimSpace(cells[0]), ":")) {
		case strings.ToLower(LabelCampaign):
			r.Campaign = value
		case strings.ToLower(LabelReviewer):
			// Compared in NFC, as split named the reviewer: a program
			// that saved the workbook may have decomposed an accent.
			r.Reviewer = norm.NFC.String(value)
		case strings.ToLower(LabelSignedOffBy):
			r.SignedBy = value
		case strings.ToLower(LabelSignedOffOn):
			r.SignedOn = dateValue(value)
		}
	}
	if err := rows.Error(); err != nil {
		return inputerr.New("%s: sheet %s: %v", r.File, SheetInstructions, err)
	}
	if r.Campaign == "" {
		return inputerr.New("%s: sheet %s has no %q value in column B, expected a reviewer's workbook from review run --split-by",
			r.File, SheetInstructions, LabelCampaign)
	}
	return nil
}

// dateValue is a raw cell value as a date (xlsxread.Date); text that is
// no date stays as typed, for the check that follows to name.
func dateValue(raw string) string {
	if d, ok := xlsxread.Date(raw); ok {
		return d
	}
	return raw
}

func (r *Returned) readFindings(f *excelize.File) error {
	if idx, _ := f.GetSheetIndex(SheetFindings); idx < 0 {
		return inputerr.New("%s: no sheet %s, expected a reviewer's workbook from review run --split-by", r.File, SheetFindings)
	}
	_, err := xlsxread.Read(f, r.File, SheetFindings, returnedHeaders, func(h xlsxread.Header, num int, cells []string) error {
		get := func(header string) string { return h.Cell(cells, header) }
		row := ReturnedRow{Row: num, ID: strings.TrimSpace(get(layout.FindingID)), Rule: get(layout.FindingsRule),
			Source: get(layout.FindingsSource), EntityType: get(layout.FindingsEntityType), Entity: get(layout.FindingsEntity),
			Detail:   get(layout.FindingsDetail),
			Decision: strings.TrimSpace(get(layout.FindingsDecision)), Comment: strings.TrimSpace(get(layout.FindingsComment)),
			Fingerprint: strings.TrimSpace(get(HeaderFingerprint))}
		if row == (ReturnedRow{Row: num}) {
			return nil // a blank line
		}
		r.Rows = append(r.Rows, row)
		return nil
	})
	return err
}

// at names a row's place in messages: "FILE: sheet Findings, row 7".
func (r *Returned) at(row ReturnedRow) string {
	return fmt.Sprintf("%s: sheet %s, row %d", r.File, SheetFindings, row.Row)
}
