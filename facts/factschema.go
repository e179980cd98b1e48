package facts

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/format"
)

// JSONType is the JSON type of a fact field's value.
type JSONType string

// The JSON types a fact field can have. Integers and decimals are both
// numbers: Rego does not tell them apart.
const (
	JSONString  JSONType = "string"
	JSONNumber  JSONType = "number"
	JSONBoolean JSONType = "boolean"
	JSONArray   JSONType = "array"
	JSONObject  JSONType = "object"
)

// Kind is one kind of fact: what a rule names in custom.input and is
// evaluated on once per fact. Schema declares every kind once; the
// fact kinds of docs/facts.md and the example facts the rule tests import
// (rules/testdata/facts.rego) are generated from it, and a test checks it
// against the facts the SQL builds.
type Kind struct {
	Name       string // custom.input: account, group_policy, …
	EntityType string // the finding's entity_type
	Entity     string // what the finding's entity is, e.g. "the username"
	Doc        string // which entities have a fact of this kind
	Notes      string // what the field list alone does not say
	Fields     []Field
}

// Field is one field of a fact, or of an object inside one.
type Field struct {
	Name string
	Type JSONType
	// Items is the type of an array's elements (never null).
	Items JSONType
	// Nullable fields may be null; the others never are.
	Nullable bool
	Doc      string // one line
	// Example is the field's value in the kind's example fact: factNull for
	// null. An object's example is built from its Fields' examples unless
	// Example is factNull.
	Example any
	// Fields are an object's fields.
	Fields []Field
}

// jsonNull is the type of factNull.
type jsonNull struct{}

// factNull is an example value of null (a nil Example is a missing one).
var factNull = jsonNull{}

func (jsonNull) MarshalJSON() ([]byte, error) { return []byte("null"), nil }

// Kinds are the rule input kinds, in evaluation order.
var Kinds = factKindNames()

func factKindNames() []string {
	out := make([]string, len(Schema))
	for i, k := range Schema {
		out[i] = k.Name
	}
	return out
}

// KindNamed returns the declaration of a kind, or nil.
func KindNamed(name string) *Kind {
	for i := range Schema {
		if Schema[i].Name == name {
			return &Schema[i]
		}
	}
	return nil
}

func sourceField(example string) Field {
	return Field{Name: "source", Type: JSONString, Example: example, Doc: "the source (export folder or file) it comes from"}
}

func productField(example string) Field {
	return Field{Name: "product", Type: JSONString, Example: example, Doc: "the source's product: `pra`, `rs` or `password-safe`"}
}

// groupFields are the fields of a team, Jump Group or Vault account group.
func groupFields(what string, id int, name string) []Field {
	return []Field{
		sourceField("pra-prod"), productField("pra"),
		{Name: "id", Type: JSONNumber, Nullable: true, Example: id, Doc: "its id; null when the export gives none"},
		{Name: "name", Type: JSONString, Example: name, Doc: "its name, or `#id` when it has none"},
		{Name: "users", Type: JSONNumber, Example: 0, Doc: "distinct users that are direct members of the " + what},
		{Name: "group_policies", Type: JSONNumber, Example: 0, Doc: "distinct group policies that assign the " + what},
	}
}

// sessionFields are a session's fields in the activity facts.
var sessionFields = []Field{
	{Name: "lsid", Type: JSONString, Example: "a0000000000000000000000000000003", Doc: "the session id"},
	{Name: "start", Type: JSONString, Example: "2025-10-17T09:00:00Z", Doc: "when it started (UTC)"},
	{Name: "end", Type: JSONString, Nullable: true, Example: "2025-10-17T10:00:00Z", Doc: "when it ended; null = still open when the report was made"},
	{Name: "endpoint", Type: JSONString, Nullable: true, Example: "db-01", Doc: "`primary_customer`: the endpoint (PRA) or customer (RS)"},
	{Name: "jump_group", Type: JSONString, Nullable: true, Example: "Databases", Doc: "the Jump Group's name; null when none"},
}

var vaultFields = []Field{
	{Name: "event", Type: JSONString, Nullable: true, Example: "Credentials Used", Doc: "the event type"},
	{Name: "at", Type: JSONString, Example: "2025-10-02T10:00:00Z", Doc: "when (UTC)"},
	{Name: "vault_account", Type: JSONString, Example: "vault account 31", Doc: "the Vault account, by id"},
	{Name: "lsid", Type: JSONString, Nullable: true, Example: "a0000000000000000000000000000001", Doc: "the session the credentials were used in (`Credentials Used`); null otherwise"},
}

var psActivityFields = []Field{
	{Name: "kind", Type: JSONString, Example: "audit", Doc: "`audit` (a UserAudits record) or `session` (a Sessions row)"},
	{Name: "record", Type: JSONString, Example: "audit 1", Doc: "the record: `audit AuditID` or `session SessionID`"},
	{Name: "event", Type: JSONString, Nullable: true, Example: "Login", Doc: "an audit's ActionType, a session's Status code"},
	{Name: "at", Type: JSONString, Example: "2025-09-02T08:00:00Z", Doc: "the audit's CreateDate, the session's StartTime (UTC)"},
	{Name: "asset", Type: JSONString, Nullable: true, Example: factNull, Doc: "a session's AssetName; null for an audit"},
}

