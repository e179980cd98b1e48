package xlsx

import (
	"fmt"

	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/model"
)

// sessionsSpec is the Sessions sheet (with session or activity reports):
// one row per session and representative, and per Vault or Password Safe
// record, leavers first (docs/outputs.md). It is what was done, beside
// what could be done on Accounts.
var sessionsSpec = sheetSpec{Name: layout.SheetSessions, Table: "Sessions", Columns: []column{
	{"Source", 20},
	{"Product", 14}, // password-safe
	{"Kind", 22},    // password safe session
	{"Session ID", 34},
	{"Start (UTC)", 0},
	{"End (UTC)", 0},
	{"Open", 0},
	{"Duration", 0},
	{"Account", 28},
	{"User As Reported", 28},
	{"Person", 32},
	{"Person Status", 0},
	{"Termination Date", 0},
	{"Endpoint Or Asset", 32},
	{"Jump Group", 24},
	{"Role", 0},
	{"Event", 24},
	{"After Termination", 0},
}, Kinds: map[string]cellKind{
	"Start (UTC)":      kindDateTime,
	"End (UTC)":        kindDateTime,
	"Duration":         kindDuration,
	"Termination Date": kindDate,
}}

// sessionsJob is the Sessions sheet's job; above sessions_sheet_max
// records it lists those that matter and says where the rest are.
func (b *book) sessionsJob() sheetJob {
	a := b.r.Activity
	spec := sessionsSpec
	if a.Cut {
		n := message.NewPrinter(language.English) // 8,621,304: a count a reader reads at a glance
		spec.Footer = n.Sprintf("The reports hold %d records, more than sessions_sheet_max (%d): listed are the %d of a leaver, "+
			"still open, after the account expired or of an unknown user. Every record is in the database (--db) and "+
			"the Parquet export (review ingest --parquet), table activity.", a.Records, a.SheetMax, a.SessionRows)
	}
	return sheetJob{&spec, a.SessionRows, b.fillSessions}
}

func (b *book) fillSessions(w *sheetWriter) error {
	a := b.r.Activity
	if a.Sessions == nil {
		return nil
	}
	err := a.Sessions(func(s *model.SessionRow) error {
		var duration any
		if s.Seconds != nil {
			duration = float64(*s.Seconds) / 86400
		}
		return w.Add(text(s.Source), text(s.Product), text(s.Kind), text(s.ID), dateTimeCell(s.Start), dateTimeCell(s.End),
			flagCell(model.FlagOf(s.Open)), duration, text(s.Account), text(s.Actor), text(s.Person), text(s.PersonStatus),
			dateCell(s.TerminationDate), text(s.Endpoint), text(s.JumpGroup), text(s.Role), text(s.Event), text(s.AfterTermination))
	})
	if err != nil {
		return fmt.Errorf("sessions: %w", err)
	}
	return nil
}
