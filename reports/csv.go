package reports

import (
	"bufio"
	"encoding/csv"
	"io"

	"github.com/review-tool/review/internal/model"
)

// WriteCSV writes the findings as the Findings sheet's columns, with a header
// row, in the order given. Text that a spreadsheet would take for a formula
// (leading =, +, -, @, tab or CR) is prefixed with '.
func WriteCSV(w io.Writer, findings []model.Finding) error {
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	if err := cw.Write(headers(findingColumns)); err != nil {
		return err
	}
	for i := range findings {
		rec := findingRecord(&findings[i])
		for j, s := range rec {
			rec[j] = csvSafe(s)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// csvSafe defuses formula injection: a spreadsheet opening the CSV shows the
// value as text.
func csvSafe(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