// countFirstLast is an object of how many records there are and the first
// and last of them (null when none).
func countFirstLast(name, what string, fields []Field) Field {
	return Field{Name: name, Type: JSONObject, Doc: what + ": how many, their ids, the first and the last", Fields: []Field{
		{Name: "count", Type: JSONNumber, Example: 0, Doc: "how many"},
		{Name: "ids", Type: JSONArray, Items: JSONString, Example: []any{}, Doc: "the id of each in time order: a session's `lsid` (once per session), a record's own id (`vault account 31`, `audit 9102`, `session 601`); a Vault event of a session, that session's `lsid`"},
		{Name: "first", Type: JSONObject, Nullable: true, Example: factNull, Doc: "the earliest; null when none", Fields: fields},
		{Name: "last", Type: JSONObject, Nullable: true, Example: factNull, Doc: "the latest; null when none", Fields: fields},
	}}
}

// Schema declares every fact kind, in evaluation order.
var Schema = append(baseKinds, jumpKinds...)

// baseKinds are the fact kinds before the Jump ones.
var baseKinds = []Kind{
	{
		Name: "account", EntityType: "account", Entity: "the username (with its provider when the username alone is ambiguous in the source)",
		Doc: "One per RS/PRA user, per PRA vendor user and per Password Safe user.",
		Notes: "A vendor user's own `account_expiration` (a date-time) is the account's `account_expiration`, which " +
			"`account_expired` and `expired-vendor-account-enabled` use; the vendor group's `account_expiration_days` " +
			"is a policy, never compared with the as-of date.",
		Fields: []Field{
			sourceField("pra-prod"), productField("pra"),
			{Name: "kind", Type: JSONString, Example: "user", Doc: "`user` (RS, PRA or Password Safe) or `vendor-user`"},
			{Name: "id", Type: JSONNumber, Nullable: true, Example: 42, Doc: "the user id; null for an account only in a User Account Report"},
			{Name: "username", Type: JSONString, Example: "jdoe", Doc: "the username, as exported"},
			{Name: "display_name", Type: JSONString, Nullable: true, Example: "Jane Doe", Doc: "public display name, else private; null when neither is known"},
			{Name: "email", Type: JSONString, Nullable: true, Example: "jane.doe@corp.example", Doc: "null when not exported"},
			{Name: "provider", Type: JSONObject, Nullable: true, Doc: "its security provider (a vendor user's: its vendor group); null when unknown", Fields: []Field{
				{Name: "id", Type: JSONNumber, Nullable: true, Example: 1, Doc: "the provider's id; null when only its name is known"},
				{Name: "name", Type: JSONString, Nullable: true, Example: "Corp LDAP", Doc: "the provider's name; null when only its id is known"},
				{Name: "type", Type: JSONString, Nullable: true, Example: "ldap", Doc: "lower case, e.g. `local`, `ldap`, `saml`; `vendor` for a vendor user; null when unknown"},
			}},
			{Name: "enabled", Type: JSONBoolean, Nullable: true, Example: true, Doc: "null when not exported"},
			{Name: "administrator", Type: JSONBoolean, Nullable: true, Example: false, Doc: "null when not exported; false for vendor users"},
			{Name: "two_factor_enabled", Type: JSONBoolean, Nullable: true, Example: false, Doc: "null when not exported"},
			{Name: "passwordless_credentials", Type: JSONNumber, Nullable: true, Example: 0, Doc: "FIDO2 credential count; null when not exported"},
			{Name: "last_authentication", Type: JSONString, Nullable: true, Example: "2025-04-02T09:00:00Z", Doc: "null = never, or not exported"},
			{Name: "days_since_last_authentication", Type: JSONNumber, Nullable: true, Example: 234, Doc: "null = never, not exported, or after the as-of date (warned of)"},
			{Name: "created_at", Type: JSONString, Nullable: true, Example: "2025-01-10T08:00:00Z", Doc: "null when unknown"},
			{Name: "days_since_created", Type: JSONNumber, Nullable: true, Example: 316, Doc: "null when unknown, or after the as-of date (warned of)"},
			{Name: "account_expiration", Type: JSONString, Nullable: true, Example: factNull, Doc: "when the account expires; null = never, or not exported"},
			{Name: "account_expired", Type: JSONBoolean, Example: false, Doc: "the expiration is on or before the as-of date, or the export marks the account expired"},
			{Name: "group_policies", Type: JSONArray, Items: JSONString, Example: []any{"Support Tier 1"}, Doc: "every group policy the account has, from any input (names; `#id` if unnamed)"},
			{Name: "unknown_group_policies", Type: JSONArray, Items: JSONString, Example: []any{}, Doc: "the group policies it names that the group policy export does not contain"},
			{Name: "default_policy", Type: JSONString, Nullable: true, Example: factNull, Doc: "name of its provider's (a vendor user's: its vendor's) default policy; null when none"},
			{Name: "memberships", Type: JSONObject, Doc: "how many of each it is a direct member of", Fields: []Field{
				{Name: "group_policies", Type: JSONNumber, Example: 1, Doc: "direct group policy memberships"},
				{Name: "teams", Type: JSONNumber, Example: 0, Doc: "direct team memberships"},
				{Name: "jump_groups", Type: JSONNumber, Example: 0, Doc: "direct Jump Group memberships"},
				{Name: "vault_account_groups", Type: JSONNumber, Example: 0, Doc: "direct Vault account group memberships"},
			}},
			{Name: "roster", Type: JSONObject, Nullable: true, Example: factNull, Doc: "its person in the roster; null when no roster was given", Fields: []Field{
				{Name: "matched", Type: JSONBoolean, Example: true, Doc: "a roster row has the account's email (else its username, when that holds an `@`); the other fields are null when false"},
				{Name: "status", Type: JSONString, Nullable: true, Example: "active", Doc: "`active`, `leave` or `terminated` (the roster's inactive, disabled and false included); null when not given"},
				{Name: "terminated", Type: JSONBoolean, Nullable: true, Example: false, Doc: "the status is terminated or the termination date is on or before the as-of date; null when the status is unknown and the date not reached"},
				{Name: "termination_date", Type: JSONString, Nullable: true, Example: factNull, Doc: "`YYYY-MM-DD`; null when none"},
				{Name: "employee_type", Type: JSONString, Nullable: true, Example: "Regular", Doc: "null when not given"},
				{Name: "manager", Type: JSONString, Nullable: true, Example: "boss@corp.example", Doc: "the manager's email, who reviews the account; null when not given"},
				{Name: "name", Type: JSONString, Nullable: true, Example: "Jane Doe", Doc: "the person's name; null when not given"},
			}},
			{Name: "source_has_directory_provider", Type: JSONBoolean, Example: true, Doc: "the source has an enabled security provider whose type is not local"},
			{Name: "vendor", Type: JSONObject, Nullable: true, Example: factNull, Doc: "a vendor user's vendor group and its own approval state; null for other accounts", Fields: []Field{
				{Name: "id", Type: JSONNumber, Nullable: true, Example: 3, Doc: "the vendor group's id; null when the vendor user's group is unknown"},
				{Name: "name", Type: JSONString, Nullable: true, Example: "Acme IT", Doc: "the vendor group's name; null when unknown"},
				{Name: "account_expiration_days", Type: JSONNumber, Nullable: true, Example: 30, Doc: "the group's policy: a new user expires this many days after it is added"},
				{Name: "deletion_days_after_expiration", Type: JSONNumber, Nullable: true, Example: factNull, Doc: "an expired user is deleted this many days later; null = never"},
				{Name: "user_approval_enabled", Type: JSONBoolean, Nullable: true, Example: true, Doc: "new users must be approved before they can log in"},
				{Name: "approved", Type: JSONBoolean, Nullable: true, Example: true, Doc: "this user's is_approved"},
				{Name: "administrator", Type: JSONBoolean, Nullable: true, Example: false, Doc: "this user's vendor_administrator"},
			}},
			{Name: "password_safe", Type: JSONObject, Nullable: true, Example: factNull, Doc: "a Password Safe user's type, quarantine, groups and roles; null for other accounts", Fields: []Field{
				{Name: "user_type", Type: JSONString, Nullable: true, Example: "ActiveDirectory", Doc: "`UserType` as exported; null when not exported"},
				{Name: "application", Type: JSONBoolean, Example: false, Doc: "`UserType` is `Application` (any case): a non-human account"},
				{Name: "quarantined", Type: JSONBoolean, Nullable: true, Example: false, Doc: "`IsQuarantined`; null when not exported"},
				{Name: "domain", Type: JSONString, Nullable: true, Example: "CORP", Doc: "`DomainName`; null when none"},
				{Name: "user_groups", Type: JSONArray, Items: JSONString, Example: []any{"Server Admins"}, Doc: "the active user groups it is in (member lists and entitlements), sorted; `#id` if unnamed"},
				{Name: "administrator_groups", Type: JSONArray, Items: JSONString, Example: []any{}, Doc: "those of its groups the entitlements mark `IsAdministratorGroup`"},
				{Name: "roles", Type: JSONArray, Items: JSONNumber, Example: []any{1}, Doc: "the role ids it holds on any Smart Rule through its groups, sorted"},
				{Name: "smart_rules", Type: JSONArray, Items: JSONString, Example: []any{"Windows Servers"}, Doc: "the Smart Rules it holds a role on (titles; `#id` if untitled), sorted"},
				{Name: "self_approval", Type: JSONArray, Items: JSONString, Example: []any{}, Doc: "the Smart Rules on which it can both request and approve: role 3, or roles 1 and 2 through any groups"},
				{Name: "source_admins", Type: JSONNumber, Example: 2, Doc: "enabled administrators (administrator group or role 4) of its source"},
			}},
			{Name: "activity", Type: JSONObject, Nullable: true, Example: factNull, Doc: "what the session and activity reports say it did (docs/inputs.md §7); null when its source gave none", Fields: []Field{
				{Name: "last_session", Type: JSONString, Nullable: true, Example: "2025-11-20T10:00:00Z", Doc: "the start of its latest session (as owner or conference member); null when none"},
				{Name: "sessions_in_window", Type: JSONNumber, Example: 3, Doc: "its sessions that started in the last `stale_days` days up to the as-of date"},
				{Name: "last_vault_activity", Type: JSONString, Nullable: true, Example: factNull, Doc: "its latest Vault activity event; null when none"},
				{Name: "last_password_safe_activity", Type: JSONString, Nullable: true, Example: factNull, Doc: "its latest Password Safe audit record or session; null when none"},
				{Name: "last_activity", Type: JSONString, Nullable: true, Example: "2025-11-20T10:00:00Z", Doc: "the latest of all the above; null when none"},
				{Name: "active_in_window", Type: JSONBoolean, Example: true, Doc: "a session, Vault event or Password Safe record in the last `stale_days` days: the seat is used"},
				{Name: "open_sessions", Type: JSONArray, Items: JSONObject, Example: []any{}, Doc: "its sessions still open when the report was made, oldest first: `lsid`, `start`, `end` (null), `endpoint`, `jump_group`"},
				countFirstLast("sessions_after_expiry", "its sessions that started after its `account_expiration`", sessionFields),
			}},
			{Name: "after_termination", Type: JSONObject, Nullable: true, Example: factNull, Doc: "what it did on a later day (UTC) than its person's roster termination date; null when there is no termination date or its source gave no session or activity report", Fields: []Field{
				countFirstLast("sessions", "its sessions (as owner or conference member)", sessionFields),
				countFirstLast("vault", "the Vault activity events it performed", vaultFields),
				countFirstLast("password_safe", "its Password Safe audit records (a login or any action) and sessions", psActivityFields),
			}},
			{Name: "permissions", Type: JSONArray, Items: JSONObject, Example: []any{}, Doc: "each permission of `risky_permissions` that its own settings or a group policy it holds grant, with every setting of it by the account and those policies: " +
				"`permission`, `value` (as exported, as text: `true`, `false`, `administrator`), `granted`, `via` (the group policy's name; null = the account itself), `status` (the policy's `defined` or `final`; null for the account); " +
				"a `not_defined` policy sets nothing and is not listed"},
		},
	},
	{
		Name: "group_policy", EntityType: "group-policy", Entity: "its name",
		Doc: "One per group policy of the group policy export.",
		Fields: []Field{
			sourceField("pra-prod"), productField("pra"),
			{Name: "id", Type: JSONNumber, Nullable: true, Example: 3, Doc: "its id; null when the export gives none"},
			{Name: "name", Type: JSONString, Example: "Vendors", Doc: "its name, or `#id` when it has none"},
			{Name: "members", Type: JSONObject, Doc: "its members: the union of member rows, user-group-policies and report columns", Fields: []Field{
				{Name: "users", Type: JSONNumber, Example: 2, Doc: "distinct member users"},
				{Name: "enabled_users", Type: JSONNumber, Example: 0, Doc: "member users that are enabled, not expired accounts of the user export"},
				{Name: "directory_groups", Type: JSONNumber, Example: 0, Doc: "member directory groups (a group name or distinguished name)"},
				{Name: "total", Type: JSONNumber, Example: 2, Doc: "users + directory_groups"},
			}},
			{Name: "default_policy_of", Type: JSONArray, Items: JSONString, Example: []any{"security provider Corp LDAP"}, Doc: "the security providers and vendors whose default policy it is, e.g. `vendor Acme IT`"},
		},
	},
	{
		Name: "team", EntityType: "team", Entity: "its name",
		Doc:    "One per team of the team export.",
		Fields: groupFields("team", 5, "Night shift"),
	},
	{
		Name: "jump_group", EntityType: "jump-group", Entity: "its name",
		Doc:    "One per Jump Group of the Jump Group export.",
		Fields: groupFields("Jump Group", 7, "Datacenter"),
	},
	{
		Name: "vault_account_group", EntityType: "vault-account-group", Entity: "its name",
		Doc:    "One per Vault account group of the Vault account group export.",
		Fields: groupFields("Vault account group", 9, "Domain admins"),
	},
	{
		Name: "api_account", EntityType: "api-account", Entity: "its name, or `#id` when it has none",
		Doc: "One per API account.",
		Fields: []Field{
			sourceField("pra-prod"), productField("pra"),
			{Name: "id", Type: JSONNumber, Nullable: true, Example: 2, Doc: "its id; null when the export gives none"},
			{Name: "name", Type: JSONString, Nullable: true, Example: "Backup job", Doc: "its name; null when the export gives none"},
			{Name: "enabled", Type: JSONBoolean, Nullable: true, Example: true, Doc: "null when not exported"},
			{Name: "perm_command", Type: JSONString, Nullable: true, Example: "full_access", Doc: "`deny`, `read_only` or `full_access`; null when not exported"},
			{Name: "perm_configuration", Type: JSONBoolean, Nullable: true, Example: false, Doc: "null when not exported"},
			{Name: "perm_backup", Type: JSONBoolean, Nullable: true, Example: true, Doc: "null when not exported"},
			{Name: "perm_vault_backup", Type: JSONBoolean, Nullable: true, Example: false, Doc: "null when not exported"},
		},
	},
	{
		Name: "source", EntityType: "source", Entity: "the source name",
		Doc: "One per source.",
		Fields: []Field{
			sourceField("pra-prod"), productField("pra"),
			{Name: "accounts", Type: JSONNumber, Example: 120, Doc: "accounts of the source, vendor users included"},
			{Name: "enabled_accounts", Type: JSONNumber, Example: 100, Doc: "accounts that are enabled"},
			{Name: "enabled_admins", Type: JSONNumber, Example: 2, Doc: "accounts that are enabled administrators"},
			{Name: "admins", Type: JSONArray, Items: JSONString, Example: []any{"admin1", "admin2"}, Doc: "usernames of the enabled administrators, sorted"},
		},
	},
	{
		Name: "license", EntityType: "product", Entity: "the product id, e.g. `pra`",
		Doc: "One per license-file row that applies to at least one source.",
		Fields: []Field{
			{Name: "source", Type: JSONString, Example: "*", Doc: "the one source the row applies to, or `*` when it applies to several"},
			productField("pra"),
			{Name: "seat_type", Type: JSONString, Example: "named", Doc: "`named` or `concurrent`, lower case"},
			{Name: "purchased", Type: JSONNumber, Example: 50, Doc: "seats purchased"},
			{Name: "enabled_accounts", Type: JSONNumber, Example: 57, Doc: "enabled accounts, vendor users included, of the sources it applies to"},
			{Name: "sources", Type: JSONArray, Items: JSONString, Example: []any{"pra-prod", "pra-test"}, Doc: "the sources it applies to, sorted"},
			{Name: "annual_cost_per_seat", Type: JSONNumber, Nullable: true, Example: 1200.5, Doc: "null when not given"},
			{Name: "currency", Type: JSONString, Example: "USD", Doc: "`USD` when not given"},
		},
	},
	{
		Name: "reference", EntityType: "reference", Entity: "`KIND:ID`, e.g. `user:9999`",
		Doc: "One per missing target per source: an id that a row refers to but the export of its kind lacks; only for kinds the source exported.",
		Fields: []Field{
			sourceField("pra-prod"), productField("pra"),
			{Name: "target_kind", Type: JSONString, Example: "user", Doc: "`user`, `group-policy`, `team`, `jump-group`, `vault-account-group` or `vendor`"},
			{Name: "target_id", Type: JSONNumber, Example: 9999, Doc: "the missing id"},
			{Name: "referenced_by", Type: JSONArray, Items: JSONString, Example: []any{"group-policy-member.json line 14 (group policy 3)"}, Doc: "where it is referred to: file, line and what refers (the first 10)"},
		},
	},
	{
		Name: "username", EntityType: "account", Entity: "the username",
		Doc: "One per username (ignoring case) held by more than one user account of a source.",
		Fields: []Field{
			sourceField("rs-prod"), productField("rs"),
			{Name: "username", Type: JSONString, Example: "jdoe", Doc: "the username (of its spellings, the first in sort order)"},
			{Name: "providers", Type: JSONArray, Items: JSONString, Example: []any{"Corp LDAP", "Local"}, Doc: "the providers of the accounts holding it, sorted"},
			{Name: "accounts", Type: JSONNumber, Example: 2, Doc: "how many accounts hold it"},
		},
	},
	{
		Name: "session_user", EntityType: "account", Entity: "the username the report gives, or `#id` when it gives none",
		Doc: "One per session representative or Vault actor (by its id, else its username) that matches no account of its source, or two (ambiguous); invited external users, the system and sessions without a representative have none.",
		Notes: "A representative or Vault actor matches an account of its source by id when the source has Configuration API users, " +
			"otherwise (User Account Report only) by username ignoring case; two accounts of one username without ids are ambiguous.",
		Fields: []Field{
			sourceField("pra-prod"), productField("pra"),
			{Name: "match", Type: JSONString, Example: "unknown", Doc: "`unknown` (no account) or `ambiguous` (two accounts of its username, no id to tell them apart)"},
			{Name: "id", Type: JSONNumber, Nullable: true, Example: 99, Doc: "the representative's or actor's id; null when the report gives none"},
			{Name: "username", Type: JSONString, Nullable: true, Example: "ghost.user", Doc: "the username (a Vault actor: its name); null when the report gives none"},
			{Name: "kinds", Type: JSONArray, Items: JSONString, Example: []any{"session"}, Doc: "where it was seen: `session`, `vault`"},
			{Name: "sessions", Type: JSONNumber, Example: 1, Doc: "the sessions it took part in"},
			{Name: "vault_events", Type: JSONNumber, Example: 0, Doc: "the Vault activity events it performed"},
			{Name: "first_seen", Type: JSONString, Example: "2025-11-12T08:00:00Z", Doc: "its earliest session start or event"},
			{Name: "last_seen", Type: JSONString, Example: "2025-11-12T08:00:00Z", Doc: "its latest session start or event"},
			{Name: "lsids", Type: JSONArray, Items: JSONString, Example: []any{"a000000000000000000000000000000a"}, Doc: "the session ids (`lsid`) it is on, sorted, the first 10"},
		},
	},
	{
		Name: "vendor", EntityType: "vendor", Entity: "its name, or `#id` when it has none",
		Doc: "One per PRA vendor group of the vendor export.",
		Notes: "`user_approval_enabled` is null when the export leaves the field out: the API documents false as its " +
			"default, but an export without the field does not say, and the rules treat it as not stated.",
		Fields: []Field{
			sourceField("pra-prod"), productField("pra"),
			{Name: "id", Type: JSONNumber, Nullable: true, Example: 3, Doc: "its id; null when the export gives none"},
			{Name: "name", Type: JSONString, Example: "Acme IT", Doc: "its name, or `#id` when it has none"},
			{Name: "default_policy", Type: JSONString, Nullable: true, Example: "Vendor Access", Doc: "name of the group policy its users get (`#id` when the group policy export lacks it); null when none"},
			{Name: "account_expiration_days", Type: JSONNumber, Nullable: true, Example: 30, Doc: "a new user expires this many days after it is added; null when not exported"},
			{Name: "deletion_days_after_expiration", Type: JSONNumber, Nullable: true, Example: factNull, Doc: "an expired user is deleted this many days later; null = never, or not exported"},
			{Name: "user_approval_enabled", Type: JSONBoolean, Nullable: true, Example: false, Doc: "new users must be approved before they can log in; null when not exported"},
			{Name: "users", Type: JSONNumber, Example: 4, Doc: "its vendor users"},
			{Name: "enabled_users", Type: JSONNumber, Example: 3, Doc: "its vendor users that are enabled and not expired"},
		},
	},
}

