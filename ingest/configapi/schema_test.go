package configapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/review-tool/review/internal/apischema"
	"github.com/review-tool/review/schema"
)

// published are BeyondTrust's OpenAPI documents, the test oracle, by the
// product they describe. Their shapes are committed in internal/apischema
// (derived from the documents, and checked against them when they are at
// hand), so a clone alone tests against them too.
var published = []struct{ file, product string }{
	{"pra-configuration-1.10.openapi.yaml", "pra"},
	{"rs-configuration-1.10.openapi.yaml", "rs"},
}

func loadSchema(t *testing.T, file string) *apischema.Shapes {
	t.Helper()
	doc, err := apischema.Published(file)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// An export the appliance writes loads whole: for every kind review reads
// and each endpoint it comes from, objects carrying every property of the
// published schema (each with its type and format, every enum value, null
// where the schema allows it), as an array, and for per-parent kinds both
// keyed by parent id and flat with the parent id on each row. Every value
// arrives in its column, or in perms / extra, unchanged; a Jump Item's row
// carries its type.
func TestPublishedSchemaLoads(t *testing.T) {
	eachExport(t, func(name, product string, k *kind, f form) {
		t.Run(name, func(t *testing.T) { checkLoads(t, k, product, f) })
	})
}

// eachExport calls fn with every form of export made from the published
// schemas: per product, kind, endpoint and shape of object (a security
// provider of each type).
func eachExport(t *testing.T, fn func(name, product string, k *kind, f form)) {
	for _, pub := range published {
		doc := loadSchema(t, pub.file)
		for _, k := range apiKinds {
			for _, ep := range k.endpoints {
				if !doc.HasList(ep) {
					// Vendors, the tunnels and Web Jump are PRA's alone.
					if slices.Contains(schema.InputOf(k.kind).Products, pub.product) {
						t.Errorf("%s: no GET %s for %s", pub.file, ep, k.kind)
					}
					continue
				}
				variants, err := doc.Variants(ep)
				if err != nil {
					t.Fatal(err)
				}
				for i, props := range variants {
					for _, f := range forms(k, apischema.Samples(props)) {
						fn(fmt.Sprintf("%s/%s/%d/%s", pub.product, ep, i+1, f.name), pub.product, k, f)
					}
				}
			}
		}
	}
}

// form is one way of writing an export: its text and the objects it holds
// with the parent id each row gets.
type form struct {
	name    string
	text    []byte
	objs    []apischema.Object
	parents []int64
}

// forms writes the objects as the kind's exports are written: an array,
// or for per-parent kinds keyed by parent id (with an empty list too) and
// flat. A parent field the schema itself has (account_group_id on Vault
// account group users) is set to the parent, as the appliance does.
func forms(k *kind, objs []apischema.Object) []form {
	if k.parent == "" {
		return []form{{name: "array", text: apischema.Array(objs), objs: objs, parents: make([]int64, len(objs))}}
	}
	var keyed, flat form
	keyed.name, flat.name = "keyed", "flat"
	var b bytes.Buffer
	b.WriteString("{\n\"7\": [\n")
	for i, o := range objs {
		if _, ok := o.Get(k.parent); ok {
			o = o.With(k.parent, int64(7))
		}
		if i > 0 {
			b.WriteString(",\n")
		}
		b.Write(o.JSON())
		keyed.objs = append(keyed.objs, o)
		keyed.parents = append(keyed.parents, 7)
	}
	b.WriteString("\n],\n\"8\": []\n}\n")
	keyed.text = b.Bytes()
	for i, o := range objs {
		p := int64(10 + i%2)
		flat.objs = append(flat.objs, o.With(k.parent, p))
		flat.parents = append(flat.parents, p)
	}
	flat.text = apischema.Array(flat.objs)
	return []form{keyed, flat}
}

func checkLoads(t *testing.T, k *kind, product string, f form) {
	sink := memSink{}
	path := "export/" + string(k.kind) + ".json"
	res, err := Read(k.kind, Input{Path: path, Source: "site", FileID: 1}, bytes.NewReader(f.text), sink)
	if err != nil {
		t.Fatalf("%v\nexport:\n%s", err, f.text)
	}
	rows := sink[k.table.Name]
	if len(rows) != len(f.objs) || res.Rows != int64(len(f.objs)) {
		t.Fatalf("%d rows loaded (result says %d), want %d", len(rows), res.Rows, len(f.objs))
	}
	if res.Product != "" && res.Product != product {
		t.Errorf("product %q, want %q", res.Product, product)
	}
	d := newDecoder(path, "site", 1, k)
	for _, name := range used[k.kind] {
		if _, inSchema := f.objs[0].Get(name); inSchema && d.column(name) < 0 {
			t.Errorf("%s, which review uses, has no column of its own", name)
		}
	}
	for i, row := range rows {
		if err := k.table.CheckRow(row); err != nil {
			t.Errorf("row %d: %v", i, err)
		}
		for _, fld := range f.objs[i] {
			if msg := arrived(d, row, fld); msg != "" {
				t.Errorf("object %d: %s", i, msg)
			}
		}
		if k.parent != "" && row[d.parentCol] != f.parents[i] {
			t.Errorf("object %d: %s = %v, want %d", i, k.parent, row[d.parentCol], f.parents[i])
		}
		if k.itemType != "" && row[k.table.Index("type")] != k.itemType {
			t.Errorf("object %d: type %v, want %s", i, row[k.table.Index("type")], k.itemType)
		}
	}
}

// used are the fields review's facts read, by kind: each must have a column
// of its own (docs/schema.md), not only a place in extra.
var used = map[schema.Kind][]string{
	schema.KindUsers: {"id", "security_provider_id", "username", "public_display_name", "private_display_name",
		"email_address", "enabled", "last_authentication", "created_at", "password_expiration", "two_factor_required",
		"two_factor_enabled", "fido2_credential_count", "fido2_last_used_date", "failed_logins", "perm_admin"},
	schema.KindGroupPolicies:                 {"id", "name", "access_perm_status", "rep_perm_status"},
	schema.KindGroupPolicyMembers:            {"id", "security_provider_id", "user_id", "distinguished_name", "group_name"},
	schema.KindUserGroupPolicies:             {"id", "name"},
	schema.KindTeams:                         {"id", "name", "code_name"},
	schema.KindTeamUsers:                     {"team_id", "user_id", "role"},
	schema.KindGroupPolicyTeams:              {"team_id", "role"},
	schema.KindJumpGroups:                    {"id", "name", "code_name"},
	schema.KindJumpGroupUsers:                {"user_id", "jump_item_role_id", "jump_policy_id"},
	schema.KindGroupPolicyJumpGroups:         {"jump_group_id", "jump_item_role_id", "jump_policy_id"},
	schema.KindVaultAccountGroups:            {"id", "name"},
	schema.KindVaultAccountGroupUsers:        {"user_id", "account_group_id", "role"},
	schema.KindGroupPolicyVaultAccountGroups: {"group_policy_id", "account_group_id", "role"},
	schema.KindSecurityProviders:             {"id", "name", "type", "enabled", "default_policy"},
	schema.KindSessionPolicies:               {"id", "display_name", "code_name", "description"},
	schema.KindAPIAccounts:                   {"id", "name", "enabled", "perm_command", "perm_configuration", "perm_backup", "perm_vault_backup"},
	schema.KindVendors:                       {"id", "name", "default_policy", "account_expiration", "deletion_days_after_expiration", "user_approval_enabled"},
	schema.KindVendorUsers: {"id", "username", "public_display_name", "enabled", "email_address", "last_authenticated_date",
		"account_expiration", "password_expiration", "is_approved", "vendor_administrator", "is_expired", "fido2_credential_count"},
	schema.KindJumpPolicies: {"id", "display_name", "code_name", "description", "approval_required", "approval_scope",
		"approval_approver_scope", "approval_max_duration", "recordings_disabled", "ticket_id_required",
		"two_factor_challenge_required", "schedule_enabled", "schedule_strict", "session_start_notification",
		"session_end_notification"},
	schema.KindRemoteRDP:          jumpItemUsed("hostname"),
	schema.KindRemoteVNC:          jumpItemUsed("hostname"),
	schema.KindShellJump:          jumpItemUsed("hostname"),
	schema.KindProtocolTunnelJump: jumpItemUsed("hostname"),
	schema.KindNetworkTunnelJump:  jumpItemUsed(),
	schema.KindPSQLTunnelJump:     jumpItemUsed("hostname"),
	schema.KindMySQLTunnelJump:    jumpItemUsed("hostname"),
	schema.KindWebJump:            jumpItemUsed("url"),
	// A Jump Client connects without a Jumpoint.
	schema.KindJumpClients: {"id", "name", "hostname", "jump_group_id", "jump_group_type", "jump_policy_id", "session_policy_id",
		"tag", "comments"},
}

// jumpItemUsed are the fields of a Jump Item the facts read, with its host
// field (none for a Network Tunnel Jump).
func jumpItemUsed(host ...string) []string {
	return append([]string{"id", "name", "jump_group_id", "jump_group_type", "jump_policy_id", "session_policy_id", "jumpoint_id",
		"tag", "comments"}, host...)
}

// Every field of used is a property of the published schema of its kind
// (in one product at least), so a misspelt name cannot pass unseen.
func TestUsedFieldsArePublished(t *testing.T) {
	found := map[schema.Kind]map[string]bool{}
	for _, pub := range published {
		doc := loadSchema(t, pub.file)
		for _, k := range apiKinds {
			for _, ep := range k.endpoints {
				props, err := doc.ListItem(ep)
				if err != nil {
					continue
				}
				if found[k.kind] == nil {
					found[k.kind] = map[string]bool{}
				}
				for _, p := range props {
					found[k.kind][p.Name] = true
				}
			}
		}
	}
	for _, k := range apiKinds {
		if len(used[k.kind]) == 0 {
			t.Errorf("%s: no used fields listed", k.kind)
		}
		for _, name := range used[k.kind] {
			if !found[k.kind][name] {
				t.Errorf("%s: %s is in no published schema of the kind", k.kind, name)
			}
		}
	}
}

// arrived says how a property's value failed to reach the row, or "".
func arrived(d *decoder, row []any, fld apischema.Field) string {
	if col := d.column(fld.Name); col >= 0 {
		c := d.k.table.Columns[col]
		want, err := columnValue(fld.Value, c.Type)
		if err != nil {
			return fmt.Sprintf("%s: %v", fld.Name, err)
		}
		if c.Name == "default_policy" && want == int64(0) {
			want = nil // the schema's 0 is "no default policy", stored as NULL
		}
		if got := row[col]; got != want {
			return fmt.Sprintf("%s = %#v in column %s (%s), want %#v", fld.Name, got, c.Name, c.Type, want)
		}
		return ""
	}
	where := "extra"
	if strings.HasPrefix(fld.Name, "perm_") && d.permsCol >= 0 {
		where = "perms"
	}
	i := d.k.table.Index(where)
	if i < 0 {
		return fmt.Sprintf("%s has no column and the table no %s: dropped", fld.Name, where)
	}
	text, _ := row[i].(string)
	var held map[string]any
	if err := json.Unmarshal([]byte(text), &held); err != nil {
		return fmt.Sprintf("%s: %s = %q: %v", fld.Name, where, text, err)
	}
	got, ok := held[fld.Name]
	if !ok {
		return fmt.Sprintf("%s missing from %s %s", fld.Name, where, text)
	}
	want, _ := json.Marshal(fld.Value)
	gotJSON, _ := json.Marshal(got)
	var norm any
	json.Unmarshal(want, &norm)
	wantJSON, _ := json.Marshal(norm)
	if !bytes.Equal(gotJSON, wantJSON) {
		return fmt.Sprintf("%s = %s in %s, want %s", fld.Name, gotJSON, where, wantJSON)
	}
	return ""
}

// columnValue is the Go value a schema value must become in a column of
// type typ; an error when the two types do not go together.
func columnValue(v any, typ string) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch typ {
	case schema.Int:
		if n, ok := v.(int64); ok {
			return n, nil
		}
	case schema.Bool:
		if b, ok := v.(bool); ok {
			return b, nil
		}
	case schema.Float:
		if f, ok := v.(float64); ok {
			return f, nil
		}
	case schema.Timestamp:
		if s, ok := v.(string); ok {
			tm, err := time.Parse(time.RFC3339, s)
			return tm.UTC(), err
		}
	case schema.Text:
		if s, ok := v.(string); ok {
			return s, nil
		}
	}
	return nil, fmt.Errorf("the schema's %T %v does not fit a %s column", v, v, typ)
}

