package campaign

import (
	"slices"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/xlsxprint"
)

// Labels of the Campaign sheet's column A, beside LabelCampaign and
// LabelAsOf (the reviewer's workbook's). review run --previous finds the
// as-of date of a decisions workbook by LabelAsOf on this sheet.
const (
	LabelCampaignFile         = "Campaign file"
	LabelCampaignFileSHA256   = "Campaign file SHA-256"
	LabelFindingsWorkbook     = "Findings workbook"
	LabelFindingsWorkbookHash = "Findings workbook SHA-256"
	LabelCollectedOn          = "Collected on"
	LabelReviewers            = "Reviewers"
	LabelReturned             = "Workbooks returned"
	LabelTotalFindings        = "Findings"
	LabelDecided              = "Decided"
	LabelToRevoke             = "To revoke or modify"
	LabelMissing              = "Missing"
)

// notRecorded stands for the findings workbook in a campaign.json that
// does not name it.
const notRecorded = "not recorded in campaign.json (split by an earlier review, or the findings workbook went to standard output)"

// Columns of the Campaign sheet: the Item and Value of its first table
// are the first two; the returned workbooks' table has them all. Column A
// holds a label or a file's path (widened to the longest, up to
// maxPathWidth), B a value or a SHA-256 (64 digits).
var (
	campaignColumns = []dcol{{"Item", 40, false}, {"Value", 66, false}}
	returnedColumns = []dcol{{"Returned Workbook", 40, false}, {"SHA-256", 66, false}, {"Reviewer", 28, false},
		{"Signed Off By", 24, false}, {layout.DecisionsSignedOffOn, 16, false}, {"Rows", 8, false}, {"Decided", 10, false}}
)

// maxPathWidth is as wide as column A grows for a returned workbook's path.
const maxPathWidth = 90

// campaignSheet writes the Campaign sheet, the one an auditor reads first:
// the campaign, its as-of date, the campaign file and the findings
// workbook it came from, when the decisions were collected and the totals
// (one table of Item and Value), then each reviewer's returned workbook
// with its SHA-256 as read and its sign-off, or "(not returned)", as the
// Sign-offs sheet lists them.
func (b *decisionsBook) campaignSheet(r *Result, collected time.Time) error {
	const sheet = SheetCampaign
	c := r.Campaign
	book, bookSum := notRecorded, "not recorded"
	if fw := c.FindingsWorkbook; fw != nil {
		book, bookSum = fw.File, fw.SHA256
	}
	returned := 0
	for _, s := range r.SignOffs {
		if s.File != "" {
			returned++
		}
	}
	missing := len(r.Missing())
	items := [][]any{
		{LabelCampaign, c.ID},
		{LabelAsOf, b.leftDate(c.AsOf)},
		{LabelCampaignFile, c.File},
		{LabelCampaignFileSHA256, c.SHA256},
		{LabelFindingsWorkbook, book},
		{LabelFindingsWorkbookHash, bookSum},
		{LabelCollectedOn, excelize.Cell{StyleID: b.dateLeft, Value: collected}},
		{LabelReviewers, b.leftNumber(len(c.Reviewers))},
		{LabelReturned, b.leftNumber(returned)},
		{LabelTotalFindings, b.leftNumber(len(r.Entries))},
		{LabelDecided, b.leftNumber(len(r.Entries) - missing)},
		{LabelToRevoke, b.leftNumber(len(r.Removals()))},
		{LabelMissing, b.leftNumber(missing)},
	}
	var books [][]any
	widths := []float64{returnedColumns[0].Width}
	for _, s := range r.SignOffs {
		file := s.File
		if file == "" {
			file = "(not returned)"
		}
		widths = append(widths, min(float64(utf8.RuneCountInString(file)+2), maxPathWidth))
		books = append(books, []any{file, s.SHA256, s.Reviewer, s.SignedBy, b.dateCell(s.SignedOn), s.Rows, s.Decided})
	}
	for i, col := range returnedColumns {
		name, _ := excelize.ColumnNumberToName(i + 1)
		width := col.Width
		if i == 0 {
			width = slices.Max(widths)
		}
		if err := b.f.SetColWidth(sheet, name, name, width); err != nil {
			return err
		}
	}
	if err := b.table(sheet, 1, "Campaign", campaignColumns, items); err != nil {
		return err
	}
	head := len(items) + 3 // a blank row between the tables
	if err := b.table(sheet, head, "ReturnedWorkbooks", returnedColumns, books); err != nil {
		return err
	}
	// A sheet longer than a page repeats the returned workbooks' header,
	// not the Item and Value of the first table, and column A: a returned
	// workbook's later columns, printed on a page of their own, say whose
	// they are.
	plan := xlsxprint.Table(1, 1)
	plan.HeaderAt = head
	return xlsxprint.Setup(b.f, sheet, c.AsOf, plan)
}

// table writes a header at row head and rows under it, with an Excel table
// named name over them, styled as the other sheets' tables.
func (b *decisionsBook) table(sheet string, head int, name string, cols []dcol, rows [][]any) error {
	for i, c := range cols {
		if err := b.setCell(sheet, i+1, head, c.Header); err != nil {
			return err
		}
	}
	first, _ := excelize.CoordinatesToCellName(1, head)
	last, _ := excelize.CoordinatesToCellName(len(cols), head)
	if err := b.f.SetCellStyle(sheet, first, last, b.header); err != nil {
		return err
	}
	for i, row := range rows {
		for j, v := range row {
			if err := b.setCell(sheet, j+1, head+1+i, v); err != nil {
				return err
			}
		}
	}
	if err := b.alignHeaders(sheet, head, len(cols), rows); err != nil {
		return err
	}
	if len(rows) == 0 {
		return nil // a table needs a row; the header stands alone
	}
	end, _ := excelize.CoordinatesToCellName(len(cols), head+len(rows))
	return b.f.AddTable(sheet, &excelize.Table{Range: first + ":" + end, Name: name, StyleName: layout.TableStyle})
}

// leftDate is a YYYY-MM-DD value as a date cell aligned left, as the
// Value column's text is; anything else as text.
func (b *decisionsBook) leftDate(s string) any {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return excelize.Cell{StyleID: b.dateLeft, Value: t}
}

// leftNumber is a count aligned left, as the Value column's text is.
func (b *decisionsBook) leftNumber(n int) excelize.Cell {
	return excelize.Cell{StyleID: b.numberLeft, Value: n}
}
