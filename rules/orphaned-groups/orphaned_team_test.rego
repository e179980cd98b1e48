package review.rules.orphaned_team_test

import data.review.rules.orphaned_team

as_of := "2025-11-22"

# replace overrides top-level keys of base (object.union would merge nested objects).
replace(base, patch) := object.union(object.remove(base, object.keys(patch)), patch)

fact := {"source": "pra-prod", "product": "pra", "id": 5, "name": "Night shift", "users": 0, "group_policies": 0}

test_fires[tc.note] if {
	some tc in [{
		"note": "no users and no group policy",
		"input": fact,
		"detail": "no users, and no group policy assigns it",
		"evidence": {"users": 0, "group_policies": 0},
	}]
	f := orphaned_team.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
	f.detail == tc.detail
	f.evidence == tc.evidence
}

test_does_not_fire[tc.note] if {
	some tc in [
		{"note": "a user", "input": replace(fact, {"users": 1})},
		{"note": "a group policy assigns it", "input": replace(fact, {"group_policies": 1})},
		{"note": "users and group policies", "input": replace(fact, {"users": 3, "group_policies": 2})},
		{"note": "users null", "input": replace(fact, {"users": null})},
		{"note": "group_policies null", "input": replace(fact, {"group_policies": null})},
	]
	not orphaned_team.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
}
