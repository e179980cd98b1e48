# METADATA
# title: Vendor group without approval
# description: A PRA vendor group whose new users become active without anyone approving them (user_approval_enabled false), so a vendor administrator can give a third party access that no one in the organisation has looked at. A vendor export that does not state the setting is not checked.
# custom:
#   id: vendor-group-without-approval
#   family: account-hygiene
#   severity: low
#   remediation: Turn on user approval for the vendor group and name the administrators or team who approve its new users.
#   input: vendor
#   requires: [vendors, vendor.user_approval]
#   controls:
#     soc2: [CC6.2]
#     iso27001: [A.5.16, A.5.18]
#     nist800-53: [AC-2]
#     pci-dss: [8.2.7]
package review.rules.vendor_group_without_approval

expiration_days := object.get(input, "account_expiration_days", null)

finding := {
	"detail": sprintf("vendor group %s activates new users without approval (%s; %s)", [input.name, users_text, expiry_text]),
	"evidence": {
		"vendor": input.name,
		"account_expiration_days": expiration_days,
		"approval_required": false,
		"enabled_users": object.get(input, "enabled_users", null),
	},
} if {
	input.user_approval_enabled == false
}

users_text := sprintf("%d enabled vendor users", [input.enabled_users]) if {
	is_number(input.enabled_users)
	input.enabled_users != 1
} else := "1 enabled vendor user" if {
	input.enabled_users == 1
} else := "enabled vendor users not known"

expiry_text := sprintf("new users expire after %d days", [expiration_days]) if {
	is_number(expiration_days)
} else := "expiry of new users not stated"
