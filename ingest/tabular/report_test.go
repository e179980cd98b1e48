package tabular

import (
	"strings"
	"testing"

	"github.com/review-tool/review/ingest/located"
	"github.com/review-tool/review/schema"
)

func TestReadUserReport(t *testing.T) {
	tests := []struct {
		file    string
		users   []string
		members []string
		caps    []string
		unknown []string
		product string
	}{
		{
			file: "report.csv",
			users: []string{
				`2 | source=pra-prod | origin=report | security_provider_name=Local | username=alice | public_display_name=Alice Adams | email_address=alice@corp.example | enabled=true | last_authentication=2025-10-16T14:46:00Z | created_at=2024-01-05T00:00:00Z | two_factor_required=true | fido2_credential_count=2 | is_admin=true | license_pool=Default | extra={"Notes":"says \"hi\""}`,
				`4 | source=pra-prod | origin=report | security_provider_name=Corp LDAP | username=bob | public_display_name=Bob Brown | enabled=false | created_at=2024-02-10T09:30:00Z | two_factor_required=false | fido2_credential_count=0 | is_admin=false | extra={"Notes":""}`,
				`5 | source=pra-prod | origin=report | security_provider_name=Corp LDAP | username=carol | public_display_name=Carol Cole | email_address=carol@corp.example | extra={"Notes":""}`,
				`6 | source=pra-prod | origin=report | username=dave | enabled=true | created_at=2025-03-01T00:00:00Z | extra={"Notes":""}`,
				`7 | source=pra-prod | origin=report | username=erin | enabled=true | last_authentication=2025-10-16T14:46:25Z | extra={"Notes":""}`,
			},
			members: []string{
				`2 | source=pra-prod | username=alice | security_provider_name=Local | kind=group-policy | name=Admins`,
				`2 | source=pra-prod | username=alice | security_provider_name=Local | kind=group-policy | name=Helpdesk`,
				`2 | source=pra-prod | username=alice | security_provider_name=Local | kind=team | name=Ops | role=lead`,
				`2 | source=pra-prod | username=alice | security_provider_name=Local | kind=team | name=Support`,
				`2 | source=pra-prod | username=alice | security_provider_name=Local | kind=jump-group | name=Servers`,
				`2 | source=pra-prod | username=alice | security_provider_name=Local | kind=jump-group | name=Workstations`,
				`2 | source=pra-prod | username=alice | security_provider_name=Local | kind=vault-account-group | name=Vault Admins`,
				`4 | source=pra-prod | username=bob | security_provider_name=Corp LDAP | kind=group-policy | name=Helpdesk`,
				`4 | source=pra-prod | username=bob | security_provider_name=Corp LDAP | kind=team | name=Support | role=member`,
				`5 | source=pra-prod | username=carol | security_provider_name=Corp LDAP | kind=team | name=Ops (EMEA)`,
			},
			caps: []string{"user.administrator", "user.created_at", "user.email", "user.enabled", "user.group_policies",
				"user.jump_groups", "user.last_authentication", "user.security_provider", "user.teams", "user.two_factor",
				"user.vault_account_groups", "users"},
			unknown: []string{"Notes"},
		},
		{
			file: "report_semicolon.csv",
			users: []string{
				`2 | source=pra-prod | origin=report | username=alice | private_display_name=Alice (private) | email_address=ALICE@corp.example | enabled=true | last_authentication=2025-10-16T14:46:00Z | two_factor_enabled=true`,
				`4 | source=pra-prod | origin=report | username=bob | enabled=false | two_factor_enabled=false`,
			},
			members: []string{
				`2 | source=pra-prod | username=alice | kind=team | name=Ops | role=lead`,
				`2 | source=pra-prod | username=alice | kind=team | name=Support`,
			},
			caps:    []string{"user.email", "user.enabled", "user.last_authentication", "user.teams", "user.two_factor", "users"},
			product: "rs",
		},
		{
			file: "report_tab.txt",
			users: []string{
				`2 | source=pra-prod | origin=report | security_provider_id=1 | username=alice | enabled=true | last_authentication=2025-10-16T14:46:25Z | account_expiration=2026-12-31T00:00:00Z | account_never_expires=false | fido2_credential_count=1 | fido2_last_used_date=2025-09-01T00:00:00Z | is_admin=true | perms={"perm_access_allowed":true,"perm_admin":true,"perm_session_control":"full"}`,
				`3 | source=pra-prod | origin=report | security_provider_id=2 | username=bob | enabled=false | account_never_expires=true | is_admin=false | perms={"perm_access_allowed":false,"perm_admin":false,"perm_session_control":null}`,
			},
			caps:    []string{"user.account_expiration", "user.administrator", "user.enabled", "user.last_authentication", "user.security_provider", "user.two_factor", "users"},
			product: "pra",
		},
		{
			file: "report_header_only.csv",
			caps: []string{"user.email", "user.last_authentication", "users"},
		},
	}
	for _, tt := range tests {
		for _, form := range forms {
			t.Run(tt.file+"/"+form.name, func(t *testing.T) {
				sink := newSink()
				res, err := Read(schema.KindUserReport, input(t, tt.file, form.transform), sink)
				if err != nil {
					t.Fatal(err)
				}
				sameLines(t, "users", sink.show(schema.Users), tt.users)
				sameLines(t, "memberships", sink.show(schema.UserMemberships), tt.members)
				sameLines(t, "capabilities", res.Capabilities, tt.caps)
				sameLines(t, "unknown columns", res.UnknownColumns, tt.unknown)
				if res.Kind != schema.KindUserReport || res.Rows != int64(len(tt.users)) || res.Product != tt.product {
					t.Errorf("result = %+v; want %d rows, product %q", res, len(tt.users), tt.product)
				}
			})
		}
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		kind schema.Kind
		in   Input
		want string
	}{
		{schema.KindUserReport, input(t, "report_bad_date.csv", nil),
			`report_bad_date.csv:4:6: found "02/30/2025", expected a date (RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or MM/DD/YYYY[ h:mm[:ss] AM|PM]) or Never`},
		{schema.KindUserReport, input(t, "report_bad_date.csv", func(b []byte) []byte { return utf16LE(crlf(b)) }),
			`report_bad_date.csv:4:6: found "02/30/2025", expected a date (RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or MM/DD/YYYY[ h:mm[:ss] AM|PM]) or Never`},
		{schema.KindUserReport, input(t, "report_bad_date.csv", utf16BE),
			`report_bad_date.csv:4:6: found "02/30/2025", expected a date (RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or MM/DD/YYYY[ h:mm[:ss] AM|PM]) or Never`},
		{schema.KindUserReport, input(t, "report_bad_date.csv", cr),
			`report_bad_date.csv:4:6: found "02/30/2025", expected a date (RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or MM/DD/YYYY[ h:mm[:ss] AM|PM]) or Never`},
		// The record starts on line 2; Enabled is on line 3, after the
		// line break inside the Teams cell.
		{schema.KindUserReport, input(t, "report_bad_bool.csv", nil),
			`report_bad_bool.csv:3:3: found "maybe", expected a boolean (yes/no, true/false, 1/0, y/n, enabled/disabled, x or empty)`},
		{schema.KindUserReport, input(t, "report_no_username.csv", nil),
			`report_no_username.csv:1: found no username column, expected a column named Username, User Name, Login or Last Authenticated As`},
		{schema.KindUserReport, input(t, "report_dup.csv", nil),
			`report_dup.csv:1:3: found a second column "E-mail" (column 2 is "Email"), expected each column once`},
		{schema.KindUserReport, input(t, "report_short.csv", nil),
			`report_short.csv:3: found 1 field, expected 2, one per header column`},
		{schema.KindUserReport, input(t, "report_quote.csv", nil),
			`report_quote.csv:2:3: found a " in an unquoted field, expected the field in quotes, with "" for each " inside it`},
		{schema.KindUserReport, input(t, "empty.csv", nil),
			`empty.csv: found an empty file, expected a header line naming the columns`},
		{schema.KindUserReport, bytesInput("blank.csv", []byte("\r\n\n")),
			`blank.csv: found an empty file, expected a header line naming the columns`},
		{schema.KindUserReport, bytesInput("no-name.csv", []byte("Username,Email\n,bob@corp.example\n")),
			`no-name.csv:2:1: found an empty username, expected a username on every row`},
		// Latin-1 é in a name.
		{schema.KindUserReport, bytesInput("latin1.csv", []byte("Username,Display Name\nalice,Alice\nrene,Ren\xe9\n")),
			`latin1.csv:3:9: found bytes that are not UTF-8 (0xE9), expected UTF-8 or UTF-16 text with a byte order mark` + looks1252("latin1.csv", "é")},
		{schema.KindUserReport, bytesInput("latin1-bom.csv", bom([]byte("Username,Display Name\nren\xe9,Ren\xe9\n"))),
			`latin1-bom.csv:2:4: found bytes that are not UTF-8 (0xE9), expected UTF-8 or UTF-16 text with a byte order mark`},
		{schema.KindUserReport, bytesInput("ids.csv", []byte("Username,security_provider_id,Status\nalice,0,Active\n")),
			`ids.csv:2:2: found "0", expected an id (a whole number ≥ 1)`},
		{schema.KindUserReport, bytesInput("status.csv", []byte("Username,Status\nalice,Locked\n")),
			`status.csv:2:2: found "Locked", expected a status (Enabled, Disabled, Active or Inactive)`},
		{schema.KindUserReport, bytesInput("fido.csv", []byte("Username,FIDO2 Credentials\nalice,two\n")),
			`fido.csv:2:2: found "two", expected a count (a whole number ≥ 0)`},
		{schema.KindRoster, input(t, "roster_bad_status.csv", nil),
			`roster_bad_status.csv:3:2: found "retired", expected a status: active, leave or terminated (or inactive, disabled, true, false)`},
		{schema.KindRoster, bytesInput("hr.csv", []byte("name,status\nAlice,active\n")),
			`hr.csv:1: found no email column, expected a column named email, work_email, mail, Employee Email ID, userPrincipalName or upn`},
		{schema.KindRoster, bytesInput("hr.csv", []byte("email,termination_date\na@corp.example,13/45/2025\n")),
			`hr.csv:2:2: found "13/45/2025", expected a date (RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or MM/DD/YYYY[ h:mm[:ss] AM|PM]) or Never`},
		{schema.KindLicenses, input(t, "licenses_bad_product.csv", nil),
			`licenses_bad_product.csv:3:1: found "bomgar", expected a product: pra, rs or password-safe`},
		{schema.KindLicenses, bytesInput("licenses.csv", []byte("product,seat_type,purchased\npra,named,\n")),
			`licenses.csv:2:3: found no purchased, expected a count (a whole number ≥ 0)`},
		{schema.KindLicenses, bytesInput("licenses.csv", []byte("product,seat_type,purchased,annual_cost_per_seat\npra,named,5,$100\n")),
			`licenses.csv:2:4: found "$100", expected a decimal amount ≥ 0 (e.g. 1200.50)`},
		{schema.KindLicenses, bytesInput("licenses.csv", []byte("product,seat_type,purchased,currency\npra,named,5,dollars\n")),
			`licenses.csv:2:4: found "dollars", expected a three-letter ISO 4217 currency code (e.g. USD)`},
		{schema.KindLicenses, bytesInput("licenses.csv", []byte("product,purchased\npra,5\n")),
			`licenses.csv:1: found no seat_type column, expected a column named seat_type`},
		{schema.KindLicenses, input(t, "licenses_bad_syntax.yaml", nil),
			`licenses_bad_syntax.yaml:3: found invalid YAML (could not find expected ':'), expected a list of license rows (product: …, seat_type: …, purchased: …), or licenses: holding one`},
		{schema.KindLicenses, input(t, "licenses_bad_value.yaml", nil),
			`licenses_bad_value.yaml:6:14: found "-3", expected a count (a whole number ≥ 0)`},
		{schema.KindLicenses, input(t, "licenses_missing.yaml", nil),
			`licenses_missing.yaml:2:5: found no seat_type, expected a seat type: named or concurrent`},
		{schema.KindLicenses, bytesInput("licenses.yaml", []byte("rule: stale-account\n")),
			`licenses.yaml:1:1: found a mapping, expected a list of license rows (product: …, seat_type: …, purchased: …), or licenses: holding one`},
		{schema.KindLicenses, bytesInput("licenses.yaml", []byte("- product: [pra, rs]\n  seat_type: named\n  purchased: 1\n")),
			`licenses.yaml:1:12: found a list, expected a product: pra, rs or password-safe`},
		{schema.KindLicenses, bytesInput("licenses.yaml", []byte("- product: pra\n  seat_type: named\n  purchased: 1\n  comment: caf\xe9\n")),
			`licenses.yaml:4:15: found bytes that are not UTF-8 (0xE9), expected UTF-8 or UTF-16 text with a byte order mark` + looks1252("licenses.yaml", "é")},
	}
	for _, tt := range tests {
		t.Run(tt.in.Path, func(t *testing.T) {
			_, err := Read(tt.kind, tt.in, newSink())
			if err == nil {
				t.Fatalf("no error; want %s", tt.want)
			}
			if _, ok := err.(*located.Error); !ok {
				t.Errorf("error is a %T, not a *located.Error", err)
			}
			if err.Error() != tt.want {
				t.Errorf("error:\n got %s\nwant %s", err, tt.want)
			}
		})
	}
}

