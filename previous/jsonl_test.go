package previous

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/review-tool/review/internal/inputerr"
)

func writeJSONL(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "last.jsonl")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

const jsonLine = `{"id":"aaaaaaaaaaaaaaaa","rule":"stale-account","family":"stale-seats","severity":"medium","title":"Stale","source":"pra","product":"pra","entity_type":"account","entity":"bob","display_name":"Bob","email":"bob@x","detail":"d","remediation":"r","reviewer":"m@x","status":"new","previous_decision":"Keep","evidence":{"days_since":200}}`

// The JSON Lines of --json read back whole; what they cannot hold is said
// in a note, not guessed.
func TestLoadJSONL(t *testing.T) {
	p := writeJSONL(t, jsonLine+"\n\n"+strings.Replace(jsonLine, "aaaa", "bbbb", 1)+"\n"+jsonLine)
	run, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if run.Format != "jsonl" || run.Rows != 3 || len(run.Findings) != 2 || run.Resolved != nil {
		t.Fatalf("run %+v: want 3 lines read, 2 findings, no Resolved list", run)
	}
	f := run.Findings[0]
	if f.ID != "aaaaaaaaaaaaaaaa" || f.Family != "stale-seats" || f.Entity != "bob" || f.DisplayName != "Bob" || f.Status != "new" || f.Severity != "medium" {
		t.Errorf("finding %+v", f)
	}
	// previous_decision is what the run before carried, not a decision taken.
	if f.Decision != "" {
		t.Errorf("decision %q, want none from JSON Lines", f.Decision)
	}
	if len(run.Notes) != 1 || !strings.Contains(run.Notes[0], "hold no Decision, Comment or Resolved list") {
		t.Errorf("notes %q", run.Notes)
	}
}

func TestLoadJSONLErrorsNameLine(t *testing.T) {
	cases := []struct{ name, body, want string }{
		{"not JSON", jsonLine + "\n{\"id\": oops}\n", `:2:8: invalid character 'o' looking for beginning of value, expected one finding per line as a JSON object`},
		{"not an object", jsonLine + "\n" + jsonLine + "\n[1,2]\n", `:3: found [1,2], expected a finding as a JSON object`},
		{"missing key", `{"id":"aaaaaaaaaaaaaaaa","rule":"r"}`, `:1: no "severity", expected a finding with the keys id, rule, severity, source, entity_type, entity, status`},
		{"wrong type", strings.Replace(jsonLine, `"entity":"bob"`, `"entity":7`, 1), `:1: "entity" is 7, expected a string`},
		{"bad id", strings.Replace(jsonLine, "aaaaaaaaaaaaaaaa", "A1", 1), `:1: id "A1", expected a finding id (16 hex digits)`},
		{"bad severity", strings.Replace(jsonLine, `"medium"`, `"severe"`, 1), `:1: severity "severe", expected high, medium or low`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := writeJSONL(t, c.body)
			_, err := Load(p)
			if err == nil {
				t.Fatal("loaded, want an error")
			}
			if !inputerr.Is(err) {
				t.Errorf("%v: not marked as the user's to fix", err)
			}
			if want := "--previous " + p + c.want; !strings.Contains(err.Error(), want) {
				t.Errorf("error %q\nwant it to contain %q", err, want)
			}
		})
	}
}

// A line past the bound every line-oriented input has (bounds.MaxLine,
// lowered here to 1 KiB) is an error naming the file, the line and the
// bound, in findings and in decisions.jsonl alike: the line is not held
// whole to be decoded.
func TestLoadJSONLLineTooLong(t *testing.T) {
	defer func(n int) { maxLine = n }(maxLine)
	maxLine = 1 << 10
	long := strings.Replace(jsonLine, `"detail":"d"`, `"detail":"`+strings.Repeat("d", 2<<10)+`"`, 1)
	decision := `{"finding_id":"aaaaaaaaaaaaaaaa","rule":"stale-account","severity":"medium","source":"pra","entity_type":"account","entity":"bob","decision":"Keep","comment":""}`
	for name, body := range map[string]string{
		"findings":        jsonLine + "\n" + long + "\n",
		"decisions.jsonl": decision + "\n" + strings.Replace(decision, `"comment":""`, `"comment":"`+strings.Repeat("c", 2<<10)+`"`, 1) + "\n",
	} {
		p := writeJSONL(t, body)
		_, err := Load(p)
		want := "--previous " + p + ":2: found a line of more than 1 KiB, expected one finding (or decision) per line, as review writes them"
		if err == nil || err.Error() != want || !inputerr.Is(err) {
			t.Errorf("%s: %v\nwant %s (the user's to fix)", name, err, want)
		}
	}
}