// jumpKinds are the Jump Item and Jump Policy facts (04_jump_facts.sql).
var jumpKinds = []Kind{
	{
		Name: "jump_item", EntityType: "jump-item", Entity: "its name (`#TYPE ID` when it has none); two items of one name have distinct finding ids, by type and id",
		Doc: "One per Jump Item of any type (Jump Clients included) of the Jump Item exports.",
		Notes: "Who reaches an item, and under which policy, is `jump_reach` ([schema.md](schema.md#jump_reach)): a membership's own " +
			"Jump Policy (not null, not 0) over the item's. An account reaches it when it is enabled or does not say.",
		Fields: []Field{
			sourceField("pra-prod"), productField("pra"),
			{Name: "type", Type: JSONString, Example: "shell_jump", Doc: "`remote_rdp`, `remote_vnc`, `shell_jump`, `protocol_tunnel`, `network_tunnel`, `psql_tunnel`, `mysql_tunnel`, `web_jump` or `jump_client`"},
			{Name: "type_name", Type: JSONString, Example: "Shell Jump", Doc: "the type as the sheets and details name it: `Remote RDP`, `Remote VNC`, `Shell Jump`, `Protocol Tunnel`, `Network Tunnel`, `PostgreSQL Tunnel`, `MySQL Tunnel`, `Web Jump`, `Jump Client` (schema.Inputs)"},
			{Name: "id", Type: JSONNumber, Nullable: true, Example: 1, Doc: "its id, unique within its type only"},
			{Name: "name", Type: JSONString, Example: "erp-app01", Doc: "its name, or `#TYPE ID` when it has none"},
			{Name: "host", Type: JSONString, Nullable: true, Example: "erp-app01.corp.example", Doc: "hostname (a Web Jump's url); null when none"},
			{Name: "jump_group_type", Type: JSONString, Example: "shared", Doc: "`shared` or `personal`"},
			{Name: "jump_group_id", Type: JSONNumber, Nullable: true, Example: 5, Doc: "the shared Jump Group's id, or a personal item's owner's user id"},
			{Name: "jump_group", Type: JSONString, Nullable: true, Example: "Vendor Managed", Doc: "the shared Jump Group's name (`#id` when the export lacks it); null for a personal item"},
			{Name: "owner", Type: JSONString, Nullable: true, Example: factNull, Doc: "a personal item's owner (its account's entity, `#id` when unknown); null for a shared one"},
			{Name: "policy", Type: JSONString, Nullable: true, Example: "Standard", Doc: "its own Jump Policy (`#id` when the export lacks it); null when none"},
			{Name: "session_policy", Type: JSONString, Nullable: true, Example: "Vendor Session", Doc: "its session policy; null when none"},
			{Name: "reached_by", Type: JSONObject, Doc: "the accounts that reach it by any path", Fields: []Field{
				{Name: "accounts", Type: JSONNumber, Example: 1, Doc: "accounts"},
				{Name: "non_administrators", Type: JSONNumber, Example: 1, Doc: "accounts that are not administrators"},
				{Name: "vendor_users", Type: JSONNumber, Example: 1, Doc: "PRA vendor users"},
			}},
			{Name: "policies", Type: JSONArray, Items: JSONString, Example: []any{"Standard"}, Doc: "the Jump Policies in force on it for those accounts, from any path, sorted"},
			{Name: "without_policy", Type: JSONObject, Doc: "the accounts that reach it under no Jump Policy (neither their membership nor the item sets one)", Fields: []Field{
				{Name: "accounts", Type: JSONNumber, Example: 0, Doc: "accounts"},
				{Name: "non_administrators", Type: JSONNumber, Example: 0, Doc: "of them, accounts that are not administrators"},
				{Name: "names", Type: JSONArray, Items: JSONString, Example: []any{}, Doc: "those non-administrators, sorted, the first 10"},
				{Name: "paths", Type: JSONArray, Items: JSONString, Example: []any{}, Doc: "the paths (`direct`, `group policy NAME`, …) of all of them, sorted, the first 10"},
			}},
			{Name: "vendor_access", Type: JSONArray, Items: JSONObject,
				Example: []any{map[string]any{"vendor": "Acme Support", "user": "acme.tech", "path": "vendor default policy Vendor Access", "policy": "Standard", "set_on": "item", "approval_required": false}},
				Doc:     "each path of a vendor user to it: `vendor` (its vendor group), `user`, `path`, `policy` (null = none), `set_on` (`membership`, `item`, `unknown` when the membership's policy is not exported, null for none), `approval_required` (the policy's; null when none, not known or not exported)"},
		},
	},
	{
		Name: "jump_policy", EntityType: "jump-policy", Entity: "its display name, or `#id` when it has none",
		Doc: "One per Jump Policy of the Jump Policy export.",
		Notes: "Remote Support's Jump Policies have no approval or recording fields: `approval_required` and `recordings_disabled` are " +
			"null there, and the rules that read them do not run (capabilities `jump_policy.approval`, `jump_policy.recordings`).",
		Fields: []Field{
			sourceField("pra-prod"), productField("pra"),
			{Name: "id", Type: JSONNumber, Nullable: true, Example: 3, Doc: "its id"},
			{Name: "name", Type: JSONString, Example: "No Recording", Doc: "its display name, or `#id` when it has none"},
			{Name: "code_name", Type: JSONString, Nullable: true, Example: "no_recording", Doc: "null when not exported"},
			{Name: "approval_required", Type: JSONBoolean, Nullable: true, Example: false, Doc: "a session waits for an approver; null when not exported"},
			{Name: "recordings_disabled", Type: JSONBoolean, Nullable: true, Example: true, Doc: "its sessions are not recorded; null when not exported"},
			{Name: "ticket_id_required", Type: JSONBoolean, Nullable: true, Example: true, Doc: "null when not exported"},
			{Name: "two_factor_challenge_required", Type: JSONBoolean, Nullable: true, Example: false, Doc: "null when not exported"},
			{Name: "schedule_enabled", Type: JSONBoolean, Nullable: true, Example: false, Doc: "access only within its schedule; null when not exported"},
			{Name: "items", Type: JSONNumber, Example: 1, Doc: "the Jump Items it is in force on for at least one account"},
			{Name: "accounts", Type: JSONNumber, Example: 3, Doc: "the accounts that reach an item under it"},
			{Name: "in_force", Type: JSONArray, Items: JSONObject,
				Example: []any{map[string]any{"item": "mssql-fin", "type": "protocol_tunnel", "id": 1, "jump_group": "Databases", "set_by": []any{"membership: group policy Operations", "the item"}, "accounts": 3}},
				Doc:     "those items, by name, the first 20: `item`, `type`, `id`, `jump_group` (null for a personal item), `set_by` (`the item`, `membership: direct`, `membership: group policy NAME`, …), `accounts`"},
		},
	},
}

