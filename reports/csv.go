package reports

import (
	"bufio"
	"encoding/csv"
	"io"
	"slices"

	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/reports/xlsx"
)

// WriteCSV writes the findings as the Findings sheet's columns, then the
// evidence columns of the family sheets (xlsx.FamilyEvidence), with a
// header row, in
// the order given. Text that a spreadsheet would take for a formula (leading
// =, +, -, @, tab or CR) is prefixed with '.
func WriteCSV(w io.Writer, findings []model.Finding) error {
	return writeCSV(w, findings, false)
}

// writeCSV is WriteCSV; with previous (the run compared with a previous
// one), the Findings sheet's Previous Decision and Previous Comment too.
func writeCSV(w io.Writer, findings []model.Finding, previous bool) error {
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	evidence := xlsx.FamilyEvidence()
	header := slices.Clone(layout.Findings(previous))
	for _, c := range evidence {
		header = append(header, c.Header)
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for i := range findings {
		f := &findings[i]
		rec := layout.FindingRecord(f, previous)
		for _, c := range evidence {
			rec = append(rec, xlsx.EvidenceText(f.Evidence[c.Key]))
		}
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
