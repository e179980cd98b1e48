package main

import (
	"fmt"
	"os"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/review-tool/review/analyzers"
	"github.com/review-tool/review/internal/model"
)

// config is the --config file.
type config struct {
	Params   map[string]any    `yaml:"params"`
	Severity map[string]string `yaml:"severity"`
}

func readConfig(path string) (*config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--config: %w", err)
	}
	var c config
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && err.Error() != "EOF" {
		return nil, fmt.Errorf("%s: %v (expected a YAML mapping with params: and severity:)", path, err)
	}
	return &c, nil
}

// resolveParams merges the rules' defaults, the config file and --param
// flags, in that order, and checks every name and type.
func resolveParams(rs *analyzers.RuleSet, cfg *config, flags []string) (map[string]any, error) {
	params := map[string]any{}
	for _, r := range rs.Rules {
		for k, v := range r.Params {
			params[k] = v
		}
	}
	set := func(name string, v any, where string) error {
		def, ok := params[name]
		if !ok {
			return fmt.Errorf("%s: unknown parameter %q (known: %s)", where, name, strings.Join(sortedNames(params), ", "))
		}
		v, err := conform(def, v)
		if err != nil {
			return fmt.Errorf("%s: parameter %s: %v", where, name, err)
		}
		params[name] = v
		return nil
	}
	if cfg != nil {
		for _, name := range sortedNames(cfg.Params) {
			if err := set(name, cfg.Params[name], "--config"); err != nil {
				return nil, err
			}
		}
	}
	for _, f := range flags {
		name, val, ok := strings.Cut(f, "=")
		if !ok {
			return nil, fmt.Errorf("--param %q: expected name=value", f)
		}
		var v any
		if err := yaml.Unmarshal([]byte(val), &v); err != nil {
			v = val
		}
		if err := set(strings.TrimSpace(name), v, "--param"); err != nil {
			return nil, err
		}
	}
	return params, nil
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
		return fmt.Sprint(v), nil
	}
	return v, nil
}

func sortedNames(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// resolveSeverities reads --severity rule=level overrides (config first).
func resolveSeverities(rs *analyzers.RuleSet, cfg *config, flags []string) (map[string]model.Severity, error) {
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
