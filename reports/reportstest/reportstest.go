// Package reportstest is the small review the tests of reports and
// reports/xlsx write: something for every sheet and every output format.
package reportstest

import (
	"slices"
	"strings"
	"time"

	"github.com/review-tool/review/internal/model"
)

// Values of the test review that tests look for.
const (
	// Version is the test review's review version (Tool.Review).
	Version       = "v0.1.0-test"
	FormulaEntity = `=cmd|' /C calc'!A0`
	LongDetailLen = 40000
)

// Finding is a finding of rule on entity, its id, title, detail and
// remediation made from them.
func Finding(rule, family string, sev model.Severity, source, product, entityType, entity string, ev map[string]any) model.Finding {
	return model.Finding{
		ID:          model.FindingID(rule, source, entityType, entity),
		Rule:        rule,
		Family:      family,
		Severity:    sev,
		Title:       strings.ReplaceAll(rule, "-", " "),
		Source:      source,
		Product:     product,
		EntityType:  entityType,
		Entity:      entity,
		Detail:      rule + " on " + entity,
		Remediation: "Fix " + entity + ".",
		Reviewer:    model.Unassigned,
		Status:      model.StatusNew,
		Evidence:    ev,
	}
}

// Findings are findings of every family and severity, sorted as the
// engine sorts them.
func Findings() []model.Finding {
	fs := []model.Finding{
		Finding("stale-account", "stale-seats", model.Medium, "pra-prod", "pra", model.EntityAccount, "jdoe", map[string]any{
			"last_authentication": "2025-04-02T09:00:00Z", "days_since": 234, "seat_product": "pra", "annual_cost": 1200.0,
		}),
		Finding("stale-account", "stale-seats", model.Medium, "rs-prod", "rs", model.EntityAccount, FormulaEntity, map[string]any{
			"last_authentication": "2025-06-01T10:30:00Z", "days_since": 174, "seat_product": "rs", "annual_cost": 900.5,
		}),
		Finding("never-logged-in", "stale-seats", model.Medium, "pra-prod", "pra", model.EntityAccount, "newbie", map[string]any{
			"last_authentication": nil, "created_at": "2025-01-10T08:00:00Z", "seat_product": "pra", "annual_cost": 1500,
		}),
		Finding("license-over-assigned", "stale-seats", model.Medium, "*", "pra", model.EntityProduct, "pra", map[string]any{
			"purchased": 50, "enabled_accounts": 57,
		}),
		Finding("admin-without-mfa", "admin-sprawl", model.High, "pra-prod", "pra", model.EntityAccount, "admin1", map[string]any{
			"administrator": true, "two_factor_enabled": false, "passwordless_credentials": 0,
			"provider_type": "local", "last_authentication": "2025-11-20T07:00:00Z",
		}),
		Finding("admin-count-exceeds-threshold", "admin-sprawl", model.Medium, "pra-prod", "pra", model.EntitySource, "pra-prod", map[string]any{
			"enabled_admins": 7, "enabled_accounts": 100, "admins": []any{"admin1", "admin2"},
		}),
		Finding("orphaned-group-policy", "orphaned-groups", model.Low, "pra-prod", "pra", model.EntityGroupPolicy, "Vendors", map[string]any{
			"members": map[string]any{"users": 0, "enabled_users": 0, "directory_groups": 0, "total": 0}, "default_policy_of": []any{},
		}),
		Finding("dangling-reference", "orphaned-groups", model.Low, "pra-prod", "pra", model.EntityReference, "user:9999", nil),
		Finding("user-without-group-policy", "missing-group-policy", model.Low, "rs-prod", "rs", model.EntityAccount, "floater", map[string]any{
			"group_policies": []any{}, "unknown_group_policies": []any{},
			"provider": map[string]any{"id": 1, "name": "Corp LDAP", "type": "ldap"},
		}),
		Finding("unknown-group-policy", "missing-group-policy", model.Medium, "rs-prod", "rs", model.EntityAccount, "ghosted", map[string]any{
			"group_policies": []any{"Support", "Ghost"}, "unknown_group_policies": []any{"Ghost", "#99"},
		}),
		Finding("duplicate-username", "account-hygiene", model.Low, "rs-prod", "rs", model.EntityAccount, "jsmith", map[string]any{
			"providers": []any{"Corp LDAP", "Local"},
		}),
		Finding("expired-vendor-account-enabled", "account-hygiene", model.High, "pra-prod", "pra", model.EntityAccount, "vendor7", map[string]any{
			"account_expiration": "2025-10-01", "vendor": "Acme IT", "account_expiration_days": 30, "approval_required": false,
		}),
	}
	fs[1].DisplayName, fs[1].Email = "+Evil Display", "@evil.example"
	fs[0].DisplayName, fs[0].Email, fs[0].Reviewer = "Jane Doe", "jane.doe@corp.example", "boss@corp.example"
	fs[0].Detail = "last authenticated 2025-04-02, 234 days before 2025-11-22"
	fs[4].Status = model.StatusRecurring
	fs[11].Detail = strings.Repeat("0123456789", LongDetailLen/10)
	slices.SortFunc(fs, func(a, b model.Finding) int {
		if model.Less(&a, &b) {
			return -1
		}
		if model.Less(&b, &a) {
			return 1
		}
		return 0
	})
	return fs
}

