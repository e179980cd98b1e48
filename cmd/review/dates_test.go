package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// evidenceWarnings are the rows under the Evidence sheet's Warnings header.
func evidenceWarnings(t *testing.T, out string) []string {
	t.Helper()
	rows := sheetRows(t, out, "Evidence")
	for i, r := range rows {
		if len(r) == 1 && r[0] == "Warnings" {
			var out []string
			for _, w := range rows[i+1:] {
				if len(w) > 0 {
					out = append(out, w[0])
				}
			}
			return out
		}
	}
	return nil
}

// consoleWarnings are the warnings a run wrote to standard error, without
// the ones about rules that could not run.
func consoleWarnings(msg string) []string {
	var out []string
	for _, line := range strings.Split(msg, "\n") {
		if w, ok := strings.CutPrefix(line, "review: warning: "); ok && !strings.Contains(w, "did not run") {
			out = append(out, w)
		}
	}
	return out
}

// A report whose every day is 12 or less is read month first, as
// BeyondTrust writes, but not without a word: each such column is named on
// the console and the Evidence sheet with the flag that reads it day
// first. Read month first, 12/11/2025 is 11 December, after the as-of
// date: that too is a warning (counted, with its file:line and, since the
// file's dates were ambiguous, the flag), the date is kept and Days Since
// is left blank, never negative. With --date-order report.csv=dmy there
// is nothing to say and the days are right.
func TestAmbiguousAndFutureDates(t *testing.T) {
	t.Parallel()
	report := "Username,Email Address,Enabled,Last Authentication Date,Created\n" +
		"ann.lee,ann.lee@corp.example,Yes,01/09/2025 10:00,02/01/2024 09:00\n" +
		"bo.chan,bo.chan@corp.example,Yes,12/11/2025 16:45,02/01/2024 09:00\n" +
		"cy.diaz,cy.diaz@corp.example,Yes,12/05/2025 08:00,03/01/2024 09:00\n"
	dir, out := writeSource(t, "report.csv", []byte(report))
	path := filepath.Join(dir, "report.csv")
	args := []string{"run", "--quiet", "--as-of", "2025-11-22", "--product", "rs-site=rs", "--out", out}

	code, msg := runCLI(t, append(args, dir)...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, msg)
	}
	want := []string{
		path + " column Last Authentication Date: every date could be read either way; read month-first (MM/DD/YYYY); if the file writes day first, use --date-order report.csv=dmy",
		path + " column Created: every date could be read either way; read month-first (MM/DD/YYYY); if the file writes day first, use --date-order report.csv=dmy",
		path + ": 2 last authentication dates after the as-of date 2025-11-22, the first at " + path + ":3 (2025-12-11): " +
			"a last authentication cannot be later than the review's date; Days Since is left blank for them, never negative. " +
			"Every date of the file could be read either way and was read month first: if it writes day first, read it with --date-order report.csv=dmy; else check the export and --as-of",
	}
	if got := consoleWarnings(msg); !slices.Equal(got, want) {
		t.Errorf("console warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := evidenceWarnings(t, out); !slices.Equal(got, want) {
		t.Errorf("Evidence warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	accounts := sheetRows(t, out, "Accounts")
	daysSince := slices.Index(accounts[0], "Days Since")
	lastAuth := slices.Index(accounts[0], "Last Authentication (UTC)")
	for user, days := range map[string]string{"ann.lee": "317", "bo.chan": "", "cy.diaz": ""} {
		acc := rowWith(accounts, accUsername, user)
		if acc == nil || cellOf(acc, daysSince) != days || cellOf(acc, lastAuth) == "" {
			t.Errorf("Accounts row of %s = %q, want its last authentication kept and Days Since %q", user, acc, days)
		}
	}

	os.Remove(out)
	code, msg = runCLI(t, append(args, "--date-order", "report.csv=dmy", dir)...)
	if code != exitOK {
		t.Fatalf("dmy: exit %d: %s", code, msg)
	}
	if got := consoleWarnings(msg); len(got) != 0 {
		t.Errorf("dmy: warnings %q, want none", got)
	}
	accounts = sheetRows(t, out, "Accounts")
	for user, days := range map[string]string{"ann.lee": "82", "bo.chan": "10", "cy.diaz": "194"} {
		if acc := rowWith(accounts, accUsername, user); acc == nil || cellOf(acc, daysSince) != days {
			t.Errorf("dmy: Accounts row of %s = %q, want %s days since", user, acc, days)
		}
	}
}

// cellOf is cell i of row, "" past its end (GetRows trims empty cells).
func cellOf(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}

// A roster is read like a report: a Termination Date column of dates all
// 12 or less is named, on the console and on Evidence.
func TestAmbiguousRosterDates(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	roster := filepath.Join(dir, "hr.csv")
	os.WriteFile(roster, []byte("email,status,Termination Date\n"+
		"grace.liu@corp.example,terminated,03/04/2025\n"+
		"aaron.baker@corp.example,active,\n"), 0o644)
	out := filepath.Join(dir, "findings.xlsx")
	code, msg := runCLI(t, "run", "--quiet", "--as-of", "2025-11-22", "--out", out, "--roster", roster, "../../fixtures/rs-reports/rs-utf8")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, msg)
	}
	want := []string{roster + " column Termination Date: every date could be read either way; read month-first (MM/DD/YYYY); if the file writes day first, use --date-order hr.csv=dmy"}
	if got := consoleWarnings(msg); !slices.Equal(got, want) {
		t.Errorf("console warnings %q, want %q", got, want)
	}
	if got := evidenceWarnings(t, out); !slices.Equal(got, want) {
		t.Errorf("Evidence warnings %q, want %q", got, want)
	}
}

