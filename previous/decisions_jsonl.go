package previous

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/review-tool/review/internal/inputerr"
	"github.com/review-tool/review/internal/model"
)

// decisionsJSONLNote says what decisions.jsonl does not give.
const decisionsJSONLNote = "the previous run was read from the decisions of review collect (%s): its decisions were carried, " +
	"but it has no Resolved list, so no finding could be reappeared"

// decisionFields are the keys a line of decisions.jsonl must have, as
// strings; decision and comment may be empty (undecided).
var decisionFields = []string{"finding_id", "rule", "severity", "source", "entity_type", "entity", "decision", "comment"}

// decisionOptional are read when present.
var decisionOptional = []string{"family", "title", "product", "detail", "reviewer"}

// isDecisionLine says a line is one of review collect's decisions.jsonl:
// it names its finding "finding_id", where review run's findings say "id".
func isDecisionLine(line []byte) bool {
	var obj map[string]json.RawMessage
	if json.Unmarshal(line, &obj) != nil {
		return false
	}
	_, fid := obj["finding_id"]
	_, id := obj["id"]
	return fid && !id
}

// decisionLine decodes one line of decisions.jsonl: the finding as the
// campaign had it, and the decision taken on it.
func decisionLine(file string, num int, line []byte) (Entry, error) {
	at := func(format string, a ...any) error {
		return inputerr.New("--previous %s:%d: "+format, append([]any{file, num}, a...)...)
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(line, &obj); err != nil {
		return Entry{}, at("%v, expected a line of decisions.jsonl (review collect) as a JSON object", err)
	}
	vals := map[string]string{}
	for _, k := range append(append([]string{}, decisionFields...), decisionOptional...) {
		raw, ok := obj[k]
		if !ok {
			if slices.Contains(decisionFields, k) {
				return Entry{}, at("no %q, expected a line of decisions.jsonl with the keys %s", k, strings.Join(decisionFields, ", "))
			}
			continue
		}
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return Entry{}, at("%q is %s, expected a string", k, describe(raw))
		}
		vals[k] = s
	}
	if !isFindingID(vals["finding_id"]) {
		return Entry{}, at("finding_id %q, expected a finding id (16 hex digits)", vals["finding_id"])
	}
	sev, ok := model.ParseSeverity(vals["severity"])
	if !ok {
		return Entry{}, at("severity %q, expected high, medium or low", vals["severity"])
	}
	return Entry{
		Finding: model.Finding{ID: vals["finding_id"], Rule: vals["rule"], Family: vals["family"], Severity: sev, Title: vals["title"],
			Source: vals["source"], Product: vals["product"], EntityType: vals["entity_type"], Entity: vals["entity"],
			Detail: vals["detail"], Reviewer: vals["reviewer"]},
		Decision: vals["decision"], Comment: vals["comment"],
	}, nil
}