// orderedObject is a JSON object that keeps its keys in declaration order.
type orderedObject struct {
	keys   []string
	values []any
}

func (o orderedObject) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		vb, err := json.Marshal(o.values[i])
		if err != nil {
			return nil, err
		}
		b.Write(kb)
		b.WriteByte(':')
		b.Write(vb)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// exampleObject builds an object's example from its fields' examples.
func exampleObject(fields []Field) orderedObject {
	var o orderedObject
	for _, f := range fields {
		o.keys = append(o.keys, f.Name)
		o.values = append(o.values, exampleValue(f))
	}
	return o
}

func exampleValue(f Field) any {
	if f.Type == JSONObject && f.Example == nil {
		return exampleObject(f.Fields)
	}
	return f.Example
}

// ExampleFact returns the kind's example fact as JSON, fields in
// declaration order.
func (k *Kind) ExampleFact() ([]byte, error) {
	return json.Marshal(exampleObject(k.Fields))
}

// typeName says a field's type the way docs/facts.md writes it.
func (f Field) typeName() string {
	t := string(f.Type)
	if f.Type == JSONArray {
		t = "array of " + string(f.Items) + "s"
	}
	if f.Nullable {
		t += " or null"
	}
	return t
}

// Markdown documents the fact kinds, for docs/facts.md's generated
// part: per kind a table of its fields and its example fact.
func Markdown() (string, error) {
	var b strings.Builder
	for i := range Schema {
		k := &Schema[i]
		fmt.Fprintf(&b, "### `%s`\n\nEntity type `%s`, entity: %s. %s\n\n", k.Name, k.EntityType, k.Entity, k.Doc)
		b.WriteString("| field | type | example | meaning |\n|---|---|---|---|\n")
		if err := fieldRows(&b, "", k.Fields); err != nil {
			return "", fmt.Errorf("fact kind %s: %w", k.Name, err)
		}
		if k.Notes != "" {
			fmt.Fprintf(&b, "\n%s\n", k.Notes)
		}
		js, err := k.ExampleFact()
		if err != nil {
			return "", fmt.Errorf("fact kind %s: %w", k.Name, err)
		}
		var pretty bytes.Buffer
		if err := json.Indent(&pretty, js, "", "  "); err != nil {
			return "", fmt.Errorf("fact kind %s: %w", k.Name, err)
		}
		fmt.Fprintf(&b, "\nThe rule tests' `data.review.testdata.facts.%s`:\n```json\n%s\n```\n\n", k.Name, pretty.String())
	}
	return b.String(), nil
}

