package tabular

import (
	"strings"

	"github.com/review-tool/review/ingest/cells"
	"github.com/review-tool/review/schema"
)

// parse says how a cell is read.
type parse uint8

const (
	asText         parse = iota // trimmed; empty is NULL
	asName                      // kept as written (a username); blank is NULL
	asLower                     // trimmed and lower-cased; empty is NULL
	asID                        // an integer ≥ 1
	asCount                     // an integer ≥ 0
	asTime                      // cells.ParseTime; Never is NULL
	asDate                      // cells.ParseTime, kept as the date at midnight UTC
	asBool                      // cells.ParseBool; empty is NULL
	asNotBool                   // cells.ParseBool, inverted (Account Disabled)
	asStatus                    // Enabled/Disabled/Active/Inactive
	asMembership                // a list of names (cells.SplitList)
	asRosterStatus              // active, leave or terminated
	asProduct                   // pra, rs or password-safe
	asSeatType                  // named or concurrent
	asDecimal                   // a decimal ≥ 0
	asCurrency                  // an ISO 4217 code
)

// field is one thing a column can say. Several fields may share a key (the
// enabled flag comes from Enabled, Account Disabled or Status); a table
// has one column per key: two are an error (mapColumns), since nothing
// would say which is right, unless the field allows it with agree or
// fallback.
type field struct {
	key        string
	column     string // the raw table column it fills; "" when none
	parse      parse
	capability string // for the report: the capability the column gives
	member     string // for asMembership: the membership kind
	aliases    []string
	// agree lets the column stand beside one other column of its key,
	// which fills the field; on each row the two must say the same
	// (Status beside Account Enabled, as some report versions write both).
	agree bool
	// fallback lets several columns of the key stand together: the first
	// that is not empty fills the field (an IdP's mail and
	// userPrincipalName).
	fallback bool
	// identity marks a cell that names a person or an account, in which
	// no control character is allowed (cells.IdentityControl): its
	// column's (schema's identity columns), set by newFieldSet, or the
	// roster's first and last name, which make its name.
	identity bool
}

// reportFields are the User Account Report's columns (docs/inputs.md §2); the
// Configuration API's field names are aliases too.
var reportFields = []field{
	{key: "username", column: "username", parse: asName, aliases: []string{"Username", "User Name", "Login", "Last Authenticated As"}},
	{key: "public_display_name", column: "public_display_name", aliases: []string{"Public Display Name", "Display Name"}},
	{key: "private_display_name", column: "private_display_name", aliases: []string{"Private Display Name"}},
	{key: "email", column: "email_address", capability: schema.CapUserEmail, aliases: []string{"Email", "Email Address", "E-mail"}},
	{key: "security_provider_name", column: "security_provider_name", capability: schema.CapUserSecurityProvider, aliases: []string{"Security Provider", "Provider", "Authentication Source"}},
	{key: "security_provider_id", column: "security_provider_id", parse: asID, capability: schema.CapUserSecurityProvider, aliases: []string{"security_provider_id"}},
	{key: "id", column: "id", parse: asID, aliases: []string{"id"}},
	{key: "enabled", column: "enabled", parse: asBool, capability: schema.CapUserEnabled, aliases: []string{"Enabled", "Account Enabled"}},
	{key: "enabled", column: "enabled", parse: asNotBool, capability: schema.CapUserEnabled, aliases: []string{"Account Disabled"}},
	{key: "enabled", column: "enabled", parse: asStatus, capability: schema.CapUserEnabled, agree: true, aliases: []string{"Status"}},
	{key: "last_authentication", column: "last_authentication", parse: asTime, capability: schema.CapUserLastAuthentication, aliases: []string{"Last Authentication Date", "Last Authentication", "Last Authenticated", "Last Login"}},
	{key: "created_at", column: "created_at", parse: asTime, capability: schema.CapUserCreatedAt, aliases: []string{"Created", "Created At", "Creation Date"}},
	{key: "is_admin", column: "is_admin", parse: asBool, capability: schema.CapUserAdministrator, aliases: []string{"Administrator", "Is Administrator", "Admin"}},
	{key: "two_factor_required", column: "two_factor_required", parse: asBool, capability: schema.CapUserTwoFactor, aliases: []string{"Two Factor Authentication", "Two Factor Required"}},
	{key: "two_factor_enabled", column: "two_factor_enabled", parse: asBool, capability: schema.CapUserTwoFactor, aliases: []string{"Two Factor Enabled"}},
	{key: "fido2_credential_count", column: "fido2_credential_count", parse: asCount, capability: schema.CapUserTwoFactor, aliases: []string{"Passwordless Authenticators", "FIDO2 Credentials", "fido2_credential_count"}},
	{key: "fido2_last_used_date", column: "fido2_last_used_date", parse: asTime, capability: schema.CapUserTwoFactor, aliases: []string{"Passwordless Last Used", "fido2_last_used_date"}},
	{key: "account_expiration", column: "account_expiration", parse: asTime, capability: schema.CapUserAccountExpiration, aliases: []string{"Account Expiration Date", "Account Expires", "account_expiration"}},
	{key: "account_never_expires", column: "account_never_expires", parse: asBool, capability: schema.CapUserAccountExpiration, aliases: []string{"Account Never Expires"}},
	{key: "password_expiration", column: "password_expiration", parse: asTime, aliases: []string{"Password Expiration Date", "password_expiration"}},
	{key: "password_never_expires", column: "password_never_expires", parse: asBool, aliases: []string{"Password Never Expires"}},
	{key: "failed_logins", column: "failed_logins", parse: asCount, aliases: []string{"failed_logins"}},
	{key: "license_pool", column: "license_pool", aliases: []string{"License Pool", "Full Support License Pool"}},
	{key: "group_policies", parse: asMembership, member: "group-policy", capability: schema.CapUserGroupPolicies, aliases: []string{"Group Policies", "Group Policy Memberships"}},
	{key: "teams", parse: asMembership, member: "team", capability: schema.CapUserTeams, aliases: []string{"Teams", "Team Memberships"}},
	{key: "jump_groups", parse: asMembership, member: "jump-group", capability: schema.CapUserJumpGroups, aliases: []string{"Jump Groups", "Jump Group Memberships"}},
	{key: "vault_account_groups", parse: asMembership, member: "vault-account-group", capability: schema.CapUserVaultAccountGroups, aliases: []string{"Vault Account Groups", "Vault Account Group Memberships"}},
}

