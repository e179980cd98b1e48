package campaign

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"github.com/review-tool/review/ingest/bounds"
	"github.com/review-tool/review/internal/inputerr"
)

// Headers read on the Findings sheet of a returned workbook.
const (
	hID         = "Finding ID"
	hRule       = "Rule"
	hSource     = "Source"
	hEntityType = "Entity Type"
	hEntity     = "Entity"
	hDetail     = "Detail"
	hDecision   = "Decision"
	hComment    = "Comment"
)

var returnedHeaders = []string{hID, hRule, hSource, hEntityType, hEntity, hDetail, hDecision, hComment, HeaderFingerprint}

// Returned is one reviewer's workbook as it came back.
type Returned struct {
	File     string
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
// file is the reviewer's, and may be anything.
func ReadReturned(file string) (*Returned, error) {
	f, err := bounds.OpenWorkbook(file, "")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := &Returned{File: file}
	if err := r.readInstructions(f); err != nil {
		return nil, err
	}
	if err := r.readFindings(f); err != nil {
		return nil, err
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

// dateValue is a raw cell value as a date: a spreadsheet serial number
// (what a typed date is stored as) becomes YYYY-MM-DD, text stays as typed.
func dateValue(raw string) string {
	n, err := strconv.ParseFloat(raw, 64)
	if err != nil || n <= 0 {
		return raw
	}
	t, err := excelize.ExcelDateToTime(n, false)
	if err != nil {
		return raw
	}
	return t.Format(time.DateOnly)
}

func (r *Returned) readFindings(f *excelize.File) error {
	if idx, _ := f.GetSheetIndex(SheetFindings); idx < 0 {
		return inputerr.New("%s: no sheet %s, expected a reviewer's workbook from review run --split-by", r.File, SheetFindings)
	}
	rows, err := f.Rows(SheetFindings)
	if err != nil {
		return inputerr.New("%s: sheet %s: %v", r.File, SheetFindings, err)
	}
	defer rows.Close()
	var cols map[string]int
	for num := 1; rows.Next(); num++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return inputerr.New("%s: sheet %s, row %d: %v", r.File, SheetFindings, num, err)
		}
		if cols == nil {
			if cols, err = r.header(cells); err != nil {
				return err
			}
			continue
		}
		get := func(h string) string {
			if i := cols[strings.ToLower(h)]; i < len(cells) {
				return cells[i]
			}
			return ""
		}
		row := ReturnedRow{Row: num, ID: strings.TrimSpace(get(hID)), Rule: get(hRule), Source: get(hSource),
			EntityType: get(hEntityType), Entity: get(hEntity), Detail: get(hDetail),
			Decision: strings.TrimSpace(get(hDecision)), Comment: strings.TrimSpace(get(hComment)),
			Fingerprint: strings.TrimSpace(get(HeaderFingerprint))}
		if row == (ReturnedRow{Row: num}) {
			continue // a blank line
		}
		r.Rows = append(r.Rows, row)
	}
	if err := rows.Error(); err != nil {
		return inputerr.New("%s: sheet %s: %v", r.File, SheetFindings, err)
	}
	if cols == nil {
		return inputerr.New("%s: sheet %s is empty, expected the headers %s in row 1", r.File, SheetFindings, strings.Join(returnedHeaders, ", "))
	}
	return nil
}

// header maps each needed header, lower-cased, to its column.
func (r *Returned) header(cells []string) (map[string]int, error) {
	cols := map[string]int{}
	for i, c := range cells {
		k := strings.ToLower(strings.TrimSpace(c))
		if _, dup := cols[k]; !dup && k != "" {
			cols[k] = i
		}
	}
	for _, h := range returnedHeaders {
		if _, ok := cols[strings.ToLower(h)]; !ok {
			return nil, inputerr.New("%s: sheet %s has no column headed %q in row 1, expected the headers %s",
				r.File, SheetFindings, h, strings.Join(returnedHeaders, ", "))
		}
	}
	return cols, nil
}

// at names a row's place in messages: "FILE: sheet Findings, row 7".
func (r *Returned) at(row ReturnedRow) string {
	return fmt.Sprintf("%s: sheet %s, row %d", r.File, SheetFindings, row.Row)
}
