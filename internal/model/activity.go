package model

import "time"

// Activity is what a run's session and activity reports showed (docs/inputs.md
// §7): the Sessions sheet, the Summary's leavers who got in, the Evidence
// sheet's windows and the Offboarding sheet's facts. Review.Activity is nil
// when the run read no session or activity report.
type Activity struct {
	// Sessions calls fn for every row of the Sessions sheet, in sheet order
	// (leavers first, then by start, newest first); SessionRows is how many
	// it yields and Records how many records the reports held in all. When
	// Records exceeds SheetMax, only the records that matter are listed
	// (Cut), and the sheet says where the rest are.
	Sessions    func(fn func(*SessionRow) error) error
	SessionRows int64
	Records     int64
	SheetMax    int64
	Cut         bool
	// Windows are per source and report kind, in that order.
	Windows []ActivityWindow
}

// Leavers are what the roster's leavers did after leaving, for the
// Summary's first block (Review.Leavers; nil without a roster).
type Leavers struct {
	// Used are the people who got in after their termination date (the
	// offboarding family's findings of use), most sessions first.
	Used []LeaverUse
	// NotComparable are the people the roster says are terminated without
	// a termination date: what their accounts did cannot be compared with
	// a last day.
	NotComparable []string
}

// SessionRow is one row of the Sessions sheet: a session and one of its
// representatives, or one Vault or Password Safe activity record.
type SessionRow struct {
	Source, Product string
	// Kind is session, vault activity, password safe audit or password
	// safe session.
	Kind string
	// ID is the session's lsid, else the record's own id.
	ID    string
	Start time.Time // UTC; zero when the record has none
	End   time.Time // UTC; zero when open or not stated
	Open  bool
	// Seconds is End - Start, nil when either is not known.
	Seconds *int64
	// Account is the matched account's username, else how the actor
	// matched: unknown, invited, ambiguous, no representative, or not a
	// user (the system, an API account).
	Account string
	// Actor is the user as the report names it.
	Actor               string
	Person              string
	PersonStatus        string
	TerminationDate     time.Time // zero when none
	Endpoint, JumpGroup string
	Role                string // owner or member (sessions); "" when not stated
	Event               string // a Vault or Password Safe event
	AfterTermination    string // yes, no, not comparable, or "" without a roster match
}

// ActivityWindow is what one kind of report of one source covered.
type ActivityWindow struct {
	Source string
	Kind   string // the input kind, e.g. session-report
	Files  int64
	Rows   int64
	// Earliest and Latest are the first and last start seen; zero when the
	// reports held no rows (an empty report).
	Earliest, Latest time.Time
}

// LeaverUse is one person who used access after their termination date.
type LeaverUse struct {
	Person          string // the person's name, else their key
	TerminationDate time.Time
	// Sessions, Activity: session rows and Vault or Password Safe records
	// after the termination date; Logins: accounts whose last
	// authentication is after it.
	Sessions, Activity, Logins int64
	LastSeen                   time.Time
	Findings                   int64
}

// OffboardingFacts are the facts the Offboarding sheet shows beside a
// finding about an account (keyed by finding id in Review.Offboarding).
type OffboardingFacts struct {
	Person             string
	RosterStatus       string
	TerminationDate    time.Time
	LastAuthentication time.Time
	// LastActivity is the latest session or activity record, and
	// LastActivitySource which report it came from.
	LastActivity       time.Time
	LastActivitySource string
	SessionsAfter      *int64 // nil when not known (no report, no date)
	OpenSessions       *int64 // nil when not known (no session report)
}
