package campaign

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/xlsxprint"
	"github.com/xuri/excelize/v2"
)

// The sheets of the decisions workbook, in order. Campaign is the page an
// auditor reads first: what was collected, from which files, when.
const (
	SheetCampaign  = layout.SheetCampaign
	SheetDecisions = layout.SheetDecisions
	SheetRevoke    = "Revoke"
	SheetMissing   = "Missing"
	SheetSignOffs  = "Sign-offs"
)

// dcol is one column of a decisions workbook sheet. A Wrap column's text
// wraps within its width, top-aligned: an instruction or a comment is read
// whole, on screen and on paper, not cut at the column's edge.
type dcol struct {
	Header string
	Width  float64
	Wrap   bool
}

// Columns of each sheet. The Decisions sheet's Finding ID, Rule, Title,
// Severity, Source, Entity Type, Entity, Decision and Comment are what
// review run --previous reads back from it: they are the findings
// workbook's headers (internal/layout), named once.
var (
	decisionsColumns = []dcol{{layout.FindingID, 18, false}, {layout.FindingsRule, 30, false}, {layout.FindingsTitle, 32, true}, {layout.FindingsSeverity, 10, false},
		{layout.FindingsSource, 16, false}, {layout.FindingsProduct, 9, false}, {layout.FindingsEntityType, 14, false}, {layout.FindingsEntity, 26, false}, {layout.FindingsReviewer, 28, false},
		{layout.FindingsDecision, 12, false}, {layout.FindingsComment, 40, true}, {"File", 32, false}, {"Signed Off By", 24, false},
		{layout.DecisionsSignedOffOn, 16, false}}
	revokeColumns = []dcol{{layout.FindingsSource, 16, false}, {layout.FindingsProduct, 9, false}, {layout.FindingsEntityType, 14, false}, {layout.FindingsEntity, 26, false},
		{"Action", 22, false}, {"Where", 40, true}, {"Instruction", 60, true}, {layout.FindingsDecision, 12, false}, {layout.FindingsComment, 40, true},
		{layout.FindingsReviewer, 28, false}, {layout.FindingID, 18, false}, {layout.FindingsRule, 30, false}}
	missingColumns = []dcol{{layout.FindingsReviewer, 28, false}, {layout.FindingID, 18, false}, {layout.FindingsRule, 30, false}, {layout.FindingsSeverity, 10, false},
		{layout.FindingsSource, 16, false}, {layout.FindingsEntityType, 14, false}, {layout.FindingsEntity, 26, false}, {"Why", 60, true}}
	signOffColumns = []dcol{{layout.FindingsReviewer, 28, false}, {"Rows", 8, false}, {"Decided", 10, false}, {"Signed Off By", 24, false},
		{layout.DecisionsSignedOffOn, 16, false}, {"File", 40, false}}
)

// decisionsBook is the decisions workbook being built.
type decisionsBook struct {
	f           *excelize.File
	header      int
	headerRight int
	numRight    int
	date        int
	wrap        int
	top         int
	// dateLeft and numberLeft align a date or a number of the Campaign
	// sheet's Value column with the text above and below it.
	dateLeft, numberLeft int
}

