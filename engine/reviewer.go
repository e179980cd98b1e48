package engine

import "github.com/review-tool/review/internal/model"

// RunParams are the parameters of the run itself rather than of one rule,
// with their defaults. They are set like a rule's (--param, the --config
// file's params:), checked the same way, and listed on the Evidence sheet.
var RunParams = map[string]any{
	// default_reviewer reviews a finding whose entity has no manager in
	// the roster (a group, a source, an account outside the roster).
	"default_reviewer": "",
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
// reviewer's filter on the Findings sheet misses no finding.
func (r Reviewers) For(manager, source string) string {
	switch {
	case manager != "":
		return manager
	case r.Default != "":
		return r.Default
	case r.Owners[source] != "":
		return r.Owners[source]
	}
	return model.Unassigned
}
