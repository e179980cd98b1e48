// Package controls is the audit control catalogue: the built-in one
// (rules/controls.yaml), the controls a --config file adds to it, and the
// rules' mappings to it, from their METADATA (custom.controls) as the
// --config file changes them (docs/controls.md).
package controls

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/rules"
)

// Catalogue is the controls a run knows, in order: the built-in ones as
// rules/controls.yaml lists them, then those a --config file added.
type Catalogue struct {
	Controls []model.Control
	// frameworks are the names by key, keys in order.
	frameworks map[string]string
	keys       []string
	index      map[model.ControlRef]int
}

// builtinDefinedIn is the DefinedIn of a built-in control.
const builtinDefinedIn = "built-in"

// catalogueFile is the built-in catalogue as written.
type catalogueFile struct {
	Frameworks []struct {
		Key  string `yaml:"key"`
		Name string `yaml:"name"`
	} `yaml:"frameworks"`
	Controls []struct {
		Framework string   `yaml:"framework"`
		ID        string   `yaml:"id"`
		Title     string   `yaml:"title"`
		Asks      string   `yaml:"asks"`
		Evidence  string   `yaml:"evidence"`
		Checks    []string `yaml:"checks"`
	} `yaml:"controls"`
}

// Builtin is the built-in catalogue, a fresh copy a run may add to. An
// error is review's own bug, which the package's tests catch.
func Builtin() (*Catalogue, error) {
	return parse(rules.Controls)
}

func parse(data []byte) (*Catalogue, error) {
	var f catalogueFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("rules/controls.yaml: %w", err)
	}
	c := &Catalogue{frameworks: map[string]string{}, index: map[model.ControlRef]int{}}
	for _, fw := range f.Frameworks {
		if fw.Key == "" || fw.Name == "" || c.frameworks[fw.Key] != "" {
			return nil, fmt.Errorf("rules/controls.yaml: framework %q: a key and a name are required, and keys are unique", fw.Key)
		}
		c.addFramework(fw.Key, fw.Name)
	}
	for _, e := range f.Controls {
		ref := model.ControlRef{Framework: e.Framework, ID: e.ID}
		if err := c.addable(ref); err != nil {
			return nil, fmt.Errorf("rules/controls.yaml: %w", err)
		}
		if c.frameworks[e.Framework] == "" || e.Title == "" || e.Asks == "" || e.Evidence == "" {
			return nil, fmt.Errorf("rules/controls.yaml: %s %s: a known framework, a title, asks and evidence are required", e.Framework, e.ID)
		}
		for _, id := range e.Checks {
			if _, ok := model.Checks[id]; !ok {
				return nil, fmt.Errorf("rules/controls.yaml: %s %s: unknown check %q", e.Framework, e.ID, id)
			}
		}
		c.add(model.Control{ControlRef: ref, Title: e.Title, Asks: e.Asks, Evidence: e.Evidence, DefinedIn: builtinDefinedIn, Checks: e.Checks})
	}
	return c, nil
}

func (c *Catalogue) addFramework(key, name string) {
	c.frameworks[key] = name
	c.keys = append(c.keys, key)
}

// addable says why ref cannot be added: an empty id, or one already there.
func (c *Catalogue) addable(ref model.ControlRef) error {
	if strings.TrimSpace(ref.Framework) == "" || strings.TrimSpace(ref.ID) == "" {
		return fmt.Errorf("a control needs a framework and an id")
	}
	if i, ok := c.index[ref]; ok {
		return fmt.Errorf("control %s is already in the catalogue (%s)", c.Controls[i].Label(), c.Controls[i].DefinedIn)
	}
	return nil
}

// add appends a control; a framework not known yet is named by its key.
func (c *Catalogue) add(ctl model.Control) {
	if _, ok := c.frameworks[ctl.Framework]; !ok {
		c.addFramework(ctl.Framework, ctl.Framework)
	}
	ctl.FrameworkName = c.frameworks[ctl.Framework]
	c.index[ctl.ControlRef] = len(c.Controls)
	c.Controls = append(c.Controls, ctl)
}

// Known says why ref is not in the catalogue, naming what is, or nil.
func (c *Catalogue) Known(ref model.ControlRef) error {
	if _, ok := c.index[ref]; ok {
		return nil
	}
	if _, ok := c.frameworks[ref.Framework]; !ok {
		return fmt.Errorf("unknown framework %q (known: %s)", ref.Framework, strings.Join(c.keys, ", "))
	}
	var ids []string
	for _, ctl := range c.Controls {
		if ctl.Framework == ref.Framework {
			ids = append(ids, ctl.ID)
		}
	}
	return fmt.Errorf("unknown control %q of %s (known: %s; a --config file's controls: catalogue: adds one)", ref.ID, ref.Framework, strings.Join(ids, ", "))
}

// Lookup is the control ref names.
func (c *Catalogue) Lookup(ref model.ControlRef) (model.Control, bool) {
	i, ok := c.index[ref]
	if !ok {
		return model.Control{}, false
	}
	return c.Controls[i], true
}

// Order puts refs in catalogue order, each once; refs not in the catalogue
// go last, in their order.
func (c *Catalogue) Order(refs []model.ControlRef) []model.ControlRef {
	// A set, not a scan of out per ref: a --config file may map one rule
	// to hundreds of thousands of controls.
	out := make([]model.ControlRef, 0, len(refs))
	seen := make(map[model.ControlRef]bool, len(refs))
	for _, r := range refs {
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	rank := func(r model.ControlRef) int {
		if i, ok := c.index[r]; ok {
			return i
		}
		return len(c.Controls)
	}
	slices.SortStableFunc(out, func(a, b model.ControlRef) int { return rank(a) - rank(b) })
	return out
}

// Labels are refs as "SOC 2 CC6.1", in the order given.
func (c *Catalogue) Labels(refs []model.ControlRef) []string {
	return model.ControlLabels(refs, c.Controls)
}
