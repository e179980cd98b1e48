// Package apischema reads BeyondTrust's published OpenAPI documents of the
// Configuration API and makes objects from them that carry every property a
// list endpoint returns. The readers' tests use it as their oracle: what a
// real appliance writes must load, whatever docs/schema.md says.
package apischema

import (
	"fmt"
	"os"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Doc is one OpenAPI document.
type Doc struct {
	root map[string]any
}

// Load reads an OpenAPI document (YAML or JSON).
func Load(path string) (*Doc, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read OpenAPI document: %w", err)
	}
	var root map[string]any
	if err := yaml.Unmarshal(b, &root); err != nil {
		return nil, fmt.Errorf("parse OpenAPI document %s: %w", path, err)
	}
	return &Doc{root: root}, nil
}

// Property is one property of an object schema, with what a value of it
// may be.
type Property struct {
	Name     string    `json:"name"`
	Type     string    `json:"type"`             // integer, number, string, boolean, array or object
	Format   string    `json:"format,omitempty"` // date-time, int32, password, …
	Enum     []any     `json:"enum,omitempty"`
	Nullable bool      `json:"nullable,omitempty"`
	Minimum  *float64  `json:"minimum,omitempty"`
	Maximum  *float64  `json:"maximum,omitempty"`
	Items    *Property `json:"items,omitempty"` // the element of an array
}

// HasList says whether the document has a GET operation at path.
func (d *Doc) HasList(path string) bool {
	_, err := d.listSchema(path)
	return err == nil
}

// ListItem returns the properties, sorted by name, of the objects that GET
// path returns: the items of its 200 response's array (or the response
// schema itself where the document gives no array, as it does for
// /vault/account-group), with $ref and allOf resolved. Where the objects
// are one of several schemas (oneOf, anyOf), it returns the properties of
// them all; Variants tells them apart.
func (d *Doc) ListItem(path string) ([]Property, error) {
	vs, err := d.Variants(path)
	if err != nil {
		return nil, err
	}
	return merged(vs), nil
}

// merged are the properties of every variant, each once, sorted by name.
func merged(vs [][]Property) []Property {
	props := map[string]Property{}
	for _, v := range vs {
		for _, p := range v {
			props[p.Name] = p
		}
	}
	return sorted(props)
}

// Variants returns the shapes of the objects GET path returns, each as
// ListItem's properties: one shape, or one for each schema of a oneOf or
// anyOf (an LDAP and a SAML security provider carry different properties).
func (d *Doc) Variants(path string) ([][]Property, error) {
	s, err := d.listSchema(path)
	if err != nil {
		return nil, err
	}
	s, err = d.resolve(s)
	if err != nil {
		return nil, err
	}
	if str(s, "type") == "array" {
		items, ok := s["items"].(map[string]any)
		if !ok {
			return nil, fmt.Errorf("GET %s: an array without items", path)
		}
		if s, err = d.resolve(items); err != nil {
			return nil, err
		}
	}
	var alts []any
	for _, comb := range []string{"oneOf", "anyOf"} {
		list, _ := s[comb].([]any)
		alts = append(alts, list...)
	}
	if len(alts) == 0 {
		alts = []any{s}
	}
	var out [][]Property
	for _, alt := range alts {
		m, ok := alt.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("GET %s: %T, not a schema", path, alt)
		}
		props := map[string]Property{}
		if err := d.collect(m, props); err != nil {
			return nil, fmt.Errorf("GET %s: %w", path, err)
		}
		// The properties beside a oneOf belong to every alternative.
		if len(alts) > 1 {
			if err := d.collectOwn(s, props); err != nil {
				return nil, fmt.Errorf("GET %s: %w", path, err)
			}
		}
		out = append(out, sorted(props))
	}
	return out, nil
}

