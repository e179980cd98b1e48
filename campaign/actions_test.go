package campaign

import "testing"

// A rule the products share acts on a Password Safe user in BeyondInsight,
// on a PRA or RS account in /login.
func TestRemovalPlacePerProduct(t *testing.T) {
	for product, want := range map[string]string{
		"pra":           "/login > Users & Security > Users: disable carol",
		"rs":            "/login > Users & Security > Users: disable carol",
		"password-safe": "BeyondInsight > Configuration > Role Based Access > User Management > Users: disable carol",
	} {
		e := &Entry{IssuedFinding: &IssuedFinding{Rule: "stale-account", Product: product, EntityType: "account", Entity: "carol"},
			Decision: "Revoke", Comment: "left"}
		if got := removal(e).Instruction; got != want {
			t.Errorf("%s: %q, want %q", product, got, want)
		}
	}
}
