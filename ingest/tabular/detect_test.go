package tabular

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/review-tool/review/ingest/raw"
)

func TestDetect(t *testing.T) {
	file := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	tests := []struct {
		name string
		head []byte
		want raw.Kind
	}{
		// Content first.
		{"report.csv", file("report.csv"), raw.KindUserReport},
		{"export.csv", bom(crlf(file("report_semicolon.csv"))), raw.KindUserReport},
		{"Users.txt", utf16LE(crlf(file("report_tab.txt"))), raw.KindUserReport},
		{"people.csv", file("roster.csv"), raw.KindRoster},
		{"users.csv", file("roster_idp.csv"), raw.KindRoster}, // the content beats the name
		{"seats.csv", file("licenses.csv"), raw.KindLicenses},
		{"seats.yaml", file("licenses.yaml"), raw.KindLicenses},
		{"seats.yml", file("licenses_map.yml"), raw.KindLicenses},
		{"x.csv", []byte("Username,Email,Status\nalice,a@corp.example,Active\n"), raw.KindUserReport},
		{"x.csv", []byte("Email,Status\na@corp.example,Active\n"), raw.KindRoster},
		{"x.csv", []byte("Username,Email,Employee ID,Department,Termination Date\n"), raw.KindRoster},
		{"x.csv", []byte("Username,Email,Department,Last Login,Group Policies\n"), raw.KindUserReport},
		{"x.csv", []byte("Login;Teams\n"), raw.KindUserReport},
		// Old Mac line ends: the header is the first line, not the head.
		{"x.csv", cr(file("roster.csv")), raw.KindRoster},
		{"x.csv", []byte("Email,Status\ra@corp.example,Active\r"), raw.KindRoster},
		{"x.csv", utf16BE(cr(file("licenses.csv"))), raw.KindLicenses},
		// A bad byte after the header, or a rune cut at the end of the
		// head, does not hide the header; the reader reports the byte.
		{"x.csv", []byte("Username,Display Name\nren\xe9,Ren\xe9\n"), raw.KindUserReport},
		{"x.csv", []byte("Username,Display Name\nRen\xc3"), raw.KindUserReport},
		// Tables of nothing we read.
		{"notes.csv", []byte("a,b\n1,2\n"), raw.KindUnknown},
		{"users.csv", []byte("Name,Notes\n"), raw.KindUnknown},
		{"exceptions.yaml", []byte("- rule: stale-account\n  entity: svc-*\n"), raw.KindUnknown},
		{"users.csv", []byte(`[{"username": "a", "security_provider_id": 1}]`), raw.KindUnknown},
		{"user.json", []byte(`[{"username": "a"}]`), raw.KindUnknown},
		// The name decides only when the content cannot.
		{"users.csv", nil, raw.KindUserReport},
		{"hr_roster.csv", nil, raw.KindRoster},
		{"data.csv", nil, raw.KindUnknown},
		{"licenses.yaml", file("licenses_bad_syntax.yaml"), raw.KindLicenses},
		{"licenses.yaml", []byte("licenses: []\n"), raw.KindLicenses},
		{"seats.yaml", []byte("[]\n"), raw.KindUnknown},
		{"Licences 2025.csv", []byte{0xFE, 0xFF, 0x00}, raw.KindLicenses},
	}
	for _, tt := range tests {
		if got := Detect(tt.name, tt.head); got != tt.want {
			t.Errorf("Detect(%q, %.40q) = %q, want %q", tt.name, tt.head, got, tt.want)
		}
	}
}

func TestKindFromName(t *testing.T) {
	for name, want := range map[string]raw.Kind{
		"exports/pra-prod/User Account Report.xlsx": raw.KindUserReport,
		"users.csv":          raw.KindUserReport,
		"accounts.tsv":       raw.KindUserReport,
		"HR-export.xlsx":     raw.KindRoster,
		"workday_people.csv": raw.KindRoster,
		"roster.txt":         raw.KindRoster,
		"licenses.csv":       raw.KindLicenses,
		"licence.yml":        raw.KindLicenses,
		"user.json":          raw.KindUnknown,
		"threats.csv":        raw.KindUnknown, // not "hr"
		"exceptions.yaml":    raw.KindUnknown,
	} {
		if got := kindFromName(name); got != want {
			t.Errorf("kindFromName(%q) = %q, want %q", name, got, want)
		}
	}
}
