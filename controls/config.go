package controls

import (
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/review-tool/review/engine"
	"github.com/review-tool/review/internal/inputerr"
	"github.com/review-tool/review/internal/model"
)

// The keys of a --config file's controls: section.
const (
	keyCatalogue = "catalogue"
	keyAdd       = "add"
	keyReplace   = "replace"
)

// controlKeys are the keys of a catalogue: entry; framework, id and title
// are required.
var controlKeys = []string{"framework", "id", "title", "asks", "evidence"}

// Apply reads a --config file's controls: section (node, as decoded from
// file): catalogue: adds a company's own controls, replace: sets a rule's
// mapping anew and add: adds to it, in that order, so that a mapping may
// name a control the same file adds. Every error is the user's and names
// the file, line and column.
func Apply(file string, node *yaml.Node, cat *Catalogue, rs *engine.RuleSet) error {
	if node == nil || node.Kind == 0 {
		return nil
	}
	at := func(n *yaml.Node, format string, a ...any) error {
		return inputerr.New("%s:%d:%d: controls: %s", file, n.Line, n.Column, fmt.Sprintf(format, a...))
	}
	if node.Kind != yaml.MappingNode {
		return at(node, "expected a mapping with %s:, %s: and %s:", keyCatalogue, keyReplace, keyAdd)
	}
	sections := map[string]*yaml.Node{}
	for i := 0; i+1 < len(node.Content); i += 2 {
		k := node.Content[i]
		switch k.Value {
		case keyCatalogue, keyAdd, keyReplace:
			sections[k.Value] = node.Content[i+1]
		default:
			return at(k, "unknown key %q, expected %s, %s or %s", k.Value, keyCatalogue, keyReplace, keyAdd)
		}
	}
	if n := sections[keyCatalogue]; n != nil {
		if err := addControls(file, n, cat, at); err != nil {
			return err
		}
	}
	byID := map[string]*engine.Rule{}
	for _, r := range rs.Rules {
		byID[r.ID] = r
	}
	for _, key := range []string{keyReplace, keyAdd} {
		n := sections[key]
		if n == nil {
			continue
		}
		if err := mapRules(n, key == keyReplace, cat, byID, at); err != nil {
			return err
		}
	}
	return nil
}

type atFunc func(n *yaml.Node, format string, a ...any) error

// addControls reads catalogue:, a list of controls.
func addControls(file string, n *yaml.Node, cat *Catalogue, at atFunc) error {
	if n.Kind != yaml.SequenceNode {
		return at(n, "%s: expected a list of controls (- framework: …, id: …, title: …)", keyCatalogue)
	}
	for _, e := range n.Content {
		if e.Kind != yaml.MappingNode {
			return at(e, "%s: expected a control (framework:, id:, title:)", keyCatalogue)
		}
		vals := map[string]string{}
		for i := 0; i+1 < len(e.Content); i += 2 {
			k, v := e.Content[i], e.Content[i+1]
			if !slices.Contains(controlKeys, k.Value) {
				return at(k, "%s: unknown key %q, expected one of %s", keyCatalogue, k.Value, strings.Join(controlKeys, ", "))
			}
			if v.Kind != yaml.ScalarNode {
				return at(v, "%s: %s: expected a single value", keyCatalogue, k.Value)
			}
			vals[k.Value] = strings.TrimSpace(v.Value)
		}
		for _, req := range controlKeys[:3] {
			if vals[req] == "" {
				return at(e, "%s: a control without %s: framework, id and title are required", keyCatalogue, req)
			}
		}
		ref := model.ControlRef{Framework: vals["framework"], ID: vals["id"]}
		if err := cat.addable(ref); err != nil {
			return at(e, "%s: %v", keyCatalogue, err)
		}
		cat.add(model.Control{ControlRef: ref, Title: vals["title"], Asks: vals["asks"], Evidence: vals["evidence"],
			DefinedIn: fmt.Sprintf("%s:%d", file, e.Line)})
	}
	return nil
}

// mapRules reads replace: or add:, a map from rule id to a map from
// framework to control ids, as custom.controls is written.
func mapRules(n *yaml.Node, replace bool, cat *Catalogue, byID map[string]*engine.Rule, at atFunc) error {
	section := keyAdd
	if replace {
		section = keyReplace
	}
	if n.Kind != yaml.MappingNode {
		return at(n, "%s: expected rule ids, each with {framework: [control ids]}", section)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		r := byID[k.Value]
		if r == nil {
			return at(k, "%s: unknown rule %q (review rules list shows the rule ids)", section, k.Value)
		}
		refs, err := readRefs(section+": "+k.Value, v, cat, at)
		if err != nil {
			return err
		}
		if replace {
			r.Controls = refs
		} else {
			r.Controls = append(r.Controls, refs...)
		}
	}
	return nil
}

// readRefs reads {framework: [control ids]}, each control in the
// catalogue.
func readRefs(where string, n *yaml.Node, cat *Catalogue, at atFunc) ([]model.ControlRef, error) {
	if n.Kind != yaml.MappingNode {
		return nil, at(n, "%s: expected {framework: [control ids]}, e.g. {soc2: [CC6.2]}", where)
	}
	refs := []model.ControlRef{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		fw, ids := n.Content[i], n.Content[i+1]
		if ids.Kind == yaml.ScalarNode {
			ids = &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{ids}}
		}
		if ids.Kind != yaml.SequenceNode {
			return nil, at(ids, "%s: %s: expected a list of control ids", where, fw.Value)
		}
		for _, id := range ids.Content {
			if id.Kind != yaml.ScalarNode {
				return nil, at(id, "%s: %s: expected a control id", where, fw.Value)
			}
			ref := model.ControlRef{Framework: fw.Value, ID: id.Value}
			if err := cat.Known(ref); err != nil {
				return nil, at(id, "%s: %v", where, err)
			}
			refs = append(refs, ref)
		}
	}
	return refs, nil
}

// OrderRules puts each rule's controls in catalogue order, each once, once
// the METADATA has been checked and the --config file applied.
func OrderRules(cat *Catalogue, rs *engine.RuleSet) {
	for _, r := range rs.Rules {
		r.Controls = cat.Order(r.Controls)
	}
}