// WriteDecisionsWorkbook writes the consolidated workbook: Campaign (the
// campaign, the files its decisions came from with their SHA-256, when
// they were collected, the totals), Decisions (every finding of the
// campaign), Revoke (what to remove, per source, and where), Missing (what
// is still undecided, per reviewer) and Sign-offs. The same result gives
// the same bytes: no sheet is streamed (excelize writes streamed parts in
// map order) and the document's dates are the collection date r.CollectedOn,
// not the clock.
func WriteDecisionsWorkbook(w io.Writer, r *Result) error {
	collected, err := time.Parse(time.DateOnly, r.CollectedOn)
	if err != nil {
		return fmt.Errorf("decisions workbook: collection date %q, expected YYYY-MM-DD", r.CollectedOn)
	}
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	b := &decisionsBook{f: f}
	// Bold, and coloured by the table over it, as in the findings workbook.
	// The font named: without a name LibreOffice prints the headers in its
	// default serif, wider, and they run together ("ProductEntity Type").
	if b.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Family: "Calibri", Size: 11}}); err != nil {
		return fmt.Errorf("decisions workbook: %w", err)
	}
	// Over a column of numbers or dates, which sit right: the header too,
	// so that a number reads as under its own header, not the next one's.
	if b.headerRight, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Family: "Calibri", Size: 11},
		Alignment: &excelize.Alignment{Horizontal: "right", Indent: 1}}); err != nil {
		return fmt.Errorf("decisions workbook: %w", err)
	}
	// Every cell of a row sits at its top: a row grown to a wrapped
	// comment reads across, not with its other cells at the bottom.
	if b.wrap, err = f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}); err != nil {
		return fmt.Errorf("decisions workbook: %w", err)
	}
	if b.top, err = f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}}); err != nil {
		return fmt.Errorf("decisions workbook: %w", err)
	}
	format := "yyyy-mm-dd"
	// Numbers and dates sit right, one character in from the edge, so that
	// they do not run into the text of the column after them.
	right := &excelize.Alignment{Horizontal: "right", Indent: 1, Vertical: "top"}
	if b.numRight, err = f.NewStyle(&excelize.Style{Alignment: right}); err != nil {
		return fmt.Errorf("decisions workbook: %w", err)
	}
	if b.date, err = f.NewStyle(&excelize.Style{CustomNumFmt: &format, Alignment: right}); err != nil {
		return fmt.Errorf("decisions workbook: %w", err)
	}
	left := &excelize.Alignment{Horizontal: "left"}
	if b.dateLeft, err = f.NewStyle(&excelize.Style{CustomNumFmt: &format, Alignment: left}); err != nil {
		return fmt.Errorf("decisions workbook: %w", err)
	}
	if b.numberLeft, err = f.NewStyle(&excelize.Style{Alignment: left}); err != nil {
		return fmt.Errorf("decisions workbook: %w", err)
	}
	if err := f.SetSheetName(f.GetSheetName(0), SheetCampaign); err != nil {
		return fmt.Errorf("decisions workbook: %w", err)
	}
	if err := b.campaignSheet(r, collected); err != nil {
		return fmt.Errorf("decisions workbook: sheet %s: %w", SheetCampaign, err)
	}
	// keys is how many first columns say which row a printed page shows:
	// they print at the left of every page across (xlsxprint.Plan).
	sheets := []struct {
		name string
		cols []dcol
		rows [][]any
		keys int
	}{
		{SheetDecisions, decisionsColumns, b.decisionRows(r), 1}, // Finding ID
		{SheetRevoke, revokeColumns, revokeRows(r), 4},           // Source … Entity
		{SheetMissing, missingColumns, missingRows(r), 2},        // Reviewer, Finding ID
		{SheetSignOffs, signOffColumns, b.signOffRows(r), 1},     // Reviewer
	}
	for _, s := range sheets {
		_, err = f.NewSheet(s.name)
		if err == nil {
			err = b.fill(s.name, s.cols, s.rows)
		}
		if err == nil {
			err = xlsxprint.Setup(f, s.name, r.Campaign.AsOf, xlsxprint.Table(1, s.keys))
		}
		if err != nil {
			return fmt.Errorf("decisions workbook: sheet %s: %w", s.name, err)
		}
	}
	if err := b.docProps(r.Campaign, r.CollectedOn); err != nil {
		return fmt.Errorf("decisions workbook: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("decisions workbook: %w", err)
	}
	return nil
}

// fill writes a sheet's header and rows, freezes the header and puts an
// Excel table over them, styled as the findings workbook's tables, whose
// filters cut a sheet per reviewer or source.
func (b *decisionsBook) fill(sheet string, cols []dcol, rows [][]any) error {
	header := make([]any, len(cols))
	for i, c := range cols {
		header[i] = c.Header
		name, _ := excelize.ColumnNumberToName(i + 1)
		if err := b.f.SetColWidth(sheet, name, name, c.Width); err != nil {
			return err
		}
		style := b.top
		if c.Wrap {
			style = b.wrap
		}
		if err := b.f.SetColStyle(sheet, name, style); err != nil {
			return err
		}
	}
	if err := b.f.SetSheetRow(sheet, "A1", &header); err != nil {
		return err
	}
	last, _ := excelize.ColumnNumberToName(len(cols))
	if err := b.f.SetCellStyle(sheet, "A1", last+"1", b.header); err != nil {
		return err
	}
	if err := b.alignHeaders(sheet, 1, len(cols), rows); err != nil {
		return err
	}
	var wrapped []int // the Wrap columns, whose text sets a row's height
	widths := make([]float64, 0, len(cols))
	for i, c := range cols {
		if c.Wrap {
			wrapped = append(wrapped, i)
			widths = append(widths, c.Width)
		}
	}
	for i, row := range rows {
		texts := make([]string, 0, len(wrapped))
		for j, v := range row {
			if err := b.setCell(sheet, j+1, i+2, v); err != nil {
				return err
			}
		}
		for _, j := range wrapped {
			s, _ := row[j].(string)
			texts = append(texts, s)
		}
		if h := xlsxprint.RowHeight(texts, widths); h > 0 {
			if err := b.f.SetRowHeight(sheet, i+2, h); err != nil {
				return err
			}
		}
	}
	if err := b.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if len(rows) == 0 {
		return b.f.AutoFilter(sheet, fmt.Sprintf("A1:%s1", last), nil) // a table needs a row
	}
	return b.f.AddTable(sheet, &excelize.Table{Range: fmt.Sprintf("A1:%s%d", last, len(rows)+1),
		Name: strings.NewReplacer("-", "", " ", "").Replace(sheet), StyleName: layout.TableStyle})
}

