package model

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Coverage says in sentences which rules did not run, where and why, so
// that a count of zero is not read as "nothing wrong": "no roster given
// (--roster): account-not-in-roster and terminated-user-enabled did not
// run". A rule is named under the first thing it lacked on a source (a
// missing roster or license file before anything else); rules lacking the
// same thing on the same sources share a sentence. The Rules sheet's Not
// Checked column lists everything each lacked. Sentences about a missing
// roster or license file come first, then those naming the most rules.
// Empty when every rule ran on every source.
func Coverage(r *Review) []string {
	type key struct{ reason, sources string }
	groups := map[key][]string{}
	var keys []key
	global := map[key]bool{}
	for _, ru := range r.Rules {
		bySources := map[string][]string{} // reason → sources
		var reasons []string
		for _, g := range ru.Gaps {
			reason, isGlobal := firstLack(g.Missing)
			if _, seen := bySources[reason]; !seen {
				reasons = append(reasons, reason)
			}
			bySources[reason] = append(bySources[reason], g.Source)
			if isGlobal {
				global[key{reason: reason}] = true
			}
		}
		for _, reason := range reasons {
			k := key{reason: reason}
			if !global[k] {
				srcs := slices.Clone(bySources[reason])
				slices.Sort(srcs)
				k.sources = strings.Join(slices.Compact(srcs), "\x00")
			}
			if _, ok := groups[k]; !ok {
				keys = append(keys, k)
			}
			groups[k] = append(groups[k], ru.ID)
		}
	}
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Or(-cmp.Compare(b2i(global[a]), b2i(global[b])), cmp.Compare(len(groups[b]), len(groups[a])),
			cmp.Compare(a.reason, b.reason), cmp.Compare(a.sources, b.sources))
	})
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		rules := slices.Clone(groups[k])
		slices.Sort(rules)
		if global[k] {
			out = append(out, fmt.Sprintf("%s: %s did not run", globalLacks[k.reason], andList(rules)))
			continue
		}
		srcs := strings.Split(k.sources, "\x00")
		verb := "has"
		if len(srcs) > 1 {
			verb = "have"
		}
		out = append(out, fmt.Sprintf("%s %s no %s: %s did not run there", sourceList(srcs), verb, lackText(k.reason), andList(rules)))
	}
	return out
}

// globalLacks are the capabilities every source lacks together, because a
// file for the whole run was not given, and what to say about them.
var globalLacks = map[string]string{
	"roster":   "no roster given (--roster)",
	"licenses": "no license file given (--licenses)",
}

// firstLack is the capability group named as the reason a rule did not run:
// a missing roster or license file if the source lacked one, else the
// first group the rule requires. The group comes back as "a|b".
func firstLack(missing [][]string) (string, bool) {
	for _, alts := range missing {
		if len(alts) == 1 && globalLacks[alts[0]] != "" {
			return alts[0], true
		}
	}
	if len(missing) == 0 {
		return "", false
	}
	return strings.Join(missing[0], "|"), false
}

// lackText words a capability group in the words of the exports a user
// saved (exportWords): "group policy export (Configuration API
// /group-policy)", "Administrator column or field of the users". A
// capability without words (a custom rule's) is named as it is.
func lackText(group string) string {
	alts := strings.Split(group, "|")
	words := make([]string, len(alts))
	for i, c := range alts {
		words[i] = CapabilityWords(c)
	}
	return orList(words)
}

// CapabilityWords is what a source lacking capability c lacks, as the
// user who saved the exports would say it.
func CapabilityWords(c string) string {
	if w, ok := exportWords[c]; ok {
		return w
	}
	if strings.Contains(c, ".") {
		return c + " field"
	}
	return c + " export"
}

// HasCapabilityWords says capability c has words of its own.
func HasCapabilityWords(c string) bool { _, ok := exportWords[c]; return ok }

