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

// The endpoints review takes to page by 100 are those whose GET takes
// per_page in BeyondTrust's published documents: a kind wrongly thought
// unpaged would let a first page pass for the whole list.
func TestPagedEndpointsArePublished(t *testing.T) {
	for _, p := range published {
		doc := loadSchema(t, p.file)
		for _, k := range apiKinds {
			if !doc.HasList(k.endpoints[0]) {
				continue // an endpoint of the other product (vendors are PRA's)
			}
			paged := doc.IsPaged(k.endpoints[0])
			if _, _, _, ok := Paging(k.kind); ok != paged {
				t.Errorf("%s: GET %s takes per_page: %v; Paging says %v", p.file, k.endpoints[0], paged, ok)
			}
		}
	}
}
