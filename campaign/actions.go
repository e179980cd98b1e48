package campaign

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/product"
)

// Places in BeyondTrust's /login administrative interface where an action
// is taken (the same in Privileged Remote Access and Remote Support where
// both have the object).
const (
	placeUsers         = "/login > Users & Security > Users"
	placeGroupPolicies = "/login > Users & Security > Group Policies"
	placeAPIAccounts   = "/login > Management > API Configuration"
	placeJumpGroups    = "/login > Jump > Jump Groups"
	placeTeams         = "/login > Configuration > Support > Teams"
	placeVaultGroups   = "/login > Vault > Account Groups"
	placeJumpPolicies  = "/login > Jump > Jump Policies"
	// Jump Items are edited in the access console, not in /login.
	placeJumpItems = "Access console > Jump Items"

	// Password Safe is administered in the BeyondInsight console.
	placePSUsers  = "BeyondInsight > Configuration > Role Based Access > User Management > Users"
	placePSGroups = "BeyondInsight > Configuration > Role Based Access > User Management > Groups"
	placeVendors  = "/login > Users & Security > Vendor Onboarding"
)

// psPlaces are where a Password Safe account's action is taken, for the
// places of the /login interface that Password Safe has no such page of:
// a rule shared by the products (stale-account) acts on a Password Safe
// user in BeyondInsight.
var psPlaces = map[string]string{placeUsers: placePSUsers, placeGroupPolicies: placePSGroups}

// placeFor is where an action on an object of product prod is taken.
func placeFor(prod, place string) string {
	if ps, ok := psPlaces[place]; ok && prod == product.PasswordSafe {
		return ps
	}
	return place
}

// Action names, as the revoke list's action column and decisions.jsonl's
// "action" field carry them.
const (
	ActionDisableAccount          = "disable-account"
	ActionRemoveMembership        = "remove-membership"
	ActionRemoveAdmin             = "remove-admin"
	ActionDisableAPIAccount       = "disable-api-account"
	ActionDeleteGroupPolicy       = "delete-group-policy"
	ActionDeleteTeam              = "delete-team"
	ActionDeleteJumpGroup         = "delete-jump-group"
	ActionDeleteVaultAccountGroup = "delete-vault-account-group"
	ActionRemoveReference         = "remove-reference"
	ActionRequireApproval         = "require-approval"
	ActionModify                  = "modify"
	ActionReviewManually          = "review-manually"
)

// Action is what revoking a rule's finding means in BeyondTrust: the
// action, where it is done, what to do there (a format taking the
// entity), and the evidence keys a script needs besides the entity.
type Action struct {
	Name  string
	Place string
	Do    string
	IDs   []string
}

// actions maps each built-in rule id to what a Revoke of its finding does.
// It is remediation for the campaign's owner, kept here rather than in the
// rules' METADATA, which holds what a rule checks and the controls it
// evidences. A test checks that every built-in rule has an entry.
var actions = map[string]Action{
	"terminated-user-enabled":                  {ActionDisableAccount, placeUsers, "disable %s", nil},
	"login-after-termination":                  {ActionDisableAccount, placeUsers, "disable %s, end its sessions and rotate the credentials it could reach", []string{"termination_date", "last_authentication"}},
	"session-after-termination":                {ActionDisableAccount, placeUsers, "disable %s, end its sessions and rotate the credentials used in them", []string{"first_session", "last_session"}},
	"session-open-on-disabled-account":         {ActionReviewManually, placeUsers, "end the open sessions of %s", []string{"open_sessions"}},
	"vendor-session-after-expiry":              {ActionDisableAccount, placeVendors, "disable vendor user %s", []string{"vendor", "first_session", "last_session"}},
	"vault-activity-after-termination":         {ActionDisableAccount, placeUsers, "disable %s and rotate the Vault credentials it used", []string{"first_event", "last_event"}},
	"password-safe-activity-after-termination": {ActionDisableAccount, placeUsers, "disable %s and rotate the managed accounts it reached", []string{"first_record", "last_record"}},
	"unknown-session-user":                     {ActionReviewManually, placeUsers, "find who %s was and whether its sessions were authorised", []string{"lsids"}},
	"stale-account":                            {ActionDisableAccount, placeUsers, "disable %s", nil},
	"never-logged-in":                          {ActionDisableAccount, placeUsers, "disable %s", nil},
	"account-not-in-roster":                    {ActionDisableAccount, placeUsers, "disable %s", nil},
	"expired-vendor-account-enabled":           {ActionDisableAccount, placeVendors, "disable vendor user %s", []string{"vendor"}},
	"user-without-group-policy":                {ActionDisableAccount, placeUsers, "disable %s", []string{"provider"}},
	"duplicate-username":                       {ActionDisableAccount, placeUsers, "disable the duplicate of %s", []string{"providers"}},
	"disabled-account-retains-access":          {ActionRemoveMembership, placeGroupPolicies, "remove %s from every group policy, team, Jump Group and Vault account group", []string{"memberships"}},
	"unknown-group-policy":                     {ActionRemoveMembership, placeUsers, "remove the unknown group policies from %s", []string{"unknown_group_policies"}},
	"admin-without-mfa":                        {ActionRemoveAdmin, placeUsers, "remove administrator permission from %s", nil},
	"stale-admin":                              {ActionRemoveAdmin, placeUsers, "remove administrator permission from %s", nil},
	"local-admin-account":                      {ActionRemoveAdmin, placeUsers, "remove administrator permission from %s", []string{"provider"}},
	"admin-count-exceeds-threshold":            {ActionRemoveAdmin, placeUsers, "remove administrator permission from the accounts that do not need it on %s", []string{"admins"}},
	"api-account-full-access":                  {ActionDisableAPIAccount, placeAPIAccounts, "disable %s", nil},
	"group-policy-no-active-members":           {ActionDeleteGroupPolicy, placeGroupPolicies, "delete %s", nil},
	"orphaned-group-policy":                    {ActionDeleteGroupPolicy, placeGroupPolicies, "delete %s", nil},
	"orphaned-team":                            {ActionDeleteTeam, placeTeams, "delete %s", nil},
	"orphaned-jump-group":                      {ActionDeleteJumpGroup, placeJumpGroups, "delete %s", nil},
	"orphaned-vault-account-group":             {ActionDeleteVaultAccountGroup, placeVaultGroups, "delete %s", nil},
	"dangling-reference":                       {ActionRemoveReference, placeGroupPolicies, "remove the rows that point at %s", []string{"target_kind", "target_id", "referenced_by"}},
	"license-over-assigned":                    {ActionReviewManually, placeUsers, "disable accounts until the seats fit on %s", []string{"sources"}},
	"password-safe-admin-sprawl":               {ActionRemoveAdmin, placePSGroups, "remove %s from the administrator groups it does not need", []string{"administrator_groups", "roles"}},
	"password-safe-self-approval":              {ActionRemoveMembership, placePSGroups, "take from %s the requestor or the approver role on the Smart Rules it can approve for itself", []string{"smart_rules", "user_groups"}},
	"vendor-group-without-approval":            {ActionRequireApproval, placeVendors, "turn on user approval for vendor group %s", []string{"account_expiration_days"}},
	"vendor-jump-without-approval":             {ActionRequireApproval, placeJumpPolicies, "require approval for vendor users on Jump Item %s: in the Jump Policy in force, or one set on the vendor's Jump Group membership", []string{"item_type", "item_id", "jump_group", "paths"}},
	"jump-policy-recordings-disabled":          {ActionModify, placeJumpPolicies, "turn session recording back on in Jump Policy %s", []string{"in_force"}},
	"jump-item-without-policy":                 {ActionModify, placeJumpItems, "set a Jump Policy on Jump Item %s", []string{"item_type", "item_id", "jump_group"}},
	"risky-permission":                         {ActionModify, placeUsers, "take the risky permissions from %s, or from the group policies that give them", []string{"permissions"}},
}

