package model

// Explanation is everything review knows about one account, for review
// explain: why it has access, held how, and what the rules found. A nil
// pointer or an empty text is "not stated" by the exports, never false.
type Explanation struct {
	Source      string `json:"source"`
	Product     string `json:"product"`
	Kind        string `json:"kind"` // user, vendor-user
	Username    string `json:"username"`
	Entity      string `json:"entity"` // what findings name it by
	DisplayName string `json:"display_name"`
	Email       string `json:"email"`
	// Provider is the security provider (for a vendor user, its vendor
	// group; for Password Safe, the domain), ProviderType its type.
	Provider      string `json:"provider"`
	ProviderType  string `json:"provider_type"`
	Enabled       *bool  `json:"enabled"`
	Administrator *bool  `json:"administrator"`
	TwoFactor     *bool  `json:"two_factor"`
	// Created and LastAuthentication are dates as YYYY-MM-DD, "" when not
	// stated; DaysSinceLastAuth counts to the review date.
	Created            string `json:"created"`
	LastAuthentication string `json:"last_authentication"`
	DaysSinceLastAuth  *int64 `json:"days_since_last_authentication"`
	AccountExpired     bool   `json:"account_expired"`
	// Quarantined and UserType are Password Safe's; nil and "" elsewhere.
	Quarantined *bool  `json:"quarantined"`
	UserType    string `json:"user_type"`
	// Vendor is the vendor group's policy of a PRA vendor user, else nil.
	Vendor *ExplainedVendor `json:"vendor"`
	// Memberships are every group the account is in and how it is held.
	Memberships []ExplainedMembership `json:"memberships"`
	// JumpGroups are the PRA Jump Groups it reaches, with the Jump Item Role.
	JumpGroups []ExplainedGrant `json:"jump_groups"`
	// JumpItems are the Jump Items it reaches, one per item and path, with
	// the Jump Policy in force on that path.
	JumpItems []ExplainedJumpItem `json:"jump_items"`
	// SmartRules are the Password Safe Smart Rules it reaches.
	SmartRules []ExplainedSmartRule `json:"smart_rules"`
	// JumpGroupsKnown, JumpItemsKnown and SmartRulesKnown say the source
	// exported what tells them: without, an empty list is "not known",
	// not "none".
	JumpGroupsKnown bool `json:"jump_groups_known"`
	JumpItemsKnown  bool `json:"jump_items_known"`
	SmartRulesKnown bool `json:"smart_rules_known"`
	// Person is the roster's person of the account, nil when none.
	Person *ExplainedPerson `json:"person"`
	// OtherAccounts are the same person's accounts elsewhere.
	OtherAccounts []ExplainedAccount `json:"other_accounts"`
	// Activity is what the account did, from its source's session and
	// activity reports; nil when the source gave none: not known, which
	// is not "no activity".
	Activity *ExplainedActivity `json:"activity"`
	Findings []ExplainedFinding `json:"findings"`
}

// ExplainedActivity is an account's sessions and activity records. Times
// are UTC, YYYY-MM-DDTHH:MM:SSZ, "" when there is none (or the kind is not
// known: see the *Known fields, one per kind of report).
type ExplainedActivity struct {
	// SessionsKnown, VaultKnown and PasswordSafeKnown say the source gave
	// a session report (PRA AccessSession, RS SupportSession), a Vault
	// activity report, a Password Safe UserAudits or Sessions export.
	SessionsKnown     bool `json:"sessions_known"`
	VaultKnown        bool `json:"vault_known"`
	PasswordSafeKnown bool `json:"password_safe_known"`
	// LastSession is the start of the account's last session; Sessions
	// counts its sessions (one per session it was a representative in),
	// SessionsInWindow those started in the StaleDays days to the review
	// date, OpenSessions those with no end.
	LastSession      string `json:"last_session"`
	Sessions         int64  `json:"sessions"`
	SessionsInWindow int64  `json:"sessions_in_window"`
	StaleDays        int64  `json:"stale_days"`
	OpenSessions     int64  `json:"open_sessions"`
	// LastVaultActivity and LastPasswordSafeActivity are the times of the
	// last Vault event and Password Safe audit or session.
	LastVaultActivity        string `json:"last_vault_activity"`
	LastPasswordSafeActivity string `json:"last_password_safe_activity"`
	// TerminationDate is the roster's termination date of the account's
	// person (YYYY-MM-DD), "" when there is none.
	TerminationDate string `json:"termination_date"`
	// Last are the account's last RecentShown records, newest first.
	Last []ExplainedActivityRecord `json:"last"`
	// AfterTermination are every record on a later UTC day than
	// TerminationDate, oldest first; empty without a termination date.
	AfterTermination []ExplainedActivityRecord `json:"after_termination"`
}

