package tabular

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/review-tool/review/schema"
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
		want schema.Kind
	}{
		// Content first.
		{"report.csv", file("report.csv"), schema.KindUserReport},
		{"export.csv", bom(crlf(file("report_semicolon.csv"))), schema.KindUserReport},
		{"Users.txt", utf16LE(crlf(file("report_tab.txt"))), schema.KindUserReport},
		{"people.csv", file("roster.csv"), schema.KindRoster},
		{"users.csv", file("roster_idp.csv"), schema.KindRoster}, // the content beats the name
		{"seats.csv", file("licenses.csv"), schema.KindLicenses},
		{"seats.yaml", file("licenses.yaml"), schema.KindLicenses},
		{"seats.yml", file("licenses_map.yml"), schema.KindLicenses},
		{"x.csv", []byte("Username,Email,Status\nalice,a@corp.example,Active\n"), schema.KindUserReport},
		{"x.csv", []byte("Email,Status\na@corp.example,Active\n"), schema.KindRoster},
		{"x.csv", []byte("Username,Email,Employee ID,Department,Termination Date\n"), schema.KindRoster},
		{"x.csv", []byte("Username,Email,Department,Last Login,Group Policies\n"), schema.KindUserReport},
		{"x.csv", []byte("Login;Teams\n"), schema.KindUserReport},
		// Old Mac line ends: the header is the first line, not the head.
		{"x.csv", cr(file("roster.csv")), schema.KindRoster},
		{"x.csv", []byte("Email,Status\ra@corp.example,Active\r"), schema.KindRoster},
		{"x.csv", utf16BE(cr(file("licenses.csv"))), schema.KindLicenses},
		// A bad byte after the header, or a rune cut at the end of the
		// head, does not hide the header; the reader reports the byte.
		{"x.csv", []byte("Username,Display Name\nren\xe9,Ren\xe9\n"), schema.KindUserReport},
		{"x.csv", []byte("Username,Display Name\nRen\xc3"), schema.KindUserReport},
		// Tables of nothing we read.
		{"notes.csv", []byte("a,b\n1,2\n"), schema.KindUnknown},
		{"users.csv", []byte("Name,Notes\n"), schema.KindUnknown},
		{"exceptions.yaml", []byte("- rule: stale-account\n  entity: svc-*\n"), schema.KindUnknown},
		{"users.csv", []byte(`[{"username": "a", "security_provider_id": 1}]`), schema.KindUnknown},
		{"user.json", []byte(`[{"username": "a"}]`), schema.KindUnknown},
		// The name decides only when the content cannot.
		{"users.csv", nil, schema.KindUserReport},
		{"hr_roster.csv", nil, schema.KindRoster},
		{"data.csv", nil, schema.KindUnknown},
		{"licenses.yaml", file("licenses_bad_syntax.yaml"), schema.KindLicenses},
		{"licenses.yaml", []byte("licenses: []\n"), schema.KindLicenses},
		{"seats.yaml", []byte("[]\n"), schema.KindUnknown},
		{"Licences 2025.csv", []byte{0xFE, 0xFF, 0x00}, schema.KindLicenses},
	}
	for _, tt := range tests {
		if got := Detect(tt.name, tt.head); got != tt.want {
			t.Errorf("Detect(%q, %.40q) = %q, want %q", tt.name, tt.head, got, tt.want)
		}
	}
}

func TestKindFromName(t *testing.T) {
	for name, want := range map[string]schema.Kind{
		"exports/pra-prod/User Account Report.xlsx": schema.KindUserReport,
		"users.csv":          schema.KindUserReport,
		"accounts.tsv":       schema.KindUserReport,
		"HR-export.xlsx":     schema.KindRoster,
		"workday_people.csv": schema.KindRoster,
		"roster.txt":         schema.KindRoster,
		"licenses.csv":       schema.KindLicenses,
		"licence.yml":        schema.KindLicenses,
		"user.json":          schema.KindUnknown,
		"threats.csv":        schema.KindUnknown, // not "hr"
		"exceptions.yaml":    schema.KindUnknown,
	} {
		if got := kindFromName(name); got != want {
			t.Errorf("kindFromName(%q) = %q, want %q", name, got, want)
		}
	}
}
