package pipeline

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/review-tool/review/engine"
	"github.com/review-tool/review/ingest/cells"
	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/internal/wholefile"
)

// config is the --config file.
type config struct {
	Params   map[string]any    `yaml:"params"`
	Severity map[string]string `yaml:"severity"`
	// Owners names each source's owner (source name → reviewer), who
	// reviews its findings when neither the roster nor
	// params.default_reviewer names anyone.
	Owners map[string]string `yaml:"owners"`
	// Controls adds to the control catalogue and changes rules' mappings
	// to it (docs/controls.md); kept as a node so that its errors can
	// name a line.
	Controls yaml.Node `yaml:"controls"`
	// Campaign holds the settings of the per-reviewer workbooks
	// (--split-by).
	Campaign campaignConfig `yaml:"campaign"`

	// path and text are the file as read, for the place of a value in
	// an error (place).
	path string
	text []byte
}

// campaignConfig is the config file's campaign: section.
type campaignConfig struct {
	// ReturnTo says where reviewers send their workbook back; --return-to
	// wins over it.
	ReturnTo string `yaml:"return_to"`
}

func readConfig(path string) (*config, error) {
	b, err := wholefile.Read(path, "a YAML config file")
	if err != nil {
		return nil, fmt.Errorf("--config: %w", err)
	}
	var c config
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && err.Error() != "EOF" {
		return nil, fmt.Errorf("%s: %v (expected a YAML mapping with params:, severity:, owners:, controls: and campaign:)", path, err)
	}
	c.path, c.text = path, b
	for _, src := range slices.Sorted(maps.Keys(c.Owners)) {
		if strings.TrimSpace(c.Owners[src]) == "" {
			return nil, fmt.Errorf("%s: owners: source %q has no owner (name a reviewer, or leave the source out)", path, src)
		}
		if found := cells.IdentityProblem(c.Owners[src]); found != "" {
			return nil, fmt.Errorf("%s: owners: source %q: found the owner %s, expected %s", c.place("owners", src), src, found, cells.ExpectIdentity)
		}
	}
	return &c, nil
}

// resolveParams merges the defaults (the run's own, then the rules'), the
// config file and --param flags, in that order, and checks every name and
// type.
func resolveParams(rs *engine.RuleSet, cfg *config, flags []string) (map[string]any, error) {
	params := map[string]any{}
	for k, v := range engine.RunParams {
		params[k] = v
	}
	for k, v := range rs.Params() {
		params[k] = v
	}
	set := func(name string, v any, where string) error {
		def, ok := params[name]
		if !ok {
			return fmt.Errorf("%s: unknown parameter %q (known: %s)", where, name, strings.Join(slices.Sorted(maps.Keys(params)), ", "))
		}
		v, err := conform(def, v)
		if err != nil {
			return fmt.Errorf("%s: parameter %s: %v", where, name, err)
		}
		params[name] = v
		return nil
	}
	if cfg != nil {
		for _, name := range slices.Sorted(maps.Keys(cfg.Params)) {
			if err := set(name, cfg.Params[name], "--config"); err != nil {
				return nil, err
			}
		}
	}
	reviewerFromFlag := false
	for _, f := range flags {
		name, val, ok := strings.Cut(f, "=")
		if !ok {
			return nil, fmt.Errorf("--param %q: expected name=value", f)
		}
		var v any
		if err := yaml.Unmarshal([]byte(val), &v); err != nil {
			v = val
		}
		name = strings.TrimSpace(name)
		if err := set(name, v, "--param"); err != nil {
			return nil, err
		}
		reviewerFromFlag = reviewerFromFlag || name == "default_reviewer"
	}
	// The default reviewer is a reviewer's name like an owner's: no
	// control character (cells.IdentityControl).
	if r, _ := params["default_reviewer"].(string); cells.IdentityProblem(r) != "" {
		where := "--param default_reviewer"
		if !reviewerFromFlag {
			where = cfg.place("params", "default_reviewer") + ": params: default_reviewer"
		}
		return nil, fmt.Errorf("%s: found %s, expected %s", where, cells.IdentityProblem(r), cells.ExpectIdentity)
	}
	return params, nil
}

