package review.rules.license_over_assigned_test

import data.review.rules.license_over_assigned

as_of := "2025-11-22"

# replace overrides top-level keys of base (object.union would merge nested objects).
replace(base, patch) := object.union(object.remove(base, object.keys(patch)), patch)

license := {
	"source": "*", "product": "pra", "seat_type": "named", "purchased": 50, "enabled_accounts": 57,
	"sources": ["pra-prod", "pra-test"], "annual_cost_per_seat": 1200.0, "currency": "USD",
}

test_fires[tc.note] if {
	some tc in [
		{
			"note": "row shared by two sources",
			"input": license,
			"detail": "57 enabled accounts on pra-prod, pra-test, 7 more than the 50 named seats purchased for pra",
			"evidence": {"purchased": 50, "enabled_accounts": 57, "sources": ["pra-prod", "pra-test"]},
		},
		{
			"note": "row for one source, purchased + 1",
			"input": replace(license, {"source": "rs-prod", "product": "rs", "sources": ["rs-prod"], "enabled_accounts": 51}),
			"detail": "51 enabled accounts on rs-prod, 1 more than the 50 named seats purchased for rs",
			"evidence": {"purchased": 50, "enabled_accounts": 51, "sources": ["rs-prod"]},
		},
		{
			"note": "sources null falls back to source",
			"input": replace(license, {"source": "pra-prod", "sources": null}),
			"detail": "57 enabled accounts on pra-prod, 7 more than the 50 named seats purchased for pra",
			"evidence": {"purchased": 50, "enabled_accounts": 57, "sources": null},
		},
		{
			"note": "no seats purchased",
			"input": replace(license, {"purchased": 0, "enabled_accounts": 2}),
			"detail": "2 enabled accounts on pra-prod, pra-test, 2 more than the 0 named seats purchased for pra",
			"evidence": {"purchased": 0, "enabled_accounts": 2, "sources": ["pra-prod", "pra-test"]},
		},
	]
	f := license_over_assigned.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
	f.detail == tc.detail
	f.evidence == tc.evidence
}

test_does_not_fire[tc.note] if {
	some tc in [
		{"note": "exactly purchased", "input": replace(license, {"enabled_accounts": 50})},
		{"note": "fewer than purchased", "input": replace(license, {"enabled_accounts": 12})},
		{"note": "concurrent seats", "input": replace(license, {"seat_type": "concurrent"})},
		{"note": "seat_type null", "input": replace(license, {"seat_type": null})},
		{"note": "purchased null", "input": replace(license, {"purchased": null})},
		{"note": "enabled_accounts null", "input": replace(license, {"enabled_accounts": null})},
	]
	not license_over_assigned.finding with input as tc.input with data.params as {} with data.review.as_of as as_of
}
