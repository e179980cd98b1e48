package configapi

import (
	"slices"
	"testing"

	"github.com/review-tool/review/schema"
)

// Each kind gives its source the capability named after its table, one a
// rule may require: the names rules use and the names readers give are
// the same list.
func TestKindCapabilities(t *testing.T) {
	for _, k := range kinds {
		if k.capability != schema.KindCapability(k.table) || !slices.Contains(schema.Capabilities, k.capability) {
			t.Errorf("%s: capability %q, table %s", k.kind, k.capability, k.table.Name)
		}
	}
	for _, m := range []map[string]string{userCapabilities, vendorUserCapabilities, psUserCapabilities, vendorCapabilities} {
		for field, c := range m {
			if !slices.Contains(schema.Capabilities, c) {
				t.Errorf("field %s gives %q, which no rule can require", field, c)
			}
		}
	}
}
