package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/review-tool/review/internal/apischema"
)

// vendorFactsRule hands a vendor user's vendor fact back as evidence, so
// the test sees what every rule sees.
const vendorFactsRule = `# METADATA
# title: Vendor facts
# description: Shows the vendor fact of each vendor user.
# custom:
#   id: vendor-facts
#   family: account-hygiene
#   severity: low
#   remediation: none
#   input: account
package review.rules.vendor_facts

finding := {"detail": "vendor facts", "evidence": input.vendor} if {
	input.kind == "vendor-user"
}
`

// A PRA vendor group and vendor user carrying every property of the
// published schema load, and what review uses of them reaches the facts:
// the group's expiry policy in days and approval setting, the user's own
// approval and vendor administrator flag; the user's own expiry date
// drives expired-vendor-account-enabled.
func TestVendorValuesReachTheFacts(t *testing.T) {
	t.Parallel()
	// BeyondTrust's published PRA schema, as committed (internal/apischema).
	doc, err := apischema.Published("pra-configuration-1.10.openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sample := func(path string) apischema.Object {
		props, err := doc.ListItem(path)
		if err != nil {
			t.Fatal(err)
		}
		return apischema.Samples(props)[0]
	}
	vendor := sample("/vendor").With("id", int64(3)).With("name", "Acme IT").With("account_expiration", int64(45)).
		With("user_approval_enabled", true).With("deletion_days_after_expiration", nil)
	user := sample("/vendor/{id}/user").With("id", int64(7)).With("username", "acme.tech").With("enabled", true).
		With("account_expiration", "2025-10-31T00:00:00+00:00").With("is_expired", false).
		With("is_approved", false).With("vendor_administrator", true)

	dir := t.TempDir()
	src := filepath.Join(dir, "pra-prod")
	rules := filepath.Join(dir, "rules")
	for path, text := range map[string][]byte{
		filepath.Join(src, "vendor.json"):         apischema.Array([]apischema.Object{vendor}),
		filepath.Join(src, "vendor-user.json"):    []byte(`{"3": [` + string(user.JSON()) + `]}`),
		filepath.Join(rules, "vendor_facts.rego"): []byte(vendorFactsRule),
	} {
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, text, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	jsonl := filepath.Join(dir, "f.jsonl")
	code, msg := runCLI(t, "run", "--quiet", "--as-of", "2025-11-22", "--rules", rules, "--json", jsonl,
		"--out", filepath.Join(dir, "f.xlsx"), src)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, msg)
	}
	b, err := os.ReadFile(jsonl)
	if err != nil {
		t.Fatal(err)
	}
	evidence := map[string]any{}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var f struct {
			Rule, Entity string
			Evidence     any
		}
		if err := json.Unmarshal([]byte(line), &f); err != nil {
			t.Fatal(err)
		}
		if f.Entity == "acme.tech" {
			evidence[f.Rule] = f.Evidence
		}
	}
	want := map[string]any{"id": 3.0, "name": "Acme IT", "account_expiration_days": 45.0,
		"deletion_days_after_expiration": nil, "user_approval_enabled": true, "approved": false, "administrator": true}
	if got := evidence["vendor-facts"]; !reflect.DeepEqual(got, want) {
		t.Errorf("vendor fact = %v\n          want %v", got, want)
	}
	wantExpired := map[string]any{"account_expiration": "2025-10-31T00:00:00Z", "vendor": "Acme IT",
		"account_expiration_days": 45.0, "approval_required": true}
	if got := evidence["expired-vendor-account-enabled"]; !reflect.DeepEqual(got, wantExpired) {
		t.Errorf("expired-vendor-account-enabled evidence = %v, want %v", got, wantExpired)
	}
}

// The vendors fixture's workbook shows each vendor user with its vendor
// group's policy on Accounts, in words, "not stated" where the export is
// silent; the vendor findings carry that policy on Account Hygiene; and
// the source whose vendor export never states approval is listed as not
// checked for vendor-group-without-approval rather than passing silently.
func TestVendorPolicyInTheWorkbook(t *testing.T) {
	t.Parallel()
	fx := fixtures[slices.IndexFunc(fixtures, func(f fixture) bool { return f.name == "vendors" })]
	xlsx, _ := runFixture(t, fx, t.TempDir())
	f := openWorkbook(t, xlsx)

	accounts := readTable(t, f, "Accounts")
	if i, j := accounts.head["Provider"], accounts.head["Vendor Policy"]; j != i+1 {
		t.Errorf("Vendor Policy is column %d, Provider %d: want it right after Provider", j, i)
	}
	for user, want := range map[string]string{
		"acme.tech":    "new users expire after 30 days; approval required",
		"nw.engineer":  "new users expire after 90 days; approval not required",
		"contoso.tech": "new users expire after 60 days; approval not stated",
		"globex.tech":  "new users expire after 30 days; approval not stated",
		"stray.tech":   "vendor group not in the export",
		"ops.lead":     "",
	} {
		_, row := accounts.find(t, "Username", user)
		if got := accounts.cell(row, "Vendor Policy"); got != want {
			t.Errorf("Accounts %s Vendor Policy = %q, want %q", user, got, want)
		}
	}

	hygiene := readTable(t, f, "Account Hygiene")
	for _, tt := range []struct{ entity, vendor, days, approval string }{
		{"Northwind Networks", "Northwind Networks", "90", "no"},
		{"acme.old", "Acme IT", "30", "yes"},
	} {
		_, row := hygiene.find(t, "Entity", tt.entity)
		got := []string{hygiene.cell(row, "Vendor"), hygiene.cell(row, "Vendor Expiry (Days)"), hygiene.cell(row, "Vendor Approval Required")}
		if want := []string{tt.vendor, tt.days, tt.approval}; !slices.Equal(got, want) {
			t.Errorf("Account Hygiene %s vendor columns = %q, want %q", tt.entity, got, want)
		}
	}

	rules := readTable(t, f, "Rules")
	_, row := rules.find(t, "ID", "vendor-group-without-approval")
	notChecked := rules.cell(row, "Not Checked")
	if !strings.Contains(notChecked, "pra-legacy") || !strings.Contains(notChecked, "user approval field of the vendor groups") || strings.Contains(notChecked, "pra-vendors") {
		t.Errorf("vendor-group-without-approval Not Checked = %q, want pra-legacy (no user approval field) only", notChecked)
	}
	if got := rules.cell(row, "Findings"); got != "1" {
		t.Errorf("vendor-group-without-approval Findings = %q, want 1", got)
	}
}
