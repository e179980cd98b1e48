package xlsx

import (
	"fmt"

	"github.com/review-tool/review/internal/model"
)

// previousRows are the Evidence sheet's rows about the previous run
// compared with (--previous): which file, what it held, where the previous
// accounts came from, and what could not be compared, so that an auditor
// sees what the statuses and the Resolved sheet rest on. None without one.
func (b *book) previousRows() [][]any {
	p := b.r.Previous
	if p == nil {
		return nil
	}
	resolved, notRechecked := model.CountResolved(b.r.Resolved)
	asOf := "as-of date not stated"
	if p.AsOf != "" {
		asOf = "as of " + p.AsOf
	}
	rows := [][]any{
		{text("Previous run"), text(fmt.Sprintf("%s (%s, %s): %d findings, %d with a decision; %d resolved since, %d not re-checked (see Resolved)",
			p.Path, p.Format, asOf, p.Findings, p.Decided, resolved, notRechecked))},
	}
	if p.AccountsFrom != "" {
		rows = append(rows, []any{text("Previous accounts from"), text(p.AccountsFrom)})
	}
	for _, n := range append(append([]string(nil), p.Notes...), p.AccessNotes...) {
		rows = append(rows, []any{text("Previous run: not compared"), text(n)})
	}
	return rows
}
