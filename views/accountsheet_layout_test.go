package views

import (
	"slices"
	"testing"

	"github.com/review-tool/review/internal/layout"
)

// The Accounts sheet's columns as SQL are the layout's Accounts headers,
// every one and in order, but the Finding Count the writer adds.
func TestAccountSheetColumnsAreTheLayouts(t *testing.T) {
	t.Parallel()
	want := slices.DeleteFunc(slices.Clone(layout.AccountsHeaders), func(h string) bool { return h == layout.AccountsFindingCount })
	if got := AccountSheetHeaders(); !slices.Equal(got, want) {
		t.Errorf("accountSheetColumns:\n got %q\nwant %q (layout.AccountsHeaders without %s)", got, want, layout.AccountsFindingCount)
	}
}