// place is FILE:LINE:COLUMN of the value at keys (a path of mapping keys)
// in the config file, or FILE when it cannot be found there. It parses the
// file again, which only an error pays for.
func (c *config) place(keys ...string) string {
	var root yaml.Node
	if yaml.Unmarshal(c.text, &root) != nil || len(root.Content) == 0 {
		return c.path
	}
	n := root.Content[0]
	for _, k := range keys {
		var next *yaml.Node
		for i := 0; n.Kind == yaml.MappingNode && i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == k {
				next = n.Content[i+1] // the last of a key given twice, as the decoder takes it
			}
		}
		if next == nil {
			return c.path
		}
		n = next
	}
	return fmt.Sprintf("%s:%d:%d", c.path, n.Line, n.Column)
}

// conform converts v to the type of the default: numbers stay numbers,
// lists stay lists of strings.
func conform(def, v any) (any, error) {
	switch def.(type) {
	case int, int64, float64, uint64:
		switch n := v.(type) {
		case int:
			return n, nil
		case int64, float64, uint64:
			return n, nil
		}
		return nil, fmt.Errorf("got %v, expected a number", v)
	case []any, []string:
		switch l := v.(type) {
		case []any:
			return l, nil
		case string:
			var out []any
			for _, p := range strings.Split(l, ",") {
				if p = strings.TrimSpace(p); p != "" {
					out = append(out, p)
				}
			}
			return out, nil
		case nil:
			return []any{}, nil
		}
		return nil, fmt.Errorf("got %v, expected a list", v)
	case bool:
		if b, ok := v.(bool); ok {
			return b, nil
		}
		return nil, fmt.Errorf("got %v, expected true or false", v)
	case string:
		if v == nil { // --param name= : the empty string
			return "", nil
		}
		return fmt.Sprint(v), nil
	}
	return v, nil
}

// reviewers is who reviews findings the roster names no manager for:
// params.default_reviewer, then the config file's owners.
func reviewers(params map[string]any, cfg *config) engine.Reviewers {
	var r engine.Reviewers
	r.Default, _ = params["default_reviewer"].(string)
	r.Default = strings.TrimSpace(r.Default)
	if cfg != nil {
		r.Owners = cfg.Owners
	}
	return r
}

// ownerWarnings names the config file's owners: entries for sources this
// run does not have (a typo would otherwise leave findings unassigned
// without a word).
func ownerWarnings(cfg *config, sources []string) []string {
	if cfg == nil {
		return nil
	}
	known := map[string]bool{}
	for _, s := range sources {
		known[s] = true
	}
	var out []string
	for _, src := range slices.Sorted(maps.Keys(cfg.Owners)) {
		if !known[src] {
			out = append(out, fmt.Sprintf("--config owners: no source named %q in this run (sources: %s)", src, strings.Join(sources, ", ")))
		}
	}
	return out
}

// resolveSeverities reads --severity rule=level overrides (config first).
func resolveSeverities(rs *engine.RuleSet, cfg *config, flags []string) (map[string]model.Severity, error) {
	known := map[string]bool{}
	for _, r := range rs.Rules {
		known[r.ID] = true
	}
	out := map[string]model.Severity{}
	set := func(id, level, where string) error {
		if !known[id] {
			return fmt.Errorf("%s: unknown rule %q", where, id)
		}
		sev, ok := model.ParseSeverity(level)
		if !ok {
			return fmt.Errorf("%s %s=%s: expected high, medium or low", where, id, level)
		}
		out[id] = sev
		return nil
	}
	if cfg != nil {
		for id, level := range cfg.Severity {
			if err := set(id, level, "--config severity"); err != nil {
				return nil, err
			}
		}
	}
	for _, f := range flags {
		id, level, ok := strings.Cut(f, "=")
		if !ok {
			return nil, fmt.Errorf("--severity %q: expected rule-id=level", f)
		}
		if err := set(id, level, "--severity"); err != nil {
			return nil, err
		}
	}
	return out, nil
}
