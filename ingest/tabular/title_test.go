package tabular

import (
	"testing"

	"github.com/review-tool/review/schema"
)

// titledReport is a report workbook whose sheet has title rows above the
// header, after a first sheet of notes.
func titledReport(t *testing.T) []byte {
	return workbook(t, []string{"About", "Report"}, map[string][][]any{
		"About": {{"User Account Report"}, {"Exported by", "admin"}},
		"Report": {
			{"User Account Report"},
			{"Site: support.corp.example", "Generated 2025-10-16"},
			nil,
			{"Username", "Email", "Enabled", "Last Login"},
			{"alice", "alice@corp.example", "yes", "2025-10-16"},
			{"bob", nil, "no", "Never"},
		},
	})
}

func TestHeaderBelowTitleRows(t *testing.T) {
	b := titledReport(t)
	for _, in := range []Input{onDisk(t, "users.xlsx", b), bytesInput("users.xlsx", b)} {
		sink := newSink()
		res, err := ReadUserReport(in, sink)
		if err != nil {
			t.Fatal(err)
		}
		src := "source=" + in.Source
		sameLines(t, "users", sink.show(schema.Users), []string{
			`5 | ` + src + ` | origin=report | username=alice | email_address=alice@corp.example | enabled=true | last_authentication=2025-10-16T00:00:00Z`,
			`6 | ` + src + ` | origin=report | username=bob | enabled=false`,
		})
		if res.Rows != 2 || len(res.UnknownColumns) != 0 {
			t.Errorf("result = %+v", res)
		}
	}
	// Detection finds the same header, whatever the file is called.
	if k, err := DetectWorkbook(bytesInput("export.xlsx", b)); err != nil || k != schema.KindUserReport {
		t.Errorf("DetectWorkbook = %q, %v", k, err)
	}
	if k := Detect("export.xlsx", b); k != schema.KindUserReport {
		t.Errorf("Detect = %q", k)
	}
}

func TestHeaderSearchStopsAfterTwentyRows(t *testing.T) {
	rows := make([][]any, headerSearch)
	for i := range rows {
		rows[i] = []any{"title"}
	}
	rows = append(rows, []any{"Username"}, []any{"alice"})
	b := workbook(t, []string{"Report"}, map[string][][]any{"Report": rows})
	_, err := ReadUserReport(bytesInput("users.xlsx", b), newSink())
	const want = `users.xlsx:1: found no username column, expected a column named Username, User Name, Login or Last Authenticated As`
	if err == nil || err.Error() != want {
		t.Errorf("error:\n got %v\nwant %s", err, want)
	}
	// Row 20 is still searched.
	b = workbook(t, []string{"Report"}, map[string][][]any{"Report": append(rows[1:headerSearch:headerSearch], []any{"Username"}, []any{"alice"})})
	sink := newSink()
	if _, err := ReadUserReport(bytesInput("users.xlsx", b), sink); err != nil {
		t.Fatal(err)
	}
	sameLines(t, "users", sink.show(schema.Users), []string{`21 | source=pra-prod | origin=report | username=alice`})
}