func fieldRows(b *strings.Builder, prefix string, fields []Field) error {
	for _, f := range fields {
		example := ""
		if f.Type != JSONObject {
			js, err := json.Marshal(f.Example)
			if err != nil {
				return fmt.Errorf("%s%s: %w", prefix, f.Name, err)
			}
			example = "`" + string(js) + "`"
		}
		fmt.Fprintf(b, "| `%s%s` | %s | %s | %s |\n", prefix, f.Name, f.typeName(), strings.ReplaceAll(example, "|", `\|`), strings.ReplaceAll(f.Doc, "|", `\|`))
		if f.Type == JSONObject {
			if err := fieldRows(b, prefix+f.Name+".", f.Fields); err != nil {
				return err
			}
		}
	}
	return nil
}

// factsRegoHeader opens rules/testdata/facts.rego.
const factsRegoHeader = `# Code generated by go test ./facts -update from facts/factschema.go. DO NOT EDIT.
#
# One example fact of each kind (docs/facts.md), and of each object inside
# one, for the rules' tests to start from: a test overrides only what it is
# about, e.g. facts.replace(facts.account, {"enabled": false}).
package review.testdata.facts

# replace returns base with the top-level keys of patch set to patch's
# values (object.union would merge nested objects).
replace(base, patch) := object.union(object.remove(base, object.keys(patch)), patch)
`

