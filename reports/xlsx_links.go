package reports

import (
	"fmt"
	"strings"
)

// findingLocation is the place of the i-th finding (0-based, review order)
// on the Findings sheet, for an internal link: "Findings!A5", or
// "'Findings (2)'!A3" once the findings continue on another sheet.
func findingLocation(i int) string {
	part := i/int(maxDataRows) + 1
	row := i%int(maxDataRows) + 2 // under the header row
	return fmt.Sprintf("%s!A%d", sheetRef(partName(sheetFindings, part)), row)
}

// sheetRef is a sheet name as a reference writes it: quoted, with quotes
// doubled, unless it is letters, digits and underscores.
func sheetRef(name string) string {
	plain := name != ""
	for _, r := range name {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			plain = false
		}
	}
	if plain {
		return name
	}
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}
