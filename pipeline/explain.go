package pipeline

import (
	"context"
	"strings"

	"github.com/review-tool/review/internal/inputerr"
	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/views"
)

// closestShown is how many usernames the message for an unknown user
// offers.
const closestShown = 5

// ExplainAccounts explains the accounts named user, on source when it is
// not "" (views.Explain), from a review made with KeepIntermediate. No
// such account is the user's to fix: the error names the closest
// usernames.
func (r *Review) ExplainAccounts(ctx context.Context, user, source string) ([]model.Explanation, error) {
	out, err := views.Explain(ctx, r.database, user, source)
	if err != nil {
		return nil, r.Explain(err)
	}
	if len(out) > 0 {
		return out, nil
	}
	closest, err := views.ClosestUsernames(ctx, r.database, user, source, closestShown)
	if err != nil {
		return nil, r.Explain(err)
	}
	where := "in any source"
	if source != "" {
		where = "on source " + source
		if !r.hasSource(source) {
			return nil, inputerr.New("--source %s: no such source (sources: %s)", source, strings.Join(r.sourceNames(), ", "))
		}
	}
	if len(closest) == 0 {
		return nil, inputerr.New("--user %s: no account of that name %s, and no accounts at all", user, where)
	}
	return nil, inputerr.New("--user %s: no account of that name %s; the closest usernames are %s", user, where, strings.Join(closest, ", "))
}

func (r *Review) sourceNames() []string {
	var out []string
	for _, s := range r.Sources {
		out = append(out, s.Name)
	}
	return out
}

func (r *Review) hasSource(name string) bool {
	for _, s := range r.Sources {
		if s.Name == name {
			return true
		}
	}
	return false
}
