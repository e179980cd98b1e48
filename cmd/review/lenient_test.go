package main

import (
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/schema"
)

// copyTree copies the files of a fixture folder into dir, applying the
// edit given for a file's path relative to the folder.
func copyTree(t *testing.T, from, dir string, edits map[string]func(string) string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		text := string(b)
		if edit, ok := edits[filepath.ToSlash(rel)]; ok {
			if text = edit(text); text == string(b) {
				t.Fatalf("edit of %s changed nothing", rel)
			}
		}
		out := filepath.Join(dir, rel)
		os.MkdirAll(filepath.Dir(out), 0o755)
		return os.WriteFile(out, []byte(text), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func replace(old, new string) func(string) string {
	return func(s string) string { return strings.Replace(s, old, new, 1) }
}

// The mixed fixture with one or two bad rows in each kind of file. With
// --lenient the run completes; every bad row is on the Ingest Issues sheet
// and in --issues; and per file, rows read = rows loaded + rows rejected.
func TestLenientListsEveryBadRow(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	copyTree(t, "../../fixtures/mixed", dir, map[string]func(string) string{
		"pra/user.json":                replace(`"ben.okafor@corp.example", "security_provider_id": 2, "enabled": true`, `"ben.okafor@corp.example", "security_provider_id": 2, "enabled": "maybe"`),
		"pra/group-policy-member.json": replace(`{"group_policy_id": 2, "id": 22,`, `{"group_policy_id": 2, "id": 21,`),
		"rs/user-account-report.csv": func(s string) string {
			return strings.Replace(s, "2025-11-21T16:02:00Z", "2025-13-45", 1) + "broken,row\n"
		},
		"roster.csv":   replace("Regular,active,,,IT\n", "Regular,active,soon,,IT\n"),
		"licenses.csv": replace("pra,named,8,", "pra,named,eight,"),
	})
	out := filepath.Join(dir, "findings.xlsx")
	issues := filepath.Join(dir, "issues.jsonl")
	dbPath := filepath.Join(dir, "review.duckdb")
	args := []string{"run", "--quiet", "--as-of", "2025-11-22", "--out", out, "--db", dbPath,
		"--roster", filepath.Join(dir, "roster.csv"), "--licenses", filepath.Join(dir, "licenses.csv"),
		filepath.Join(dir, "pra"), filepath.Join(dir, "rs")}

	// Strictly, the first bad row stops the run and nothing is written.
	if code, msg := runCLI(t, args...); code != exitBadInput {
		t.Fatalf("strict run exited %d (%s), want %d", code, msg, exitBadInput)
	}
	for _, p := range []string{out, dbPath} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Fatalf("strict run wrote %s", p)
		}
	}

	code, msg := runCLI(t, append([]string{"run", "--lenient", "--issues", issues}, args[1:]...)...)
	if code != exitOK {
		t.Fatalf("lenient run exited %d: %s", code, msg)
	}
	want := []string{ // file:line: problem, in file order
		"pra/group-policy-member.json:4: found id 21 of group_policy_id 2 again (first at line 3)",
		`pra/user.json:3: found the string "maybe" in field "enabled", expected true or false`,
		"rs/user-account-report.csv:3: found \"2025-13-45\"",
		"rs/user-account-report.csv:",
		"roster.csv:2: found \"soon\"",
		"licenses.csv:2: found \"eight\"",
	}
	var got []string
	b, err := os.ReadFile(issues)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var is struct {
			File, Problem, Raw string
			Line, Column       int64
		}
		if err := json.Unmarshal([]byte(line), &is); err != nil {
			t.Fatalf("issues line %q: %v", line, err)
		}
		if is.Raw == "" || is.Line < 1 {
			t.Errorf("issue without its raw row or line: %s", line)
		}
		rel, _ := filepath.Rel(dir, is.File)
		got = append(got, filepath.ToSlash(rel)+":"+itoa(is.Line)+": "+is.Problem)
	}
	if len(got) != len(want) {
		t.Fatalf("%d issues, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("issue %d: %q, want it to start %q", i, got[i], want[i])
		}
	}

	// The sheet lists the same rows.
	f := openWorkbook(t, out)
	rows, err := f.GetRows("Ingest Issues")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(want)+1 || strings.Join(rows[0], "|") != "File|Line|Column|Problem|Raw Row" {
		t.Fatalf("Ingest Issues sheet: %d rows, header %v", len(rows), rows[0])
	}

	checkPopulation(t, f)

	// The Summary says how many rows the totals leave out.
	summary, _ := f.GetRows("Summary")
	found := false
	for _, r := range summary {
		if len(r) > 1 && r[0] == "Input rows kept out (--lenient)" && r[1] == itoa(int64(len(want))) {
			found = true
		}
	}
	if !found {
		t.Errorf("the Summary does not say that %d rows were kept out", len(want))
	}

	// Every row read is loaded or listed, per file.
	db, err := sql.Open("duckdb", dbPath+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// A file's rows are in the raw tables; the parent ids of keyed exports
	// and the memberships a report line names are not rows of their own,
	// and a session report's rows read are its sessions (one sessions row
	// per representative, its events beside them).
	loaded := map[int64]int64{}
	for _, table := range schema.Tables {
		if table == schema.Parents || table == schema.UserMemberships || table == schema.SessionEvents {
			continue
		}
		count := "count(*)"
		if table == schema.Sessions {
			count = "count(DISTINCT lsid)"
		}
		r, err := db.Query("SELECT file_id, " + count + " FROM " + table.Name + " GROUP BY file_id")
		if err != nil {
			t.Fatal(err)
		}
		for r.Next() {
			var id, c int64
			r.Scan(&id, &c)
			loaded[id] += c
		}
		r.Close()
	}
	files, err := db.Query("SELECT file_id, path, rows_read, rows_rejected FROM input_files ORDER BY file_id")
	if err != nil {
		t.Fatal(err)
	}
	defer files.Close()
	var rejected int64
	for files.Next() {
		var id, read, rej int64
		var path string
		files.Scan(&id, &path, &read, &rej)
		if loaded[id]+rej != read {
			t.Errorf("%s: %d rows read, %d loaded + %d rejected", path, read, loaded[id], rej)
		}
		rejected += rej
	}
	if rejected != int64(len(want)) {
		t.Errorf("%d rows rejected in input_files, want %d", rejected, len(want))
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// checkPopulation checks the accounts-per-source table of the Evidence
// sheet against the rest of the workbook: rows read = loaded + rejected,
// read is the sum of the account files' rows read, and analysed is the
// source's rows on the Accounts sheet.
func checkPopulation(t *testing.T, f *excelize.File) {
	t.Helper()
	ev, _ := f.GetRows("Evidence")
	accounts, _ := f.GetRows("Accounts")
	perSource := map[string]int64{}
	for _, r := range accounts[1:] {
		perSource[r[0]]++
	}
	fileRows := map[string]int64{}
	var table, inputs int
	for i, r := range ev {
		switch {
		case len(r) > 4 && r[0] == "Source" && r[1] == "Account Rows Read":
			table = i
		case len(r) > 5 && r[0] == "Source" && r[1] == "Kind":
			inputs = i
		case inputs > 0 && len(r) > 5 && (r[1] == "user" || r[1] == "user-account-report" || r[1] == "vendor-user" || r[1] == "ps-user"):
			n, _ := strconv.ParseInt(r[5], 10, 64)
			fileRows[r[0]] += n
		}
	}
	if table == 0 || inputs < table {
		t.Fatalf("Evidence has no population table above the input files")
	}
	var rejected int64
	for _, r := range ev[table+1:] {
		if len(r) == 0 || r[0] == "" {
			break
		}
		var n [4]int64
		for i := range n {
			n[i], _ = strconv.ParseInt(r[i+1], 10, 64)
		}
		read, loaded, rej, analysed := n[0], n[1], n[2], n[3]
		if read != loaded+rej || read != fileRows[r[0]] || analysed != perSource[r[0]] || analysed == 0 {
			t.Errorf("%s: read %d, loaded %d, rejected %d, analysed %d; files' rows %d, Accounts rows %d",
				r[0], read, loaded, rej, analysed, fileRows[r[0]], perSource[r[0]])
		}
		rejected += rej
	}
	if rejected == 0 {
		t.Errorf("no account rows rejected, though user.json and the report each have a bad one")
	}
}
