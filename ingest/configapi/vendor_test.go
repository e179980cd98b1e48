package configapi

import (
	"testing"

	"github.com/review-tool/review/schema"
)

// A vendor export states approval only when it carries
// user_approval_enabled: the API's documented default (false) is not
// assumed for a file that leaves the field out, so
// vendor-group-without-approval is not checked on it.
func TestVendorApprovalCapability(t *testing.T) {
	tests := []struct {
		name, text string
		stated     bool
		approval   []any // user_approval_enabled per row
	}{
		{"stated on every group", `[{"id": 1, "name": "Acme", "default_policy": 4, "user_approval_enabled": false},
 {"id": 2, "name": "Northwind", "default_policy": 4, "user_approval_enabled": true}]`, true, []any{false, true}},
		{"stated on one group, absent on another", `[{"id": 1, "name": "Acme", "default_policy": 4, "user_approval_enabled": false},
 {"id": 2, "name": "Northwind", "default_policy": 4}]`, true, []any{false, nil}},
		{"absent from the export", `[{"id": 1, "name": "Acme", "default_policy": 4, "account_expiration": 30}]`, false, []any{nil}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sink, res, err := read(t, schema.KindVendors, tt.text)
			if err != nil {
				t.Fatal(err)
			}
			if got := contains(res.Capabilities, schema.CapVendorUserApproval); got != tt.stated {
				t.Errorf("capabilities = %v: %s given %v, want %v", res.Capabilities, schema.CapVendorUserApproval, got, tt.stated)
			}
			if !contains(res.Capabilities, "vendors") {
				t.Errorf("capabilities = %v, want vendors", res.Capabilities)
			}
			rows := sink["vendors"]
			if len(rows) != len(tt.approval) {
				t.Fatalf("rows = %v", rows)
			}
			for i, want := range tt.approval {
				if got := rows[i][schema.Vendors.Index("user_approval_enabled")]; got != want {
					t.Errorf("row %d user_approval_enabled = %v, want %v (absent is NULL, not false)", i+1, got, want)
				}
			}
		})
	}
}
