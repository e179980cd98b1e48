package tabular

import (
	"errors"
	"strings"
	"testing"

	"github.com/review-tool/review/ingest/cells"
	"github.com/review-tool/review/ingest/located"
	"github.com/review-tool/review/ingest/textio"
	"github.com/review-tool/review/schema"
)

// looks1252 is the advice of a bad byte that looks like Windows-1252,
// where it is char, in the file name.
func looks1252(name, char string) string {
	return `; the file looks like Windows-1252, where the byte is "` + char + `": read it with --encoding ` + name +
		`=windows-1252 (or --encoding windows-1252 for every table file), or save it as UTF-8`
}

// stated sets the user's --encoding and --date-order on in.
func stated(in Input, enc textio.Encoding, order cells.DateOrder) Input {
	in.Encoding, in.DateOrder = enc, order
	return in
}

// A report Excel saved as plain "CSV" on Windows: read with --encoding
// windows-1252 its names are right (é, the curly apostrophe), and the
// result says how it was read. Read as Latin-1, 0x92 is a C1 control
// character, which no display name may hold: refused at its cell.
func TestReadStatedWindows1252(t *testing.T) {
	data := []byte("Username,Public Display Name,Last Authentication Date\r\nrene,Ren\xe9 O\x92Brien,11/21/2025 8:02 AM\r\n")
	sink := newSink()
	res, err := Read(schema.KindUserReport, stated(bytesInput("users.csv", data), textio.Windows1252, ""), sink)
	if err != nil {
		t.Fatal(err)
	}
	want := "2 | source=pra-prod | origin=report | username=rene | public_display_name=René O’Brien | last_authentication=2025-11-21T08:02:00Z"
	if got := strings.Join(sink.show(schema.Users), "\n"); got != want {
		t.Errorf("rows\n got %s\nwant %s", got, want)
	}
	if res.Encoding != textio.Windows1252 || res.DateOrder != cells.MDY {
		t.Errorf("read as %q, %q", res.Encoding, res.DateOrder)
	}
	_, err = Read(schema.KindUserReport, stated(bytesInput("users.csv", data), textio.Latin1, ""), newSink())
	if want := `users.csv:2:2: found "René O\u0092Brien" (U+0092 at character 7), expected ` + cells.ExpectIdentity; err == nil || err.Error() != want {
		t.Errorf("read as Latin-1:\n got %v\nwant %s", err, want)
	}
}

// What the file says wins or stops the read: a BOM decides over
// --encoding; a file that is UTF-8 after all is not garbled; a byte
// Windows-1252 leaves undefined is an error, never U+FFFD.
func TestReadStatedEncodingErrors(t *testing.T) {
	sink := newSink()
	res, err := Read(schema.KindUserReport, stated(bytesInput("bom.csv", bom([]byte("Username,Email\nrené,r@corp.example\n"))), textio.Windows1252, ""), sink)
	if err != nil || res.Encoding != textio.UTF8BOM || !strings.Contains(strings.Join(sink.show(schema.Users), "\n"), "username=rené") {
		t.Errorf("BOM with --encoding windows-1252: %v, %v, %q", err, res, sink.show(schema.Users))
	}
	for _, tt := range []struct {
		name string
		data string
		want string
	}{
		{"utf8.csv", "Username,Display Name\nalice,Alice\nrene,René\n",
			`utf8.csv:3:9: found UTF-8 text ("é"), expected windows-1252 text, as --encoding says (do not give --encoding windows-1252 for a file that is UTF-8)`},
		{"undefined.csv", "Username,Display Name\nalice,Al\x81ce\n",
			`utf8.csv:2:9: found the byte 0x81, which windows-1252 does not define, expected windows-1252 text, as --encoding says`},
	} {
		_, err := Read(schema.KindUserReport, stated(bytesInput(tt.name, []byte(tt.data)), textio.Windows1252, ""), newSink())
		want := strings.Replace(tt.want, "utf8.csv", tt.name, 1)
		if err == nil || err.Error() != want || !errors.Is(err, textio.ErrNotUTF8) && !isRawError(err) {
			t.Errorf("%s: error\n got %v\nwant %s", tt.name, err, want)
		}
	}
}

