package apischema

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "derive published/*.json again from BeyondTrust's documents in the reference folder")

// reference is where BeyondTrust's published documents sit when the shared
// folder is beside the repository. A clone alone has no such folder; the
// committed shapes are then the oracle.
var reference = filepath.Join("..", "..", "..", "shared", "reference", "beyondtrust-config-api")

// The committed shapes are what the published documents say today: with
// the documents at hand, they are derived again and must match byte for
// byte (-update writes them); without them, the committed files are read
// back and must hold the endpoints the readers' oracle tests ask for.
func TestPublishedShapesCurrent(t *testing.T) {
	for _, name := range Documents {
		t.Run(name, func(t *testing.T) {
			committed, err := published.ReadFile(ShapesFile(name))
			if err != nil && !*update {
				t.Fatalf("no committed shapes: %v (run go test ./internal/apischema -update with the reference folder beside the repository)", err)
			}
			src := filepath.Join(reference, name)
			content, err := os.ReadFile(src)
			if os.IsNotExist(err) {
				if *update {
					t.Fatalf("-update needs BeyondTrust's document at %s", src)
				}
				t.Logf("%s is absent: the committed %s is the oracle", src, ShapesFile(name))
				checkCommitted(t, name)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			d, err := Load(src)
			if err != nil {
				t.Fatal(err)
			}
			s, err := d.Derive(name, content)
			if err != nil {
				t.Fatal(err)
			}
			if *update {
				if err := os.WriteFile(ShapesFile(name), s.JSON(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if !bytes.Equal(committed, s.JSON()) {
				t.Errorf("%s differs from what %s says now (sha256 %s): run go test ./internal/apischema -update and review the diff",
					ShapesFile(name), src, s.SHA256)
			}
			checkCommitted(t, name)
		})
	}
}

// checkCommitted reads a committed shapes file back and checks that it is
// whole: the document it names, and the list endpoints every product has.
func checkCommitted(t *testing.T, name string) {
	t.Helper()
	s, err := Published(name)
	if err != nil {
		t.Fatal(err)
	}
	if s.Document != name || len(s.SHA256) != 64 {
		t.Errorf("shapes of %q (sha256 %q), want %s", s.Document, s.SHA256, name)
	}
	for _, p := range []string{"/user", "/group-policy", "/team", "/jump-group", "/security-provider", "/session-policy",
		"/jump-policy", "/jump-item/remote-rdp", "/jump-item/remote-vnc", "/jump-item/shell-jump", "/jump-client"} {
		props, err := s.ListItem(p)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(props) < 3 {
			t.Errorf("%s GET %s: %d properties", name, p, len(props))
		}
		if !s.IsPaged(p) {
			t.Errorf("%s GET %s: not paged, but every list of these takes per_page", name, p)
		}
	}
}

// The Vendor schema, through its $ref, gives the vendor group's expiry as
// an integer of days and the deletion delay as a nullable integer; an
// object made from it carries both, and every enum value of a property
// appears across the samples.
func TestListItemAndSamples(t *testing.T) {
	d, err := Published("pra-configuration-1.10.openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	props, err := d.ListItem("/vendor")
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]Property{}
	for _, p := range props {
		byName[p.Name] = p
	}
	if p := byName["account_expiration"]; p.Type != "integer" || p.Minimum == nil || *p.Minimum != 1 || *p.Maximum != 365 {
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

// A small document of the same build as BeyondTrust's: $ref, allOf, a
// oneOf of two shapes beside a shared property, nullable and bounded
// integers, an integer enum, an array of references. Derive reads what
// the oracle needs from it, and the committed form reads back the same,
// integer enum values as integers.
func TestDeriveAndReadBack(t *testing.T) {
	const path = "testdata/small.openapi.yaml"
	content, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := d.Derive("small.openapi.yaml", content)
	if err != nil {
		t.Fatal(err)
	}
	if s.HasList("/thing/{id}") || !s.HasList("/thing") || !s.HasList("/provider") {
		t.Errorf("lists = %v, want /thing and /provider (GET with a 200 JSON response) only", keys(s.Lists))
	}
	thing, err := s.ListItem("/thing")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"id": "integer", "name": "string", "level": "integer", "expires": "string", "tags": "array"}
	if len(thing) != len(want) {
		t.Errorf("/thing properties = %+v, want %v", thing, want)
	}
	for _, p := range thing {
		if want[p.Name] != p.Type {
			t.Errorf("/thing %s: type %q, want %q", p.Name, p.Type, want[p.Name])
		}
	}
	vs, err := s.Variants("/provider")
	if err != nil || len(vs) != 2 {
		t.Fatalf("/provider variants = %v, %v; want 2", vs, err)
	}
	back, err := decodeShapes(s.JSON())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(back.JSON(), s.JSON()) {
		t.Errorf("shapes do not read back the same:\n%s\nvs\n%s", back.JSON(), s.JSON())
	}
	level, _ := back.ListItem("/thing")
	for _, p := range level {
		if p.Name == "level" {
			if len(p.Enum) != 3 || p.Enum[0] != 1 {
				t.Errorf("level enum = %#v, want integers 1, 2, 3", p.Enum)
			}
			if !p.Nullable || p.Minimum == nil || *p.Minimum != 1 {
				t.Errorf("level = %+v, want nullable with minimum 1", p)
			}
		}
		if p.Name == "tags" && (p.Items == nil || p.Items.Type != "string") {
			t.Errorf("tags items = %+v, want strings", p.Items)
		}
		if p.Name == "expires" && p.Format != "date-time" {
			t.Errorf("expires format = %q", p.Format)
		}
	}
	if v := Samples(level)[0]; v == nil {
		t.Error("no sample")
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
