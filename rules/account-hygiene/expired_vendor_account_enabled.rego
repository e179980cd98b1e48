# METADATA
# title: Expired vendor account enabled
# description: A PRA vendor user that is still enabled although its account expiration is on or before the as-of date.
# custom:
#   id: expired-vendor-account-enabled
#   family: account-hygiene
#   severity: high
#   remediation: Disable the vendor user, and extend its expiration only if the vendor's contract and sponsor confirm it is still needed.
#   input: account
#   requires: [vendor_users]
#   controls:
#     soc2: [CC6.2]
#     iso27001: [A.5.16, A.5.18]
#     nist800-53: [AC-2, AC-2(3)]
#     pci-dss: [7.2.4, 8.2.7]
package review.rules.expired_vendor_account_enabled

account_expiration := object.get(input, "account_expiration", null)

finding := {
	"detail": sprintf("%s is enabled, but its account expired (%s, as of %s)", [who, expiration_text, data.review.as_of]),
	"evidence": {
		"account_expiration": account_expiration,
		"vendor": vendor_name,
		"account_expiration_days": object.get(vendor, "account_expiration_days", null),
		"approval_required": object.get(vendor, "user_approval_enabled", null),
	},
} if {
	input.kind == "vendor-user"
	input.enabled == true
	input.account_expired == true
}

# vendor is the vendor group's policy, {} when the vendor group is unknown.
vendor := input.vendor if {
	is_object(input.vendor)
} else := {}

vendor_name := input.vendor.name if {
	is_string(input.vendor.name)
} else := null

who := sprintf("vendor user of %s", [vendor_name]) if {
	vendor_name != null
} else := "vendor user"

expiration_text := sprintf("account expiration %s", [substring(account_expiration, 0, 10)]) if {
	is_string(account_expiration)
} else := "no expiration date, marked expired"
