package main

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// controlsConfig adds a company's own control, moves stale-account from
// SOC 2 CC6.2 to it (keeping PCI DSS 8.2.6) and adds it to
// terminated-user-enabled's mapping.
const controlsConfig = `params:
  stale_days: 90
controls:
  catalogue:
    - framework: Acme ITGC
      id: IAM-04
      title: Leavers and unused accounts lose access
  replace:
    stale-account: {Acme ITGC: [IAM-04], pci-dss: [8.2.6]}
  add:
    terminated-user-enabled:
      Acme ITGC: [IAM-04]
`

// controlRow is the Controls sheet's row of framework and control, by
// header, with its row number.
func controlRow(t *testing.T, f *excelize.File, framework, control string) (map[string]string, int) {
	t.Helper()
	rows, err := f.GetRows("Controls")
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows[1:] {
		if len(r) > 1 && r[0] == framework && r[1] == control {
			m := map[string]string{}
			for j, h := range rows[0] {
				if j < len(r) {
					m[h] = r[j]
				}
			}
			return m, i + 2
		}
	}
	t.Fatalf("Controls: no row %s %s", framework, control)
	return nil, 0
}

// The Controls sheet reads back with the mappings of the rules' METADATA
// and, with --config controls:, of the company's catalogue and the
// replaced and added mappings; its counts are the JSON Lines findings of
// the rules mapped to each control, as numbers.
func TestControlsSheetMappings(t *testing.T) {
	t.Parallel()
	src := []string{"--roster", "../../fixtures/mixed/roster.csv", "../../fixtures/mixed/pra", "../../fixtures/mixed/rs"}
	dir := t.TempDir()
	config := filepath.Join(dir, "review.yaml")
	if err := os.WriteFile(config, []byte(controlsConfig), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, withConfig := range []bool{false, true} {
		out := t.TempDir()
		xlsx, jsonl := filepath.Join(out, "r.xlsx"), filepath.Join(out, "r.jsonl")
		args := []string{"run", "--quiet", "--as-of", "2025-11-22", "--out", xlsx, "--json", jsonl}
		if withConfig {
			args = append(args, "--config", config)
		}
		if code, msg := runCLI(t, append(args, src...)...); code != exitOK {
			t.Fatalf("config %v: exit %d: %s", withConfig, code, msg)
		}
		perRule := map[string]int{}
		for _, f := range readJSONL(t, jsonl) {
			perRule[f.Rule]++
		}
		f := openWorkbook(t, xlsx)
		cc62, _ := controlRow(t, f, "SOC 2", "CC6.2")
		pci, pciRow := controlRow(t, f, "PCI DSS v4.0", "8.2.6")
		rules := strings.Split(cc62["Rules"], "; ")
		if got := slices.Contains(rules, "stale-account"); got == withConfig {
			t.Errorf("config %v: SOC 2 CC6.2 rules %q: stale-account listed %v", withConfig, rules, got)
		}
		if !slices.Contains(rules, "terminated-user-enabled") {
			t.Errorf("config %v: SOC 2 CC6.2 rules %q lack terminated-user-enabled", withConfig, rules)
		}
		if pci["Rules"] != "login-after-termination; never-logged-in; password-safe-activity-after-termination; session-after-termination; session-open-on-disabled-account; stale-account; stale-admin; vault-activity-after-termination; vendor-session-after-expiry" {
			t.Errorf("config %v: PCI DSS 8.2.6 rules %q", withConfig, pci["Rules"])
		}
		want := 0
		for _, rule := range strings.Split(pci["Rules"], "; ") {
			want += perRule[rule]
		}
		if pci["Open"] != strconv.Itoa(want) || want == 0 {
			t.Errorf("config %v: PCI DSS 8.2.6 open %q, want %d (and some)", withConfig, pci["Open"], want)
		}
		ref, _ := excelize.CoordinatesToCellName(6, pciRow)
		if typ, _ := f.GetCellType("Controls", ref); typ != excelize.CellTypeUnset {
			t.Errorf("Controls!%s (Open): cell type %v, want a number", ref, typ)
		}
		if pci["Resolved"] != "n/a" || pci["Defined In"] != "built-in" {
			t.Errorf("config %v: PCI DSS 8.2.6 resolved %q (no --previous: n/a), defined in %q", withConfig, pci["Resolved"], pci["Defined In"])
		}
		ruleRows, _ := f.GetRows("Rules")
		col := slices.Index(ruleRows[0], "Controls")
		for _, r := range ruleRows[1:] {
			if r[0] != "stale-account" {
				continue
			}
			want := "SOC 2 CC6.2; ISO/IEC 27001:2022 A.5.18; NIST SP 800-53 Rev. 5 AC-2; NIST SP 800-53 Rev. 5 AC-2(3); PCI DSS v4.0 7.2.4; PCI DSS v4.0 8.2.6"
			if withConfig {
				want = "PCI DSS v4.0 8.2.6; Acme ITGC IAM-04"
			}
			if r[col] != want {
				t.Errorf("config %v: Rules: stale-account controls %q, want %q", withConfig, r[col], want)
			}
		}
		// The config file changes what the review says (here, the control
		// mappings), so Evidence lists it with its hash, like any input.
		evidence, _ := f.GetRows("Evidence")
		listed := false
		for _, r := range evidence {
			if len(r) > 4 && r[1] == "config" && r[2] == config && len(r[3]) == 64 && r[4] == strconv.Itoa(len(controlsConfig)) {
				listed = true
			}
		}
		if listed != withConfig {
			t.Errorf("config %v: Evidence lists the config file with its SHA-256 and size: %v", withConfig, listed)
		}
		if !withConfig {
			continue
		}
		acme, _ := controlRow(t, f, "Acme ITGC", "IAM-04")
		if acme["Rules"] != "stale-account; terminated-user-enabled" || acme["Defined In"] != config+":5" ||
			acme["Open"] != strconv.Itoa(perRule["stale-account"]+perRule["terminated-user-enabled"]) {
			t.Errorf("Acme ITGC IAM-04: %q", acme)
		}
	}
}

// A control no catalogue has is the user's mistake, found before any
// input is read: in a custom rule's METADATA it is exit 2 naming the
// rule's file, line and column; in the --config file, the config's. Nothing
// is written.
func TestUnknownControlIsBadInput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	configs := map[string]string{
		"unknown control":   "controls:\n  add:\n    stale-account: {pci-dss: [8.2.6, 8.2.66]}\n",
		"unknown framework": "controls:\n  replace:\n    stale-account:\n      sox: [404]\n",
		"unknown rule":      "controls:\n  add:\n    stale-accounts: {pci-dss: [8.2.6]}\n",
		"no title":          "controls:\n  catalogue:\n    - framework: Acme\n      id: IAM-1\n",
		"twice":             "controls:\n  catalogue:\n    - {framework: soc2, id: CC6.1, title: Again}\n",
	}
	wants := map[string]string{
		"unknown control":   `:3:38: controls: add: stale-account: unknown control "8.2.66" of pci-dss (known: 7.2.4, `,
		"unknown framework": `:4:13: controls: replace: stale-account: unknown framework "sox" (known: soc2, iso27001, nist800-53, pci-dss)`,
		"unknown rule":      `:3:5: controls: add: unknown rule "stale-accounts" (review rules list shows the rule ids)`,
		"no title":          `:3:7: controls: catalogue: a control without title: framework, id and title are required`,
		"twice":             `:3:7: controls: catalogue: control SOC 2 CC6.1 is already in the catalogue (built-in)`,
	}
	for name, text := range configs {
		config := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".yaml")
		if err := os.WriteFile(config, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(t.TempDir(), "r.xlsx")
		code, msg := runCLI(t, "run", "--quiet", "--config", config, "--out", out, "../../fixtures/pra-json/pra-prod")
		if code != exitBadInput || !strings.Contains(msg, config+wants[name]) {
			t.Errorf("%s: exit %d, message %q, want 2 and %q", name, code, msg, config+wants[name])
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("%s: the workbook was written", name)
		}
	}
	rule := filepath.Join("testdata", "rules", "unknown-control", "enabled_account.rego")
	out := filepath.Join(t.TempDir(), "r.xlsx")
	code, msg := runCLI(t, "run", "--quiet", "--rules", filepath.Dir(rule), "--out", out, "../../fixtures/pra-json/pra-prod")
	want := rule + `:12:24: METADATA custom.controls: unknown control "8.2.9" of pci-dss`
	if code != exitBadInput || !strings.Contains(msg, want) {
		t.Errorf("custom rule: exit %d, message %q, want 2 and %q", code, msg, want)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("custom rule: the workbook was written")
	}
	// review rules test checks the catalogue too, before running tests.
	if code, msg := runCLI(t, "rules", "test", filepath.Dir(rule)); code != exitBadInput || !strings.Contains(msg, want) {
		t.Errorf("rules test: exit %d, message %q, want 2 and %q", code, msg, want)
	}
}
