package review.rules.vendor_session_after_expiry_test

import data.review.rules.vendor_session_after_expiry
import data.review.testdata.facts

s := {"lsid": "a8", "start": "2025-11-05T08:00:00Z", "end": "2025-11-05T08:45:00Z", "endpoint": "vendor-app-01", "jump_group": "Vendor Access"}

vendor_user(kind, n) := facts.replace(facts.account, {
	"kind": kind,
	"account_expiration": "2025-10-31T00:00:00Z",
	"vendor": facts.account_vendor,
	"activity": facts.replace(facts.account_activity, {"sessions_after_expiry": {"count": n, "ids": ["b7"], "first": s, "last": s}}),
})

eval(a) := f if {
	f := vendor_session_after_expiry.finding with input as a with data.params as {} with data.review.as_of as "2025-11-22"
}

test_fires if {
	f := eval(vendor_user("vendor-user", 1))
	f.detail == "1 session after the vendor user expired on 2025-10-31: first a8 at 2025-11-05T08:00:00Z, last a8 at 2025-11-05T08:00:00Z"
	f.evidence == {"account_expiration": "2025-10-31T00:00:00Z", "vendor": "Acme IT", "sessions_after_expiry": 1, "lsids": ["b7"], "first_session": s, "last_session": s}
}

test_does_not_fire[note] if {
	some [note, a] in [
		["no session after expiry", vendor_user("vendor-user", 0)],
		["not a vendor user", vendor_user("user", 1)],
		["no expiration", facts.replace(vendor_user("vendor-user", 1), {"account_expiration": null})],
		["no session report", facts.replace(vendor_user("vendor-user", 1), {"activity": null})],
	]
	not eval(a)
}
