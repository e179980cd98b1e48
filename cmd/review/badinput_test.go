package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// copyFixture copies one file of a fixture into a fresh source folder,
// applying edit to its text.
func copyFixture(t *testing.T, from, name string, edit func(string) string) string {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "rs-bad")
	os.MkdirAll(dir, 0o755)
	if err := os.WriteFile(filepath.Join(dir, name), []byte(edit(string(b))), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestBadInputStopsWithPlaceAndWritesNothing(t *testing.T) {
	t.Parallel()
	report := "../../fixtures/rs-reports/rs-utf8/user-account-report.csv"
	tests := []struct {
		name  string
		file  string
		src   string
		edit  func(string) string
		wants []string
	}{
		{
			name: "impossible date on line 4",
			file: "report.csv", src: report,
			edit: func(s string) string {
				lines := strings.Split(s, "\n")
				lines[3] = strings.Replace(lines[3], "11/20/2025 9:13 AM", "02/30/2025 9:13 AM", 1)
				return strings.Join(lines, "\n")
			},
			wants: []string{"report.csv:4:7: found \"02/30/2025 9:13 AM\"", "expected a date"},
		},
		{
			name: "truncated JSON",
			file: "user.json", src: "../../fixtures/pra-json/pra-prod/user.json",
			edit:  func(s string) string { return s[:len(s)/2] },
			wants: []string{"user.json:", "the file looks truncated"},
		},
		{
			name: "invalid UTF-8 in a report",
			file: "report.csv", src: report,
			edit:  func(s string) string { return strings.Replace(s, "Aaron Baker", "Aaron \xff\xfeBaker", 1) },
			wants: []string{"report.csv:3:", "UTF-8"},
		},
		{
			name: "NUL byte in a report",
			file: "report.csv", src: report,
			edit:  func(s string) string { return strings.Replace(s, "Aaron Baker", "Aaron\x00Baker", 1) },
			wants: []string{"report.csv:3:", "NUL"},
		},
		{
			name: "duplicate header",
			file: "report.csv", src: report,
			edit:  func(s string) string { return strings.Replace(s, "Teams\n", "Username\n", 1) },
			wants: []string{"report.csv:1:", "Username"},
		},
		{
			name: "NaN in JSON",
			file: "user.json", src: "../../fixtures/pra-json/pra-prod/user.json",
			edit:  func(s string) string { return strings.Replace(s, `"id": 1,`, `"id": NaN,`, 1) },
			wants: []string{"user.json:2:", "NaN"},
		},
		{
			name: "control character in a JSON string",
			file: "user.json", src: "../../fixtures/pra-json/pra-prod/user.json",
			edit: func(s string) string {
				return strings.Replace(s, `"username": "pra.admin"`, `"username": "pra\u0000admin"`, 1)
			},
			// A username is a name: no control character at all (cells.IdentityControl).
			wants: []string{"user.json:2:", `"pra\x00admin" (U+0000 at character 4) in field "username", expected a name without control characters`},
		},
		{
			name: "control character in a report cell",
			file: "report.csv", src: report,
			edit:  func(s string) string { return strings.Replace(s, "Aaron Baker", "Aaron\x01Baker", 1) },
			wants: []string{"report.csv:3:2:", `"Aaron\x01Baker" (U+0001 at character 6), expected a name without control characters`},
		},
		{
			name: "id past int64",
			file: "user.json", src: "../../fixtures/pra-json/pra-prod/user.json",
			edit:  func(s string) string { return strings.Replace(s, `"id": 1,`, `"id": 92233720368547758070,`, 1) },
			wants: []string{"user.json:2:", "expected an integer id ≥ 1"},
		},
		{
			name: "trailing data after the JSON",
			file: "user.json", src: "../../fixtures/pra-json/pra-prod/user.json",
			edit:  func(s string) string { return s + "\n{\"more\": 1}\n" },
			wants: []string{"user.json:"},
		},
		{
			name: "the same id twice in a file",
			file: "user.json", src: "../../fixtures/pra-json/pra-prod/user.json",
			edit:  func(s string) string { return strings.Replace(s, `"id": 2,`, `"id": 1,`, 1) },
			wants: []string{"user.json:3:", "id 1 again (first at line 2)"},
		},
		{
			name: "empty file",
			file: "user.json", src: "../../fixtures/pra-json/pra-prod/user.json",
			edit:  func(string) string { return "" },
			wants: []string{"user.json: found an empty file"},
		},
		{
			name: "file recognised as nothing",
			file: "notes.json", src: "../../fixtures/pra-json/pra-prod/user.json",
			edit:  func(string) string { return `{"hello": "world"}` },
			wants: []string{"notes.json: recognised as nothing: looked for"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := copyFixture(t, tt.src, tt.file, tt.edit)
			out := filepath.Join(t.TempDir(), "findings.xlsx")
			code, msg := runCLI(t, "run", "--quiet", "--as-of", "2025-11-22", "--product", "rs-bad=rs", "--out", out, dir)
			if code != exitBadInput {
				t.Errorf("exit code %d, want %d (message %q)", code, exitBadInput, msg)
			}
			for _, w := range tt.wants {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q does not contain %q", msg, w)
				}
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("a workbook was written despite the bad input")
			}
		})
	}
}

