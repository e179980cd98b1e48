package reports

import (
	"bytes"
	"strings"
	"testing"

	"github.com/review-tool/review/reports/reportstest"
)

// With a previous run, JSON Lines carry previous_decision and
// previous_comment after status, and the CSV the sheet's two columns;
// without one, neither.
func TestPreviousFieldsInJSONLAndCSV(t *testing.T) {
	r := reportstest.PreviousReview()
	var j, c bytes.Buffer
	if err := MustLookup("jsonl").Write(&j, r, ""); err != nil {
		t.Fatal(err)
	}
	keys, _ := topKeys(t, strings.SplitN(j.String(), "\n", 2)[0])
	if got := strings.Join(keys[14:], ","); got != "status,previous_decision,previous_comment,previous_reviewer,previous_decided_on,evidence" {
		t.Errorf("keys end %q", got)
	}
	if !strings.Contains(j.String(), `"status":"recurring","previous_decision":"Keep","previous_comment":"break-glass","previous_reviewer":"ana.lopez@example.com","previous_decided_on":"2025-08-22"`) {
		t.Errorf("first line %.400s", j.String())
	}
	if err := MustLookup("csv").Write(&c, r, ""); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(strings.SplitN(c.String(), "\n", 2)[1], r.Findings[0].ID) ||
		!strings.Contains(c.String(), ",Status,Previous Decision,Previous Comment,Previous Reviewer,Previous Decided On,Decision,Comment,") ||
		!strings.Contains(c.String(), ",recurring,Keep,break-glass,ana.lopez@example.com,2025-08-22,,,") {
		t.Errorf("CSV %.600s", c.String())
	}
	r.Previous = nil
	j.Reset()
	if err := MustLookup("jsonl").Write(&j, r, ""); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(j.String(), "previous_") {
		t.Errorf("previous_ fields without a previous run")
	}
}
