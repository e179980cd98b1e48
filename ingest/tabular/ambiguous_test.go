package tabular

import (
	"slices"
	"testing"

	"github.com/review-tool/review/ingest/cells"
	"github.com/review-tool/review/schema"
)

// A column whose every date reads as another date day first is named, read
// month first, with the flag that reads the file the other way; one date
// only month first reads settles the whole file, and a stated order (even
// mdy) is the user's word, so nothing is said.
func TestAmbiguousDateColumns(t *testing.T) {
	const hrAmbiguous = "email,status,Termination Date\n" +
		"a@example.com,terminated,03/04/2025\n" +
		"b@example.com,terminated,12/01/2025\n" +
		"c@example.com,active,\n" +
		"d@example.com,terminated,05/05/2025\n"
	const reportAmbiguous = "Username,Last Authentication Date,Created\n" +
		"alice,02/11/2025 1:05 PM,01/02/2024\n" +
		"bob,Never,07/08/2024\n"
	for _, c := range []struct {
		name  string
		kind  schema.Kind
		file  string
		order cells.DateOrder
		want  []string
	}{
		{"roster, all either way", schema.KindRoster, hrAmbiguous, "", []string{
			"hr.csv column Termination Date: every date could be read either way; read month-first (MM/DD/YYYY); if the file writes day first, use --date-order hr.csv=dmy"}},
		{"report, two columns", schema.KindUserReport, reportAmbiguous, "", []string{
			"hr.csv column Last Authentication Date: every date could be read either way; read month-first (MM/DD/YYYY); if the file writes day first, use --date-order hr.csv=dmy",
			"hr.csv column Created: every date could be read either way; read month-first (MM/DD/YYYY); if the file writes day first, use --date-order hr.csv=dmy"}},
		{"one date shows month first", schema.KindUserReport, reportAmbiguous + "carol,10/16/2025 9:00 AM,\n", "", nil},
		{"the shown date in another column", schema.KindRoster, hrAmbiguous + "e@example.com,terminated,10/13/2025\n", "", nil},
		{"stated mdy", schema.KindRoster, hrAmbiguous, cells.MDY, nil},
		{"stated dmy", schema.KindRoster, hrAmbiguous, cells.DMY, nil},
		{"ISO dates", schema.KindRoster, "email,status,Termination Date\na@example.com,terminated,2025-03-04\n", "", nil},
		{"same either way", schema.KindRoster, "email,status,Termination Date\na@example.com,terminated,05/05/2025\n", "", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := bytesInput("hr.csv", []byte(c.file))
			in.DateOrder = c.order
			res, err := Read(c.kind, in, newSink())
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(res.Warnings, c.want) {
				t.Errorf("warnings:\n%q\nwant:\n%q", res.Warnings, c.want)
			}
			if len(res.AmbiguousDates) != len(c.want) {
				t.Errorf("AmbiguousDates %q, want %d columns", res.AmbiguousDates, len(c.want))
			}
		})
	}
}
