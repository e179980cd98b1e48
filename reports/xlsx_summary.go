package reports

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/internal/model"
)

// topSavings is how many stale-seat findings the Summary lists by cost.
const topSavings = 10

// summaryWidths are the column widths of the Summary sheet.
var summaryWidths = []float64{26, 22, 24, 24, 14, 12, 12}

// cursor writes rows one under the other on a sheet written cell by cell
// (the Summary: small, and it carries a chart), remembering the used range.
type cursor struct {
	f      *excelize.File
	sheet  string
	row    int // next row, 1-based
	maxRow int
	maxCol int
}

// put writes one row; nil values leave their cell empty.
func (c *cursor) put(values ...any) error {
	for i, v := range values {
		if v == nil {
			continue
		}
		cell, err := excelize.CoordinatesToCellName(i+1, c.row)
		if err != nil {
			return err
		}
		style := 0
		if sv, ok := v.(excelize.Cell); ok {
			style, v = sv.StyleID, sv.Value
		}
		if err := c.f.SetCellValue(c.sheet, cell, v); err != nil {
			return fmt.Errorf("%s!%s: %w", c.sheet, cell, err)
		}
		if style != 0 {
			if err := c.f.SetCellStyle(c.sheet, cell, cell, style); err != nil {
				return err
			}
		}
		c.maxRow, c.maxCol = max(c.maxRow, c.row), max(c.maxCol, i+1)
	}
	c.row++
	return nil
}

func (c *cursor) skip() { c.row++ }

// dimension records the used range in the sheet's <dimension>.
func (c *cursor) dimension() error {
	if c.maxRow == 0 {
		return nil
	}
	last, err := excelize.CoordinatesToCellName(c.maxCol, c.maxRow)
	if err != nil {
		return err
	}
	return c.f.SetSheetDimension(c.sheet, "A1:"+last)
}

// summary writes the Summary sheet section by section; the first error
// sticks.
type summary struct {
	*book
	c   *cursor
	err error
}

func (s *summary) put(values ...any) {
	if s.err == nil {
		s.err = s.c.put(values...)
	}
}

func (s *summary) head(h ...string) {
	row := make([]any, len(h))
	for i, v := range h {
		row[i] = styled(text(v), s.st.header)
	}
	s.put(row...)
}

func (s *summary) bold(v any) any { return styled(v, s.st.bold) }

func (b *book) writeSummary() error {
	s := &summary{book: b, c: &cursor{f: b.f, sheet: sheetSummary, row: 1}}
	s.put(styled(text("BeyondTrust access review"), b.st.title))
	s.put(text("As-of date"), text(b.r.AsOf))
	s.put(text("Review version"), text(b.r.Tool.Review))
	s.c.skip()
	s.sources()
	s.c.skip()
	s.totals()
	s.c.skip()
	s.perRule()
	s.c.skip()
	chartRows := s.perFamily()
	s.c.skip()
	for _, row := range b.licenseHeadline() {
		s.put(row...)
	}
	if s.err != nil {
		return s.err
	}
	for i, w := range summaryWidths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := b.f.SetColWidth(sheetSummary, col, col, w); err != nil {
			return err
		}
	}
	if err := b.familyChart(chartRows); err != nil {
		return err
	}
	return s.c.dimension()
}

func (s *summary) sources() {
	s.put(s.bold(text("Sources")))
	s.head("Source", "Product", "Accounts", "Enabled", "Admins")
	var accounts, enabled, admins int64
	for _, src := range s.r.Sources {
		s.put(text(src.Name), text(src.Product), src.Accounts, src.EnabledAccounts, src.Admins)
		accounts += src.Accounts
		enabled += src.EnabledAccounts
		admins += src.Admins
	}
	s.put(s.bold(text("Total")), nil, s.bold(accounts), s.bold(enabled), s.bold(admins))
}

func (s *summary) totals() {
	bySeverity := map[model.Severity]int{}
	for i := range s.r.Findings {
		bySeverity[s.r.Findings[i].Severity]++
	}
	s.put(s.bold(text("Totals")))
	s.put(text("Findings"), len(s.r.Findings))
	for _, sev := range []model.Severity{model.High, model.Medium, model.Low} {
		label := strings.ToUpper(string(sev[:1])) + string(sev[1:])
		s.put(styled(text(label), s.st.severity[sev]), bySeverity[sev])
	}
	s.put(text("Rules"), len(s.r.Rules))
	s.put(text("Accounts"), s.accounts)
	s.put(text("Group policies"), len(s.r.GroupPolicies))
	if s.r.Lenient {
		// The findings leave these rows out: a reader of the Summary must
		// know before trusting the totals.
		s.put(text("Input rows kept out (--lenient)"), len(s.r.IngestIssues), text("listed on "+sheetIngestIssues))
	}
}

