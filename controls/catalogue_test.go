package controls

import (
	"strings"
	"testing"

	"github.com/review-tool/review/engine"
	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/rules"
)

// The built-in catalogue reads, and every control in it has a framework
// name, a title, what it asks and what its findings show.
func TestBuiltinCatalogue(t *testing.T) {
	cat, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cat.Controls {
		if c.FrameworkName == "" || c.FrameworkName == c.Framework || c.Title == "" || c.Asks == "" || c.Evidence == "" || c.DefinedIn != "built-in" {
			t.Errorf("incomplete control %+v", c)
		}
	}
}

// required are the controls the built-in rules must evidence between
// them: the quarter's audit asks for these.
var required = map[string][]string{
	"soc2":       {"CC6.1", "CC6.2", "CC6.3"},
	"iso27001":   {"A.5.15", "A.5.16", "A.5.18", "A.8.2"},
	"nist800-53": {"AC-2", "AC-2(3)", "AC-6(7)"},
	"pci-dss":    {"7.2.4", "7.2.5", "8.2.1", "8.2.2", "8.2.6", "8.2.7"},
}

// Every built-in rule names at least one control, every control it names
// is in the catalogue, every required control is evidenced by some rule,
// and every control of the built-in catalogue by at least one rule (a
// control no rule evidences has no place in it).
func TestBuiltinRulesEvidenceTheCatalogue(t *testing.T) {
	cat, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	rs, err := engine.LoadRules(rules.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := rs.CheckControls(cat.Known); err != nil {
		t.Fatalf("a built-in rule names a control the catalogue lacks: %v", err)
	}
	evidenced := map[model.ControlRef][]string{}
	for _, r := range rs.Rules {
		if len(r.Controls) == 0 {
			t.Errorf("%s (%s) names no control in custom.controls", r.ID, r.File)
		}
		for _, ref := range r.Controls {
			evidenced[ref] = append(evidenced[ref], r.ID)
		}
	}
	for fw, ids := range required {
		for _, id := range ids {
			if len(evidenced[model.ControlRef{Framework: fw, ID: id}]) == 0 {
				t.Errorf("no built-in rule evidences %s %s", fw, id)
			}
		}
	}
	for _, c := range cat.Controls {
		if len(evidenced[c.ControlRef]) == 0 {
			t.Errorf("catalogue control %s is evidenced by no built-in rule", c.Label())
		}
	}
}

// Known names what is wrong: an unknown framework lists the known ones, an
// unknown control the framework's ids.
func TestKnown(t *testing.T) {
	cat, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if err := cat.Known(model.ControlRef{Framework: "pci-dss", ID: "8.2.6"}); err != nil {
		t.Errorf("8.2.6: %v", err)
	}
	err = cat.Known(model.ControlRef{Framework: "soc3", ID: "CC6.1"})
	if err == nil || !strings.Contains(err.Error(), `unknown framework "soc3" (known: soc2, iso27001, nist800-53, pci-dss)`) {
		t.Errorf("soc3: %v", err)
	}
	err = cat.Known(model.ControlRef{Framework: "soc2", ID: "CC9.9"})
	if err == nil || !strings.Contains(err.Error(), `unknown control "CC9.9" of soc2 (known: CC6.1, CC6.2, CC6.3`) {
		t.Errorf("CC9.9: %v", err)
	}
}

// A catalogue file that breaks its own rules is refused: a control of an
// unknown framework, a duplicate, or one without its texts.
func TestParseRefusesABadCatalogue(t *testing.T) {
	head := "frameworks:\n  - {key: soc2, name: SOC 2}\ncontrols:\n"
	full := "    title: T\n    asks: A\n    evidence: E\n"
	for name, tc := range map[string]struct{ yaml, want string }{
		"unknown framework": {head + "  - framework: soc9\n    id: X\n" + full, "soc9 X: a known framework"},
		"duplicate":         {head + "  - framework: soc2\n    id: X\n" + full + "  - framework: soc2\n    id: X\n" + full, "already in the catalogue"},
		"no evidence":       {head + "  - framework: soc2\n    id: X\n    title: T\n    asks: A\n", "asks and evidence are required"},
		"unknown key":       {head + "  - framework: soc2\n    id: X\n    text: T\n", "field text not found"},
	} {
		if _, err := parse([]byte(tc.yaml)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", name, err, tc.want)
		}
	}
}

// A revoke decided and not carried out is evidence against the controls of
// credential removal and access rights (SOC 2 CC6.2, ISO A.5.18), and only
// those; a check the catalogue does not know stops it.
func TestRevokeCheckEvidencesItsControls(t *testing.T) {
	cat, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range cat.Controls {
		for _, id := range c.Checks {
			got = append(got, c.Label()+" "+id)
		}
	}
	if want := "SOC 2 CC6.2 revoke-not-carried-out|ISO/IEC 27001:2022 A.5.18 revoke-not-carried-out"; strings.Join(got, "|") != want {
		t.Errorf("checks %q, want %q", got, want)
	}
	bad := strings.Replace(string(rules.Controls), "checks: [revoke-not-carried-out]", "checks: [revoke-not-done]", 1)
	if _, err := parse([]byte(bad)); err == nil || !strings.Contains(err.Error(), `unknown check "revoke-not-done"`) {
		t.Errorf("parse with an unknown check: %v", err)
	}
}
