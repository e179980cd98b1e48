package previous

import (
	"slices"
	"testing"

	"github.com/review-tool/review/internal/layout"
)

// Every column Access Changes reads back is one the Accounts sheet writes:
// a rename on either side fails here, not in a user's next quarter.
func TestAccountColumnsAreOnTheSheet(t *testing.T) {
	t.Parallel()
	for _, c := range accountColumns {
		if !slices.Contains(layout.AccountsHeaders, c.Header) {
			t.Errorf("%s: read back from the Accounts sheet, which has no such column (layout.AccountsHeaders: %q)", c.Header, layout.AccountsHeaders)
		}
	}
}
