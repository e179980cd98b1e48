package engine

import (
	"bytes"
	"fmt"
	"sort"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/review-tool/review/internal/model"
)

// controlsForm is how custom.controls is written, quoted in its errors.
const controlsForm = "controls: {soc2: [CC6.2], pci-dss: [8.2.6]} (a framework key to a list of control ids)"

// readControls reads custom.controls: a map from a framework's key to the
// ids of its controls the rule evidences. A map rather than a list of
// "FRAMEWORK ID" strings, because a framework's name has spaces and its
// ids dots and parentheses: split apart, neither could be told wrong from
// right. The refs come sorted by framework and id; the catalogue orders
// them for display.
func readControls(file string, custom map[string]any) ([]model.ControlRef, error) {
	v, ok := custom["controls"]
	if !ok {
		return nil, nil
	}
	byFramework, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: METADATA custom.controls %v: expected %s", file, v, controlsForm)
	}
	var out []model.ControlRef
	for fw, ids := range byFramework {
		list, ok := ids.([]any)
		if !ok {
			return nil, fmt.Errorf("%s: METADATA custom.controls.%s %v: expected a list of control ids: %s", file, fw, ids, controlsForm)
		}
		for _, id := range list {
			s, ok := id.(string)
			if !ok || s == "" {
				// YAML reads 8.2 as a number, which would lose a
				// trailing zero (8.10): such an id must be quoted.
				return nil, fmt.Errorf("%s: METADATA custom.controls.%s: control id %v is not text: quote it (\"%v\")", file, fw, id, id)
			}
			out = append(out, model.ControlRef{Framework: fw, ID: s})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Framework != out[j].Framework {
			return out[i].Framework < out[j].Framework
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// CheckControls checks every control a rule's METADATA names against the
// catalogue: known says why a control is not in it, or nil. The error
// names the rule's file, and the line and column of the id, so that a
// misspelt control in a custom rule is fixed where it is written.
func (rs *RuleSet) CheckControls(known func(model.ControlRef) error) error {
	for _, r := range rs.Rules {
		for _, ref := range r.Controls {
			if err := known(ref); err != nil {
				return fmt.Errorf("%s: METADATA custom.controls: %w", r.controlPlace(ref), err)
			}
		}
	}
	return nil
}

// controlPlace is FILE:LINE:COLUMN of a control id in the rule's METADATA:
// the first comment of the block, after the line naming the framework,
// that holds the id; the block itself when the text cannot be found.
func (r *Rule) controlPlace(ref model.ControlRef) string {
	ann := r.packageAnnotation()
	if ann == nil || ann.Location == nil {
		return r.File
	}
	start, end := ann.Location.Row, ann.Location.Row+bytes.Count(ann.Location.Text, []byte("\n"))
	seenFramework := false
	for _, c := range r.Module.Comments {
		if c.Location == nil || c.Location.Row < start || c.Location.Row > end {
			continue
		}
		if !seenFramework {
			seenFramework = bytes.Contains(c.Text, []byte(ref.Framework+":"))
		}
		if i := indexToken(c.Text, ref.ID); seenFramework && i >= 0 {
			// The comment's column is its '#'; its text starts after it.
			return fmt.Sprintf("%s:%d:%d", r.File, c.Location.Row, c.Location.Col+1+i)
		}
	}
	return place(r.File, ann.Location)
}

// packageAnnotation is the rule's METADATA block.
func (r *Rule) packageAnnotation() *ast.Annotations {
	if r.Module == nil {
		return nil
	}
	for _, a := range r.Module.Annotations {
		if a.Scope == "package" {
			return a
		}
	}
	return nil
}

// indexToken is where id stands in text as a whole YAML scalar (A.5.1 is
// not found in A.5.15), or -1.
func indexToken(text []byte, id string) int {
	for off := 0; ; {
		i := bytes.Index(text[off:], []byte(id))
		if i < 0 {
			return -1
		}
		i += off
		end := i + len(id)
		if end == len(text) || bytes.IndexByte([]byte(",] \"'}"), text[end]) >= 0 {
			return i
		}
		off = i + 1
	}
}
