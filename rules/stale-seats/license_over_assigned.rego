# METADATA
# title: License over-assigned
# description: A product whose enabled named accounts (vendor users included) exceed the seats purchased in the license file.
# custom:
#   id: license-over-assigned
#   family: stale-seats
#   severity: high
#   remediation: Disable stale and unneeded accounts until the enabled count fits the purchased seats, or buy the missing seats at the next true-up.
#   input: license
#   requires: [licenses]
#   controls:
#     iso27001: [A.5.32]
#     nist800-53: [CM-10]
package review.rules.license_over_assigned

finding := {
	"detail": sprintf(
		"%v enabled accounts on %s, %v more than the %v named seats purchased for %v",
		[input.enabled_accounts, sources_text, input.enabled_accounts - input.purchased, input.purchased, input.product],
	),
	"evidence": {
		"purchased": input.purchased,
		"enabled_accounts": input.enabled_accounts,
		"sources": object.get(input, "sources", null),
	},
} if {
	input.seat_type == "named"
	is_number(input.enabled_accounts)
	is_number(input.purchased)
	input.enabled_accounts > input.purchased
}

sources_text := concat(", ", [sprintf("%v", [s]) | some s in input.sources]) if {
	is_array(input.sources)
	count(input.sources) > 0
} else := sprintf("%v", [input.source])
