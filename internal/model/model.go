// Package model holds the types that cross package boundaries on the way from
// the pipeline to the reports: findings, rule descriptions, per-entity rows
// for the overview sheets, and the evidence about inputs. It has no logic
// beyond ordering and identity, so every layer can depend on it cheaply.
package model

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
)

// Severity is a finding's severity: high, medium or low.
type Severity string

// The severities, most severe first.
const (
	High   Severity = "high"
	Medium Severity = "medium"
	Low    Severity = "low"
)

// Rank orders severities: high sorts first. Unknown severities sort last.
func (s Severity) Rank() int {
	switch s {
	case High:
		return 0
	case Medium:
		return 1
	case Low:
		return 2
	}
	return 3
}

// ParseSeverity accepts high, medium or low in any case.
func ParseSeverity(s string) (Severity, bool) {
	v := Severity(strings.ToLower(strings.TrimSpace(s)))
	return v, v.Rank() < 3
}

// Entity types a finding can be about (docs/outputs.md).
const (
	EntityAccount           = "account"
	EntityGroupPolicy       = "group-policy"
	EntityTeam              = "team"
	EntityJumpGroup         = "jump-group"
	EntityVaultAccountGroup = "vault-account-group"
	EntityAPIAccount        = "api-account"
	EntitySource            = "source"
	EntityProduct           = "product"
	EntityReference         = "reference"
	EntityVendor            = "vendor"
	EntityJumpItem          = "jump-item"
	EntityJumpPolicy        = "jump-policy"
)

// Finding statuses.
const (
	StatusNew       = "new"
	StatusRecurring = "recurring"
	// StatusRevokeNotDone is a recurring finding whose previous decision
	// was a complete Revoke: the access was to be removed and is still
	// there, the auditor's first test of a review.
	StatusRevokeNotDone = "revoke not carried out"
	// StatusReappeared is a finding the previous run listed as resolved
	// (on its Resolved sheet) that is found again.
	StatusReappeared = "reappeared"
	// StatusExcepted is a finding an unexpired exception covers: it stays
	// listed but does not trip --fail-on.
	StatusExcepted = "excepted"
	// StatusExceptionExpired is a finding whose exception expired on or
	// before the as-of date: it counts again, visibly.
	StatusExceptionExpired = "exception expired"
)

// Statuses are every status a finding can have, in the order the Summary,
// the manifest and the console count them: each finding has exactly one.
var Statuses = []string{StatusNew, StatusRecurring, StatusRevokeNotDone, StatusReappeared, StatusExcepted, StatusExceptionExpired}

// Exception is one entry of the --exceptions register, with what it did in
// this run, for the Exceptions sheet.
type Exception struct {
	File       string
	Line       int
	Rule       string
	Entity     string
	Source     string
	Reason     string
	ApprovedBy string
	Expires    string // YYYY-MM-DD
	// Covered is how many findings it matched; Expired says its expiry is
	// on or before the as-of date; DaysLeft counts from the as-of date to
	// the expiry (negative once past).
	Covered  int
	Expired  bool
	DaysLeft int
}

// Finding is one problem a rule found on one entity.
type Finding struct {
	ID          string
	Rule        string
	Family      string
	Severity    Severity
	Title       string
	Source      string
	Product     string
	EntityType  string
	Entity      string
	DisplayName string
	Email       string
	Detail      string
	Remediation string
	// Reviewer is who decides on the finding: the account's manager from
	// the roster, else params.default_reviewer, else the source's owner
	// from --config, else Unassigned. Never empty.
	Reviewer string
	Status   string
	// PreviousDecision and PreviousComment are what the reviewer wrote on
	// the same finding in the previous run's workbook (--previous), or "".
	PreviousDecision string
	PreviousComment  string
	// PreviousReviewer and PreviousDecidedOn say who took the previous
	// decision and when (YYYY-MM-DD): the reviewer the previous run named,
	// and the sign-off date a decisions workbook gives, else the previous
	// run's as-of date; "" when unknown or there was no decision.
	PreviousReviewer  string
	PreviousDecidedOn string
	// Evidence holds the facts the rule used, as JSON-compatible values.
	Evidence map[string]any
}

