package campaign

import (
	"strings"

	"github.com/review-tool/review/internal/model"
)

// ParseDecision is s as a canonical decision, ignoring case and
// surrounding space; false when s is none of them.
func ParseDecision(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, d := range model.Decisions {
		if strings.EqualFold(s, d) {
			return d, true
		}
	}
	return "", false
}