// setCell writes one value: an empty string leaves no cell, a styled
// cell gets its style. Strings are stored as text, never as formulas.
func (b *decisionsBook) setCell(sheet string, col, row int, v any) error {
	cell, _ := excelize.CoordinatesToCellName(col, row)
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		if x == "" {
			return nil
		}
		return b.f.SetCellStr(sheet, cell, x)
	case excelize.Cell:
		if err := b.f.SetCellValue(sheet, cell, x.Value); err != nil {
			return err
		}
		return b.f.SetCellStyle(sheet, cell, cell, x.StyleID)
	}
	return b.f.SetCellValue(sheet, cell, v)
}

func (b *decisionsBook) decisionRows(r *Result) [][]any {
	rows := make([][]any, 0, len(r.Entries))
	for i := range r.Entries {
		e := &r.Entries[i]
		rows = append(rows, []any{e.ID, e.Rule, e.Title, e.Severity, e.Source, e.Product, e.EntityType, e.Entity,
			e.Reviewer, e.Decision, e.Comment, e.File, e.SignedBy, b.dateCell(e.SignedOn)})
	}
	return rows
}

func revokeRows(r *Result) [][]any {
	var rows [][]any
	for _, rm := range r.Removals() {
		rows = append(rows, []any{rm.Source, rm.Product, rm.EntityType, rm.Entity, rm.Action, rm.Place,
			rm.Instruction, rm.Decision, rm.Comment, rm.Reviewer, rm.ID, rm.Rule})
	}
	return rows
}

func missingRows(r *Result) [][]any {
	var rows [][]any
	for _, e := range r.Missing() {
		rows = append(rows, []any{e.Reviewer, e.ID, e.Rule, e.Severity, e.Source, e.EntityType, e.Entity, e.Missing})
	}
	return rows
}

func (b *decisionsBook) signOffRows(r *Result) [][]any {
	var rows [][]any
	for _, s := range r.SignOffs {
		file := s.File
		if file == "" {
			file = "(not returned)"
		}
		rows = append(rows, []any{s.Reviewer, s.Rows, s.Decided, s.SignedBy, b.dateCell(s.SignedOn), file})
	}
	return rows
}

// dateCell is a YYYY-MM-DD value as a date cell, anything else as the
// text the reviewer typed.
func (b *decisionsBook) dateCell(s string) any {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return excelize.Cell{StyleID: b.date, Value: t}
}

// docProps fixes the document properties: excelize's defaults name its
// author, and a clock time would make every file differ. The document was
// made when the decisions were collected: its dates are the collection
// date. The campaign's as-of date is on the Campaign sheet (which
// review run --previous reads it from).
func (b *decisionsBook) docProps(c *Issued, collectedOn string) error {
	created := collectedOn + "T00:00:00Z"
	return b.f.SetDocProps(&excelize.DocProperties{
		Title: "Access review decisions", Subject: "Campaign " + c.ID, Creator: "review", LastModifiedBy: "review",
		Created: created, Modified: created,
	})
}

// alignHeaders right-aligns the header (in row head) of each column whose
// values all sit right: numbers, and dates in the right-aligned date style.
func (b *decisionsBook) alignHeaders(sheet string, head, cols int, rows [][]any) error {
	for j := 0; j < cols; j++ {
		right, some := true, false
		for _, row := range rows {
			if j >= len(row) || row[j] == nil || row[j] == "" {
				continue
			}
			some = true
			switch v := row[j].(type) {
			case int, int64, float64:
			case excelize.Cell:
				right = right && v.StyleID == b.date
			default:
				right = false
			}
		}
		if !some || !right {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(j+1, head)
		if err := b.f.SetCellStyle(sheet, cell, cell, b.headerRight); err != nil {
			return err
		}
		for i, row := range rows {
			if _, ok := row[j].(excelize.Cell); ok || row[j] == nil {
				continue // a date has its style; no cell, none
			}
			cell, _ := excelize.CoordinatesToCellName(j+1, head+1+i)
			if err := b.f.SetCellStyle(sheet, cell, cell, b.numRight); err != nil {
				return err
			}
		}
	}
	return nil
}
