package views

import (
	"testing"

	"github.com/review-tool/review/schema"
)

// Every Jump Item type the readers give has the name the sheet and
// explain show, and no name is given twice.
func TestJumpItemTypesNamed(t *testing.T) {
	seen := map[string]string{}
	for _, in := range schema.Inputs {
		if in.Type == "" {
			continue
		}
		name, ok := jumpItemTypes[in.Type]
		if !ok {
			t.Errorf("Jump Item type %s (%s) has no name in jumpItemTypes", in.Type, in.Kind)
			continue
		}
		if other, dup := seen[name]; dup && other != in.Type {
			t.Errorf("%s and %s are both named %q", other, in.Type, name)
		}
		seen[name] = in.Type
	}
	if len(seen) != len(jumpItemTypes) {
		t.Errorf("jumpItemTypes names %d types, the readers give %d", len(jumpItemTypes), len(seen))
	}
}
