package main

import (
	"testing"

	"github.com/review-tool/review/engine"
	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/rules"
	"github.com/review-tool/review/schema"
)

// Every capability a coverage sentence can name (an export kind's, and
// each one a built-in rule requires) is said in the words of the export a
// user saved, never by its table or field name.
func TestCapabilityWords(t *testing.T) {
	t.Parallel()
	for _, in := range schema.Inputs {
		if in.Capability != "" && !model.HasCapabilityWords(in.Capability) {
			t.Errorf("export kind %s: no words for its capability %q (internal/model/coverage.go)", in.Kind, in.Capability)
		}
	}
	rs, err := engine.LoadRules(rules.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs.Rules {
		for _, group := range r.Requires {
			for _, c := range group {
				if c != "roster" && c != "licenses" && !model.HasCapabilityWords(c) {
					t.Errorf("rule %s requires %q, which has no words (internal/model/coverage.go)", r.ID, c)
				}
			}
		}
	}
}
