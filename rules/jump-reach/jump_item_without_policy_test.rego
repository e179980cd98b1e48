package review.rules.jump_item_without_policy_test

import data.review.rules.jump_item_without_policy
import data.review.testdata.facts

# intranet-admin: in the shared Jump Group Web Apps, no policy of its own,
# reached by dev.carol through a membership that sets none.
item := facts.replace(facts.jump_item, {
	"type": "web_jump", "type_name": "Web Jump", "id": 1, "name": "intranet-admin", "host": "https://intranet.corp.example/admin",
	"jump_group": "Web Apps", "policy": null, "policies": [], "vendor_access": [],
	"reached_by": {"accounts": 1, "non_administrators": 1, "vendor_users": 0},
	"without_policy": {"accounts": 1, "non_administrators": 1, "names": ["dev.carol"], "paths": ["direct"]},
})

test_fires if {
	f := jump_item_without_policy.finding with input as item
	f.detail == "intranet-admin (Web Jump 1) in shared Jump Group Web Apps has no Jump Policy from the item or any membership, and 1 non-administrator reach it (dev.carol) through direct"
	f.evidence == {
		"jump_group": "Web Apps", "item_type": "Web Jump", "item_id": 1, "host": "https://intranet.corp.example/admin",
		"non_administrators": 1, "accounts": ["dev.carol"], "paths": ["direct"],
	}
}

test_does_not_fire[tc.note] if {
	some tc in [
		{"note": "its own policy", "input": facts.replace(item, {"policy": "Standard", "policies": ["Standard"]})},
		# core-sw01: no policy of its own, but the one membership that reaches it sets one.
		{"note": "a membership sets a policy", "input": facts.replace(item, {"policies": ["Standard"], "without_policy": {"accounts": 0, "non_administrators": 0, "names": [], "paths": []}})},
		# One path sets a policy, another none: not "none from any path".
		{"note": "some path sets a policy", "input": facts.replace(item, {"policies": ["Standard"]})},
		# frank-lab: a personal item is its owner's alone.
		{"note": "personal item", "input": facts.replace(item, {"jump_group_type": "personal", "jump_group": null, "owner": "net.frank"})},
		# old-wiki: nobody but administrators reaches it.
		{"note": "administrators only", "input": facts.replace(item, {"without_policy": {"accounts": 1, "non_administrators": 0, "names": [], "paths": ["group policy Administrators"]}})},
		{"note": "nobody reaches it", "input": facts.replace(item, {"reached_by": {"accounts": 0, "non_administrators": 0, "vendor_users": 0}, "without_policy": {"accounts": 0, "non_administrators": 0, "names": [], "paths": []}})},
	]
	not jump_item_without_policy.finding with input as tc.input
}