// rosterFields are the roster's columns (docs/inputs.md §4). First/last name
// also take the usual IdP spellings (givenName, surname).
var rosterFields = []field{
	{key: "email", column: "email", parse: asLower, fallback: true, aliases: []string{"email", "work_email", "mail", "Employee Email ID", "userPrincipalName", "upn"}},
	{key: "employee_id", column: "employee_id", aliases: []string{"employee_id", "employeeId", "Employee ID", "employeeNumber"}},
	{key: "name", column: "name", aliases: []string{"display_name", "displayName", "name"}},
	{key: "first_name", identity: true, aliases: []string{"Employee First Name", "first_name", "givenName"}},
	{key: "last_name", identity: true, aliases: []string{"Employee Last Name", "last_name", "surname"}},
	{key: "status", column: "status", parse: asRosterStatus, aliases: []string{"status", "employment_status", "Employee Access Status", "accountEnabled"}},
	{key: "employee_type", column: "employee_type", aliases: []string{"employee_type", "employeeType", "Employee Type"}},
	{key: "termination_date", column: "termination_date", parse: asDate, aliases: []string{"termination_date", "end_date", "leave_date", "employeeLeaveDateTime"}},
	{key: "manager", column: "manager", parse: asLower, aliases: []string{"manager_email", "Manager Email ID", "manager"}},
	{key: "department", column: "department", aliases: []string{"department"}},
}

// licenseFields are the license file's columns (docs/inputs.md §5).
var licenseFields = []field{
	{key: "product", column: "product", parse: asProduct, aliases: []string{"product"}},
	{key: "seat_type", column: "seat_type", parse: asSeatType, aliases: []string{"seat_type"}},
	{key: "purchased", column: "purchased", parse: asCount, aliases: []string{"purchased"}},
	{key: "annual_cost_per_seat", column: "annual_cost_per_seat", parse: asDecimal, aliases: []string{"annual_cost_per_seat"}},
	{key: "currency", column: "currency", parse: asCurrency, aliases: []string{"currency"}},
	{key: "renewal_date", column: "renewal_date", parse: asDate, aliases: []string{"renewal_date"}},
	{key: "source", column: "applies_to", aliases: []string{"source"}},
}

// alias is where a normalised header leads: a field and its rank (lower
// ranks win when two columns fill one key).
type alias struct {
	f    *field
	rank int
}

// fieldSet looks fields up by normalised header.
type fieldSet struct {
	fields  []field
	table   *schema.Table
	byAlias map[string]alias
}

func newFieldSet(table *schema.Table, fields []field) *fieldSet {
	s := &fieldSet{fields: fields, table: table, byAlias: map[string]alias{}}
	rank := 0
	for i := range fields {
		f := &fields[i]
		f.identity = f.identity || (f.column != "" && table.Identity(f.column))
		names := f.aliases
		if f.column != "" {
			names = append(names[:len(names):len(names)], f.column)
		}
		for _, a := range names {
			n := cells.NormalizeHeader(a)
			if _, ok := s.byAlias[n]; !ok {
				s.byAlias[n] = alias{f, rank}
			}
			rank++
		}
	}
	return s
}

var (
	reportSet  = newFieldSet(schema.Users, reportFields)
	rosterSet  = newFieldSet(schema.Roster, rosterFields)
	licenseSet = newFieldSet(schema.Licenses, licenseFields)
)

// lookup returns the field a header names, or nil.
func (s *fieldSet) lookup(header string) (alias, bool) {
	a, ok := s.byAlias[cells.NormalizeHeader(header)]
	return a, ok
}

// has tells whether one of the headers names a field with the key.
func (s *fieldSet) has(header []string, key string) bool {
	for _, h := range header {
		if a, ok := s.lookup(h); ok && a.f.key == key {
			return true
		}
	}
	return false
}

// aliasesOf lists the aliases of the fields with the key, for messages:
// "Username, User Name, Login or Last Authenticated As".
func (s *fieldSet) aliasesOf(key string) string {
	var names []string
	seen := map[string]bool{}
	for _, f := range s.fields {
		if f.key != key {
			continue
		}
		for _, a := range f.aliases {
			if !seen[a] {
				seen[a] = true
				names = append(names, a)
			}
		}
	}
	switch len(names) {
	case 0:
		return key
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