func TestUsageErrors(t *testing.T) {
	t.Parallel()
	src := "../../fixtures/pra-json/pra-prod"
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"run", "--quiet"}, "no SOURCE given"},
		{[]string{"run", "--quiet", "--as-of", "22/11/2025", src}, `--as-of "22/11/2025": expected a date YYYY-MM-DD`},
		{[]string{"run", "--quiet", "--param", "stale_dayz=3", src}, `unknown parameter "stale_dayz"`},
		{[]string{"run", "--quiet", "--param", "stale_days=soon", src}, "parameter stale_days: got soon, expected a number"},
		{[]string{"run", "--quiet", "--severity", "stale-account=urgent", src}, "expected high, medium or low"},
		{[]string{"run", "--quiet", "--out", src + "/user.json", src}, "--out " + src + "/user.json is inside the source " + src + ", an input folder"},
		{[]string{"run", "--quiet", "does/not/exist"}, "does/not/exist"},
		{[]string{"run", "--quiet", "--json", "-", "--csv", "-", src}, "more than one output is -"},
		{[]string{"run", "--quiet", "--issues", "x.jsonl", src}, "--issues lists the rows --lenient keeps out: give --lenient too"},
	}
	for _, tt := range tests {
		code, msg := runCLI(t, tt.args...)
		if code != exitBadInput || !strings.Contains(msg, tt.want) {
			t.Errorf("review %v: exit %d, message %q; want exit 2 with %q", tt.args, code, msg, tt.want)
		}
	}
}

// An output that is an input under another name (a symbolic link to the
// roster, a link to a source folder) is refused too, and the input is left
// as it was.
func TestOutputThroughALinkToAnInputIsRefused(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	roster := filepath.Join(dir, "roster.csv")
	copyTree(t, "../../fixtures/mixed", dir, nil)
	before, _ := os.ReadFile(roster)
	if err := os.Symlink(roster, filepath.Join(dir, "out.xlsx")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	os.Symlink(filepath.Join(dir, "pra"), filepath.Join(dir, "pra-link"))
	for out, want := range map[string]string{
		filepath.Join(dir, "out.xlsx"):                  "names --roster " + roster + ", an input",
		filepath.Join(dir, "pra-link", "findings.xlsx"): "is inside the source " + filepath.Join(dir, "pra") + ", an input folder",
	} {
		code, msg := runCLI(t, "run", "--quiet", "--roster", roster, "--out", out, filepath.Join(dir, "pra"))
		if code != exitBadInput || !strings.Contains(msg, "--out "+out+" "+want) {
			t.Errorf("--out %s: exit %d, message %q; want %q", out, code, msg, want)
		}
	}
	if after, _ := os.ReadFile(roster); string(after) != string(before) {
		t.Errorf("the roster was changed")
	}
}

func TestSandboxedCustomRuleIsRejected(t *testing.T) {
	t.Parallel()
	calls := map[string]string{
		"http.send":          `http.send({"method": "GET", "url": "http://example.com"})`,
		"net.lookup_ip_addr": `net.lookup_ip_addr("example.com")`,
		"opa.runtime":        `opa.runtime().env.HOME`,
		"rand.intn":          `rand.intn("x", 10) > 5`,
		"json.match_schema":  `json.match_schema({}, {"$ref": "file:///etc/passwd"})`,
	}
	for builtin, call := range calls {
		t.Run(builtin, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			rule := `# METADATA
# title: Reaches out
# description: Sends data out.
# custom:
#   id: reach-out
#   family: account-hygiene
#   severity: low
#   remediation: none
#   input: account
package review.rules.reach_out

finding := {"detail": "x", "evidence": {}} if {
	` + call + `
}
`
			os.WriteFile(filepath.Join(dir, "reach.rego"), []byte(rule), 0o644)
			out := filepath.Join(dir, "x.xlsx")
			code, msg := runCLI(t, "run", "--quiet", "--rules", dir, "--out", out, "../../fixtures/pra-json/pra-prod")
			if code != exitBadInput || !strings.Contains(msg, "reach.rego:13: rule calls "+builtin+", which is not allowed") {
				t.Errorf("exit %d, message %q", code, msg)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("a workbook was written")
			}
		})
	}
}

