package xlsx

import (
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/internal/layout"
)

// On every table sheet a column holding numbers has its header drawn on
// the same side as them (right): a count must never stand under the next
// column's header, as on the License True-Up before its columns had kinds.
func TestNumberColumnsHaveRightAlignedHeaders(t *testing.T) {
	_, f := writeTest(t, testReview())
	for _, sheet := range f.GetSheetList() {
		if sheet == layout.SheetSummary || sheet == layout.SheetEvidence {
			continue // laid out by hand; tested on their own
		}
		rs := rows(t, f, sheet)
		if len(rs) < 2 {
			continue
		}
		for c := range rs[0] {
			head, _ := excelize.CoordinatesToCellName(c+1, 1)
			numbers := 0
			for r := 2; r <= len(rs); r++ {
				ref, _ := excelize.CoordinatesToCellName(c+1, r)
				if typ, _ := f.GetCellType(sheet, ref); typ == excelize.CellTypeUnset {
					if v, _ := f.GetCellValue(sheet, ref); v != "" {
						numbers++
					}
				}
			}
			if numbers == 0 {
				continue
			}
			id, _ := f.GetCellStyle(sheet, head)
			st, err := f.GetStyle(id)
			if err != nil || st.Alignment == nil || st.Alignment.Horizontal != "right" {
				t.Errorf("%s!%s %q heads %d numbers but is not right-aligned", sheet, head, rs[0][c], numbers)
			}
		}
	}
}
