package xlsx

import (
	"github.com/review-tool/review/internal/layout"
)

// jumpReachSpec is the Jump Reach sheet (a source gave a Jump Item export):
// one row per Jump Item, the Jump Policies in force on it for those who
// reach it and where each is set, and how many reach it (docs/outputs.md).
// It is what a reviewer of third-party access reads first: a vendor on a
// production database with no approval and no recording.
var jumpReachSpec = sheetSpec{Name: layout.SheetJumpReach, Table: "JumpReach", Columns: []column{
	{layout.JumpReachSource, 20},
	{layout.JumpReachJumpGroup, 28},
	{layout.JumpReachItem, 28},
	// Who reaches it and under what, on the first page printed; what the
	// item is, after.
	{"Accounts", 0},
	{"Vendor Users", 0},
	{"Vendor Groups", 24},
	{"Administrators", 0},
	{layout.JumpReachApproval, 16},
	{layout.JumpReachRecordings, 16},
	{"Ticket ID", 16},
	{"Two-Factor", 16},
	{"Schedule", 16},
	{"Jump Policies In Force", 44},
	{"Session Policy", 24},
	{layout.JumpReachItemType, 18}, // PostgreSQL Tunnel
	{layout.JumpReachID, 10},
	{"Group Type", 0},
	{"Host Or URL", 32},
}, Kinds: map[string]cellKind{
	layout.JumpReachID:       kindID,
	"Jump Policies In Force": kindWrap,
	"Vendor Groups":          kindWrap,
	"Accounts":               kindCount,
	"Vendor Users":           kindCount,
	"Administrators":         kindCount,
}}

func (b *book) fillJumpReach(w *sheetWriter) error {
	for i := range b.r.JumpItems {
		j := &b.r.JumpItems[i]
		if err := w.Add(text(j.Source), text(j.JumpGroup), text(j.Item), j.Accounts, j.VendorUsers, text(j.Vendors), j.Administrators,
			text(j.Approval), text(j.Recordings), text(j.TicketID), text(j.TwoFactor), text(j.Schedule), text(j.Policies),
			text(j.SessionPolicy), text(j.ItemType), j.ID, text(j.GroupType), text(j.Host)); err != nil {
			return err
		}
	}
	return nil
}
