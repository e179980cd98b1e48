// Package product tells which BeyondTrust product a source is: from the
// fields its files carry (the same rules for a Configuration API export
// and a User Account Report), settled over all of a source's files, or as
// --product states it.
package product

import (
	"fmt"
	"sort"
	"strings"
)

// The products a source can be.
const (
	PRA          = "pra"
	RS           = "rs"
	PasswordSafe = "password-safe"
)

// Names are the products, as --product and the license file write them.
var Names = []string{PRA, RS, PasswordSafe}

// Valid says whether p names a product.
func Valid(p string) bool {
	for _, v := range Names {
		if p == v {
			return true
		}
	}
	return false
}

// FromFields is the product that fields (API field names: perm_*,
// private_display_name, …) say, or "" when they do not tell.
// perm_access_allowed is PRA's alone and decides first; then the fields
// only Remote Support has; then those only PRA has.
func FromFields(has func(field string) bool) string {
	switch {
	case has("perm_access_allowed"):
		return PRA
	case has("perm_support_allowed"), has("private_display_name"), has("rep_perm_status"):
		return RS
	case has("access_perm_status"), has("last_authenticated_date"):
		return PRA
	}
	return ""
}

// Settle is a source's product: given (--product) wins, else the one
// product its files said (seen); files that said none, or two, are an
// error saying how to state it.
func Settle(source string, seen map[string]bool, given string) (string, error) {
	if given != "" {
		return given, nil
	}
	switch len(seen) {
	case 1:
		for p := range seen {
			return p, nil
		}
	case 0:
		return "", fmt.Errorf("cannot tell the product of source %q from its files (no perm_access_allowed, perm_support_allowed, Private Display Name or Password Safe export): give --product %s=pra, --product %s=rs or --product %s=password-safe", source, source, source, source)
	}
	names := make([]string, 0, len(seen))
	for p := range seen {
		names = append(names, p)
	}
	sort.Strings(names)
	return "", fmt.Errorf("source %q mixes products (%s): put each site in its own source, or give --product %s=…", source, strings.Join(names, " and "), source)
}
