package review.rules.disabled_account_retains_access_test

import data.review.rules.disabled_account_retains_access
import data.review.testdata.facts

as_of := "2025-11-22"

# A disabled account, still a direct member of one group policy.
account := facts.replace(facts.account, {"enabled": false})

memberships(gp, teams, jgs, vags) := {"group_policies": gp, "teams": teams, "jump_groups": jgs, "vault_account_groups": vags}

test_fires[tc.note] if {
	some tc in [
		{
			"note": "one group policy",
			"input": account,
			"detail": "disabled, but still a direct member of 1 group policy",
			"evidence": {"memberships": memberships(1, 0, 0, 0)},
		},
		{
			"note": "several kinds",
			"input": facts.replace(account, {"memberships": memberships(2, 1, 3, 1)}),
			"detail": "disabled, but still a direct member of 2 group policies, 1 team, 3 Jump Groups, 1 Vault account group",
			"evidence": {"memberships": memberships(2, 1, 3, 1)},
		},
		{
			"note": "vault account groups only",
			"input": facts.replace(account, {"memberships": memberships(0, 0, 0, 2)}),
			"detail": "disabled, but still a direct member of 2 Vault account groups",
			"evidence": {"memberships": memberships(0, 0, 0, 2)},
		},
		{
			"note": "a null count does not hide a known one",
			"input": facts.replace(account, {"memberships": memberships(null, 0, 1, null)}),
			"detail": "disabled, but still a direct member of 1 Jump Group",
			"evidence": {"memberships": memberships(null, 0, 1, null)},
		},
		{
			"note": "disabled vendor user",
			"input": facts.replace(account, {"kind": "vendor-user", "vendor": {"id": 3, "name": "Acme IT"}}),
			"detail": "disabled, but still a direct member of 1 group policy",
			"evidence": {"memberships": memberships(1, 0, 0, 0)},
		},
	]
	f := disabled_account_retains_access.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
	f.detail == tc.detail
	f.evidence == tc.evidence
}

test_does_not_fire[tc.note] if {
	some tc in [
		{"note": "enabled", "input": facts.replace(account, {"enabled": true})},
		{"note": "enabled null", "input": facts.replace(account, {"enabled": null})},
		{"note": "no direct memberships", "input": facts.replace(account, {"memberships": memberships(0, 0, 0, 0)})},
		{"note": "only inherited group policies", "input": facts.replace(account, {"group_policies": ["Everyone"], "memberships": memberships(0, 0, 0, 0)})},
		{"note": "membership counts null", "input": facts.replace(account, {"memberships": memberships(null, null, null, null)})},
		{"note": "memberships null", "input": facts.replace(account, {"memberships": null})},
	]
	not disabled_account_retains_access.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
}
