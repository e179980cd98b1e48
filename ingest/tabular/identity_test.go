package tabular

import (
	"testing"

	"github.com/review-tool/review/ingest/cells"
	"github.com/review-tool/review/schema"
)

// A control character (Unicode Cc) in a cell that names a person or an
// account stops the read at that cell, saying which character and where
// in the name (the column is the cell's): a username (kept as written, so a tab at its end counts),
// a display name, an email, and the roster's name, first name and
// manager (who becomes a reviewer).
func TestIdentityCellsRefuseControlCharacters(t *testing.T) {
	for _, tt := range []struct {
		kind       schema.Kind
		file, text string
		want       string
	}{
		{schema.KindUserReport, "users.csv", "Username,Email\nalice,a@corp.example\n\"bob\t\",b@corp.example\n",
			`users.csv:3:1: found "bob\t" (U+0009 at character 4), expected `},
		{schema.KindUserReport, "users.csv", "Username,Public Display Name\nalice,\"Alice\nSmith\"\n",
			`users.csv:2:2: found "Alice\nSmith" (U+000A at character 6), expected `},
		{schema.KindUserReport, "users.csv", "Username,Email\nalice,\"a\u0085@corp.example\"\n",
			`users.csv:2:2: found "a\u0085@corp.example" (U+0085 at character 2), expected `},
		{schema.KindRoster, "roster.csv", "email,name,manager\nann@corp.example,Ann,\"bo\nss@corp.example\"\n",
			`roster.csv:2:3: found "bo\nss@corp.example" (U+000A at character 3), expected `},
		{schema.KindRoster, "roster.csv", "email,first_name,last_name\nann@corp.example,\"An\x7fn\",Lee\n",
			`roster.csv:2:2: found "An\x7fn" (U+007F at character 3), expected `},
	} {
		_, err := Read(tt.kind, bytesInput(tt.file, []byte(tt.text)), newSink())
		if want := tt.want + cells.ExpectIdentity; err == nil || err.Error() != want {
			t.Errorf("%q:\n got %v\nwant %s", tt.text, err, want)
		}
	}
}
