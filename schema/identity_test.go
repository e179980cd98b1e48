package schema

import "testing"

// Every identity column is a text column of its table: a misspelt name
// would check nothing.
func TestIdentityColumnsExist(t *testing.T) {
	for tbl, cols := range identities {
		for _, c := range cols {
			i := tbl.Index(c)
			if i < 0 || tbl.Columns[i].Type != Text {
				t.Errorf("%s.%s: not a text column of the table", tbl.Name, c)
			}
			if !tbl.Identity(c) {
				t.Errorf("%s.%s: Identity says no", tbl.Name, c)
			}
		}
	}
	if Users.Identity("license_pool") || Roster.Identity("department") {
		t.Error("Identity says yes to a column that names no one")
	}
}
