package tabular

import (
	"testing"

	"github.com/review-tool/review/schema"
)

func TestReadRoster(t *testing.T) {
	tests := []struct {
		file    string
		rows    []string
		unknown []string
	}{
		{
			file: "roster.csv",
			rows: []string{
				`2 | email=alice@corp.example | employee_id=E1 | name=Alice Adams | status=active | employee_type=Regular | manager=bob@corp.example | department=IT`,
				`3 | email=bob@corp.example | employee_id=E2 | name=Bob Brown | status=terminated | employee_type=Contractor | termination_date=2025-03-31 | department=IT`,
				`4 | email=carol@corp.example | employee_id=E3 | name=Carol Cole | status=leave | employee_type=Employee | department=HR`,
				`5 | email=dave@corp.example | employee_id=E4 | name=Dave Dunn | status=terminated | employee_type=Vendor | termination_date=2025-03-15`,
				`6 | employee_id=E5 | name=Erin Eve | status=terminated | employee_type=System Account`,
			},
			unknown: []string{"Location"},
		},
		{
			// An IdP export: mail wins over userPrincipalName, which fills
			// in where mail is empty; accountEnabled is the status.
			file: "roster_idp.csv",
			rows: []string{
				`2 | email=alice.mail@corp.example | employee_id=1 | name=Alice Adams | status=active`,
				`3 | email=bob@corp.example | employee_id=2 | name=Bob Brown | status=terminated | termination_date=2025-06-30`,
			},
		},
	}
	for _, tt := range tests {
		for _, form := range forms {
			t.Run(tt.file+"/"+form.name, func(t *testing.T) {
				sink := newSink()
				res, err := Read(schema.KindRoster, input(t, tt.file, form.transform), sink)
				if err != nil {
					t.Fatal(err)
				}
				sameLines(t, "roster", sink.show(schema.Roster), tt.rows)
				sameLines(t, "unknown columns", res.UnknownColumns, tt.unknown)
				if res.Kind != schema.KindRoster || res.Rows != int64(len(tt.rows)) {
					t.Errorf("result = %+v", res)
				}
			})
		}
	}
}

func TestRosterStatus(t *testing.T) {
	for in, want := range map[string]string{
		"Active": "active", "TRUE": "active", "enabled": "active",
		"Leave": "leave", "On Leave": "leave",
		"Terminated": "terminated", "Inactive": "terminated", "disabled": "terminated", "false": "terminated",
		"retired": "",
	} {
		if got := rosterStatus(in); got != want {
			t.Errorf("rosterStatus(%q) = %q, want %q", in, got, want)
		}
	}
}
