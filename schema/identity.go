package schema

// identities are, by table, the columns that name a person or an account:
// usernames, emails, display names, and the roster's name and manager (the
// manager becomes a finding's reviewer). Readers refuse a control
// character in them as they read (ingest/cells.IdentityControl), naming
// the place: one such name shows in a workbook otherwise than it is kept.
var identities = map[*Table][]string{
	Users:            {"username", "public_display_name", "private_display_name", "email_address"},
	UserMemberships:  {"username"},
	VendorUsers:      {"username", "public_display_name", "email_address"},
	PSUsers:          {"username", "email_address", "first_name", "last_name"},
	PSUserGroupUsers: {"username"},
	PSEntitlements:   {"username"},
	Roster:           {"email", "name", "manager"},
}

// Identity says whether column col of t names a person or an account
// (identities).
func (t *Table) Identity(col string) bool {
	for _, c := range identities[t] {
		if c == col {
			return true
		}
	}
	return false
}
