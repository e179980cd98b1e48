package review.rules.admin_count_exceeds_threshold_test

import data.review.rules.admin_count_exceeds_threshold

as_of := "2025-11-22"

params := {"max_admins": 5, "max_admin_ratio": 0.05}

admins(n) := [sprintf("admin%d", [i]) | some i in numbers.range(1, n)] if {
	n > 0
} else := []

source(n, enabled) := {
	"source": "pra-prod", "product": "pra", "accounts": 120, "enabled_accounts": enabled,
	"enabled_admins": n, "admins": admins(n),
}

replace(base, patch) := object.union(object.remove(base, object.keys(patch)), patch)

test_fires[tc.note] if {
	some tc in [
		{
			"note": "over both thresholds",
			"input": source(7, 100),
			"detail": "7 enabled administrators of 100 enabled accounts (7%), more than max_admins (5) and more than max_admin_ratio (0.05): admin1, admin2, admin3, admin4, admin5, admin6, admin7",
			"evidence": {"admins": admins(7), "enabled_admins": 7, "enabled_accounts": 100},
		},
		{
			"note": "max_admins + 1, ratio below",
			"input": source(6, 1000),
			"detail": "6 enabled administrators of 1000 enabled accounts (0.6%), more than max_admins (5): admin1, admin2, admin3, admin4, admin5, admin6",
			"evidence": {"admins": admins(6), "enabled_admins": 6, "enabled_accounts": 1000},
		},
		{
			"note": "ratio just above, count below",
			"input": source(2, 39),
			"detail": "2 enabled administrators of 39 enabled accounts (5.1%), more than max_admin_ratio (0.05): admin1, admin2",
			"evidence": {"admins": admins(2), "enabled_admins": 2, "enabled_accounts": 39},
		},
		{
			"note": "every account an administrator",
			"input": source(1, 1),
			"detail": "1 enabled administrator of 1 enabled account (100%), more than max_admin_ratio (0.05): admin1",
			"evidence": {"admins": admins(1), "enabled_admins": 1, "enabled_accounts": 1},
		},
		{
			"note": "enabled_accounts null, count over",
			"input": source(6, null),
			"detail": "6 enabled administrators, more than max_admins (5): admin1, admin2, admin3, admin4, admin5, admin6",
			"evidence": {"admins": admins(6), "enabled_admins": 6, "enabled_accounts": null},
		},
		{
			"note": "admins list null",
			"input": replace(source(6, 1000), {"admins": null}),
			"detail": "6 enabled administrators of 1000 enabled accounts (0.6%), more than max_admins (5)",
			"evidence": {"admins": [], "enabled_admins": 6, "enabled_accounts": 1000},
		},
		{
			"note": "lower max_admins parameter",
			"params": {"max_admins": 1, "max_admin_ratio": 0.5},
			"input": source(2, 100),
			"detail": "2 enabled administrators of 100 enabled accounts (2%), more than max_admins (1): admin1, admin2",
			"evidence": {"admins": admins(2), "enabled_admins": 2, "enabled_accounts": 100},
		},
	]
	p := object.get(tc, "params", params)
	f := admin_count_exceeds_threshold.finding with input as tc.input with data.params as p with data.review.as_of as as_of
	f.detail == tc.detail
	f.evidence == tc.evidence
}

test_does_not_fire[tc.note] if {
	some tc in [
		{"note": "exactly max_admins and max_admin_ratio", "input": source(5, 100)},
		{"note": "exactly max_admin_ratio", "input": source(1, 20)},
		{"note": "below both", "input": source(3, 100)},
		{"note": "no administrators", "input": source(0, 100)},
		{"note": "no enabled accounts", "input": source(0, 0)},
		{"note": "enabled_accounts null, count not over", "input": source(5, null)},
		{"note": "enabled_admins null", "input": replace(source(7, 100), {"enabled_admins": null})},
		{"note": "higher thresholds", "params": {"max_admins": 10, "max_admin_ratio": 0.1}, "input": source(7, 100)},
	]
	p := object.get(tc, "params", params)
	not admin_count_exceeds_threshold.finding with input as tc.input with data.params as p with data.review.as_of as as_of
}