func int64p(v int64) *int64 { return &v }

// Accounts are the Accounts sheet's rows: an account with every column,
// a bare one, and one known only from a report.
func Accounts() []model.AccountRow {
	return []model.AccountRow{
		{Source: "pra-prod", Product: "pra", ID: 42, Username: "jdoe", DisplayName: "Jane Doe",
			Email: "jane.doe@corp.example", Provider: "Corp LDAP", Enabled: model.Yes, Administrator: model.No,
			TwoFactor: model.Yes, Created: time.Date(2025, 1, 10, 8, 0, 0, 0, time.UTC),
			LastAuthentication: time.Date(2025, 4, 2, 9, 0, 0, 0, time.UTC),
			DaysSince:          int64p(234), GroupPolicies: "Support Tier 1; Vendors", Teams: "Night shift",
			JumpGroups: "Linux Servers; Windows Servers", VaultAccountGroups: "Prod Accounts",
			RosterMatch: model.Yes, RosterStatus: "active", FindingCount: 1, Person: "jane.doe@corp.example"},
		{Source: "pra-prod", Product: "pra", ID: 43, Username: "newbie", Enabled: model.Yes,
			Administrator: model.No, FindingCount: 1},
		{Source: "rs-prod", Product: "rs", Username: "-report-only", Enabled: model.No, RosterMatch: model.No},
	}
}

// People are a leaver with enabled accounts on two products, then a
// person in good standing.
func People() []model.PersonRow {
	return []model.PersonRow{
		{Person: "bob@corp.example", Name: "Bob Brown", RosterStatus: "terminated", Terminated: model.Yes,
			Manager: "carol@corp.example", PRAAccounts: 1, PRAEnabled: 1, RSAccounts: 2, RSEnabled: 1,
			Administrator: model.Yes, Sources: "pra-prod; rs-prod", FindingCount: 2, FindingRules: "terminated-user-enabled"},
		{Person: "jane.doe@corp.example", Name: "Jane Doe", RosterStatus: "active", Terminated: model.No,
			PRAAccounts: 1, PRAEnabled: 1, Sources: "pra-prod", FindingCount: 1, FindingRules: "stale-account"},
	}
}