// A rule that would run for minutes on one account is stopped at
// --rule-timeout, named with the entity it was on; nothing is written.
func TestRuleTimeoutStopsALoopingRule(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	rule := `# METADATA
# title: Slow
# description: Loops for a long time.
# custom:
#   id: slow-rule
#   family: account-hygiene
#   severity: low
#   remediation: none
#   input: account
package review.rules.slow_rule

finding := {"detail": "x", "evidence": {}} if {
	input.enabled
	some i in numbers.range(1, 100000)
	some j in numbers.range(1, 100000)
	i * j == count(input.username) - 1000
}
`
	os.WriteFile(filepath.Join(dir, "slow.rego"), []byte(rule), 0o644)
	for _, tt := range []struct {
		flags []string
		want  string
	}{
		{nil, "slow.rego: rule slow-rule ran longer than --rule-timeout 300ms while its SQL prefilter was derived"},
		{[]string{"--no-prefilter"}, "slow.rego: rule slow-rule ran longer than --rule-timeout 300ms on account "},
	} {
		out := filepath.Join(dir, "x.xlsx")
		start := time.Now()
		args := append([]string{"run", "--quiet", "--rule-timeout", "300ms", "--rules", dir, "--out", out}, tt.flags...)
		code, msg := runCLI(t, append(args, "../../fixtures/pra-json/pra-prod")...)
		if code != exitBadInput || !strings.Contains(msg, tt.want) {
			t.Errorf("%v: exit %d, message %q", tt.flags, code, msg)
		}
		if took := time.Since(start); took > 30*time.Second {
			t.Errorf("%v: stopped after %s", tt.flags, took)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("%v: a workbook was written", tt.flags)
		}
	}
}

// The same user exported in two files of a source: an error naming the
// later file (in path order) and line and the first, whether the two agree
// or not.
func TestSameIDInTwoFiles(t *testing.T) {
	t.Parallel()
	users := "../../fixtures/pra-json/pra-prod/user.json"
	b, err := os.ReadFile(users)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, second, want string
	}{
		{"same content", string(b), "/user.json:2: found user id 1 again, with the same content (first in "},
		{"other content", strings.Replace(string(b), `"Built-in local administrator"`, `"changed"`, 1),
			"/user.json:2: found user id 1 again, with other content (first in "},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(t.TempDir(), "pra-prod")
			copyTree(t, "../../fixtures/pra-json/pra-prod", dir, nil)
			os.WriteFile(filepath.Join(dir, "user-page2.json"), []byte(tt.second), 0o644)
			out := filepath.Join(t.TempDir(), "x.xlsx")
			code, msg := runCLI(t, "run", "--quiet", "--as-of", "2025-11-22", "--out", out, dir)
			if code != exitBadInput || !strings.Contains(msg, tt.want) || !strings.Contains(msg, "user-page2.json at line 2)") {
				t.Errorf("exit %d, message %q", code, msg)
			}
		})
	}
}

