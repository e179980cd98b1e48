package previous

import (
	"testing"

	"github.com/review-tool/review/views"
)

// Every column Access Changes reads back is one the Accounts sheet writes:
// a rename on either side fails here, not in a user's next quarter.
func TestAccountColumnsAreOnTheSheet(t *testing.T) {
	t.Parallel()
	for _, c := range accountColumns {
		if _, ok := views.AccountSheet(c.Header); !ok {
			t.Errorf("%s: read back from the Accounts sheet, which has no such column (views.AccountSheetHeaders: %q)", c.Header, views.AccountSheetHeaders())
		}
	}
}