// exportWords word the capabilities the built-in rules require, after
// "has no": cmd/review's TestCapabilityWords checks every export kind of
// schema.Inputs and every capability a built-in rule requires has them.
var exportWords = map[string]string{
	"users":                               "user export (Configuration API /user, or a User Account Report)",
	"vendor_users":                        "vendor user export (/vendor/{id}/user)",
	"ps_users":                            "Password Safe user export (Users)",
	"group_policies":                      "group policy export (/group-policy)",
	"group_policy_members":                "group policy member export (/group-policy/{id}/member)",
	"user_group_policies":                 "user group policy export (/user/{id}/group-policies)",
	"teams":                               "team export (/team)",
	"team_users":                          "team member export (/team/{id}/user)",
	"group_policy_teams":                  "group policy team export (/group-policy/{id}/team)",
	"jump_groups":                         "Jump Group export (/jump-group)",
	"jump_group_users":                    "Jump Group member export (/jump-group/{id}/user)",
	"group_policy_jump_groups":            "group policy Jump Group export (/group-policy/{id}/jump-group)",
	"vault_account_groups":                "Vault account group export (/vault/account-group)",
	"vault_account_group_users":           "Vault account group member export (/vault/account-group/{id}/user)",
	"group_policy_vault_account_groups":   "group policy Vault account group export (/group-policy/{id}/vault-account-group)",
	"security_providers":                  "security provider export (/security-provider)",
	"session_policies":                    "session policy export (/session-policy)",
	"jump_policies":                       "Jump Policy export (/jump-policy)",
	"jump_items":                          "Jump Item export (/jump-item/{type}, /jump-client)",
	"api_accounts":                        "API account export (/api-account)",
	"vendors":                             "vendor group export (/vendor)",
	"ps_user_groups":                      "Password Safe user group export (UserGroups)",
	"ps_user_group_users":                 "Password Safe user group member export (UserGroups/{id}/Users)",
	"ps_entitlements":                     "Password Safe entitlement export (Entitlements)",
	"ps_user_group_smart_rules":           "Password Safe user group Smart Rule export (UserGroups/{id}/SmartRules)",
	"ps_user_group_smart_rule_roles":      "Password Safe Smart Rule role export (UserGroups/{id}/SmartRules/{id}/Roles)",
	"ps_roles":                            "Password Safe role catalogue (Roles)",
	"sessions":                            "session report (AccessSession or SupportSession)",
	"vault_activity":                      "Vault activity report (VaultAccountActivity)",
	"ps_user_audits":                      "Password Safe audit export (UserAudits)",
	"ps_sessions":                         "Password Safe session export (Sessions)",
	"user.administrator":                  "Administrator column or administrator field of the users",
	"user.enabled":                        "Enabled column or field of the users",
	"user.last_authentication":            "Last Authentication column or field of the users",
	"user.two_factor":                     "two-factor column or field of the users",
	"user.permissions":                    "permission fields of the users (perm_*, Configuration API /user)",
	"user.group_policies":                 "Group Policies column of the users",
	"user.jump_groups":                    "Jump Groups column of the users",
	"user.teams":                          "Teams column of the users",
	"user.vault_account_groups":           "Vault Account Groups column of the users",
	"vendor.user_approval":                "user approval field of the vendor groups (user_approval_enabled)",
	"jump_policy.approval":                "approval field of the Jump Policies (approval_required)",
	"jump_policy.recordings":              "recording field of the Jump Policies (recordings_disabled)",
	"jump_group_user.jump_policy":         "Jump Policy field of the Jump Group members (jump_policy_id)",
	"group_policy_jump_group.jump_policy": "Jump Policy field of the group policies' Jump Groups (jump_policy_id)",
}

// maxNamedSources is how many sources a sentence names before it counts
// the rest.
const maxNamedSources = 3

func sourceList(srcs []string) string {
	if len(srcs) > maxNamedSources {
		named := slices.Clone(srcs[:maxNamedSources])
		return strings.Join(named, ", ") + fmt.Sprintf(" and %d more sources", len(srcs)-maxNamedSources)
	}
	return andList(srcs)
}

func andList(items []string) string { return joinLast(items, " and ") }
func orList(items []string) string  { return joinLast(items, " or ") }

// joinLast joins items with ", " and the last pair with last.
func joinLast(items []string, last string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + last + items[len(items)-1]
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
