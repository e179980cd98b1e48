package review.rules.unknown_group_policy_test

import data.review.rules.unknown_group_policy
import data.review.testdata.facts

as_of := "2025-11-22"

# An account naming a group policy the export does not contain.
account := facts.replace(facts.account, {"group_policies": ["Support Tier 1", "Tier 9"], "unknown_group_policies": ["Tier 9"]})

test_fires[tc.note] if {
	some tc in [
		{
			"note": "one unknown policy",
			"input": account,
			"detail": "names group policy Tier 9, which the group policy export does not contain",
			"evidence": {"unknown_group_policies": ["Tier 9"], "group_policies": ["Support Tier 1", "Tier 9"]},
		},
		{
			"note": "two unknown policies",
			"input": facts.replace(account, {"group_policies": ["Tier 9", "#77"], "unknown_group_policies": ["Tier 9", "#77"]}),
			"detail": "names group policies Tier 9, #77, which the group policy export does not contain",
			"evidence": {"unknown_group_policies": ["Tier 9", "#77"], "group_policies": ["Tier 9", "#77"]},
		},
		{
			"note": "disabled accounts too",
			"input": facts.replace(account, {"enabled": false}),
			"detail": "names group policy Tier 9, which the group policy export does not contain",
			"evidence": {"unknown_group_policies": ["Tier 9"], "group_policies": ["Support Tier 1", "Tier 9"]},
		},
		{
			"note": "vendor users too",
			"input": facts.replace(account, {"kind": "vendor-user", "group_policies": null}),
			"detail": "names group policy Tier 9, which the group policy export does not contain",
			"evidence": {"unknown_group_policies": ["Tier 9"], "group_policies": null},
		},
	]
	f := unknown_group_policy.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
	f.detail == tc.detail
	f.evidence == tc.evidence
}

test_does_not_fire[tc.note] if {
	some tc in [
		{"note": "all policies known", "input": facts.replace(account, {"group_policies": ["Support Tier 1"], "unknown_group_policies": []})},
		{"note": "unknown_group_policies null", "input": facts.replace(account, {"unknown_group_policies": null})},
	]
	not unknown_group_policy.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
}
