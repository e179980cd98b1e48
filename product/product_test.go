package product

import (
	"strings"
	"testing"
)

func has(fields ...string) func(string) bool {
	return func(f string) bool {
		for _, x := range fields {
			if x == f {
				return true
			}
		}
		return false
	}
}

// The fields of an export or a report say the product by one set of rules:
// perm_access_allowed first (PRA), then what only Remote Support has, then
// what only PRA has.
func TestFromFields(t *testing.T) {
	for _, tt := range []struct {
		fields []string
		want   string
	}{
		{[]string{"perm_access_allowed", "private_display_name"}, PRA},
		{[]string{"perm_support_allowed"}, RS},
		{[]string{"private_display_name", "last_authenticated_date"}, RS},
		{[]string{"rep_perm_status"}, RS},
		{[]string{"access_perm_status"}, PRA},
		{[]string{"last_authenticated_date"}, PRA},
		{[]string{"username", "perm_admin"}, ""},
	} {
		if got := FromFields(has(tt.fields...)); got != tt.want {
			t.Errorf("FromFields(%v) = %q, want %q", tt.fields, got, tt.want)
		}
	}
}

// --product wins; else the one product the files said; none or two is an
// error that says how to state it.
func TestSettle(t *testing.T) {
	if p, err := Settle("site", map[string]bool{RS: true, PRA: true}, PRA); p != PRA || err != nil {
		t.Errorf("given: %q, %v", p, err)
	}
	if p, err := Settle("site", map[string]bool{RS: true}, ""); p != RS || err != nil {
		t.Errorf("seen: %q, %v", p, err)
	}
	for seen, want := range map[string]string{
		"":     `cannot tell the product of source "site" from its files (no perm_access_allowed, perm_support_allowed, Private Display Name or Password Safe export): give --product site=pra, --product site=rs or --product site=password-safe`,
		"both": `source "site" mixes products (pra and rs): put each site in its own source, or give --product site=…`,
	} {
		m := map[string]bool{}
		if seen == "both" {
			m = map[string]bool{RS: true, PRA: true}
		}
		if _, err := Settle("site", m, ""); err == nil || err.Error() != want {
			t.Errorf("%s: err %v, want %q", seen, err, want)
		}
	}
	if !Valid(PasswordSafe) || Valid("PRA") || strings.Join(Names, ",") != "pra,rs,password-safe" {
		t.Errorf("names %v", Names)
	}
}