// ruleCount is one row of the findings-per-rule table.
type ruleCount struct {
	rule, family string
	bySeverity   [3]int // high, medium, low
	total        int
}

func familyRank(family string) int {
	for i, f := range model.Families {
		if f.ID == family {
			return i
		}
	}
	return len(model.Families)
}

// perRule is the table of findings per rule and severity, rules in family
// order, then by id. Rules without findings are on the Rules sheet.
func (s *summary) perRule() {
	counts := map[string]*ruleCount{}
	for i := range s.r.Findings {
		f := &s.r.Findings[i]
		rc := counts[f.Rule]
		if rc == nil {
			rc = &ruleCount{rule: f.Rule, family: f.Family}
			counts[f.Rule] = rc
		}
		if k := f.Severity.Rank(); k < len(rc.bySeverity) {
			rc.bySeverity[k]++
		}
		rc.total++
	}
	rows := make([]*ruleCount, 0, len(counts))
	for _, rc := range counts {
		rows = append(rows, rc)
	}
	slices.SortFunc(rows, func(a, b *ruleCount) int {
		return cmp.Or(cmp.Compare(familyRank(a.family), familyRank(b.family)),
			cmp.Compare(a.family, b.family), cmp.Compare(a.rule, b.rule))
	})
	s.put(s.bold(text("Findings per rule")))
	s.head("Rule", "Family", "High", "Medium", "Low", "Total")
	var sum ruleCount
	for _, rc := range rows {
		s.put(text(rc.rule), text(rc.family), rc.bySeverity[0], rc.bySeverity[1], rc.bySeverity[2], rc.total)
		for i, n := range rc.bySeverity {
			sum.bySeverity[i] += n
		}
		sum.total += rc.total
	}
	s.put(s.bold(text("Total")), nil, s.bold(sum.bySeverity[0]), s.bold(sum.bySeverity[1]),
		s.bold(sum.bySeverity[2]), s.bold(sum.total))
}

// perFamily is the table of findings per family sheet the chart draws; it
// returns the rows of the header and of the last family.
func (s *summary) perFamily() [2]int {
	s.put(s.bold(text("Findings per family")))
	header := s.c.row
	s.head("Family", "Findings")
	other := len(s.r.Findings)
	for _, fam := range model.Families {
		n := len(s.byFamily[fam.ID])
		other -= n
		s.put(text(fam.Sheet), n)
	}
	if other > 0 {
		s.put(text("Other"), other)
	}
	return [2]int{header, s.c.row - 1}
}

// familyChart draws the findings-per-family column chart beside the tables.
func (b *book) familyChart(rows [2]int) error {
	ref := func(col string, from, to int) string {
		return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", sheetSummary, col, from, col, to)
	}
	return b.f.AddChart(sheetSummary, "I2", &excelize.Chart{
		Type: excelize.Col,
		Series: []excelize.ChartSeries{{
			Name:       fmt.Sprintf("'%s'!$B$%d", sheetSummary, rows[0]),
			Categories: ref("A", rows[0]+1, rows[1]),
			Values:     ref("B", rows[0]+1, rows[1]),
		}},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Findings per family"}}},
		Legend:    excelize.ChartLegend{Position: "none"},
		PlotArea:  excelize.ChartPlotArea{ShowVal: true},
		Dimension: excelize.ChartDimension{Width: 560, Height: 300},
	})
}

// savings lists the stale-seat findings with the largest annual cost.
func (s *summary) savings() {
	type saving struct {
		f    *model.Finding
		cost float64
	}
	var list []saving
	for _, f := range s.byFamily["stale-seats"] {
		if cost, ok := evidenceFloat(f.Evidence["annual_cost"]); ok {
			list = append(list, saving{f, cost})
		}
	}
	slices.SortStableFunc(list, func(a, b saving) int { return cmp.Compare(b.cost, a.cost) })
	list = list[:min(len(list), topSavings)]
	s.put(s.bold(text(fmt.Sprintf("Top %d stale-seat savings", topSavings))))
	s.head("Finding ID", "Source", "Entity", "Display Name", "Seat Product", "Days Since", "Annual Cost")
	if len(list) == 0 {
		s.put(text("no stale-seat finding with an annual cost"))
	}
	for _, sv := range list {
		f := sv.f
		s.put(text(f.ID), text(f.Source), text(f.Entity), text(f.DisplayName),
			evidenceCell(f.Evidence["seat_product"]), evidenceCell(f.Evidence["days_since"]),
			styled(sv.cost, s.st.money))
	}
}
