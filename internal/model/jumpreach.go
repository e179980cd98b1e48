package model

// JumpItemRow is one row of the Jump Reach sheet: a Jump Item, the Jump
// Policies in force on it for those who reach it, and how many reach it.
type JumpItemRow struct {
	Source string
	// JumpGroup is the shared Jump Group that holds the item, or for a
	// personal item "personal: " and its owner.
	JumpGroup string
	GroupType string // shared or personal
	ItemType  string // as the sheet names it: Remote RDP, Shell Jump, …
	// ID is the item's id, unique within its type and source.
	ID   int64
	Item string
	Host string // the hostname, a Web Jump's URL, "" for a Network Tunnel
	// Policies are the Jump Policies in force for those who reach the item
	// (the item's own for an item nobody reaches), each with where it is
	// set: "Standard (item)", "Approval Required (group policy Vendor
	// Access)", "no policy (direct)".
	Policies string
	// What the policies in force say, the same on every path, else
	// JumpVaries: approval, ticket id and two-factor "required" or "not
	// required", recordings and schedule "on" or "off"; "no policy" where
	// none is in force, "not exported" where the export has no such field
	// (Remote Support's Jump Policies have no approval or recordings).
	Approval, Recordings, TicketID, TwoFactor, Schedule string
	SessionPolicy                                       string
	// Accounts that reach the item, enabled or not saying; of them vendor
	// users and administrators.
	Accounts, VendorUsers, Administrators int64
	// Vendors are the vendor groups of those vendor users, "; "-joined.
	Vendors string
}

// JumpVaries is a policy setting that differs between the paths to an
// item.
const JumpVaries = "varies by path"
