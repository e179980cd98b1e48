package xlsx

import (
	"fmt"

	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/model"
)

// accessChangesSpec is the Access Changes sheet (--previous): one row per
// change per account, the evidence that joiners, movers and leavers were
// handled (docs/outputs.md).
var accessChangesSpec = sheetSpec{Name: layout.SheetAccessChanges, Table: "AccessChanges", Columns: []column{
	{"Source", 20},
	{"Product", 10},
	{"ID", 12},
	{"Username", 30},
	{"Display Name", 30},
	{"Change", 28},
	{"Item", 36},
	{"Before", 16},
	{"After", 16},
}, Kinds: map[string]cellKind{
	"ID": kindID,
}}

// accessChangesNoteSpec is the same sheet when there is no change to list:
// a line says why, without a table over it, so that "not compared" never
// looks like "nothing changed".
var accessChangesNoteSpec = func() sheetSpec {
	s := accessChangesSpec
	s.Table = ""
	return s
}()

// accessChangesJob is the Access Changes sheet's job (with --previous).
func (b *book) accessChangesJob() sheetJob {
	if b.r.AccessChanges != nil && b.r.AccessChangeCount > 0 {
		spec := accessChangesSpec
		spec.Footer = b.accessChangesSpan()
		return sheetJob{&spec, b.r.AccessChangeCount, fillAccessChanges(b.r.AccessChanges)}
	}
	first := "no access changed since the previous run on the sources both runs read (its accounts: " + b.r.Previous.AccountsFrom + ")"
	if b.r.AccessChanges == nil {
		first = "access changes were not compared"
	}
	notes := append([]string{first}, b.r.Previous.AccessNotes...)
	notes = append(notes, b.accessChangesSpan())
	rows := make([][]any, len(notes))
	for i, n := range notes {
		rows[i] = []any{note(n)}
	}
	return sheetJob{&accessChangesNoteSpec, int64(len(rows)), fillRows(rows)}
}

func fillAccessChanges(changes func(func(*model.AccessChange) error) error) func(w *sheetWriter) error {
	return func(w *sheetWriter) error {
		err := changes(func(c *model.AccessChange) error {
			var id any
			if c.ID != 0 {
				id = c.ID
			}
			return w.Add(text(c.Source), text(c.Product), id, text(c.Username), text(c.DisplayName),
				text(c.Change), text(c.Item), text(c.Before), text(c.After))
		})
		if err != nil {
			return fmt.Errorf("access changes: %w", err)
		}
		return nil
	}
}

// accessChangesSpan says which two reviews the changes lie between: the
// previous run's as-of date (when its file says it) and this one's.
func (b *book) accessChangesSpan() string {
	from := "the previous run (" + b.r.Previous.Path + ", its as-of date not stated)"
	if b.r.Previous.AsOf != "" {
		from = "the previous run as of " + b.r.Previous.AsOf + " (" + b.r.Previous.Path + ")"
	}
	return "Changes between " + from + " and this run as of " + b.r.AsOf + "."
}