// An export carrying every property of its kind's schema is still
// recognised as that kind: by content alone where the content tells, and
// never as another kind; with the kind's file name when it does not.
func TestPublishedSchemaDetected(t *testing.T) {
	eachExport(t, func(name, _ string, k *kind, f form) {
		if msg := detected(k.kind, f.text); msg != "" {
			t.Errorf("%s: %s", name, msg)
		}
	})
}

// detected returns "" when text is recognised as k, else what went wrong.
func detected(k schema.Kind, text []byte) string {
	if got, _ := Detect(string(k)+".json", text); got != k {
		return fmt.Sprintf("Detect(%s.json) = %q", k, got)
	}
	if got, _ := Detect("export.json", text); got != k && got != schema.KindUnknown {
		return fmt.Sprintf("Detect(export.json) = %q, want %q or unknown", got, k)
	}
	return ""
}

// distinctPropertyCases are exports whose properties only one kind has:
// they tell kinds apart that share id, name and code_name, without a file
// name.
var distinctPropertyCases = []struct{ head, want string }{
	{`[{"id": 1, "name": "Servers", "code_name": "servers", "comments": null, "ecm_group_id": 2}]`, "jump-group"},
	{`[{"id": 1, "name": "Tier 1", "code_name": "tier1", "persistent_queue": false}]`, "team"},
	{`[{"id": 1, "name": "DB admins", "description": "", "account_policy": null}]`, "vault-account-group"},
	{`[{"id": 1, "type": "ldap", "name": "Corp AD", "username": "bind", "default_policy": 2}]`, "security-provider"},
	{`[{"user_id": 4, "id": 2, "name": "Admins", "access_perm_status": "defined"}]`, "user-group-policies"},
}

func TestDetectByDistinctProperties(t *testing.T) {
	for _, tt := range distinctPropertyCases {
		if got, msg := Detect("export.json", []byte(tt.head)); string(got) != tt.want {
			t.Errorf("Detect(%s) = %q (%s), want %q", tt.head, got, msg, tt.want)
		}
	}
}
