package schema

import (
	"slices"

	"github.com/review-tool/review/ingest/product"
)

// Capabilities are what a source's files give, by name: a rule's METADATA
// requires some, and does not run on a source that lacks one
// (docs/facts.md). An export gives its kind's capability, the name of its
// table (KindCapability); a user export gives one per field it carries.
const (
	CapUserEnabled            = "user.enabled"
	CapUserLastAuthentication = "user.last_authentication"
	CapUserCreatedAt          = "user.created_at"
	CapUserAdministrator      = "user.administrator"
	CapUserTwoFactor          = "user.two_factor"
	CapUserEmail              = "user.email"
	CapUserSecurityProvider   = "user.security_provider"
	CapUserAccountExpiration  = "user.account_expiration"
	// The User Account Report's membership columns.
	CapUserGroupPolicies      = "user.group_policies"
	CapUserTeams              = "user.teams"
	CapUserJumpGroups         = "user.jump_groups"
	CapUserVaultAccountGroups = "user.vault_account_groups"
	// CapUserID: users from the API carry ids, so references to them can
	// be checked. No rule requires it.
	CapUserID = "user.id"
	// CapVendorUserApproval: the vendor export states each vendor group's
	// user_approval_enabled. The API documents a default of false, but an
	// export that leaves the field out says nothing about approval.
	CapVendorUserApproval = "vendor.user_approval"
	// CapRoster and CapLicenses: --roster / --licenses was given; every
	// source has them then.
	CapRoster   = "roster"
	CapLicenses = "licenses"
)

// capabilityProducts are the products whose exports can give a
// capability, for the capabilities not every product has: BeyondTrust's
// published Configuration API schemas give vendors to PRA alone, and the
// ps_* kinds are Password Safe's (BeyondInsight API), which has none of
// the Configuration API's. A capability not listed here may come from any
// product.
var capabilityProducts = func() map[string][]string {
	out := map[string][]string{}
	for _, t := range []*Table{Users, GroupPolicies, GroupPolicyMembers, UserGroupPolicies, Teams, TeamUsers,
		GroupPolicyTeams, JumpGroups, JumpGroupUsers, GroupPolicyJumpGroups, VaultAccountGroups,
		VaultAccountGroupUsers, GroupPolicyVaultAccountGroups, SecurityProviders, SessionPolicies, APIAccounts} {
		out[KindCapability(t)] = []string{product.PRA, product.RS}
	}
	for _, t := range []*Table{Vendors, VendorUsers} {
		out[KindCapability(t)] = []string{product.PRA}
	}
	out[CapVendorUserApproval] = []string{product.PRA}
	// The User Account Report's membership columns.
	for _, c := range []string{CapUserGroupPolicies, CapUserTeams, CapUserJumpGroups, CapUserVaultAccountGroups} {
		out[c] = []string{product.PRA, product.RS}
	}
	for _, t := range []*Table{PSUsers, PSUserGroups, PSUserGroupUsers, PSEntitlements, PSUserGroupSmartRules, PSUserGroupSmartRuleRoles} {
		out[KindCapability(t)] = []string{product.PasswordSafe}
	}
	for _, a := range activityCapabilities {
		out[KindCapability(a.table)] = a.products
	}
	return out
}()

// CapabilityExists says whether a source of product can have the
// capability at all: false for a PRA vendor export on Remote Support, say.
// An unknown product ("") can have every capability.
func CapabilityExists(capability, prod string) bool {
	ps, listed := capabilityProducts[capability]
	return !listed || prod == "" || slices.Contains(ps, prod)
}

// KindCapability is the capability an export of the kind held in table t
// gives its source: the table's name.
func KindCapability(t *Table) string { return t.Name }

// Capabilities are the names a rule may require, in the order
// docs/facts.md lists them.
var Capabilities = func() []string {
	var out []string
	for _, t := range []*Table{Users, GroupPolicies, GroupPolicyMembers, UserGroupPolicies, Teams, TeamUsers,
		GroupPolicyTeams, JumpGroups, JumpGroupUsers, GroupPolicyJumpGroups, VaultAccountGroups,
		VaultAccountGroupUsers, GroupPolicyVaultAccountGroups, SecurityProviders, SessionPolicies,
		APIAccounts, Vendors, VendorUsers, PSUsers, PSUserGroups, PSUserGroupUsers, PSEntitlements,
		PSUserGroupSmartRules, PSUserGroupSmartRuleRoles} {
		out = append(out, KindCapability(t))
	}
	for _, a := range activityCapabilities {
		out = append(out, KindCapability(a.table))
	}
	return append(out,
		CapUserEnabled, CapUserLastAuthentication, CapUserCreatedAt, CapUserAdministrator, CapUserTwoFactor,
		CapUserEmail, CapUserSecurityProvider, CapUserAccountExpiration,
		CapUserGroupPolicies, CapUserTeams, CapUserJumpGroups, CapUserVaultAccountGroups,
		CapVendorUserApproval,
		CapRoster, CapLicenses)
}()
