package apischema

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// The published documents sit beside the repository (docs/schema.md).
var reference = filepath.Join("..", "..", "..", "shared", "reference", "beyondtrust-config-api")

func load(t *testing.T, name string) *Doc {
	t.Helper()
	path := filepath.Join(reference, name)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("BeyondTrust's published schema is missing at %s: %v", path, err)
	}
	d, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// The Vendor schema, through its $ref, gives the vendor group's expiry as
// an integer of days and the deletion delay as a nullable integer; an
// object made from it carries both, and every enum value of a property
// appears across the samples.
func TestListItemAndSamples(t *testing.T) {
	d := load(t, "pra-configuration-1.10.openapi.yaml")
	props, err := d.ListItem("/vendor")
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]Property{}
	for _, p := range props {
		byName[p.Name] = p
	}
	if p := byName["account_expiration"]; p.Type != "integer" || *p.Minimum != 1 || *p.Maximum != 365 {
		t.Errorf("account_expiration = %+v", p)
	}
	if p := byName["deletion_days_after_expiration"]; !p.Nullable {
		t.Errorf("deletion_days_after_expiration = %+v, want nullable", p)
	}
	objs := Samples(props)
	last := objs[len(objs)-1]
	if v, _ := last.Get("deletion_days_after_expiration"); v != nil {
		t.Errorf("last sample's nullable property = %v, want null", v)
	}
	var first map[string]any
	if err := json.Unmarshal(objs[0].JSON(), &first); err != nil {
		t.Fatal(err)
	}
	if len(first) != len(props) || first["account_expiration"] != float64(1) {
		t.Errorf("first sample = %s", objs[0].JSON())
	}

	// /security-provider's items are a oneOf-free SecurityProvider; its
	// type enum has six values, all of which appear.
	props, err = d.ListItem("/security-provider")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[any]bool{}
	for _, o := range Samples(props) {
		v, _ := o.Get("type")
		seen[v] = true
	}
	for _, want := range []string{"local", "ldap", "radius", "kerberos", "saml", "scim"} {
		if !seen[want] {
			t.Errorf("no sample security provider of type %s", want)
		}
	}
	if _, err := d.ListItem("/no-such-endpoint"); err == nil {
		t.Error("ListItem of an unknown path: no error")
	}
}
