package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// manifest is the part of --manifest a test reads back.
type manifest struct {
	AsOf        string            `json:"as_of"`
	Build       map[string]any    `json:"build"`
	CommandLine []string          `json:"command_line"`
	RulesDigest string            `json:"rules_digest"`
	Parameters  map[string]any    `json:"parameters"`
	Inputs      []manifestFile    `json:"inputs"`
	Population  []map[string]any  `json:"population"`
	Rules       []manifestRule    `json:"rules"`
	Findings    manifestFindings  `json:"findings"`
	Archives    []json.RawMessage `json:"archives"`
	Skipped     []json.RawMessage `json:"skipped"`
}

type manifestFile struct {
	Source, Kind, Path, SHA256, Encoding string
	Bytes                                int64
	RowsRead                             int64  `json:"rows_read"`
	RowsRejected                         int64  `json:"rows_rejected"`
	DateOrder                            string `json:"date_order"`
	LinkTarget                           string `json:"link_target"`
}

type manifestRule struct {
	ID, Origin, Severity string
	Controls             []struct{ Framework, ID string }
	Sources              []struct {
		Source  string
		Ran     bool
		Missing [][]string
	}
}

type manifestFindings struct {
	Total      int
	ByStatus   map[string]int `json:"by_status"`
	BySeverity map[string]int `json:"by_severity"`
}

// The manifest of a run carries every key the audit trail needs, and its
// values are the workbook's Evidence sheet of the same run: the same
// files with the same hashes and row counts, digest, as-of date, command
// line, parameters and population; its rules say where each ran, and its
// counts add up to the findings of the JSON Lines.
func TestManifestMatchesEvidenceSheet(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	xlsx, jsonl, man := filepath.Join(dir, "f.xlsx"), filepath.Join(dir, "f.jsonl"), filepath.Join(dir, "run.json")
	args := append([]string{"run", "--quiet", "--as-of", "2025-11-22", "--out", xlsx, "--json", jsonl, "--manifest", man,
		"--param", "stale_days=45"}, fixtures[2].args...)
	if code, msg := runCLI(t, args...); code != exitOK {
		t.Fatalf("review run exited %d: %s", code, msg)
	}
	b, err := os.ReadFile(man)
	if err != nil {
		t.Fatal(err)
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(b, &keys); err != nil {
		t.Fatalf("%s is not one JSON object: %v", man, err)
	}
	for _, k := range []string{"archives", "as_of", "build", "command_line", "findings", "inputs", "lenient",
		"parameters", "population", "rules", "rules_digest", "skipped", "warnings"} {
		if _, ok := keys[k]; !ok {
			t.Errorf("manifest has no %q", k)
		}
	}
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"review", "revision", "modified", "binary_sha256", "opa", "duckdb"} {
		if _, ok := m.Build[k]; !ok {
			t.Errorf("build has no %q", k)
		}
	}

	f := openWorkbook(t, xlsx)
	ev, _ := f.GetRows("Evidence")
	item := map[string]string{}
	var inputs, population [][]string
	var table *[][]string
	for _, row := range ev {
		switch {
		case len(row) == 0:
			table = nil
		case row[0] == "Source" && len(row) > 2 && row[1] == "Kind":
			table = &inputs
		case row[0] == "Source" && len(row) > 1 && row[1] == "Account Rows Read":
			table = &population
		case table != nil:
			*table = append(*table, row)
		case len(row) >= 2:
			item[row[0]] = row[1]
		}
	}
	if m.AsOf != "2025-11-22" || m.AsOf != item["As-of date"] {
		t.Errorf("as_of %q, Evidence %q", m.AsOf, item["As-of date"])
	}
	if m.RulesDigest == "" || m.RulesDigest != item["Rules digest (SHA-256)"] {
		t.Errorf("rules_digest %q, Evidence %q", m.RulesDigest, item["Rules digest (SHA-256)"])
	}
	if got := strings.Join(m.CommandLine, " "); got != item["Command line"] || !strings.Contains(got, "--manifest "+man) {
		t.Errorf("command_line %q, Evidence %q", got, item["Command line"])
	}
	if len(m.Parameters) == 0 || m.Parameters["stale_days"] != float64(45) {
		t.Errorf("parameters %v: want stale_days 45", m.Parameters)
	}
	for k, v := range m.Parameters {
		want, _ := json.Marshal(v)
		if item["param "+k] != string(want) {
			t.Errorf("parameter %s = %s, Evidence %q", k, want, item["param "+k])
		}
	}
	if len(m.Inputs) == 0 || len(m.Inputs) != len(inputs) {
		t.Fatalf("%d inputs, Evidence lists %d", len(m.Inputs), len(inputs))
	}
	for i, in := range m.Inputs {
		row := append(inputs[i], make([]string, 11)...)
		got := []string{in.Source, in.Kind, in.Path, in.SHA256, itoa(in.Bytes), itoa(in.RowsRead), itoa(in.RowsRejected), row[7], in.Encoding, in.DateOrder, in.LinkTarget}
		if strings.Join(got, "|") != strings.Join(row[:11], "|") {
			t.Errorf("input %d:\nmanifest %q\nEvidence %q", i, got, row[:11])
		}
	}
	if len(m.Population) != 2 || len(population) != 2 {
		t.Fatalf("population %v, Evidence %v", m.Population, population)
	}
	for i, p := range m.Population {
		got := []string{p["source"].(string), num(p["account_rows_read"]), num(p["loaded"]), num(p["rejected"]), num(p["accounts_analysed"])}
		if strings.Join(got, "|") != strings.Join(population[i], "|") {
			t.Errorf("population %d: manifest %q, Evidence %q", i, got, population[i])
		}
	}

	rules, _ := f.GetRows("Rules")
	if len(m.Rules) != len(rules)-1 {
		t.Errorf("%d rules, the Rules sheet lists %d", len(m.Rules), len(rules)-1)
	}
	byID := map[string]manifestRule{}
	for _, r := range m.Rules {
		byID[r.ID] = r
		if r.Origin != "built-in" || r.Severity == "" || len(r.Sources) != 2 {
			t.Errorf("rule %s: origin %q, severity %q, %d sources", r.ID, r.Origin, r.Severity, len(r.Sources))
		}
	}
	// The mixed fixture's Remote Support source has no group policy
	// memberships, its PRA source has.
	gp := byID["user-without-group-policy"]
	if len(gp.Sources) != 2 || !gp.Sources[0].Ran || gp.Sources[0].Source != "pra" || gp.Sources[1].Ran ||
		len(gp.Sources[1].Missing) == 0 || !contains(gp.Sources[1].Missing[0], "group_policy_members") {
		t.Errorf("user-without-group-policy sources %+v", gp.Sources)
	}
	// Each rule's controls, as the Rules sheet lists them: stale-account's
	// METADATA names PCI DSS 8.2.6 last.
	sa := byID["stale-account"].Controls
	if len(sa) == 0 || sa[0].Framework != "soc2" || sa[0].ID != "CC6.2" || sa[len(sa)-1].Framework != "pci-dss" || sa[len(sa)-1].ID != "8.2.6" {
		t.Errorf("stale-account controls %+v", sa)
	}

	findings := readJSONL(t, jsonl)
	sev := map[string]int{}
	for _, f := range findings {
		sev[f.Severity]++
	}
	if m.Findings.Total != len(findings) || m.Findings.ByStatus["new"] != len(findings) || len(findings) == 0 {
		t.Errorf("findings %+v, the JSON Lines hold %d", m.Findings, len(findings))
	}
	for _, s := range []string{"high", "medium", "low"} {
		if n, ok := m.Findings.BySeverity[s]; !ok || n != sev[s] {
			t.Errorf("findings by severity %s = %d (present %v), the JSON Lines hold %d", s, n, ok, sev[s])
		}
	}
}

