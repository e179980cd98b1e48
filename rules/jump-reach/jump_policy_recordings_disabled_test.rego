package review.rules.jump_policy_recordings_disabled_test

import data.review.rules.jump_policy_recordings_disabled
import data.review.testdata.facts

policy := facts.jump_policy

test_fires[tc.note] if {
	some tc in [
		{
			"note": "in force on one item",
			"input": policy,
			"detail": "Jump Policy No Recording disables session recording and is in force on 1 Jump Item that 3 accounts reach: mssql-fin (membership: group policy Operations, the item; 3 accounts)",
		},
		{
			"note": "more items than shown",
			"input": facts.replace(policy, {"items": 7, "accounts": 1, "in_force": [
				{"item": "a", "type": "shell_jump", "id": 1, "jump_group": "G", "set_by": ["the item"], "accounts": 1},
				{"item": "b", "type": "shell_jump", "id": 2, "jump_group": "G", "set_by": ["the item"], "accounts": 1},
				{"item": "c", "type": "shell_jump", "id": 3, "jump_group": "G", "set_by": ["the item"], "accounts": 1},
				{"item": "d", "type": "shell_jump", "id": 4, "jump_group": "G", "set_by": ["the item"], "accounts": 1},
				{"item": "e", "type": "shell_jump", "id": 5, "jump_group": "G", "set_by": ["the item"], "accounts": 1},
				{"item": "f", "type": "shell_jump", "id": 6, "jump_group": "G", "set_by": ["the item"], "accounts": 1},
			]}),
			"detail": "Jump Policy No Recording disables session recording and is in force on 7 Jump Items that 1 account reach: a (the item; 1 account), b (the item; 1 account), c (the item; 1 account), d (the item; 1 account), e (the item; 1 account) and 2 more",
		},
	]
	f := jump_policy_recordings_disabled.finding with input as tc.input
	f.detail == tc.detail
	f.evidence.items == tc.input.items
}

test_does_not_fire[tc.note] if {
	some tc in [
		{"note": "records", "input": facts.replace(policy, {"recordings_disabled": false})},
		# Remote Support exports no recording setting: not known, not false.
		{"note": "not stated", "input": facts.replace(policy, {"recordings_disabled": null})},
		{"note": "in force on nothing anyone reaches", "input": facts.replace(policy, {"items": 0, "accounts": 0, "in_force": []})},
	]
	not jump_policy_recordings_disabled.finding with input as tc.input
}
