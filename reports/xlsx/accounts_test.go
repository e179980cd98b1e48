package xlsx

import (
	"slices"
	"testing"

	"github.com/review-tool/review/views"
)

// The Accounts sheet's headers are the columns the facts read for it, in
// order, and its finding count: the next run reads the sheet back by these
// headers (--previous), with the same expressions (--previous-db).
func TestAccountsSheetHeadersAreTheFacts(t *testing.T) {
	t.Parallel()
	var got []string
	for _, c := range accountsSpec.Columns {
		got = append(got, c.Header)
	}
	want := append(views.AccountSheetHeaders(), "Finding Count")
	if !slices.Equal(got, want) {
		t.Errorf("Accounts sheet headers %q, facts give %q", got, want)
	}
}
