# METADATA
# title: Dangling reference
# description: A membership, default-policy or Jump Item row points at a user, group policy, team, Jump Group, Jump Policy, Vault account group or vendor id that the export does not contain. A user naming an unknown group policy is reported by unknown-group-policy instead.
# custom:
#   id: dangling-reference
#   family: orphaned-groups
#   severity: medium
#   remediation: Remove the rows that point at the missing object in the product (or re-export if the export was incomplete), so access is not granted through stale ids.
#   input: reference
#   requires: []
#   controls:
#     iso27001: [A.5.15]
#     nist800-53: [AC-2]
package review.rules.dangling_reference

# One fact exists per missing target, so the rule fires for every fact that
# names one.
finding := {
	"detail": detail,
	"evidence": {
		"target_kind": input.target_kind,
		"target_id": input.target_id,
		"referenced_by": referenced_by,
	},
} if {
	is_string(input.target_kind)
	input.target_id != null
}

kind_labels := {
	"user": "user",
	"group-policy": "group policy",
	"team": "team",
	"jump-group": "Jump Group",
	"vault-account-group": "Vault account group",
	"vendor": "vendor",
}

target := sprintf("%s %v", [object.get(kind_labels, input.target_kind, input.target_kind), input.target_id])

referenced_by := [sprintf("%v", [r]) | some r in input.referenced_by] if {
	is_array(input.referenced_by)
} else := []

# At most three referring rows are spelled out; the evidence lists them all.
shown := 3

detail := sprintf("%s is not in the export but is referenced", [target]) if {
	count(referenced_by) == 0
} else := sprintf("%s is not in the export but is referenced by %s", [target, concat("; ", referenced_by)]) if {
	count(referenced_by) <= shown
} else := sprintf(
	"%s is not in the export but is referenced by %s and %d more",
	[target, concat("; ", array.slice(referenced_by, 0, shown)), count(referenced_by) - shown],
)
