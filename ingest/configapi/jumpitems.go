package configapi

import (
	"fmt"
	"slices"
	"strings"
)

// otherItemType checks that a Jump Item of an export of one type is of
// that type: the file's kind is told from its first object, and every row
// is written with that type, so an object of another type (a script that
// saved every type in one array) would be loaded as what it is not. An
// object whose fields fit several types, or none, passes: only fields
// another type alone has tell against it.
func (d *decoder) otherItemType(e element) error {
	f := map[string]bool{}
	for name, fl := range d.fields {
		if fl.obj == d.obj {
			f[name] = true
		}
	}
	var types []string
	for _, k := range decide(signatures, f, false) {
		if k == d.k.kind {
			return nil
		}
		if kindOf(k).itemType != "" {
			types = append(types, string(k))
		}
	}
	if len(types) == 0 {
		return nil
	}
	slices.Sort(types)
	return d.at(e, 0, fmt.Sprintf("an object with the fields of %s in a %s export", strings.Join(types, " or "), d.k.kind),
		fmt.Sprintf("%s objects only (save each Jump Item type in its own file, named for its type: %s.json)", d.k.kind, types[0]))
}
