package xlsx

import (
	"fmt"

	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/xlsxprint"
)

// findingLocation is the place of the i-th finding (0-based, review order)
// on the Findings sheet, for an internal link: "Findings!A5", or
// "'Findings (2)'!A3" once the findings continue on another sheet.
func findingLocation(i int) string {
	part := i/int(maxDataRows) + 1
	row := i%int(maxDataRows) + 2 // under the header row
	return fmt.Sprintf("%s!A%d", sheetRef(layout.PartName(layout.SheetFindings, part)), row)
}

// sheetRef is a sheet name as a reference writes it: quoted, with quotes
// doubled, unless it is letters, digits and underscores.
func sheetRef(name string) string { return xlsxprint.SheetRef(name) }