// With BadRow set, bad rows are handed over, whole, and the rest is read.
func TestBadRow(t *testing.T) {
	in := bytesInput("report.csv", []byte("Username,Last Login,Teams\nalice,2025-01-01,Ops\nbob,soon,Ops\ncarol\ndave,,\"A\nB\"\n"))
	var bad []string
	in.BadRow = func(e *located.Error) error {
		bad = append(bad, e.Error()+" | raw: "+e.Raw)
		return nil
	}
	sink := newSink()
	res, err := ReadUserReport(in, sink)
	if err != nil {
		t.Fatal(err)
	}
	sameLines(t, "bad rows", bad, []string{
		`report.csv:3:2: found "soon", expected a date (RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or MM/DD/YYYY[ h:mm[:ss] AM|PM]) or Never | raw: bob,soon,Ops`,
		`report.csv:4: found 1 field, expected 3, one per header column | raw: carol`,
	})
	sameLines(t, "users", sink.show(schema.Users), []string{
		`2 | source=pra-prod | origin=report | username=alice | last_authentication=2025-01-01T00:00:00Z`,
		`5 | source=pra-prod | origin=report | username=dave`,
	})
	if res.Rows != 2 {
		t.Errorf("rows = %d, want 2", res.Rows)
	}
}

func TestTeamRole(t *testing.T) {
	for in, want := range map[string]string{
		"Ops (lead)":     "Ops/lead",
		"Ops (Manager)":  "Ops/manager",
		"Ops(member)":    "Ops/member",
		"Ops (EMEA)":     "Ops (EMEA)/<nil>",
		"(lead)":         "(lead)/<nil>",
		"Ops":            "Ops/<nil>",
		"A (b) (lead)":   "A (b)/lead",
		"Tier 2 (lead) ": "Tier 2 (lead) /<nil>",
	} {
		name, role := teamRole(in)
		got := name + "/"
		if role == nil {
			got += "<nil>"
		} else {
			got += role.(string)
		}
		if got != want {
			t.Errorf("teamRole(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestSniffComma(t *testing.T) {
	for in, want := range map[string]rune{
		"Username,Email\n":            ',',
		"Username;Email;Teams\n":      ';',
		"Username\tEmail\n":           '\t',
		"\"Last, First\";Email\n":     ';',
		"Username\n":                  ',',
		"\"a\nb;c;d\",e,f,g,h\ni;j;k": ',',
	} {
		if got := sniffComma([]byte(in)); got != want {
			t.Errorf("sniffComma(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAppendJSONString(t *testing.T) {
	got := string(appendJSONString(nil, "a\"b\\c\nd\te\x01é<"))
	if want := `"a\"b\\c\nd\te\u0001é<"`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if !strings.HasPrefix(string(appendJSONString([]byte("x"), "")), `x""`) {
		t.Error("empty string")
	}
}