func isRawError(err error) bool {
	var re *located.Error
	return errors.As(err, &re)
}

// Dates NN/NN/YYYY are month first unless --date-order says dmy: a
// day-first date in a month-first file is an error naming the flag; with
// it, the file's dates read day first, with 24-hour times.
func TestReadDateOrder(t *testing.T) {
	data := []byte("email,status,termination_date\na@corp.example,terminated,01/09/2025\nb@corp.example,terminated,25/03/2025 14:05\n")
	_, err := Read(schema.KindRoster, bytesInput("hr.csv", data), newSink())
	want := `hr.csv:3:3: found "25/03/2025 14:05", expected a month-first date MM/DD/YYYY, but 25 is not a month: ` +
		`if this file writes dates day first, read it with --date-order hr.csv=dmy (or --date-order dmy for every table file)`
	if err == nil || err.Error() != want {
		t.Errorf("month first: error\n got %v\nwant %s", err, want)
	}

	sink := newSink()
	res, err := Read(schema.KindRoster, stated(bytesInput("hr.csv", data), "", cells.DMY), sink)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(sink.show(schema.Roster), "\n")
	for _, w := range []string{"email=a@corp.example | status=terminated | termination_date=2025-09-01", "termination_date=2025-03-25"} {
		if !strings.Contains(got, w) {
			t.Errorf("day first: rows %s\nlack %s", got, w)
		}
	}
	if res.DateOrder != cells.DMY || res.Encoding != textio.UTF8 {
		t.Errorf("read as %q, %q", res.Encoding, res.DateOrder)
	}

	// Under dmy, a month-first date is the error, and so is a 12-hour time.
	for in, want := range map[string]string{
		"10/16/2025":         `found "10/16/2025", expected a day-first date DD/MM/YYYY, as --date-order dmy says, but 16 is not a month: if this file writes dates month first, read it with --date-order 'HR Export.csv=mdy'`,
		"01/09/2025 2:46 PM": `found "01/09/2025 2:46 PM", expected a date (RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or DD/MM/YYYY[ HH:MM[:SS]], day first as --date-order dmy says) or Never`,
	} {
		data := []byte("email,termination_date\na@corp.example," + in + "\n")
		_, err := Read(schema.KindRoster, stated(bytesInput("HR Export.csv", data), "", cells.DMY), newSink())
		if want = "HR Export.csv:2:2: " + want; err == nil || err.Error() != want {
			t.Errorf("dmy %q: error\n got %v\nwant %s", in, err, want)
		}
	}
}

// Under --lenient a date in the other order is a bad row like any other,
// and its problem still names --date-order.
func TestReadDateOrderLenient(t *testing.T) {
	in := bytesInput("users.csv", []byte("Username,Last Authentication Date\nalice,11/21/2025 8:02 AM\nbob,21/11/2025 08:02\n"))
	var bad []*located.Error
	in.BadRow = func(e *located.Error) error { bad = append(bad, e); return nil }
	sink := newSink()
	res, err := Read(schema.KindUserReport, in, sink)
	if err != nil {
		t.Fatal(err)
	}
	if res.Rows != 1 || len(bad) != 1 || bad[0].Line != 3 || bad[0].Column != 2 ||
		!strings.Contains(bad[0].Problem(), "read it with --date-order users.csv=dmy") || bad[0].Raw != "bob,21/11/2025 08:02" {
		t.Errorf("rows %d, bad rows %+v", res.Rows, bad)
	}
}

// A legacy file whose header has a non-ASCII name is still recognised, so
// that its reader can say how to read it.
func TestDetectWindows1252Header(t *testing.T) {
	head := []byte("Username,Pr\xe9nom,Enabled,Last Authentication Date\nrene,Ren\xe9,Yes,\n")
	if k := Detect("export.csv", head); k != schema.KindUserReport {
		t.Errorf("Detect = %q, want %q", k, schema.KindUserReport)
	}
}
