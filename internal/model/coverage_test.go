package model

import (
	"slices"
	"strings"
	"testing"
)

func TestCoverageSentences(t *testing.T) {
	gap := func(src string, missing ...string) Gap {
		g := Gap{Source: src}
		for _, m := range missing {
			g.Missing = append(g.Missing, strings.Split(m, "|"))
		}
		return g
	}
	tests := []struct {
		name  string
		rules []RuleInfo
		want  []string
	}{
		{"everything ran", []RuleInfo{{ID: "r1"}}, []string{}},
		{"missing roster and licenses first, roster named even when the source lacks more",
			[]RuleInfo{
				{ID: "stale-admin", Gaps: []Gap{gap("b", "user.administrator")}},
				{ID: "license-over-assigned", Gaps: []Gap{gap("a", "licenses"), gap("b", "licenses")}},
				{ID: "terminated-user-enabled", Gaps: []Gap{gap("a", "roster"), gap("b", "roster")}},
				{ID: "account-not-in-roster", Gaps: []Gap{gap("a", "roster"), gap("b", "users", "roster")}},
			}, []string{
				"no roster given (--roster): account-not-in-roster and terminated-user-enabled did not run",
				"no license file given (--licenses): license-over-assigned did not run",
				"b has no Administrator column or administrator field of the users: stale-admin did not run there",
			}},
		{"rules lacking the same on the same sources share a sentence; more rules first",
			[]RuleInfo{
				{ID: "orphaned-team", Gaps: []Gap{gap("a", "teams", "team_users|user.teams"), gap("b", "teams")}},
				{ID: "orphaned-group-policy", Gaps: []Gap{gap("b", "group_policies", "group_policy_members")}},
				{ID: "unknown-group-policy", Gaps: []Gap{gap("b", "group_policies")}},
				{ID: "user-without-group-policy", Gaps: []Gap{gap("b", "group_policy_members|user_group_policies|user.group_policies")}},
				{ID: "stale-account", Gaps: []Gap{gap("b", "users|vendor_users")}},
			}, []string{
				"b has no group policy export (/group-policy): orphaned-group-policy and unknown-group-policy did not run there",
				"b has no group policy member export (/group-policy/{id}/member), user group policy export (/user/{id}/group-policies) or Group Policies column of the users: user-without-group-policy did not run there",
				"a and b have no team export (/team): orphaned-team did not run there",
				"b has no user export (Configuration API /user, or a User Account Report) or vendor user export (/vendor/{id}/user): stale-account did not run there",
			}},
		{"many sources are counted", []RuleInfo{
			{ID: "r", Gaps: []Gap{gap("e", "teams"), gap("d", "teams"), gap("c", "teams"), gap("b", "teams"), gap("a", "teams")}},
		}, []string{"a, b, c and 2 more sources have no team export (/team): r did not run there"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Coverage(&Review{Rules: tt.rules})
			if !slices.Equal(got, tt.want) {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}