// ActionFor is what a Revoke of rule's finding does; a rule without an
// entry (a custom rule) is for an administrator to review by hand.
func ActionFor(rule string) (Action, bool) {
	a, ok := actions[rule]
	if !ok {
		return Action{Name: ActionReviewManually}, false
	}
	return a, true
}

// BuiltinActionRules are the rule ids the table covers, sorted.
func BuiltinActionRules() []string { return slices.Sorted(maps.Keys(actions)) }

// Removal is one line of the revoke list: a Revoke or Modify decision and
// what an administrator does about it.
type Removal struct {
	*Entry
	Action string
	Place  string
	// Instruction is the line an administrator follows:
	// "/login > Users & Security > Users: disable jdoe".
	Instruction string
	// IDs are the evidence values a script needs beside the entity.
	IDs map[string]any
}

// Removals are the Revoke and Modify decisions that are complete, grouped
// by source (sorted), in campaign order within a source.
func (r *Result) Removals() []Removal {
	var out []Removal
	for i := range r.Entries {
		e := &r.Entries[i]
		if !e.Decided() || !model.DecisionNeedsComment(e.Decision) {
			continue
		}
		out = append(out, removal(e))
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Source < out[j].Source })
	return out
}

func removal(e *Entry) Removal {
	a, known := ActionFor(e.Rule)
	a.Place = placeFor(e.Product, a.Place)
	rm := Removal{Entry: e, Action: a.Name, Place: a.Place, IDs: ids(e.Evidence, a.IDs)}
	switch {
	case e.Decision == model.DecisionModify:
		rm.Action = ActionModify
		rm.Instruction = fmt.Sprintf("%s: change %s %s as the comment says: %s", orManual(a.Place), e.EntityType, e.Entity, e.Comment)
	case !known:
		rm.Instruction = fmt.Sprintf("review %s %s by hand (rule %s): %s", e.EntityType, e.Entity, e.Rule, e.Detail)
	default:
		rm.Instruction = a.Place + ": " + fmt.Sprintf(a.Do, e.Entity)
	}
	return rm
}

func orManual(place string) string {
	if place == "" {
		return "by hand"
	}
	return place
}

// ids are the evidence values named by keys, and every evidence value
// whose key is an id ("id", "…_id", "…_ids"), so that an id a custom rule
// records reaches the script too.
func ids(evidence map[string]any, keys []string) map[string]any {
	out := map[string]any{}
	for k, v := range evidence {
		if k == "id" || strings.HasSuffix(k, "_id") || strings.HasSuffix(k, "_ids") {
			out[k] = v
		}
	}
	for _, k := range keys {
		if v, ok := evidence[k]; ok {
			out[k] = v
		}
	}
	return out
}
