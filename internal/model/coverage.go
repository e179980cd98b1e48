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

// lackText words a capability group: kinds are exports, "user.x" are
// fields of the user export. "teams export", "team_users export or
// user.teams field", "users or vendor_users export".
func lackText(group string) string {
	alts := strings.Split(group, "|")
	kind := func(c string) string {
		if strings.Contains(c, ".") {
			return "field"
		}
		return "export"
	}
	same := true
	for _, c := range alts {
		same = same && kind(c) == kind(alts[0])
	}
	if same {
		return orList(alts) + " " + kind(alts[0])
	}
	words := make([]string, len(alts))
	for i, c := range alts {
		words[i] = c + " " + kind(c)
	}
	return orList(words)
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
