package engine

import (
	"testing"

	"github.com/review-tool/review/internal/model"
)

// Each step of the fallback: the roster's manager, else
// params.default_reviewer, else the source's owner, else unassigned.
func TestReviewersFor(t *testing.T) {
	owners := map[string]string{"pra-prod": "pra-owner@corp.example"}
	tests := []struct {
		name            string
		r               Reviewers
		manager, source string
		want            string
	}{
		{"manager first", Reviewers{Default: "sec@corp.example", Owners: owners}, "boss@corp.example", "pra-prod", "boss@corp.example"},
		{"default reviewer before the owner", Reviewers{Default: "sec@corp.example", Owners: owners}, "", "pra-prod", "sec@corp.example"},
		{"the source's owner", Reviewers{Owners: owners}, "", "pra-prod", "pra-owner@corp.example"},
		{"another source has no owner", Reviewers{Owners: owners}, "", "rs-prod", model.Unassigned},
		{"nobody named", Reviewers{}, "", "pra-prod", model.Unassigned},
		// One person in two forms: e and a combining acute become é.
		{"a manager in NFD", Reviewers{}, "rené@corp.example", "pra-prod", "rené@corp.example"},
		{"an owner in NFD", Reviewers{Owners: map[string]string{"pra-prod": "René Roy"}}, "", "pra-prod", "René Roy"},
	}
	for _, tt := range tests {
		if got := tt.r.For(tt.manager, tt.source); got != tt.want {
			t.Errorf("%s: For(%q, %q) = %q, want %q", tt.name, tt.manager, tt.source, got, tt.want)
		}
	}
}
