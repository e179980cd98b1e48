package xlsx

import (
	"fmt"

	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/model"
)

// peopleSpec is the People sheet: an access review follows people, not
// appliances, so a leaver's accounts on every product are seen on one row
// (docs/outputs.md).
var peopleSpec = sheetSpec{Name: layout.SheetPeople, Table: "People", Columns: []column{
	{"Person", 36},
	{"Name", 30},
	{"Roster Status", 0},
	{"Terminated", 0},
	{"Manager", 36},
	{"PRA Accounts", 0},
	{"PRA Enabled", 0},
	{"RS Accounts", 0},
	{"RS Enabled", 0},
	{"Password Safe Accounts", 0},
	{"Password Safe Enabled", 0},
	{"Administrator Anywhere", 0},
	{"Sources Reachable", 40},
	{"Last Session (UTC)", 0},
	{"Sessions In Window", 0},
	{"Finding Count", 0},
	{"Finding Rules", 60},
}, Kinds: map[string]cellKind{
	"PRA Accounts":           kindCount,
	"PRA Enabled":            kindCount,
	"RS Accounts":            kindCount,
	"RS Enabled":             kindCount,
	"Password Safe Accounts": kindCount,
	"Password Safe Enabled":  kindCount,
	"Last Session (UTC)":     kindDateTime,
	"Sessions In Window":     kindCount,
	"Finding Count":          kindCount,
}}

func (b *book) fillPeople(w *sheetWriter) error {
	if b.r.People == nil {
		return nil
	}
	err := b.r.People(func(p *model.PersonRow) error {
		var sessions any
		if p.SessionsInWindow != nil {
			sessions = *p.SessionsInWindow
		}
		return w.Add(text(p.Person), text(p.Name), text(p.RosterStatus), flagCell(p.Terminated), text(p.Manager),
			p.PRAAccounts, p.PRAEnabled, p.RSAccounts, p.RSEnabled, p.PasswordSafeAccounts, p.PasswordSafeEnabled,
			flagCell(p.Administrator), text(p.Sources), dateTimeCell(p.LastSession), sessions, p.FindingCount, text(p.FindingRules))
	})
	if err != nil {
		return fmt.Errorf("people: %w", err)
	}
	return nil
}

// peopleTotal is how many rows r.People yields: r.PeopleCount, or, when
// that is not set, a counting pass over the iterator.
func peopleTotal(r *model.Review) (int64, error) {
	if r.People == nil {
		return 0, nil
	}
	if r.PeopleCount > 0 {
		return r.PeopleCount, nil
	}
	var n int64
	if err := r.People(func(*model.PersonRow) error { n++; return nil }); err != nil {
		return 0, fmt.Errorf("people: %w", err)
	}
	return n, nil
}
