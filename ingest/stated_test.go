package ingest

import (
	"strings"
	"testing"

	"github.com/review-tool/review/ingest/cells"
	"github.com/review-tool/review/ingest/configapi"
	"github.com/review-tool/review/ingest/textio"
)

// --encoding and --date-order reach a file by its path as given, its base
// name, or for the whole run; the run's encoding leaves JSON exports
// alone (the API writes UTF-8), dates leave them alone always.
func TestApplyStated(t *testing.T) {
	report := &file{entry: entry{path: "exports/rs/users.csv"}}
	roster := &file{entry: entry{path: "hr/roster.csv"}}
	zipped := &file{entry: entry{path: "exports/pra.zip!user.json"}, reader: configapi.Reader{}}
	other := &file{entry: entry{path: "exports/pra.zip!team.json"}, reader: configapi.Reader{}}
	opts := Options{
		Encodings:  map[string]textio.Encoding{"": textio.Windows1252, "hr/roster.csv": textio.UTF8, "user.json": textio.Latin1},
		DateOrders: map[string]cells.DateOrder{"users.csv": cells.DMY},
	}
	if err := applyStated(opts, []*file{report, roster, zipped, other}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		f     *file
		enc   textio.Encoding
		order cells.DateOrder
	}{
		{report, textio.Windows1252, cells.DMY},
		{roster, textio.UTF8, ""}, // not stated: read month first, and watched (tabular)
		{zipped, textio.Latin1, ""},
		{other, "", ""},
	} {
		if tt.f.encoding != tt.enc || tt.f.dateOrder != tt.order {
			t.Errorf("%s: %q, %q; want %q, %q", tt.f.path, tt.f.encoding, tt.f.dateOrder, tt.enc, tt.order)
		}
	}

	// A name no file has is a usage error listing the files' names.
	opts.DateOrders = map[string]cells.DateOrder{"user.csv": cells.DMY}
	err := applyStated(opts, []*file{report, roster, zipped})
	if _, ok := err.(*UsageError); !ok || !strings.Contains(err.Error(), `"user.csv" is none of the table files (JSON exports write RFC 3339 dates); name a file by its name or its path as given (files: roster.csv, users.csv)`) {
		t.Errorf("error %v", err)
	}
}
