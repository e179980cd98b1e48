package engine

import (
	"errors"
	"strings"
	"testing"

	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/rules"
)

// controlsRule is customHeader with controls lines added under custom:.
func controlsRule(lines string) string {
	return strings.Replace(customHeader, "package custom.stale\n", lines+"package custom.stale\n", 1) +
		"\nfinding := {\"detail\": \"x\", \"evidence\": {}} if input.enabled == true\n"
}

// custom.controls is a map from framework to a list of ids written as
// text; anything else is refused at load, naming the file.
func TestControlsMetadataForm(t *testing.T) {
	for lines, want := range map[string]string{
		"#   controls: [CC6.1]\n":            "stale.rego: METADATA custom.controls [CC6.1]: expected controls: {soc2: [CC6.2]",
		"#   controls:\n#     soc2: CC6.1\n": "stale.rego: METADATA custom.controls.soc2 CC6.1: expected a list of control ids",
		"#   controls:\n#     pci: [8.2]\n":  `stale.rego: METADATA custom.controls.pci: control id 8.2 is not text: quote it ("8.2")`,
	} {
		dir := t.TempDir()
		writeRule(t, dir, "stale.rego", controlsRule(lines))
		if _, err := LoadRules(rules.FS, []string{dir}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", lines, err, want)
		}
	}
}

// CheckControls names the line and column of the id the catalogue lacks,
// as a whole scalar: A.5.1 is not found inside A.5.15 on the line above.
func TestCheckControlsNamesTheID(t *testing.T) {
	dir := t.TempDir()
	writeRule(t, dir, "stale.rego", controlsRule("#   controls:\n#     iso27001: [A.5.15]\n#     pci-dss: [\"8.2.6\", A.5.1]\n"))
	rs, err := LoadRules(rules.FS, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	known := func(ref model.ControlRef) error {
		if ref.ID == "A.5.1" {
			return errors.New("unknown control")
		}
		return nil
	}
	err = rs.CheckControls(known)
	if err == nil || !strings.Contains(err.Error(), "stale.rego:12:26: METADATA custom.controls: unknown control") {
		t.Errorf("%v", err)
	}
}