// Rego returns rules/testdata/facts.rego: per kind its example fact,
// and per object field the example object (account_roster, …), as
// opa fmt writes them.
func Rego() ([]byte, error) {
	var b strings.Builder
	b.WriteString(factsRegoHeader)
	for i := range Schema {
		k := &Schema[i]
		if err := regoRule(&b, k.Name, "an example "+k.Name+" fact", exampleObject(k.Fields)); err != nil {
			return nil, err
		}
		for _, f := range k.Fields {
			if f.Type == JSONObject {
				if err := regoRule(&b, k.Name+"_"+f.Name, "an example of the "+k.Name+" fact's "+f.Name, exampleObject(f.Fields)); err != nil {
					return nil, err
				}
			}
		}
	}
	out, err := format.SourceWithOpts("rules/testdata/facts.rego", []byte(b.String()), format.Opts{RegoVersion: ast.RegoV1})
	if err != nil {
		return nil, fmt.Errorf("format rules/testdata/facts.rego: %w", err)
	}
	return out, nil
}

// regoRule writes name := value, one field a line so that opa fmt keeps
// the object readable.
func regoRule(b *strings.Builder, name, doc string, v orderedObject) error {
	js, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, js, "", "\t"); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	fmt.Fprintf(b, "\n# %s is %s.\n%s := %s\n", name, doc, name, pretty.String())
	return nil
}
