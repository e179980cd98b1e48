package xlsx

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/internal/layout"
)

// chartRows is how many rows the chart covers at the top of the right
// pane; the act-first list starts under it. excelize anchors the chart
// counting 18 pixels a row.
const chartRows = 15

// severityChart draws the findings per family as bars stacked by severity,
// in the severities' own colours, from the Summary's findings-by-severity
// table (rows: its first and last family row; columns A, then B…D for
// high, medium and low); peak is the largest family's total.
func (b *book) severityChart(rows [2]int, peak int64) error {
	ref := func(col string, from, to int) string {
		return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", layout.SheetSummary, col, from, col, to)
	}
	// 11 points, as the cells: printed at the Summary's scale, no smaller
	// than they (print.go).
	labels := excelize.Font{Size: 11, Color: "000000"}
	var series []excelize.ChartSeries
	for i, sev := range severities {
		col, _ := excelize.ColumnNumberToName(leftPane + 1 + i)
		series = append(series, excelize.ChartSeries{
			Name:       fmt.Sprintf("'%s'!$%s$%d", layout.SheetSummary, col, rows[0]-1),
			Categories: ref("A", rows[0], rows[1]),
			Values:     ref(col, rows[0], rows[1]),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{severityColours[sev].fill}},
			DataLabel:  excelize.ChartDataLabel{Font: excelize.Font{Size: 11, Color: severityColours[sev].font}},
		})
	}
	anchor, _ := excelize.CoordinatesToCellName(rightPane, paneTop)
	gap, overlap, vary := uint(60), 100, false
	return b.f.AddChart(layout.SheetSummary, anchor, &excelize.Chart{
		Type:       excelize.BarStacked,
		Series:     series,
		VaryColors: &vary,
		Title: excelize.ChartTitle{
			Paragraph: []excelize.RichTextRun{{Text: "Findings by family and severity", Font: &excelize.Font{Size: 12, Bold: true, Color: "000000"}}},
		},
		Legend: excelize.ChartLegend{Position: "bottom", Font: &labels},
		// Families top to bottom in sheet order.
		XAxis: excelize.ChartAxis{Font: labels, ReverseOrder: true},
		YAxis: excelize.ChartAxis{Font: labels, MajorGridLines: true, MajorUnit: axisUnit(peak),
			NumFmt: excelize.ChartNumFmt{CustomNumFmt: "#,##0"}},
		PlotArea:  excelize.ChartPlotArea{ShowVal: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "#,##0;;"}},
		GapWidth:  &gap,
		Overlap:   &overlap,
		Dimension: excelize.ChartDimension{Width: 540, Height: chartRows * 18},
		Format:    excelize.GraphicOptions{OffsetX: 0, OffsetY: 0},
	})
}

// axisUnit is the step of the chart's value axis: 1, 2 or 5 times a power
// of ten, the smallest that reaches peak in 5 steps, so that the axis's
// 11-point labels fit across it (left to the reader, "0 200 400 … 2,000"
// turned on their side and crowded).
func axisUnit(peak int64) float64 {
	for unit := 1.0; ; unit *= 10 {
		for _, m := range []float64{1, 2, 5} {
			if float64(peak) <= 5*m*unit {
				return m * unit
			}
		}
	}
}
