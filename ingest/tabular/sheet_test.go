package tabular

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/schema"
)

// workbook builds an .xlsx: sheets in order, each a list of rows (nil: a
// blank row), and returns its bytes.
func workbook(t testing.TB, sheets []string, rows map[string][][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, name := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, row := range rows[name] {
			if row == nil {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// onDisk writes b to a temporary file and reads it from there, as the
// ingest does (excelize then opens the file by name).
func onDisk(t *testing.T, name string, b []byte) Input {
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return Input{Path: name, Source: "rs-prod", FileID: 3, Open: func() (io.ReadCloser, error) { return os.Open(path) }}
}

func reportWorkbook(t testing.TB, lastLogin any) []byte {
	return workbook(t, []string{"Summary", "Users"}, map[string][][]any{
		"Summary": {{"Generated", "2025-10-16"}},
		"Users": {
			nil, // a blank row before the header
			{"Username", "Email", "Enabled", "Last Login", "Created", "Teams", "Administrator", "Private Display Name"},
			{"alice", "alice@corp.example", true, lastLogin, "2024-01-05", "Ops (lead)\nSupport", "Yes", "Alice"},
			nil,
			{"bob", nil, false, "Never", nil, nil, "No"},
		},
	})
}

func TestReadUserReportWorkbook(t *testing.T) {
	login := time.Date(2025, 10, 16, 14, 46, 25, 0, time.UTC)
	for _, in := range []Input{
		onDisk(t, "users.xlsx", reportWorkbook(t, login)),
		bytesInput("users.xlsx", reportWorkbook(t, login)),
	} {
		sink := newSink()
		res, err := ReadUserReport(in, sink)
		if err != nil {
			t.Fatal(err)
		}
		src := "source=" + in.Source
		sameLines(t, "users", sink.show(schema.Users), []string{
			`3 | ` + src + ` | origin=report | username=alice | private_display_name=Alice | email_address=alice@corp.example | enabled=true | last_authentication=2025-10-16T14:46:25Z | created_at=2024-01-05T00:00:00Z | is_admin=true`,
			`5 | ` + src + ` | origin=report | username=bob | enabled=false | is_admin=false`,
		})
		sameLines(t, "memberships", sink.show(schema.UserMemberships), []string{
			`3 | ` + src + ` | username=alice | kind=team | name=Ops | role=lead`,
			`3 | ` + src + ` | username=alice | kind=team | name=Support`,
		})
		sameLines(t, "capabilities", res.Capabilities, []string{"user.administrator", "user.created_at", "user.email",
			"user.enabled", "user.last_authentication", "user.teams", "users"})
		if res.Rows != 2 || res.Product != "rs" {
			t.Errorf("result = %+v", res)
		}
	}
}

func TestReadWorkbookErrors(t *testing.T) {
	tests := []struct {
		kind schema.Kind
		in   Input
		want string
	}{
		{schema.KindUserReport, onDisk(t, "users.xlsx", reportWorkbook(t, "13/45/2025")),
			`users.xlsx:3:4: found "13/45/2025", expected a date (RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or MM/DD/YYYY[ h:mm[:ss] AM|PM]) or Never`},
		{schema.KindRoster, onDisk(t, "people.xlsx", workbook(t, []string{"Notes", "Users"}, map[string][][]any{
			"Notes": {nil, {"Generated"}},
			"Users": {{"Username", "Teams"}, {"alice", "Ops"}},
		})),
			`people.xlsx:2: found no email column, expected a column named email, work_email, mail, Employee Email ID, userPrincipalName or upn`},
		{schema.KindUserReport, onDisk(t, "blank.xlsx", workbook(t, []string{"Sheet1"}, nil)),
			`blank.xlsx: found a workbook without rows, expected a sheet whose first row names the columns`},
		{schema.KindUserReport, onDisk(t, "stray.xlsx", workbook(t, []string{"Users"}, map[string][][]any{
			"Users": {{"Username", "Email"}, {"alice", "a@corp.example", nil, "stray"}},
		})),
			`stray.xlsx:2:4: found "stray" in a column without a header, expected a value only under a header`},
		{schema.KindUserReport, bytesInput("broken.xlsx", []byte("PK\x03\x04 not really a zip")),
			`broken.xlsx: found a workbook that cannot be read (zip: not a valid zip file), expected an .xlsx workbook`},
	}
	for _, tt := range tests {
		t.Run(tt.in.Path, func(t *testing.T) {
			_, err := Read(tt.kind, tt.in, newSink())
			if err == nil || err.Error() != tt.want {
				t.Errorf("error:\n got %v\nwant %s", err, tt.want)
			}
		})
	}
}

func rosterWorkbook(t testing.TB) []byte {
	return workbook(t, []string{"Export"}, map[string][][]any{
		"Export": {
			{"mail", "displayName", "accountEnabled", "employeeLeaveDateTime", "Employee Type"},
			{"Alice@Corp.Example", "Alice Adams", true, nil, "Regular"},
			{"bob@corp.example", "Bob Brown", false, time.Date(2025, 6, 30, 17, 0, 0, 0, time.UTC), "Contractor"},
			{"carol@corp.example", "Carol Cole", "Leave", nil, nil},
		},
	})
}

func TestReadRosterWorkbook(t *testing.T) {
	sink := newSink()
	res, err := ReadRoster(onDisk(t, "hr.xlsx", rosterWorkbook(t)), sink)
	if err != nil {
		t.Fatal(err)
	}
	sameLines(t, "roster", sink.show(schema.Roster), []string{
		`2 | email=alice@corp.example | name=Alice Adams | status=active | employee_type=Regular`,
		`3 | email=bob@corp.example | name=Bob Brown | status=terminated | employee_type=Contractor | termination_date=2025-06-30`,
		`4 | email=carol@corp.example | name=Carol Cole | status=leave`,
	})
	if res.Rows != 3 {
		t.Errorf("rows = %d", res.Rows)
	}
}

func TestDetectWorkbook(t *testing.T) {
	for _, tt := range []struct {
		name      string
		b         []byte
		want, cut schema.Kind
	}{
		{"export.xlsx", reportWorkbook(t, "2025-01-01"), schema.KindUserReport, schema.KindUnknown},
		{"users.xlsx", rosterWorkbook(t), schema.KindRoster, schema.KindUserReport},
		{"HR export.xlsx", reportWorkbook(t, "2025-01-01"), schema.KindUserReport, schema.KindRoster},
	} {
		k, err := DetectWorkbook(onDisk(t, tt.name, tt.b))
		if err != nil || k != tt.want {
			t.Errorf("DetectWorkbook(%s) = %q, %v; want %q", tt.name, k, err, tt.want)
		}
		// A small workbook fits in the head that Detect sees.
		if k := Detect(tt.name, tt.b); k != tt.want {
			t.Errorf("Detect(%s) = %q, want %q", tt.name, k, tt.want)
		}
		// A cut one does not: the name decides.
		if k := Detect(tt.name, tt.b[:200]); k != tt.cut {
			t.Errorf("Detect(%s, cut) = %q, want %q", tt.name, k, tt.cut)
		}
	}
	if _, err := DetectWorkbook(bytesInput("x.xlsx", bytes.Repeat([]byte("x"), 10))); err == nil {
		t.Error("no error for a file that is not a workbook")
	}
}
