package review.rules.vendor_jump_without_approval_test

import data.review.rules.vendor_jump_without_approval
import data.review.testdata.facts

# erp-app01: Acme Support's user reaches it through the vendor group's
# default policy, whose membership of Vendor Managed sets no policy, so the
# item's own, Standard, is in force: no approval.
access := {"vendor": "Acme Support", "user": "acme.tech", "path": "vendor default policy Vendor Access", "policy": "Standard", "set_on": "item", "approval_required": false}

item := facts.replace(facts.jump_item, {"vendor_access": [access]})

test_fires[tc.note] if {
	some tc in [
		{
			"note": "item's policy without approval",
			"input": item,
			"detail": "erp-app01 (Shell Jump 1 in Jump Group Vendor Managed) is reached by vendor users without approval: acme.tech (Acme Support) through vendor default policy Vendor Access, under Jump Policy Standard, set on the item, which does not require approval",
			"paths": [{"vendor": "Acme Support", "user": "acme.tech", "path": "vendor default policy Vendor Access", "policy": "Standard", "set_on": "item"}],
		},
		{
			# A membership's own policy overrides the item's: here it is the
			# one without approval.
			"note": "membership's policy without approval over an item's with approval",
			"input": facts.replace(item, {"policy": "Approval Required", "vendor_access": [object.union(access, {"policy": "Standard", "set_on": "membership"})]}),
			"detail": "erp-app01 (Shell Jump 1 in Jump Group Vendor Managed) is reached by vendor users without approval: acme.tech (Acme Support) through vendor default policy Vendor Access, under Jump Policy Standard, set by the membership, which does not require approval",
			"paths": [{"vendor": "Acme Support", "user": "acme.tech", "path": "vendor default policy Vendor Access", "policy": "Standard", "set_on": "membership"}],
		},
		{
			"note": "no policy from any path",
			"input": facts.replace(item, {"policy": null, "vendor_access": [object.union(access, {"policy": null, "set_on": null, "approval_required": null})]}),
			"detail": "erp-app01 (Shell Jump 1 in Jump Group Vendor Managed) is reached by vendor users without approval: acme.tech (Acme Support) through vendor default policy Vendor Access, under no Jump Policy",
			"paths": [{"vendor": "Acme Support", "user": "acme.tech", "path": "vendor default policy Vendor Access", "policy": null, "set_on": null}],
		},
		{
			# Only the path without approval is reported.
			"note": "one path of two",
			"input": facts.replace(item, {"vendor_access": [
				object.union(access, {"path": "group policy Vendor Admins", "policy": "Approval Required", "set_on": "membership", "approval_required": true}),
				access,
			]}),
			"detail": "erp-app01 (Shell Jump 1 in Jump Group Vendor Managed) is reached by vendor users without approval: acme.tech (Acme Support) through vendor default policy Vendor Access, under Jump Policy Standard, set on the item, which does not require approval",
			"paths": [{"vendor": "Acme Support", "user": "acme.tech", "path": "vendor default policy Vendor Access", "policy": "Standard", "set_on": "item"}],
		},
	]
	f := vendor_jump_without_approval.finding with input as tc.input
	f.detail == tc.detail
	f.evidence.paths == tc.paths
	f.evidence.vendors == ["Acme Support"]
	f.evidence.vendor_users == ["acme.tech"]
	f.evidence.jump_group == "Vendor Managed"
}

test_does_not_fire[tc.note] if {
	some tc in [
		{"note": "policy requires approval", "input": facts.replace(item, {"vendor_access": [object.union(access, {"policy": "Approval Required", "approval_required": true})]})},
		# The item's own policy has no approval, but the membership sets one
		# that requires it, and overrides the item's (SQL gives the policy in force).
		{"note": "membership's approval over the item's none", "input": facts.replace(item, {"policy": "Standard", "vendor_access": [object.union(access, {"policy": "Approval Required", "set_on": "membership", "approval_required": true})]})},
		# A policy the export lacks: its approval is not known, not false.
		{"note": "policy not in the export", "input": facts.replace(item, {"vendor_access": [object.union(access, {"policy": "#9", "approval_required": null})]})},
		{"note": "no vendor reaches it", "input": facts.replace(item, {"vendor_access": []})},
		# The membership export has no jump_policy_id: the policy in force is not known.
		{"note": "membership's policy not exported", "input": facts.replace(item, {"vendor_access": [object.union(access, {"policy": null, "set_on": "unknown", "approval_required": null})]})},
	]
	not vendor_jump_without_approval.finding with input as tc.input
}

# Past five paths, the detail counts the rest; the evidence lists them all.
test_many_paths if {
	users := [sprintf("acme.tech%d", [n]) | some n in numbers.range(1, 7)]
	f := vendor_jump_without_approval.finding with input as facts.replace(item, {"vendor_access": [object.union(access, {"user": u}) | some u in users]})
	endswith(f.detail, "acme.tech5 (Acme Support) through vendor default policy Vendor Access, under Jump Policy Standard, set on the item, which does not require approval; and 2 more")
	count(f.evidence.paths) == 7
}
