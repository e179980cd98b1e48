package controls

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/review-tool/review/engine"
	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/rules"
)

// apply decodes text as a config file's controls: section and applies it
// to the built-in rules and catalogue.
func apply(t *testing.T, text string) (*Catalogue, *engine.RuleSet, error) {
	t.Helper()
	var doc struct {
		Controls yaml.Node `yaml:"controls"`
	}
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
		t.Fatal(err)
	}
	cat, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	rs, err := engine.LoadRules(rules.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = Apply("review.yaml", &doc.Controls, cat, rs)
	OrderRules(cat, rs)
	return cat, rs, err
}

func controlsOf(rs *engine.RuleSet, id string) []model.ControlRef {
	for _, r := range rs.Rules {
		if r.ID == id {
			return r.Controls
		}
	}
	return nil
}

// replace: comes before add:, whatever their order in the file; a control
// the file adds can be mapped; a replaced mapping may be empty; a control
// named twice is listed once; controls come in catalogue order, the
// company's last; an id YAML reads as a number keeps its text.
func TestApply(t *testing.T) {
	cat, rs, err := apply(t, `controls:
  add:
    stale-account: {Acme: [IAM-1, "8.10"], pci-dss: [8.2.6]}
  replace:
    stale-account: {pci-dss: [8.2.6]}
    dangling-reference: {}
  catalogue:
    - {framework: Acme, id: IAM-1, title: Leavers}
    - {framework: Acme, id: 8.10, title: Tens}
`)
	if err != nil {
		t.Fatal(err)
	}
	want := []model.ControlRef{{Framework: "pci-dss", ID: "8.2.6"}, {Framework: "Acme", ID: "IAM-1"}, {Framework: "Acme", ID: "8.10"}}
	if got := controlsOf(rs, "stale-account"); !slices.Equal(got, want) {
		t.Errorf("stale-account: %v, want %v", got, want)
	}
	if got := controlsOf(rs, "dangling-reference"); len(got) != 0 {
		t.Errorf("dangling-reference: %v, want none", got)
	}
	c, ok := cat.Lookup(model.ControlRef{Framework: "Acme", ID: "IAM-1"})
	if !ok || c.FrameworkName != "Acme" || c.DefinedIn != "review.yaml:8" || c.Title != "Leavers" {
		t.Errorf("Acme IAM-1: %+v", c)
	}
	if got := cat.Labels(want); strings.Join(got, "; ") != "PCI DSS v4.0 8.2.6; Acme IAM-1; Acme 8.10" {
		t.Errorf("labels %q", got)
	}
}

// No controls: section changes nothing.
func TestApplyNothing(t *testing.T) {
	cat, rs, err := apply(t, "params: {}\n")
	if err != nil {
		t.Fatal(err)
	}
	builtin, _ := Builtin()
	if len(cat.Controls) != len(builtin.Controls) || len(controlsOf(rs, "stale-account")) != 6 {
		t.Errorf("%d controls; stale-account %v", len(cat.Controls), controlsOf(rs, "stale-account"))
	}
}

// Every mistake names the file, line and column.
func TestApplyErrors(t *testing.T) {
	for text, want := range map[string]string{
		"controls: [a]\n":                          "review.yaml:1:11: controls: expected a mapping",
		"controls:\n  mappings: {}\n":              `review.yaml:2:3: controls: unknown key "mappings"`,
		"controls:\n  catalogue: {framework: x}\n": "review.yaml:2:14: controls: catalogue: expected a list",
		"controls:\n  catalogue:\n    - {framework: x, id: y, title: z, owner: q}\n": `review.yaml:3:39: controls: catalogue: unknown key "owner"`,
		"controls:\n  add:\n    stale-account: [CC6.1]\n":                            "review.yaml:3:20: controls: add: stale-account: expected {framework: [control ids]}",
		"controls:\n  add:\n    stale-account: {soc2: {a: b}}\n":                     "review.yaml:3:27: controls: add: stale-account: soc2: expected a list of control ids",
	} {
		_, _, err := apply(t, text)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", text, err, want)
		}
	}
}

// 200,000 mappings: a catalogue: of 100,000 company controls, add: mapping
// stale-account to every one of them in reverse order and twice, and
// replace: mapping dangling-reference to every one. Each rule gets each
// control once, in catalogue order; the labels name each. (Each insert
// once scanned what came before: this took minutes.)
func TestApplyManyMappings(t *testing.T) {
	const n = 100_000
	var b strings.Builder
	b.WriteString("controls:\n  catalogue:\n")
	for i := range n {
		fmt.Fprintf(&b, "    - {framework: Acme, id: C-%d, title: Control %d}\n", i, i)
	}
	b.WriteString("  add:\n    stale-account:\n      Acme:\n")
	for i := n - 1; i >= 0; i-- {
		fmt.Fprintf(&b, "        - C-%d\n", i)
	}
	b.WriteString("        - C-0\n") // named twice, listed once
	b.WriteString("  replace:\n    dangling-reference:\n      Acme:\n")
	for i := range n {
		fmt.Fprintf(&b, "        - C-%d\n", i)
	}
	cat, rs, err := apply(t, b.String())
	if err != nil {
		t.Fatal(err)
	}
	builtin, _ := Builtin()
	if got, want := len(cat.Controls), len(builtin.Controls)+n; got != want {
		t.Fatalf("%d controls in the catalogue, want %d", got, want)
	}
	stale := controlsOf(rs, "stale-account")
	if len(stale) != 6+n {
		t.Fatalf("stale-account has %d controls, want %d (6 built-in + %d)", len(stale), 6+n, n)
	}
	for i, ref := range stale[6:] {
		if want := (model.ControlRef{Framework: "Acme", ID: fmt.Sprintf("C-%d", i)}); ref != want {
			t.Fatalf("stale-account control %d is %v, want %v (catalogue order, each once)", 6+i, ref, want)
		}
	}
	dangling := controlsOf(rs, "dangling-reference")
	if len(dangling) != n || dangling[n-1].ID != fmt.Sprintf("C-%d", n-1) {
		t.Fatalf("dangling-reference has %d controls, last %v; want %d, last C-%d", len(dangling), dangling[len(dangling)-1], n, n-1)
	}
	labels := cat.Labels(dangling)
	if labels[0] != "Acme C-0" || labels[n-1] != fmt.Sprintf("Acme C-%d", n-1) {
		t.Errorf("labels %q … %q", labels[0], labels[n-1])
	}
}
