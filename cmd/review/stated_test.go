package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// writeSource writes one report, as bytes, into a fresh source folder
// named rs-site, and returns the folder and a workbook path beside it.
func writeSource(t *testing.T, name string, data []byte) (dir, out string) {
	t.Helper()
	root := t.TempDir()
	dir = filepath.Join(root, "rs-site")
	os.MkdirAll(dir, 0o755)
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, filepath.Join(root, "findings.xlsx")
}

// sheetRows reads a sheet of a written workbook.
func sheetRows(t *testing.T, path, sheet string) [][]string {
	t.Helper()
	f := openWorkbook(t, path)
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// rowWith is the first row whose cell col is value, or nil.
func rowWith(rows [][]string, col int, value string) []string {
	for _, r := range rows {
		if col < len(r) && r[col] == value {
			return r
		}
	}
	return nil
}

// evidenceOf is the Evidence row of the input file whose path ends in name.
func evidenceOf(t *testing.T, out, name string) []string {
	t.Helper()
	for _, r := range sheetRows(t, out, "Evidence") {
		if len(r) > 2 && strings.HasSuffix(r[2], string(filepath.Separator)+name) {
			return r
		}
	}
	t.Fatalf("Evidence lists no %s", name)
	return nil
}

// Account rows: Username is column 4, Display Name 5, Days Since 14;
// Evidence rows: Encoding and Date Order are columns 9 and 10.
const (
	accUsername, accDisplayName, accDaysSince = 3, 4, 13
	evEncoding, evDateOrder                   = 8, 9
)

// A User Account Report Excel saved as plain "CSV" on Windows: without
// --encoding the run stops at the first byte that is not UTF-8, says it
// looks like Windows-1252 and how to read it, and writes nothing; with
// --encoding (for the run, or for the file by name) the name with é is
// right on the Accounts sheet and the Evidence sheet says how the file was
// read.
func TestWindows1252Report(t *testing.T) {
	t.Parallel()
	fixture, err := os.ReadFile("../../fixtures/rs-reports/rs-utf8/user-account-report.csv")
	if err != nil {
		t.Fatal(err)
	}
	utf8Text := strings.Replace(string(fixture), "Aaron Baker,Aaron", "Renée Baker,Renée", 1)
	legacy, err := charmap.Windows1252.NewEncoder().String(strings.ReplaceAll(utf8Text, "\n", "\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	dir, out := writeSource(t, "user-account-report.csv", []byte(legacy))
	args := []string{"run", "--quiet", "--as-of", "2025-11-22", "--out", out}

	code, msg := runCLI(t, append(args, dir)...)
	want := filepath.Join(dir, "user-account-report.csv") + `:3:16: found bytes that are not UTF-8 (0xE9), ` +
		`expected UTF-8 or UTF-16 text with a byte order mark; the file looks like Windows-1252, where the byte is "é": ` +
		`read it with --encoding user-account-report.csv=windows-1252 (or --encoding windows-1252 for every table file), or save it as UTF-8`
	if code != exitBadInput || strings.TrimSpace(msg) != "review: "+want {
		t.Errorf("exit %d, message\n %s\nwant exit %d and\n review: %s", code, msg, exitBadInput, want)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatalf("a workbook was written for a file that could not be read")
	}

	for _, flag := range []string{"windows-1252", "user-account-report.csv=windows-1252", filepath.Join(dir, "user-account-report.csv") + "=cp1252"} {
		t.Run(flag, func(t *testing.T) {
			os.Remove(out)
			if code, msg := runCLI(t, append(args, "--encoding", flag, dir)...); code != exitOK {
				t.Fatalf("exit %d: %s", code, msg)
			}
			acc := rowWith(sheetRows(t, out, "Accounts"), accUsername, "aaron.baker")
			if acc == nil || acc[accDisplayName] != "Renée Baker" {
				t.Errorf("Accounts row of aaron.baker = %q, want the display name Renée Baker", acc)
			}
			if ev := evidenceOf(t, out, "user-account-report.csv"); ev[evEncoding] != "windows-1252" || ev[evDateOrder] != "mdy" {
				t.Errorf("Evidence row %q, want encoding windows-1252 and date order mdy", ev)
			}
		})
	}
}

// The report of the issue: dates written day first. 01/09/2025 read month
// first would be 9 January (317 days before the as-of date, not 82) and
// 12/11/2025 a date in the future; so a month-first read stops at the
// first date that can only be day first, naming --date-order dmy, and
// with the flag the days since are right.
func TestDayFirstReport(t *testing.T) {
	t.Parallel()
	report := "Username,Public Display Name,Private Display Name,Email Address,Security Provider,Enabled,Last Authentication Date,Created\n" +
		"ann.lee,Ann Lee,Ann,ann.lee@corp.example,Corp AD,Yes,01/09/2025 10:00,02/01/2024 09:00\n" +
		"bo.chan,Bo Chan,Bo,bo.chan@corp.example,Corp AD,Yes,12/11/2025 16:45,02/01/2024 09:00\n" +
		"cy.diaz,Cy Diaz,Cy,cy.diaz@corp.example,Corp AD,Yes,25/03/2025 14:05,02/01/2024 09:00\n"
	dir, out := writeSource(t, "report.csv", []byte(report))
	args := []string{"run", "--quiet", "--as-of", "2025-11-22", "--out", out}

	code, msg := runCLI(t, append(args, dir)...)
	want := filepath.Join(dir, "report.csv") + `:4:7: found "25/03/2025 14:05", expected a month-first date MM/DD/YYYY, but 25 is not a month: ` +
		`if this file writes dates day first, read it with --date-order report.csv=dmy (or --date-order dmy for every table file)`
	if code != exitBadInput || strings.TrimSpace(msg) != "review: "+want {
		t.Errorf("exit %d, message\n %s\nwant exit %d and\n review: %s", code, msg, exitBadInput, want)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatalf("a workbook was written for a file that could not be read")
	}

	// Under --lenient the row is a bad row like any other, and its
	// problem still names the flag.
	if code, msg := runCLI(t, append(args, "--lenient", dir)...); code != exitOK {
		t.Fatalf("lenient: exit %d: %s", code, msg)
	}
	issues := sheetRows(t, out, "Ingest Issues")
	if len(issues) != 2 || issues[1][1] != "4" || issues[1][2] != "7" || !strings.Contains(issues[1][3], "read it with --date-order report.csv=dmy") {
		t.Errorf("Ingest Issues = %q", issues)
	}
	if ev := evidenceOf(t, out, "report.csv"); ev[5] != "3" || ev[6] != "1" {
		t.Errorf("Evidence row %q, want 3 rows read, 1 rejected", ev)
	}

	for _, flag := range []string{"dmy", "report.csv=dmy"} {
		t.Run(flag, func(t *testing.T) {
			os.Remove(out)
			if code, msg := runCLI(t, append(args, "--date-order", flag, dir)...); code != exitOK {
				t.Fatalf("exit %d: %s", code, msg)
			}
			accounts := sheetRows(t, out, "Accounts")
			for user, days := range map[string]string{"ann.lee": "82", "bo.chan": "10", "cy.diaz": "242"} {
				if acc := rowWith(accounts, accUsername, user); acc == nil || acc[accDaysSince] != days {
					t.Errorf("Accounts row of %s = %q, want %s days since", user, acc, days)
				}
			}
			if ev := evidenceOf(t, out, "report.csv"); ev[evEncoding] != "utf-8" || ev[evDateOrder] != "dmy" {
				t.Errorf("Evidence row %q, want encoding utf-8 and date order dmy", ev)
			}
		})
	}
}

// The flags' values are checked before anything is read.
func TestStatedUsageErrors(t *testing.T) {
	t.Parallel()
	src := "../../fixtures/rs-reports/rs-utf8"
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--encoding", "ebcdic"}, `--encoding "ebcdic": unknown encoding "ebcdic": expected one of windows-1252, cp1252, iso-8859-1, latin1, latin-1, utf-8, utf8, utf-16, utf-16le, utf-16be`},
		{[]string{"--encoding", "users.csv=klingon"}, `--encoding "users.csv=klingon": unknown encoding "klingon": expected one of windows-1252`},
		{[]string{"--encoding", "=latin1"}, `--encoding "=latin1": expected VALUE or NAME=VALUE`},
		{[]string{"--encoding", "latin1", "--encoding", "utf-8"}, `--encoding is given twice for every file (iso-8859-1 and utf-8)`},
		{[]string{"--date-order", "ymd"}, `--date-order "ymd": unknown date order "ymd": expected mdy (month first, 10/16/2025) or dmy (day first, 16/10/2025)`},
		{[]string{"--encoding", "users.csv=windows-1252"}, `--encoding users.csv=…: "users.csv" is none of the input files; name a file by its name or its path as given (files: user-account-report.csv)`},
		{[]string{"--date-order", "report.csv=dmy"}, `--date-order report.csv=…: "report.csv" is none of the table files`},
	}
	for _, tt := range tests {
		out := filepath.Join(t.TempDir(), "findings.xlsx")
		args := append(append([]string{"run", "--quiet", "--out", out}, tt.args...), src)
		code, msg := runCLI(t, args...)
		if code != exitBadInput || !strings.Contains(msg, tt.want) {
			t.Errorf("review %v: exit %d, message %q; want exit 2 with %q", tt.args, code, msg, tt.want)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("review %v wrote a workbook", tt.args)
		}
	}
}

// A Windows-1252 JSON export is the same error, naming its line and
// column. JSON comes from the API as UTF-8, so --encoding for every table
// file leaves it alone; named, it is read as stated.
func TestWindows1252JSON(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "pra-prod")
	copyTree(t, "../../fixtures/pra-json/pra-prod", dir, map[string]func(string) string{
		"user.json": replace(`"public_display_name": "PRA Administrator"`, "\"public_display_name\": \"PRA Administrat\xe9ur\""),
	})
	out := filepath.Join(t.TempDir(), "findings.xlsx")
	args := []string{"run", "--quiet", "--as-of", "2025-11-22", "--out", out}
	want := filepath.Join(dir, "user.json") + `:2:77: found bytes that are not UTF-8 (0xE9), expected UTF-8 or UTF-16 text with a byte order mark; ` +
		`the file looks like Windows-1252, where the byte is "é": read it with --encoding user.json=windows-1252`
	for _, extra := range [][]string{nil, {"--encoding", "windows-1252"}} {
		code, msg := runCLI(t, append(append(args, extra...), dir)...)
		if code != exitBadInput || !strings.HasPrefix(strings.TrimSpace(msg), "review: "+want) {
			t.Errorf("%v: exit %d, message\n %s\nwant exit %d and\n review: %s…", extra, code, msg, exitBadInput, want)
		}
	}
	if code, msg := runCLI(t, append(args, "--encoding", "user.json=windows-1252", dir)...); code != exitOK {
		t.Fatalf("exit %d: %s", code, msg)
	}
	if acc := rowWith(sheetRows(t, out, "Accounts"), accUsername, "pra.admin"); acc == nil || acc[accDisplayName] != "PRA Administratéur" {
		t.Errorf("Accounts row of pra.admin = %q", acc)
	}
	ev := evidenceOf(t, out, "user.json")
	if len(ev) <= evEncoding || ev[evEncoding] != "windows-1252" || len(ev) > evDateOrder && ev[evDateOrder] != "" {
		t.Errorf("Evidence row %q, want encoding windows-1252 and no date order", ev)
	}
	if ev := evidenceOf(t, out, "team.json"); len(ev) <= evEncoding || ev[evEncoding] != "utf-8" {
		t.Errorf("Evidence row %q, want encoding utf-8", ev)
	}
}