func sorted(props map[string]Property) []Property {
	out := make([]Property, 0, len(props))
	for _, p := range props {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func (d *Doc) listSchema(path string) (map[string]any, error) {
	s, ok := dig(d.root, "paths", path, "get", "responses", "200", "content", "application/json", "schema").(map[string]any)
	if !ok {
		return nil, fmt.Errorf("no GET %s with a JSON 200 response", path)
	}
	return s, nil
}

// collect adds the properties of an object schema and of every schema it
// combines.
func (d *Doc) collect(s map[string]any, props map[string]Property) error {
	s, err := d.resolve(s)
	if err != nil {
		return err
	}
	for _, comb := range []string{"allOf", "oneOf", "anyOf"} {
		list, _ := s[comb].([]any)
		for _, sub := range list {
			m, ok := sub.(map[string]any)
			if !ok {
				return fmt.Errorf("%s holds %T, not a schema", comb, sub)
			}
			if err := d.collect(m, props); err != nil {
				return err
			}
		}
	}
	return d.collectOwn(s, props)
}

// collectOwn adds the properties a schema names itself.
func (d *Doc) collectOwn(s map[string]any, props map[string]Property) error {
	ps, _ := s["properties"].(map[string]any)
	for name, v := range ps {
		m, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("property %s is %T, not a schema", name, v)
		}
		p, err := d.property(name, m)
		if err != nil {
			return fmt.Errorf("property %s: %w", name, err)
		}
		props[name] = p
	}
	return nil
}

// property describes one property's schema. A property that is an allOf
// of schemas takes the first type and format they give.
func (d *Doc) property(name string, s map[string]any) (Property, error) {
	s, err := d.resolve(s)
	if err != nil {
		return Property{}, err
	}
	p := Property{Name: name}
	parts := []map[string]any{s}
	for _, comb := range []string{"allOf", "oneOf", "anyOf"} {
		list, _ := s[comb].([]any)
		for _, sub := range list {
			if m, ok := sub.(map[string]any); ok {
				if m, err = d.resolve(m); err != nil {
					return p, err
				}
				parts = append(parts, m)
			}
		}
	}
	for _, part := range parts {
		if p.Type == "" {
			p.Type = str(part, "type")
		}
		if p.Format == "" {
			p.Format = str(part, "format")
		}
		if e, ok := part["enum"].([]any); ok && p.Enum == nil {
			p.Enum = e
		}
		if b, ok := part["nullable"].(bool); ok && b {
			p.Nullable = true
		}
		if p.Minimum == nil {
			p.Minimum = number(part["minimum"])
		}
		if p.Maximum == nil {
			p.Maximum = number(part["maximum"])
		}
		if items, ok := part["items"].(map[string]any); ok && p.Items == nil {
			it, err := d.property(name+"[]", items)
			if err != nil {
				return p, err
			}
			p.Items = &it
		}
	}
	if p.Type == "" {
		return p, fmt.Errorf("no type")
	}
	return p, nil
}

// resolve follows $ref (local references only, as the documents use).
func (d *Doc) resolve(s map[string]any) (map[string]any, error) {
	for depth := 0; ; depth++ {
		ref, ok := s["$ref"].(string)
		if !ok {
			return s, nil
		}
		if depth > 32 || !strings.HasPrefix(ref, "#/") {
			return nil, fmt.Errorf("cannot resolve $ref %q", ref)
		}
		keys := strings.Split(strings.TrimPrefix(ref, "#/"), "/")
		for i, k := range keys {
			keys[i] = strings.NewReplacer("~1", "/", "~0", "~").Replace(k)
		}
		target, ok := dig(d.root, keys...).(map[string]any)
		if !ok {
			return nil, fmt.Errorf("$ref %q names no schema", ref)
		}
		s = target
	}
}

func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func str(m map[string]any, key string) string {
	s, _ := m[key].(string)
	return s
}

func number(v any) *float64 {
	var f float64
	switch n := v.(type) {
	case int:
		f = float64(n)
	case int64:
		f = float64(n)
	case uint64:
		f = float64(n)
	case float64:
		f = n
	default:
		return nil
	}
	return &f
}