// Review is a small review with something for every sheet.
func Review() *model.Review {
	accounts, people := Accounts(), People()
	return &model.Review{
		AsOf: "2025-11-22",
		Tool: model.ToolInfo{Review: Version, OPA: "v1.22.2", DuckDB: "v1.5.6",
			Revision: "3a1e790cc25b7a613b63d8aaa8f26502396e4638", Modified: true, BinarySHA256: strings.Repeat("cd", 32)},
		CommandLine: []string{"review", "--as-of", "2025-11-22", "--roster", "My Roster.csv", "exports/"},
		Params:      map[string]any{"stale_days": 90, "service_account_patterns": []any{"svc-*", "api-*"}, "max_admin_ratio": 0.05},
		RulesDigest: strings.Repeat("ab", 32),
		Sources: []model.SourceSummary{
			{Name: "pra-prod", Product: "pra", Accounts: 120, EnabledAccounts: 100, Admins: 7, AdminsKnown: true},
			{Name: "rs-prod", Product: "rs", Accounts: 30, EnabledAccounts: 25, Admins: 2, AdminsKnown: true},
		},
		Findings: Findings(),
		Rules: []model.RuleInfo{
			{ID: "admin-without-mfa", Family: "admin-sprawl", Title: "Administrator without MFA", Severity: model.High,
				Description: "An enabled administrator without a second factor.", Remediation: "Enrol 2FA.",
				Findings: 1, File: "rules/admin-sprawl/admin-without-mfa.rego"},
			{ID: "stale-account", Family: "stale-seats", Title: "Stale account", Severity: model.Medium,
				Description: "An enabled account whose last authentication is more than stale_days before the as-of date.",
				Remediation: "Disable the account.", Params: map[string]any{"stale_days": 90, "a_list": []any{"x", "<y>"}},
				Findings: 2, Excepted: 1, NotChecked: []string{"rs-test: no last_authentication", "pra-test: no users export"},
				File: "my-rules/stale.rego", Custom: true, Replaces: "rules/stale-seats/stale_account.rego"},
		},
		Licenses: []model.LicenseLine{
			{Source: "*", Sources: []string{"pra-prod", "pra-test"}, Product: "pra", SeatType: "named", Purchased: 50,
				Enabled: 57, Active: 40, Stale: 12, NeverUsed: 5, AuthKnown: true,
				Terminated: 3, NotInRoster: 2, TerminatedChecked: true, NotInRosterChecked: true,
				Reclaimable: 19, ReclaimableBy: [4]int64{3, 2, 4, 10}, Short: 7,
				HasCost: true, AnnualCost: 1200, Currency: "USD", ReclaimableCost: 22800, Savings: 22800, MoneyBack: 14400, PurchaseAvoided: 8400,
				RenewalDate: "2026-03-31", DaysToRenewal: int64p(129)},
			{Source: "rs-prod", Sources: []string{"rs-prod"}, Product: "rs", SeatType: "concurrent", Purchased: 10,
				Enabled: 25, Active: 20, Stale: 3, NeverUsed: 2, AuthKnown: true,
				Reclaimable: 5, ReclaimableBy: [4]int64{0, 0, 2, 3}},
		},
		Accounts: func(fn func(*model.AccountRow) error) error {
			for i := range accounts {
				if err := fn(&accounts[i]); err != nil {
					return err
				}
			}
			return nil
		},
		AccountCount: int64(len(accounts)),
		People: func(fn func(*model.PersonRow) error) error {
			for i := range people {
				if err := fn(&people[i]); err != nil {
					return err
				}
			}
			return nil
		},
		PeopleCount:   int64(len(people)),
		PeopleLeavers: 1,
		GroupPolicies: []model.GroupPolicyRow{
			{Source: "pra-prod", ID: 3, Name: "Vendors", UserMembers: 2, EnabledUserMembers: 0, DirectoryMembers: 0,
				DefaultPolicyOf: "security provider Corp LDAP", FindingCount: 1},
			{Source: "pra-prod", ID: 4, Name: "Support Tier 1", UserMembers: 5, EnabledUserMembers: 4, DirectoryMembers: 1},
		},
		Inputs: []model.InputFile{
			{Source: "pra-prod", Kind: "users", Path: "exports/pra-prod/users.json", SHA256: strings.Repeat("01", 32),
				Bytes: 2048, RowsRead: 120},
			{Source: "rs-prod", Kind: "user-account-report", Path: "exports/rs-prod/report.csv", SHA256: strings.Repeat("02", 32),
				Bytes: 4096, RowsRead: 31, RowsRejected: 1, UnknownColumns: []string{"Favourite Colour", "Shoe Size"},
				Encoding: "windows-1252", DateOrder: "dmy"},
			{Kind: "roster", Path: "My Roster.csv", SHA256: strings.Repeat("03", 32), Bytes: 512, RowsRead: 10},
		},
		Warnings: []string{"rs-prod: 1 row rejected (line 6)"},
	}
}

// PreviousReview is Review compared with a previous run: the first
// finding recurs with a decision, the second reappears, the third was to
// be revoked and is found again, and two previous findings are gone, one
// looked for (revoked as decided) and one not.
func PreviousReview() *model.Review {
	r := Review()
	r.Findings[0].Status, r.Findings[0].PreviousDecision, r.Findings[0].PreviousComment = model.StatusRecurring, "Keep", "break-glass"
	r.Findings[0].PreviousReviewer, r.Findings[0].PreviousDecidedOn = "ana.lopez@example.com", "2025-08-22"
	r.Findings[1].Status, r.Findings[1].PreviousDecision = model.StatusReappeared, "Revoke"
	r.Findings[2].Status, r.Findings[2].PreviousDecision, r.Findings[2].PreviousComment = model.StatusRevokeNotDone, "Revoke", "left in June"
	r.Findings[2].PreviousReviewer, r.Findings[2].PreviousDecidedOn = "ana.lopez@example.com", "2025-09-01"
	gone := Finding("stale-account", "stale-seats", model.Medium, "pra-prod", "pra", model.EntityAccount, "old.user", nil)
	unchecked := Finding("orphaned-team", "orphaned-groups", model.Low, "rs-prod", "rs", model.EntityTeam, "Night Shift", nil)
	unchecked.Status = model.StatusExcepted
	r.Previous = &model.PreviousRun{Path: "last.xlsx", Format: "xlsx", AsOf: "2025-08-22", Findings: 9, Decided: 2,
		Notes: []string{"the previous workbook last.xlsx has no Resolved sheet"}}
	r.Resolved = []model.ResolvedFinding{
		{Finding: gone, Decision: "Revoke", Comment: "left", Rechecked: true, Why: "rule stale-account ran on pra-prod and did not find it"},
		{Finding: unchecked, Rechecked: false, Why: "source rs-prod was not read this run"},
	}
	return r
}