// FindingID is the first 16 hex digits of SHA-256 over
// rule \x00 source \x00 entity_type \x00 lower(entity) (docs/outputs.md).
func FindingID(rule, source, entityType, entity string) string {
	h := sha256.New()
	h.Write([]byte(rule))
	h.Write([]byte{0})
	h.Write([]byte(source))
	h.Write([]byte{0})
	h.Write([]byte(entityType))
	h.Write([]byte{0})
	h.Write([]byte(strings.ToLower(entity)))
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// Less orders findings by severity (high first), rule id, source, entity,
// then entity type and id so that the order is total.
func Less(a, b *Finding) bool {
	if ra, rb := a.Severity.Rank(), b.Severity.Rank(); ra != rb {
		return ra < rb
	}
	if a.Rule != b.Rule {
		return a.Rule < b.Rule
	}
	if a.Source != b.Source {
		return a.Source < b.Source
	}
	if a.Entity != b.Entity {
		return a.Entity < b.Entity
	}
	if a.EntityType != b.EntityType {
		return a.EntityType < b.EntityType
	}
	return a.ID < b.ID
}

// FamilyOffboarding is the family of leavers and access used after
// offboarding: first on the Summary, in Act first and among the sheets.
const FamilyOffboarding = "offboarding"

// Families, in the order their sheets appear.
var Families = []struct{ ID, Sheet string }{
	{FamilyOffboarding, "Offboarding"},
	{"orphaned-groups", "Orphaned Groups"},
	{"stale-seats", "Stale Seats"},
	{"admin-sprawl", "Admin Sprawl"},
	{"missing-group-policy", "Missing Group Policy"},
	{"account-hygiene", "Account Hygiene"},
	{"jump-reach", "Jump Access"},
}

// FamilySheet is the name of the sheet of family id, "" for none.
func FamilySheet(id string) string {
	for _, f := range Families {
		if f.ID == id {
			return f.Sheet
		}
	}
	return ""
}

// RuleInfo describes a rule that was loaded, from its METADATA, and what it
// did in this run.
type RuleInfo struct {
	ID          string
	Family      string
	Title       string
	Severity    Severity
	Description string
	Remediation string
	// Params are the parameters the rule declares, with the values used.
	Params map[string]any
	// Findings is how many findings the rule produced; Excepted how many of
	// them an exception covered.
	Findings int
	Excepted int
	// NotChecked says, per source, why the rule could not run there
	// ("pra-prod: no team export"). Empty when it ran everywhere.
	NotChecked []string
	// Gaps are the same as NotChecked, as data: the Summary and the console
	// group them into sentences.
	Gaps []Gap
	// NotApplicable are the sources whose product has nothing the rule
	// reads (a PRA vendor rule on a Remote Support site): it did not run
	// there, and that is no gap in the review.
	NotApplicable []string
	// Controls are the audit controls the rule evidences (its METADATA's
	// custom.controls, as --config changed them), in catalogue order.
	Controls []ControlRef
	// File is the rule's file name (built-in rules: rules/<family>/<id>.rego).
	File string
	// Custom is a rule from --rules. Replaces is the file of the built-in
	// rule with the same id that it replaces, or "": a reader must be able
	// to tell that the findings of a familiar id come from another rule.
	Custom   bool
	Replaces string
}

// Gap is a source on which a rule did not run, and what the source lacked:
// each capability group the rule requires and the source does not have,
// as the group's alternatives ("team_users", "user.teams").
type Gap struct {
	Source  string
	Missing [][]string
}

// String is the gap as the Rules sheet shows it:
// "rs-prod: no teams, no team_users or user.teams".
func (g Gap) String() string {
	groups := make([]string, len(g.Missing))
	for i, alts := range g.Missing {
		words := make([]string, len(alts))
		for j, c := range alts {
			words[j] = CapabilityWords(c)
		}
		groups[i] = strings.Join(words, " or ")
	}
	return g.Source + ": no " + strings.Join(groups, ", no ")
}

// SourceSummary is one source of the run.
type SourceSummary struct {
	Name            string
	Product         string
	Accounts        int64
	EnabledAccounts int64
	// Admins counts the enabled administrators; AdminsKnown is false when
	// the source's exports do not say who is one (a User Account Report
	// without an Administrator column): then the count is not stated, not 0.
	Admins      int64
	AdminsKnown bool
}

// InputFile is the evidence about one file that was read.
type InputFile struct {
	Source       string // empty for the roster and license file
	Kind         string // e.g. users, group-policy-members, user-account-report, roster, licenses
	Path         string // as given on the command line (joined with the entry inside a folder)
	Target       string // the file a symbolic link on the way to Path led to, if any
	SHA256       string
	Bytes        int64
	RowsRead     int64
	RowsRejected int64
	// UnknownColumns are report columns or JSON fields that were kept but not
	// interpreted.
	UnknownColumns []string
	// Encoding is what the text was read as (utf-8, utf-8-bom, utf-16le,
	// windows-1252, …; "" for a workbook), DateOrder how NN/NN/YYYY dates
	// were read (mdy or dmy; "" for JSON, whose dates are RFC 3339): stated
	// by --encoding and --date-order, never guessed.
	Encoding  string
	DateOrder string
	// AmbiguousDates are the columns read month first only because nothing
	// said otherwise: every date in them could be read either way (each
	// has a warning).
	AmbiguousDates []string `json:",omitempty"`
}

// LicenseLine is one row of the License True-Up sheet: one license row of the
// license file against the sources it applies to. The Summary's license
// headline is computed from these lines too, so the two cannot disagree.
type LicenseLine struct {
	Source    string   // the source name, or "*" when the row applies to several
	Sources   []string // the sources the row covers
	Product   string
	SeatType  string // named or concurrent
	Purchased int64
	Enabled   int64 // enabled accounts (named seats in use)
	// Active, Stale and NeverUsed split Enabled by last authentication
	// (within stale_days, older, never); AuthKnown is false when no source
	// of the line exports a last authentication, and then they are unknown.
	Active, Stale, NeverUsed int64
	AuthKnown                bool
	// UseFrom says what counted as use: "last authentication; session
	// reports; …", each that a source of the line gave.
	UseFrom string
	// Terminated and NotInRoster count the enabled accounts that the
	// terminated-user-enabled and account-not-in-roster rules found; the
	// Checked flags are false when the rule ran on none of the sources (no
	// roster), and the count is then unknown rather than zero.
	Terminated, NotInRoster               int64
	TerminatedChecked, NotInRosterChecked bool
	// Reclaimable counts each account with a reclaim finding once, under its
	// strongest reason (ReclaimReasons order); ReclaimableBy holds those
	// counts, in the same order, so they add up to Reclaimable.
	Reclaimable   int64
	ReclaimableBy [len(ReclaimReasons)]int64
	Unassigned    int64 // Purchased - Enabled when positive: bought, held by nobody
	Short         int64 // Enabled - Purchased when positive: seats to buy
	HasCost       bool  // the license row gives an annual cost per seat
	AnnualCost    float64
	Currency      string
	// The costs are per year, in Currency, and zero for concurrent seats,
	// which no account holds. Savings = ReclaimableCost + UnassignedCost.
	ReclaimableCost float64
	UnassignedCost  float64
	Savings         float64
	// Of the savings, PurchaseAvoided is what reclaimed seats save by
	// covering a shortage (seats that need not be bought), and MoneyBack
	// the rest: seats that can be dropped at renewal.
	PurchaseAvoided float64
	MoneyBack       float64
	RenewalDate     string // YYYY-MM-DD or empty
	DaysToRenewal   *int64 // from the as-of date; negative when already past
}

// ReclaimReasons are the rules whose findings make an enabled account's
// seat reclaimable, strongest first: an account found by several counts
// once, under the first. A terminated person's seat is the surest to
// reclaim; an account nobody in the roster owns comes next; then one never
// used; then one no longer used.
var ReclaimReasons = [...]string{"terminated-user-enabled", "account-not-in-roster", "never-logged-in", "stale-account"}

// AccountRow is one row of the Accounts sheet, as values: the writer
// decides how a date, an id or a yes/no is shown, so a spreadsheet can sort
// and filter them as what they are.
type AccountRow struct {
	Source      string
	Product     string
	ID          int64 // 0 when only the User Account Report knew the account (BeyondTrust ids start at 1)
	Username    string
	DisplayName string
	Email       string
	// Person is the People sheet's key of the account's owner ("" when
	// the account has no email and no UPN-like username).
	Person   string
	Provider string
	// VendorPolicy is a vendor user's vendor group policy in words; ""
	// for other accounts.
	VendorPolicy string
	Enabled      Flag
	// Administrator and TwoFactor (a second factor or a passwordless
	// credential) as the export states them.
	Administrator Flag
	TwoFactor     Flag
	Created       time.Time // UTC; zero when unknown
	// LastAuthentication is UTC; zero when the account never authenticated
	// (or the export does not say).
	LastAuthentication time.Time
	DaysSince          *int64
	// LastSession is the latest session's start (UTC) and SessionsInWindow
	// the sessions in the stale_days window; zero and nil when the source
	// gave no session or activity report.
	LastSession      time.Time
	SessionsInWindow *int64
	GroupPolicies    string // "; "-joined names
	Teams            string
	// JumpGroups and VaultAccountGroups are the account's direct
	// memberships: the sheet carries every list Access Changes compares.
	JumpGroups         string
	VaultAccountGroups string
	RosterMatch        Flag // Unknown when no roster was given
	RosterStatus       string
	// UserGroups, Quarantined and UserType are Password Safe's: its
	// "; "-joined user groups, IsQuarantined and UserType.
	UserGroups   string
	Quarantined  Flag
	UserType     string
	FindingCount int
}

// Flag is a yes/no fact that an export may leave unstated.
type Flag int8

// The values of a Flag.
const (
	Unknown Flag = iota
	No
	Yes
)

// FlagOf is Yes or No.
func FlagOf(b bool) Flag {
	if b {
		return Yes
	}
	return No
}

// Unassigned is the reviewer of a finding nobody is named for: a value a
// filter can find, where an empty cell would hide among the blanks.
const Unassigned = "unassigned"

// GroupPolicyRow is one row of the Group Policies sheet.
type GroupPolicyRow struct {
	Source             string
	ID                 int64
	Name               string
	UserMembers        int64
	EnabledUserMembers int64
	DirectoryMembers   int64
	DefaultPolicyOf    string // "; "-joined provider and vendor names
	FindingCount       int
}

// ToolInfo names the versions that produced a review, and the build of
// review itself, so that an auditor can tie the workbook to a binary.
type ToolInfo struct {
	Review string
	OPA    string
	DuckDB string
	// Revision is the version-control revision review was built from, ""
	// when unknown; Modified says the tree had uncommitted changes.
	Revision string
	Modified bool
	// BinarySHA256 is the SHA-256 of the running executable, "" when it
	// could not be read.
	BinarySHA256 string
}

// Population counts the accounts of one source from file to analysis, so
// that an auditor can test completeness: rows read = loaded + rejected per
// file, and analysed is what the rules saw after a report row joined the
// API user of the same name.
type Population struct {
	Source   string
	Read     int64 // account rows read from the source's files (users, report, vendor users)
	Loaded   int64 // of those, rows loaded into the database
	Rejected int64 // of those, rows --lenient kept out
	Analysed int64 // accounts the rules evaluated
}

// Review is everything a report writer needs. Accounts is an iterator because
// it can hold a million rows; everything else is small.
type Review struct {
	AsOf        string // YYYY-MM-DD
	Tool        ToolInfo
	CommandLine []string
	Params      map[string]any
	RulesDigest string
	Sources     []SourceSummary
	Findings    []Finding
	Rules       []RuleInfo
	Licenses    []LicenseLine
	// Accounts calls fn for every account in a stable order.
	Accounts      func(fn func(*AccountRow) error) error
	AccountCount  int64
	GroupPolicies []GroupPolicyRow
	// JumpItems are the Jump Reach sheet's rows; nil when no source gave a
	// Jump Item export (the sheet is then left out), empty when they held
	// none.
	JumpItems []JumpItemRow
	Inputs    []InputFile
	// Archives are the zips the sources came in (their entries are Inputs).
	Archives []InputFile
	// Skipped are the files --skip-unknown passed over, recognised as nothing.
	Skipped []InputFile
	// DeclaredComplete are the exports --complete declared whole: a list
	// of full pages of the Configuration API not warned of.
	DeclaredComplete []string
	Warnings         []string
	// IngestIssues are the rows --lenient kept out, in file order.
	IngestIssues []IngestIssue
	// Lenient says the run was given --lenient.
	Lenient bool
	// Population is per source, in source order.
	Population []Population
	// Exceptions are the --exceptions entries in file order, or nil.
	Exceptions []Exception
	// Previous is the previous run compared with (--previous), or nil.
	Previous *PreviousRun
	// Resolved are the previous run's findings that this run did not find
	// again, in finding order (--previous).
	Resolved []ResolvedFinding
	// AccessChanges calls fn for every change per account since the
	// previous run, in a stable order; nil without --previous.
	AccessChanges     func(fn func(*AccessChange) error) error
	AccessChangeCount int64
	// People calls fn for every person (accounts joined by roster email,
	// else account email, else a UPN-like username), leavers with an
	// enabled account first; nil when the run has none to list.
	// PeopleCount is how many; PeopleLeavers how many of them the roster
	// says have left while an account of theirs is still enabled.
	People        func(fn func(*PersonRow) error) error
	PeopleCount   int64
	PeopleLeavers int64
	// Activity is what the session and activity reports showed, nil when
	// the run read none.
	Activity *Activity
	// Leavers are the leavers who got in after leaving, nil without a
	// roster.
	Leavers *Leavers
	// Offboarding are the facts the Offboarding sheet shows beside each of
	// its findings about an account, by finding id.
	Offboarding map[string]OffboardingFacts
	// Controls is the control catalogue of the run, built-in controls
	// first, in catalogue order, then those --config added.
	Controls []Control
	// ReturnTo says where reviewers send their workbook back (--return-to,
	// else --config's campaign: return_to:), "" when neither says.
	ReturnTo string
}

// PreviousRun is what was read of the previous run's outputs.
type PreviousRun struct {
	Path   string // as given to --previous
	Format string // xlsx or jsonl
	AsOf   string // its as-of date, YYYY-MM-DD; "" when the file does not say
	SHA256 string
	Bytes  int64
	// Findings is how many findings it listed; Decided how many of them
	// carried a Decision.
	Findings int
	Decided  int
	// ResolvedListed says the previous file had a Resolved list, so that a
	// finding it had resolved could be found reappeared: false for a
	// decisions workbook, JSON Lines, or a run that was itself not compared.
	ResolvedListed bool
	// AccountsFrom is where the previous accounts came from (the
	// workbook's Accounts sheet, or --previous-db), "" when none were
	// available and Access Changes could not be made.
	AccountsFrom string
	// Notes say what of the findings could not be compared, AccessNotes
	// what of the accounts ("the previous workbook has no Jump Groups
	// column: Jump Group changes were not compared"), in sentences, for
	// the Evidence sheet, the manifest and the console; the Access Changes
	// sheet repeats its own.
	Notes       []string
	AccessNotes []string
}

// ResolvedFinding is a finding of the previous run that this run did not
// find again.
type ResolvedFinding struct {
	// Finding is as the previous run listed it; its Status is the status
	// it had then.
	Finding
	// Decision and Comment are the previous run's.
	Decision, Comment string
	// Rechecked is false when this run could not have found it again (its
	// rule did not run on its source, or the source was not read): such a
	// finding is listed but not counted as resolved. Why says which.
	Rechecked bool
	Why       string
}

// AccessChange is one change to one account between the previous run and
// this one.
type AccessChange struct {
	Source      string
	Product     string
	ID          int64 // 0 when unknown
	Username    string
	DisplayName string
	// Change is what happened: account added, account removed, enabled,
	// disabled, administrator granted, administrator removed, group
	// policy added, group policy removed, team added, team removed, Jump
	// Group added, Jump Group removed, Vault account group added, Vault
	// account group removed, roster status changed.
	Change string
	// Item is the membership concerned (a group policy's name), "" for a
	// change to the account itself; Before and After are the values.
	Item          string
	Before, After string
}

// PersonRow is one row of the People sheet: one person and every account
// of theirs, across sources and products, so that a leaver's accounts are
// seen together.
type PersonRow struct {
	Person       string // the join key: lower-cased email or UPN-like username
	Name         string // the roster's name, else the first display name of their accounts
	RosterStatus string // as the roster says; "not in roster" with a roster and no match; "" without a roster
	// Terminated is Unknown when the person is not in the roster.
	Terminated Flag
	Manager    string
	// Accounts and enabled accounts per product.
	PRAAccounts, PRAEnabled                   int64
	RSAccounts, RSEnabled                     int64
	PasswordSafeAccounts, PasswordSafeEnabled int64
	// Administrator is Yes when an enabled account is an administrator, No
	// when every enabled account says it is not, Unknown when one does not say.
	Administrator Flag
	Sources       string // "; "-joined sources where an account is enabled
	// LastSession and SessionsInWindow are over their accounts, as on
	// AccountRow; zero and nil when no account's source gave a session or
	// activity report.
	LastSession      time.Time
	SessionsInWindow *int64
	FindingCount     int64  // findings about their accounts
	FindingRules     string // "; "-joined rule ids of those findings
}

// IngestIssue is one input row that --lenient kept out of the analysis.
type IngestIssue struct {
	File    string `json:"file"`
	Line    int64  `json:"line"`
	Column  int64  `json:"column,omitempty"`
	Problem string `json:"problem"` // found …, expected …
	Raw     string `json:"raw"`     // the row as read
}

// The decisions a reviewer can take on a finding, written as here (the
// Decision drop-down, the reviewer's workbook, collect); read in any case.
const (
	DecisionKeep       = "Keep"
	DecisionRevoke     = "Revoke"
	DecisionModify     = "Modify"
	DecisionAcceptRisk = "Accept risk"
)

// Decisions are the decisions in drop-down order.
var Decisions = []string{DecisionKeep, DecisionRevoke, DecisionModify, DecisionAcceptRisk}

// DecisionNeedsComment says a decision (as written here) is only complete
// with a comment: a revoke must say why, a modify what to change. Collect
// lists one without it as missing; the next quarter carries it as
// incomplete.
func DecisionNeedsComment(decision string) bool {
	return decision == DecisionRevoke || decision == DecisionModify
}

// DecisionComplete says a decision (as written here) stands: it needs no
// comment, or it has one. Collect counts and carries only complete ones.
func DecisionComplete(decision, comment string) bool {
	return !DecisionNeedsComment(decision) || strings.TrimSpace(comment) != ""
}

// ParseDecision is s as a decision written as here, ignoring case and
// surrounding space; false when s is none of them.
func ParseDecision(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, d := range Decisions {
		if strings.EqualFold(s, d) {
			return d, true
		}
	}
	return "", false
}
