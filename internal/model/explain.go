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
	// SmartRules are the Password Safe Smart Rules it reaches.
	SmartRules []ExplainedSmartRule `json:"smart_rules"`
	// JumpGroupsKnown and SmartRulesKnown say the source exported what
	// tells them: without, an empty list is "not known", not "none".
	JumpGroupsKnown bool `json:"jump_groups_known"`
	SmartRulesKnown bool `json:"smart_rules_known"`
	// Person is the roster's person of the account, nil when none.
	Person *ExplainedPerson `json:"person"`
	// OtherAccounts are the same person's accounts elsewhere.
	OtherAccounts []ExplainedAccount `json:"other_accounts"`
	Findings      []ExplainedFinding `json:"findings"`
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
