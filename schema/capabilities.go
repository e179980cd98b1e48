package schema

import (
	"slices"

	"github.com/review-tool/review/product"
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
	// CapUserPermissions: the user export carries the users' perm_*
	// settings (the Configuration API's users; a User Account Report has
	// none), which the rule risky-permission reads.
	CapUserPermissions = "user.permissions"
	// CapUserID: users from the API carry ids, so references to them can
	// be checked. No rule requires it.
	CapUserID = "user.id"
	// CapVendorUserApproval: the vendor export states each vendor group's
	// user_approval_enabled. The API documents a default of false, but an
	// export that leaves the field out says nothing about approval.
	CapVendorUserApproval = "vendor.user_approval"
	// CapJumpPolicyApproval and CapJumpPolicyRecordings: the Jump Policy
	// export carries approval_required, or recordings_disabled. Remote
	// Support's Jump Policies have neither, so a rule on them says it
	// could not run instead of finding every policy without approval.
	CapJumpPolicyApproval   = "jump_policy.approval"
	CapJumpPolicyRecordings = "jump_policy.recordings"
	// CapJumpGroupUserPolicy and CapGroupPolicyJumpGroupPolicy: the Jump
	// Group memberships (a user's, a group policy's) carry the
	// jump_policy_id that overrides their Jump Items' own. Without it, a
	// membership's policy is unknown, not "set on Jump Items". Remote
	// Support's memberships have no such field.
	CapJumpGroupUserPolicy        = "jump_group_user.jump_policy"
	CapGroupPolicyJumpGroupPolicy = "group_policy_jump_group.jump_policy"
	// CapRoster and CapLicenses: --roster / --licenses was given; every
	// source has them then.
	CapRoster   = "roster"
	CapLicenses = "licenses"
)

// capabilityProducts are the products whose exports can give a
// capability, for the capabilities not every product has: a kind's
// (Inputs: BeyondTrust's published Configuration API schemas give vendors
// to PRA alone, and the ps_* kinds are Password Safe's, which has none of
// the Configuration API's), and the fields below (the published schemas
// give Remote Support's Jump Policies no approval or recording field, and
// its Jump Group memberships no jump_policy_id). A capability not listed
// here may come from any product.
var capabilityProducts = func() map[string][]string {
	out := map[string][]string{}
	anyProduct := map[string]bool{}
	for _, in := range Inputs {
		switch {
		case in.Capability == "":
		case in.Products == nil:
			anyProduct[in.Capability] = true
		default:
			// Kinds that share a capability (the Jump Item types) give it
			// on any product one of them comes from.
			for _, p := range in.Products {
				if !slices.Contains(out[in.Capability], p) {
					out[in.Capability] = append(out[in.Capability], p)
				}
			}
		}
	}
	for c := range anyProduct {
		delete(out, c)
	}
	for _, c := range []string{CapVendorUserApproval, CapJumpPolicyApproval, CapJumpPolicyRecordings,
		CapJumpGroupUserPolicy, CapGroupPolicyJumpGroupPolicy} {
		out[c] = []string{product.PRA}
	}
	// The Configuration API's users' perm_* fields; the User Account
	// Report's membership columns.
	out[CapUserPermissions] = configAPI
	for _, c := range []string{CapUserGroupPolicies, CapUserTeams, CapUserJumpGroups, CapUserVaultAccountGroups} {
		out[c] = configAPI
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
// docs/facts.md lists them: the kinds' (Inputs), then the fields'.
var Capabilities = func() []string {
	var out []string
	for _, in := range Inputs {
		if in.Capability != "" && !slices.Contains(out, in.Capability) {
			out = append(out, in.Capability)
		}
	}
	return append(out,
		CapUserEnabled, CapUserLastAuthentication, CapUserCreatedAt, CapUserAdministrator, CapUserTwoFactor,
		CapUserEmail, CapUserSecurityProvider, CapUserAccountExpiration, CapUserPermissions,
		CapUserGroupPolicies, CapUserTeams, CapUserJumpGroups, CapUserVaultAccountGroups,
		CapVendorUserApproval, CapJumpPolicyApproval, CapJumpPolicyRecordings,
		CapJumpGroupUserPolicy, CapGroupPolicyJumpGroupPolicy,
		CapRoster, CapLicenses)
}()
