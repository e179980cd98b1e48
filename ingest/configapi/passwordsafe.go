package configapi

import (
	"strings"

	"github.com/review-tool/review/schema"
)

// Password Safe (BeyondInsight public API v3) exports share the
// Configuration API's file forms (arrays, pages concatenated, per-parent
// lists keyed or flat), so the same scanner and decoder read them. Their
// field names are PascalCase and spelt inconsistently (SmartRuleId beside
// RoleID), so they are matched ignoring case (docs/inputs.md §3).

// psField is one Password Safe field as the API spells it and its column.
type psField struct{ api, column string }

// psKind builds a Password Safe kind: fields matched case-insensitively,
// product password-safe.
func psKind(k schema.Kind, endpoint string, fields ...psField) *kind {
	out := &kind{kind: k, endpoints: []string{endpoint}, caseInsensitive: true,
		fields: map[string]string{}, apiNames: map[string]string{}}
	for _, f := range fields {
		out.fields[strings.ToLower(f.api)] = f.column
		out.apiNames[f.column] = f.api
	}
	return out
}

var psKinds = described([]*kind{
	psKind(schema.KindPSUsers, "Users",
		psField{"UserID", "id"}, psField{"UserName", "username"}, psField{"DomainName", "domain_name"},
		psField{"EmailAddress", "email_address"}, psField{"FirstName", "first_name"}, psField{"LastName", "last_name"},
		psField{"LastLoginDate", "last_login_date"}, psField{"IsActive", "is_active"},
		psField{"IsQuarantined", "is_quarantined"}, psField{"UserType", "user_type"}),
	psKind(schema.KindPSUserGroups, "UserGroups",
		psField{"GroupID", "id"}, psField{"Name", "name"}, psField{"GroupType", "group_type"},
		psField{"IsActive", "is_active"}, psField{"DistinguishedName", "distinguished_name"}),
	psKind(schema.KindPSUserGroupUsers, "UserGroups/{id}/Users",
		psField{"GroupID", "group_id"}, psField{"UserID", "user_id"}, psField{"UserName", "username"}),
	psKind(schema.KindPSEntitlements, "Entitlements",
		psField{"GroupID", "group_id"}, psField{"Name", "group_name"}, psField{"SmartRuleId", "smart_rule_id"},
		psField{"Title", "title"}, psField{"AccessLevel", "access_level"}, psField{"RoleId", "role_id"},
		psField{"RoleName", "role_name"}, psField{"IsAdministratorGroup", "is_administrator_group"},
		psField{"UserID", "user_id"}, psField{"UserName", "username"},
		psField{"ManagedAccountId", "managed_account_id"}, psField{"AccountName", "account_name"}),
	psKind(schema.KindPSUserGroupSmartRules, "UserGroups/{id}/SmartRules",
		psField{"GroupID", "group_id"}, psField{"SmartRuleId", "smart_rule_id"}, psField{"Title", "title"},
		psField{"AccessLevelID", "access_level_id"}),
	withParent2(psKind(schema.KindPSUserGroupSmartRuleRoles, "UserGroups/{id}/SmartRules/{ruleId}/Roles",
		psField{"GroupID", "group_id"}, psField{"SmartRuleId", "smart_rule_id"}, psField{"RoleID", "role_id"},
		psField{"Name", "name"}), "smart_rule_id"),
})

// withParent2 gives a kind a second parent column: its keyed form's keys
// are "{parent}/{parent2}" (a group's roles on one Smart Rule).
func withParent2(k *kind, col string) *kind {
	k.parent2 = col
	return k
}

// psUserCapabilities maps Password Safe user fields (lower case) to the
// capabilities they give. There is no two-factor field and no creation
// date: rules that need them say "not checked" for Password Safe.
var psUserCapabilities = map[string]string{
	"isactive":      schema.CapUserEnabled,
	"lastlogindate": schema.CapUserLastAuthentication,
	"emailaddress":  schema.CapUserEmail,
}

// psSignatures identify Password Safe objects by their field names, lower
// cased. Each names a field no Configuration API object has (userid,
// groupid, smartruleid, roleid: the API writes user_id and the like), so
// the two families never claim each other's objects. User audits and
// sessions (AuditID, SessionID) also carry UserID and UserName: they are
// not read, and must not pass for users.
var psSignatures = []signature{
	{all: []string{"smartruleid", "userid"}, kinds: kindList(schema.KindPSEntitlements)},
	{all: []string{"userid", "username"},
		any:   []string{"domainname", "emailaddress", "firstname", "lastname", "lastlogindate", "isactive", "isquarantined", "usertype"},
		none:  []string{"groupid", "smartruleid", "roleid", "auditid", "sessionid"},
		kinds: kindList(schema.KindPSUsers)},
	// A group's members: rows with GroupID, or keyed by it (rows that may
	// hold no more than UserID).
	{all: []string{"userid"}, none: []string{"smartruleid", "roleid", "auditid", "sessionid"}, kinds: kindList(schema.KindPSUserGroupUsers)},
	{all: []string{"groupid", "name"}, none: []string{"userid", "smartruleid", "roleid"}, kinds: kindList(schema.KindPSUserGroups)},
	{all: []string{"smartruleid"}, none: []string{"userid", "roleid"}, kinds: kindList(schema.KindPSUserGroupSmartRules)},
	{all: []string{"roleid", "name"}, none: []string{"userid"}, kinds: kindList(schema.KindPSUserGroupSmartRuleRoles)},
}

// psByContent lists the Password Safe kinds whose objects have the fields
// f (any case). A user list keyed by group id is UserGroups/{id}/Users,
// whose rows are whole user objects.
func psByContent(f map[string]bool, keyed bool) []schema.Kind {
	lower := make(map[string]bool, len(f))
	for k := range f {
		lower[strings.ToLower(k)] = true
	}
	out := decide(psSignatures, lower, false)
	if !keyed {
		return withoutCatalogue(out, lower)
	}
	var perParent []schema.Kind
	for _, k := range out {
		switch {
		case k == schema.KindPSUsers:
			perParent = append(perParent, schema.KindPSUserGroupUsers)
		case kindOf(k).parent != "":
			perParent = append(perParent, k)
		}
	}
	return perParent
}

// withoutCatalogue drops the role kind from a flat list whose rows carry
// neither GroupID nor SmartRuleId: that is GET Roles, the role catalogue,
// which ingest/activity reads (the same test, there); read as a group's
// roles it would stop the run as a flat list without its parent ids.
func withoutCatalogue(kinds []schema.Kind, f map[string]bool) []schema.Kind {
	if f["groupid"] || f["smartruleid"] {
		return kinds
	}
	out := kinds[:0:0]
	for _, k := range kinds {
		if k != schema.KindPSUserGroupSmartRuleRoles {
			out = append(out, k)
		}
	}
	return out
}