// The Jump Item types share one table, and their ids are each type's own:
// a second page of Shell Jump Items whose id a Remote RDP item also has
// loads, while an id twice in one type's pages is the error above.
func TestJumpItemIDsPerType(t *testing.T) {
	t.Parallel()
	item := func(id int) string {
		return fmt.Sprintf(`[{"id": %d, "name": "lab-sw0%d", "jumpoint_id": 2, "hostname": "lab-sw0%d", "protocol": "ssh", "port": 22, "jump_group_id": 4, "jump_group_type": "shared", "terminal": "xterm", "keep_alive": 0, "tag": "", "comments": "", "jump_policy_id": null, "username": "netops", "session_policy_id": 2}]`, id, id, id)
	}
	for _, tt := range []struct {
		name string
		id   int
		want string
	}{
		{"another type's id", 3, ""}, // frank-lab is Remote RDP id 3
		{"its own type's id", 2, "/shell-jump.json:3: found shell-jump id 2 again, with other content (first in "},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(t.TempDir(), "pra-jump")
			copyTree(t, "../../fixtures/jump-reach/pra-jump", dir, nil)
			os.WriteFile(filepath.Join(dir, "shell-jump-page2.json"), []byte(item(tt.id)), 0o644)
			out := filepath.Join(t.TempDir(), "x.xlsx")
			code, msg := runCLI(t, "run", "--quiet", "--as-of", "2025-11-22", "--out", out, dir)
			if tt.want == "" && code != exitOK || tt.want != "" && (code != exitBadInput || !strings.Contains(msg, tt.want) ||
				!strings.Contains(msg, "shell-jump-page2.json at line 1)")) {
				t.Errorf("exit %d, message %q", code, msg)
			}
		})
	}
}

// A bug (a panic) ends the run with exit 3 and a one-line message; --debug
// adds the stack. Nothing is written.
func TestInternalErrorIsOneLine(t *testing.T) {
	bug := env{stdout: os.Stdout, stageHook: func(string) { panic("index out of range [3] with length 3") }}
	for _, debugFlag := range []bool{false, true} {
		out := filepath.Join(t.TempDir(), "x.xlsx")
		args := []string{"run", "--quiet", "--out", out, "../../fixtures/pra-json/pra-prod"}
		if debugFlag {
			args = append(args, "--debug")
		}
		code, msg := runIn(t, bug, args...)
		lines := strings.Split(strings.TrimSpace(msg), "\n")
		if code != exitInternal || !slices.Contains(lines, "review: internal error: index out of range [3] with length 3") {
			t.Errorf("debug=%v: exit %d, message %q", debugFlag, code, msg)
		}
		if hasStack := strings.Contains(msg, "goroutine "); hasStack != debugFlag || (!debugFlag && len(lines) != 1) {
			t.Errorf("debug=%v: %d lines, stack shown %v", debugFlag, len(lines), hasStack)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("a workbook was written")
		}
	}
}

// A roster or license file that is not there is named by its flag, so
// that the user knows which of the paths given is wrong.
func TestMissingRosterOrLicensesNamesTheFlag(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, flag := range []string{"--roster", "--licenses"} {
		missing := filepath.Join(dir, "nope.csv")
		out := filepath.Join(dir, "out.xlsx")
		code, msg := runCLI(t, "run", "--quiet", "--as-of", "2025-11-22", flag, missing, "--out", out, "../../fixtures/mixed/pra")
		if code != exitBadInput || !strings.Contains(msg, flag+" "+missing+": no such file or directory") {
			t.Errorf("%s missing: exit %d, %q", flag, code, msg)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%s missing: %s was written", flag, out)
		}
	}
}

// A file that is read whole before it is parsed (--config, --exceptions,
// a rule of --rules) is refused past 64 MiB, named with what it should
// be, before its parser can take the memory with it; nothing is written.
func TestFilesReadWholeAreBounded(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	huge := func(name string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		// Sparse: 64 MiB and one byte of NULs, made without writing them.
		if err := os.Truncate(p, 64<<20+1); err != nil {
			t.Fatal(err)
		}
		return p
	}
	rulesDir := filepath.Join(dir, "rules")
	os.MkdirAll(rulesDir, 0o755)
	if err := os.Rename(huge("big.rego"), filepath.Join(rulesDir, "big.rego")); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		flag, path, want string
	}{
		{"--config", huge("config.yaml"), "config.yaml: found a file of more than 64 MiB, expected a YAML config file"},
		{"--exceptions", huge("exceptions.yaml"), "exceptions.yaml: found a file of more than 64 MiB, expected a YAML register of accepted risks"},
		{"--rules", rulesDir, "big.rego: found a file of more than 64 MiB, expected a Rego rule file"},
	} {
		t.Run(tt.flag, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "findings.xlsx")
			code, msg := runCLI(t, "run", "--quiet", "--as-of", "2025-11-22", tt.flag, tt.path, "--out", out, "../../fixtures/mixed/pra")
			if code != exitBadInput || !strings.Contains(msg, tt.want) {
				t.Errorf("exit %d, message %q; want %d and %q", code, msg, exitBadInput, tt.want)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Error("a workbook was written")
			}
		})
	}
}