// Configuration API dates are RFC 3339, never ambiguous, but a last
// authentication after the as-of date is still counted and warned of, with
// its file:line and without --date-order, which JSON does not take.
func TestFutureLastAuthenticationJSON(t *testing.T) {
	t.Parallel()
	users := `[
  {"id": 1, "username": "anna", "enabled": true, "last_authentication": "2025-11-21T09:02:13+00:00"},
  {"id": 2, "username": "ben", "enabled": true, "last_authentication": "2025-12-01T09:00:00+00:00"},
  {"id": 3, "username": "cleo", "enabled": true, "last_authentication": "2026-01-05T09:00:00Z"}
]
`
	dir, out := writeSource(t, "user.json", []byte(users))
	path := filepath.Join(dir, "user.json")
	code, msg := runCLI(t, "run", "--quiet", "--as-of", "2025-11-22", "--product", "rs-site=pra", "--out", out, dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, msg)
	}
	want := []string{path + ": 2 last authentication dates after the as-of date 2025-11-22, the first at " + path + ":3 (2025-12-01): " +
		"a last authentication cannot be later than the review's date; Days Since is left blank for them, never negative. Check the export and --as-of"}
	if got := consoleWarnings(msg); !slices.Equal(got, want) {
		t.Errorf("console warnings:\n%q\nwant:\n%q", got, want)
	}
	if got := evidenceWarnings(t, out); !slices.Equal(got, want) {
		t.Errorf("Evidence warnings:\n%q\nwant:\n%q", got, want)
	}
}

// A session report newer than the as-of date (a review run with an as-of
// date before the export) is warned of, per report, as a last
// authentication after it is: the offboarding rules would count sessions
// the review's date has not reached.
func TestFutureSessionStarts(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "findings.xlsx")
	code, msg := runCLI(t, "run", "--quiet", "--as-of", "2025-10-16", "--out", out, "../../fixtures/mixed/pra", "../../fixtures/mixed/rs")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, msg)
	}
	report := "../../fixtures/mixed/rs/support-session.xml"
	want := report + ": 2 session start dates after the as-of date 2025-10-16, the first at " + report + ":3 (2025-11-18): " +
		"a session start cannot be later than the review's date; the sessions are kept and counted as read. Check the export and --as-of"
	if got := consoleWarnings(msg); !slices.Contains(got, want) {
		t.Errorf("console warnings:\n%s\nwant among them:\n%s", strings.Join(got, "\n"), want)
	}
	if got := evidenceWarnings(t, out); !slices.Contains(got, want) {
		t.Errorf("Evidence warnings %q, want %q among them", got, want)
	}
}