// RecentShown is how many of an account's last records explain shows.
const RecentShown = 10

// ExplainedActivityRecord is one session (the account as one of its
// representatives), Vault event, or Password Safe audit or session.
type ExplainedActivityRecord struct {
	Kind string `json:"kind"` // session, vault, ps-audit, ps-session
	// Record names it: a session's lsid, "vault account N", "audit N",
	// "session N" (Password Safe).
	Record string `json:"record"`
	// LSID is the session's id; a Vault event's session when it names one.
	LSID string `json:"lsid"`
	// Start is when the session started or the event happened; End when
	// the session ended, "" for an event or a session not ended; Open
	// says the session is still open.
	Start string `json:"start"`
	End   string `json:"end"`
	Open  bool   `json:"open"`
	// Endpoint is a session's endpoint (primary customer), a Password Safe
	// session's asset, a Vault event's Vault account.
	Endpoint  string `json:"endpoint"`
	JumpGroup string `json:"jump_group"`
	// Event is a Vault event's type, an audit's action, a Password Safe
	// session's status code.
	Event string `json:"event"`
}

// ExplainedVendor is a vendor group's policy for its users.
type ExplainedVendor struct {
	Name                  string `json:"name"`
	AccountExpirationDays *int64 `json:"account_expiration_days"`
	UserApprovalEnabled   *bool  `json:"user_approval_enabled"`
	DefaultPolicy         string `json:"default_policy"`
}

// ExplainedMembership is one group the account is in: Kind is
// group-policy, team, jump-group or vault-account-group; How says how the
// membership is held (direct, through a directory group, through a
// default policy, named by the User Account Report).
type ExplainedMembership struct {
	Kind  string `json:"kind"`
	Group string `json:"group"`
	How   string `json:"how"`
	// Role is the membership's role (team lead, Jump Item Role #id), or "".
	Role string `json:"role"`
}

// ExplainedGrant is a group reached (a Jump Group, a team, a Vault account
// group) with the role it is reached with and how.
type ExplainedGrant struct {
	Kind  string `json:"kind"`
	Group string `json:"group"`
	Role  string `json:"role"`
	How   string `json:"how"`
}

// ExplainedJumpItem is one Jump Item an account reaches by one path.
type ExplainedJumpItem struct {
	JumpGroup string `json:"jump_group"` // "" for a personal item
	Item      string `json:"item"`
	Type      string `json:"type"` // Remote RDP, Shell Jump, …
	Host      string `json:"host"`
	// Path is how the account is given the item: direct, group policy
	// NAME, vendor default policy NAME, provider default policy NAME,
	// personal.
	Path string `json:"path"`
	// Policy is the Jump Policy in force on this path, "" for none; SetOn
	// says where it is set: membership (the path's own) or item.
	Policy        string `json:"jump_policy"`
	SetOn         string `json:"set_on"`
	SessionPolicy string `json:"session_policy"`
}

// ExplainedSmartRule is one Password Safe Smart Rule the account reaches.
type ExplainedSmartRule struct {
	SmartRule   string `json:"smart_rule"`
	Group       string `json:"user_group"`
	Role        string `json:"role"`
	AccessLevel string `json:"access_level"`
	Via         string `json:"via"`
}

// ExplainedPerson is the person behind an account.
type ExplainedPerson struct {
	Key     string `json:"key"` // roster email, account email or UPN-like username
	Name    string `json:"name"`
	Status  string `json:"status"`
	Manager string `json:"manager"`
	// Terminated is the roster's word on the review date; nil without a
	// roster row.
	Terminated *bool `json:"terminated"`
	// TerminationDate is the roster's, YYYY-MM-DD; "" when it gives none.
	TerminationDate string `json:"termination_date"`
	// RosterGiven says a roster was read at all: without one, "no row"
	// means "no roster", not "not in it".
	RosterGiven bool `json:"roster_given"`
}

// ExplainedAccount is one other account of the same person.
type ExplainedAccount struct {
	Source   string `json:"source"`
	Product  string `json:"product"`
	Username string `json:"username"`
	Enabled  *bool  `json:"enabled"`
}

// ExplainedFinding is one finding on the account.
type ExplainedFinding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Title    string `json:"title"`
	Detail   string `json:"detail"`
	Status   string `json:"status"`
}
