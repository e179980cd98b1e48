package engine

import (
	"golang.org/x/text/unicode/norm"

	"github.com/review-tool/review/internal/model"
)

// RunParams are the parameters of the run itself rather than of one rule,
// with their defaults. They are set like a rule's (--param, the --config
// file's params:), checked the same way, and listed on the Evidence sheet.
var RunParams = map[string]any{
	// default_reviewer reviews a finding whose entity has no manager in
	// the roster (a group, a source, an account outside the roster).
	"default_reviewer": "",
	// sessions_sheet_max is how many records the Sessions sheet lists
	// them all up to; above it, only those that matter (docs/outputs.md).
	"sessions_sheet_max": 100000,
}

// Reviewers says who reviews a finding when the roster names no manager
// for its entity.
type Reviewers struct {
	// Default is params.default_reviewer ("" when not set).
	Default string
	// Owners is the --config file's owners: source name → reviewer.
	Owners map[string]string
}

// For is the reviewer of a finding on source whose entity's manager (from
// the roster) is manager: that manager, else the default reviewer, else
// the source's owner, else model.Unassigned. It is never empty, so that a
// reviewer's filter on the Findings sheet misses no finding. The name is
// in Unicode NFC: one person written in two forms (a precomposed "é" in
// the roster, "e" and a combining accent in the --config file) is one
// reviewer, with one workbook under --split-by reviewer.
func (r Reviewers) For(manager, source string) string {
	switch {
	case manager != "":
		return nfc(manager)
	case r.Default != "":
		return nfc(r.Default)
	case r.Owners[source] != "":
		return nfc(r.Owners[source])
	}
	return model.Unassigned
}

// nfc is s in Unicode NFC, without a copy when it already is (the common
// case: a finding costs a check, not an allocation).
func nfc(s string) string {
	if norm.NFC.IsNormalString(s) {
		return s
	}
	return norm.NFC.String(s)
}
