package layout

import (
	"slices"

	"github.com/review-tool/review/internal/model"
)

// SummaryAsOf labels the Summary's as-of date (a date cell beside it),
// which the next quarter's run reads back as the previous run's as-of date.
const SummaryAsOf = "As-of date (UTC)"

// Headers of the Findings sheet (and of the CSV, and of a reviewer's
// Findings sheet). A later run reads them back by these names, ignoring
// case and surrounding space.
const (
	FindingID           = "Finding ID"
	FindingsRule        = "Rule"
	FindingsFamily      = "Family"
	FindingsSeverity    = "Severity"
	FindingsTitle       = "Title"
	FindingsSource      = "Source"
	FindingsProduct     = "Product"
	FindingsEntityType  = "Entity Type"
	FindingsEntity      = "Entity"
	FindingsDisplayName = "Display Name"
	FindingsEmail       = "Email"
	FindingsDetail      = "Detail"
	FindingsRemediation = "Remediation"
	FindingsReviewer    = "Reviewer"
	FindingsStatus      = "Status"
	// The two columns a run compared with a previous one adds just before
	// Decision: what was decided last time, beside the Decision to take now.
	FindingsPreviousDecision = "Previous Decision"
	FindingsPreviousComment  = "Previous Comment"
	// Who took the previous decision, and when (model.Finding).
	FindingsPreviousReviewer  = "Previous Reviewer"
	FindingsPreviousDecidedOn = "Previous Decided On"
	// The reviewer's to fill.
	FindingsDecision = "Decision"
	FindingsComment  = "Comment"
)

// FindingsHeaders are the Findings sheet's headers in order, without a
// previous run (docs/outputs.md).
var FindingsHeaders = []string{
	FindingID, FindingsRule, FindingsFamily, FindingsSeverity, FindingsTitle, FindingsSource, FindingsProduct,
	FindingsEntityType, FindingsEntity, FindingsDisplayName, FindingsEmail, FindingsDetail, FindingsRemediation, FindingsReviewer,
	FindingsStatus, FindingsDecision, FindingsComment,
}

// PreviousHeaders go just before Decision when the run compared with a
// previous one (--previous).
var PreviousHeaders = []string{FindingsPreviousDecision, FindingsPreviousComment, FindingsPreviousReviewer, FindingsPreviousDecidedOn}

// Findings are the Findings sheet's headers in order: with a previous run,
// PreviousHeaders before Decision.
func Findings(previous bool) []string {
	if !previous {
		return FindingsHeaders
	}
	at := slices.Index(FindingsHeaders, FindingsDecision)
	return slices.Concat(FindingsHeaders[:at], PreviousHeaders, FindingsHeaders[at:])
}

// FindingRecord is a finding as the text of Findings(previous), in order;
// Decision and Comment are left for the reviewer, also on a recurring
// finding: the previous decision stands beside it, to be re-confirmed, not
// taken over unseen.
func FindingRecord(f *model.Finding, previous bool) []string {
	rec := []string{
		f.ID, f.Rule, f.Family, string(f.Severity), f.Title, f.Source, f.Product, f.EntityType,
		f.Entity, f.DisplayName, f.Email, f.Detail, f.Remediation, f.Reviewer, f.Status,
	}
	if previous {
		rec = append(rec, f.PreviousDecision, f.PreviousComment, f.PreviousReviewer, f.PreviousDecidedOn)
	}
	return append(rec, "", "")
}

// Headers of the Accounts sheet, which a later run reads back to compare
// access (previous/accounts.go) and whose rows are the account facts
// (facts.AccountSheet gives each column as SQL).
const (
	AccountsSource             = "Source"
	AccountsProduct            = "Product"
	AccountsID                 = "ID"
	AccountsUsername           = "Username"
	AccountsDisplayName        = "Display Name"
	AccountsEmail              = "Email"
	AccountsPerson             = "Person"
	AccountsProvider           = "Provider"
	AccountsVendorPolicy       = "Vendor Policy"
	AccountsEnabled            = "Enabled"
	AccountsAdministrator      = "Administrator"
	Accounts2FA                = "2FA"
	AccountsCreated            = "Created (UTC)"
	AccountsLastAuthentication = "Last Authentication (UTC)"
	AccountsDaysSince          = "Days Since"
	// What the session reports say (docs/inputs.md §7): blank when the
	// account's source gave none.
	AccountsLastSession        = "Last Session (UTC)"
	AccountsSessionsInWindow   = "Sessions In Window"
	AccountsGroupPolicies      = "Group Policies"
	AccountsTeams              = "Teams"
	AccountsJumpGroups         = "Jump Groups"
	AccountsVaultAccountGroups = "Vault Account Groups"
	AccountsRosterMatch        = "Roster Match"
	AccountsRosterStatus       = "Roster Status"
	AccountsUserGroups         = "User Groups"
	AccountsQuarantined        = "Quarantined"
	AccountsUserType           = "User Type"
	// AccountsFindingCount is the one column the writer counts itself; the
	// others are the account's facts.
	AccountsFindingCount = "Finding Count"
)

// AccountsHeaders are the Accounts sheet's headers in order: the
// account's facts, then AccountsFindingCount.
var AccountsHeaders = []string{
	AccountsSource, AccountsProduct, AccountsID, AccountsUsername, AccountsDisplayName, AccountsEmail,
	AccountsPerson, AccountsProvider, AccountsVendorPolicy, AccountsEnabled, AccountsAdministrator, Accounts2FA,
	AccountsCreated, AccountsLastAuthentication, AccountsDaysSince, AccountsLastSession, AccountsSessionsInWindow, AccountsGroupPolicies, AccountsTeams, AccountsJumpGroups,
	AccountsVaultAccountGroups, AccountsRosterMatch, AccountsRosterStatus, AccountsUserGroups, AccountsQuarantined,
	AccountsUserType, AccountsFindingCount,
}

// Headers of the Resolved sheet that Findings lacks; its other columns are
// Findings columns, shown as Findings shows them.
const (
	ResolvedLastStatus = "Last Status"
	ResolvedOutcome    = "Outcome"
	ResolvedWhy        = "Why"
)

// ResolvedHeaders are the Resolved sheet's headers in order (with
// --previous): every finding of the previous run this run did not find
// again, with the last decision taken on it; the next run reads it back to
// tell a reappeared finding.
var ResolvedHeaders = []string{
	FindingID, FindingsRule, FindingsFamily, FindingsSeverity, FindingsTitle, FindingsSource, FindingsProduct,
	FindingsEntityType, FindingsEntity, FindingsDisplayName, FindingsDetail, FindingsReviewer, ResolvedLastStatus,
	FindingsDecision, FindingsComment, ResolvedOutcome, ResolvedWhy,
}

// Headers of the Jump Reach sheet that a later run reads back to tell a
// Jump Policy setting that changed on an item (previous/jumpitems.go).
const (
	JumpReachSource     = "Source"
	JumpReachJumpGroup  = "Jump Group"
	JumpReachItem       = "Item"
	JumpReachItemType   = "Item Type"
	JumpReachID         = "ID"
	JumpReachApproval   = "Approval"
	JumpReachRecordings = "Recordings"
)
