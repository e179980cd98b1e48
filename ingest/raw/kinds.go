package raw

// Kind is what an input file was recognised as.
type Kind string

// The kinds of input files. Configuration API kinds are named after their
// endpoint's file name in inputs.md.
const (
	KindUnknown                       Kind = ""
	KindUsers                         Kind = "user"
	KindGroupPolicies                 Kind = "group-policy"
	KindGroupPolicyMembers            Kind = "group-policy-member"
	KindUserGroupPolicies             Kind = "user-group-policies"
	KindTeams                         Kind = "team"
	KindTeamUsers                     Kind = "team-user"
	KindGroupPolicyTeams              Kind = "group-policy-team"
	KindJumpGroups                    Kind = "jump-group"
	KindJumpGroupUsers                Kind = "jump-group-user"
	KindGroupPolicyJumpGroups         Kind = "group-policy-jump-group"
	KindVaultAccountGroups            Kind = "vault-account-group"
	KindVaultAccountGroupUsers        Kind = "vault-account-group-user"
	KindGroupPolicyVaultAccountGroups Kind = "group-policy-vault-account-group"
	KindSecurityProviders             Kind = "security-provider"
	KindSessionPolicies               Kind = "session-policy"
	KindAPIAccounts                   Kind = "api-account"
	KindVendors                       Kind = "vendor"
	KindVendorUsers                   Kind = "vendor-user"
	KindUserReport                    Kind = "user-account-report"
	KindRoster                        Kind = "roster"
	KindLicenses                      Kind = "licenses"
	KindLicenseUsage                  Kind = "license-usage"
)

// Result is what reading one file yields besides its rows.
type Result struct {
	Kind Kind
	// Rows is the number of data rows (objects, report lines) read.
	Rows int64
	// Capabilities the file gives its source: the kind's name for a whole
	// export ("teams"), and "user.<field>" for user fields it carries
	// (docs/facts.md lists them).
	Capabilities []string
	// UnknownColumns were kept in the raw record but not interpreted.
	UnknownColumns []string
	// Warnings are things a reader accepted but the reviewer should know
	// (a roster listing one email twice), each naming the file and lines;
	// they reach the Evidence sheet.
	Warnings []string
	// Product is what the content says about the source's product: "pra",
	// "rs" or "" when it does not tell.
	Product string
	// Encoding is what the file's text was read as ("" for a workbook), and
	// DateOrder how its NN/NN/YYYY dates were read ("" for JSON, whose dates
	// are RFC 3339): the Evidence sheet shows both.
	Encoding  Encoding
	DateOrder DateOrder
}
