package review.rules.dangling_reference_test

import data.review.rules.dangling_reference

as_of := "2025-11-22"

# replace overrides top-level keys of base (object.union would merge nested objects).
replace(base, patch) := object.union(object.remove(base, object.keys(patch)), patch)

ref := {
	"source": "pra-prod", "product": "pra", "target_kind": "user", "target_id": 9999,
	"referenced_by": ["group-policy-member.json line 14 (group policy 3)"],
}

refs(n) := [sprintf("team-user.json line %d", [i]) | some i in numbers.range(1, n)]

test_fires[tc.note] if {
	some tc in [
		{
			"note": "missing user, one reference",
			"input": ref,
			"detail": "user 9999 is not in the export but is referenced by group-policy-member.json line 14 (group policy 3)",
			"evidence": {"target_kind": "user", "target_id": 9999, "referenced_by": ["group-policy-member.json line 14 (group policy 3)"]},
		},
		{
			"note": "missing group policy from a default policy",
			"input": replace(ref, {"target_kind": "group-policy", "target_id": 99, "referenced_by": ["security-provider.json line 3 (security provider 1)"]}),
			"detail": "group policy 99 is not in the export but is referenced by security-provider.json line 3 (security provider 1)",
			"evidence": {"target_kind": "group-policy", "target_id": 99, "referenced_by": ["security-provider.json line 3 (security provider 1)"]},
		},
		{
			"note": "three references are all listed",
			"input": replace(ref, {"target_kind": "jump-group", "target_id": 7, "referenced_by": refs(3)}),
			"detail": "Jump Group 7 is not in the export but is referenced by team-user.json line 1; team-user.json line 2; team-user.json line 3",
			"evidence": {"target_kind": "jump-group", "target_id": 7, "referenced_by": refs(3)},
		},
		{
			"note": "more than three references are counted",
			"input": replace(ref, {"target_kind": "vault-account-group", "target_id": 8, "referenced_by": refs(5)}),
			"detail": "Vault account group 8 is not in the export but is referenced by team-user.json line 1; team-user.json line 2; team-user.json line 3 and 2 more",
			"evidence": {"target_kind": "vault-account-group", "target_id": 8, "referenced_by": refs(5)},
		},
		{
			"note": "no referring rows listed",
			"input": replace(ref, {"target_kind": "team", "target_id": 5, "referenced_by": []}),
			"detail": "team 5 is not in the export but is referenced",
			"evidence": {"target_kind": "team", "target_id": 5, "referenced_by": []},
		},
		{
			"note": "referenced_by null",
			"input": replace(ref, {"target_kind": "vendor", "target_id": 3, "referenced_by": null}),
			"detail": "vendor 3 is not in the export but is referenced",
			"evidence": {"target_kind": "vendor", "target_id": 3, "referenced_by": []},
		},
		{
			"note": "unknown kind is shown as is",
			"input": replace(ref, {"target_kind": "session-policy", "target_id": 4, "referenced_by": ["x line 1"]}),
			"detail": "session-policy 4 is not in the export but is referenced by x line 1",
			"evidence": {"target_kind": "session-policy", "target_id": 4, "referenced_by": ["x line 1"]},
		},
	]
	f := dangling_reference.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
	f.detail == tc.detail
	f.evidence == tc.evidence
}

test_does_not_fire[tc.note] if {
	some tc in [
		{"note": "target_kind null", "input": replace(ref, {"target_kind": null})},
		{"note": "target_id null", "input": replace(ref, {"target_id": null})},
		{"note": "no target at all", "input": {"source": "pra-prod", "product": "pra"}},
	]
	not dangling_reference.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
}