// Two runs with the same command line write the same manifest, byte for
// byte, apart from the build object; a rule of --rules that replaces a
// built-in one says so.
func TestManifestIsReproducible(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	rules := filepath.Join(dir, "rules")
	os.Mkdir(rules, 0o755)
	os.WriteFile(filepath.Join(rules, "stale.rego"), []byte(`# METADATA
# title: Stale account
# description: Replaces the built-in rule, to see its origin in the manifest.
# custom:
#   id: stale-account
#   family: stale-seats
#   severity: low
#   remediation: None.
#   input: account
package custom.stale_account

finding := {"detail": "never", "evidence": {}} if false
`), 0o644)
	man := filepath.Join(dir, "run.json")
	args := append([]string{"run", "--quiet", "--as-of", "2025-11-22", "--out", filepath.Join(dir, "f.xlsx"),
		"--manifest", man, "--rules", rules}, fixtures[0].args...)
	var got [2][]byte
	for i := range got {
		if code, msg := runCLI(t, args...); code != exitOK {
			t.Fatalf("run %d exited %d: %s", i+1, code, msg)
		}
		b, err := os.ReadFile(man)
		if err != nil {
			t.Fatal(err)
		}
		got[i] = withoutBuild(t, b)
	}
	if !bytes.Equal(got[0], got[1]) {
		t.Errorf("two runs wrote different manifests:\n%s\n---\n%s", got[0], got[1])
	}
	if !bytes.HasPrefix(got[0], []byte("{\n  \"archives\": [],\n  \"as_of\": \"2025-11-22\",\n")) {
		t.Errorf("manifest is not sorted, two-space indented JSON:\n%.200s", got[0])
	}
	var m manifest
	if err := json.Unmarshal(got[0], &m); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range m.Rules {
		if r.ID == "stale-account" {
			found = true
			if r.Origin != "custom (replaces built-in)" || r.Severity != "low" {
				t.Errorf("stale-account: origin %q, severity %q", r.Origin, r.Severity)
			}
		}
	}
	if !found {
		t.Error("no stale-account rule in the manifest")
	}
}

// withoutBuild drops the "build" object (revision and binary hash vary by
// build), checking it is there.
func withoutBuild(t *testing.T, b []byte) []byte {
	t.Helper()
	start := bytes.Index(b, []byte("\n  \"build\": {"))
	end := bytes.Index(b, []byte("\n  },\n  \"command_line\""))
	if start < 0 || end < start {
		t.Fatalf("no build object before command_line in\n%s", b)
	}
	return append(append([]byte{}, b[:start]...), b[end+len("\n  },"):]...)
}

func num(v any) string {
	f, _ := v.(float64)
	return strconv.FormatInt(int64(f), 10)
}
