package xlsx

import (
	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/model"
)

// issuesSpec is the Ingest Issues sheet: one row per input row --lenient
// kept out of the analysis, whole, so none is lost (docs/inputs.md §7).
var issuesSpec = sheetSpec{Name: layout.SheetIngestIssues, Table: "IngestIssues", Columns: []column{
	{"File", 40},
	{"Line", 8},
	{"Column", 8},
	{"Problem", 70},
	{"Raw Row", 80},
}}

func fillIssues(issues []model.IngestIssue) func(w *sheetWriter) error {
	return func(w *sheetWriter) error {
		for _, is := range issues {
			var col any
			if is.Column > 0 {
				col = is.Column
			}
			if err := w.Add(text(is.File), is.Line, col, text(is.Problem), text(is.Raw)); err != nil {
				return err
			}
		}
		return nil
	}
}
