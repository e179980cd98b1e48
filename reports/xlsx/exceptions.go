package xlsx

import (
	"strconv"
	"time"

	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/model"
)

// exceptionsSpec is the Exceptions sheet: every entry of the register, in
// file order, with what it covered this run, so that expired and unused
// exceptions are seen and cleaned up (docs/outputs.md).
var exceptionsSpec = sheetSpec{Name: layout.SheetExceptions, Table: "Exceptions", Columns: []column{
	{"Rule", 32},
	{"Entity", 36},
	{"Source", 20},
	{"Reason", 50},
	{"Approved By", 28},
	{"Expires", 0},
	{"Findings Covered", 0},
	{"Expired", 9},
	{"Days to Expiry", 0},
	{"Unused", 9},
	{"Defined At", 30},
}, Kinds: map[string]cellKind{
	"Reason":           kindWrap,
	"Expires":          kindDate,
	"Findings Covered": kindCount,
	"Days to Expiry":   kindCount,
}}

func fillExceptions(list []model.Exception) func(w *sheetWriter) error {
	return func(w *sheetWriter) error {
		for _, e := range list {
			t, _ := time.Parse(time.DateOnly, e.Expires)
			if err := w.Add(text(e.Rule), text(e.Entity), text(e.Source), text(e.Reason), text(e.ApprovedBy),
				dateCell(t), e.Covered, text(yesNo(e.Expired)), e.DaysLeft, text(yesNo(e.Covered == 0)),
				text(e.File+":"+strconv.Itoa(e.Line))); err != nil {
				return err
			}
		}
		return nil
	}
}
