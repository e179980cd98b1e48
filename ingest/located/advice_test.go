package located

import "testing"

// Files are named in the flags by their base name; a name a shell would
// split is quoted in the advice.
func TestBaseNameAndFlagArg(t *testing.T) {
	for in, want := range map[string]string{
		"users.csv": "users.csv", "exports/rs/users.csv": "users.csv", `C:\exports\users.csv`: "users.csv",
		"site.zip!users.csv": "users.csv", "exports/site.zip!rs/users.csv": "users.csv",
	} {
		if got := BaseName(in); got != want {
			t.Errorf("BaseName(%q) = %q, want %q", in, got, want)
		}
	}
	if got := FlagArg("--encoding", "users.csv", "windows-1252"); got != "--encoding users.csv=windows-1252" {
		t.Errorf("FlagArg = %s", got)
	}
	if got := FlagArg("--date-order", "Bob's users.csv", "dmy"); got != `--date-order 'Bob'\''s users.csv=dmy'` {
		t.Errorf("FlagArg = %s", got)
	}
}
