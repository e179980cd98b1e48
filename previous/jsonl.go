package previous

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/review-tool/review/ingest/bounds"
	"github.com/review-tool/review/ingest/located"
	"github.com/review-tool/review/internal/inputerr"
	"github.com/review-tool/review/internal/model"
)

// jsonlNote is why a JSON Lines previous run gives less than a workbook:
// decisions are taken in the workbook, and the resolved list is a sheet.
const jsonlNote = "the previous run was read from JSON Lines (%s), which hold no Decision, Comment or Resolved list: " +
	"no previous decision was carried and no finding could be reappeared"

// jsonlFields are the keys a line must have, as strings; the others a
// line has (evidence, remediation, reviewer, …) are not needed.
var jsonlFields = []string{"id", "rule", "severity", "source", "entity_type", "entity", "status"}

// jsonlOptional are read when present.
var jsonlOptional = []string{"family", "title", "product", "display_name", "email", "detail", "remediation", "reviewer"}

// maxLine is bounds.MaxLine, lowered by a test.
var maxLine = bounds.MaxLine

// loadJSONL reads one finding per line, as --json writes them. Blank lines
// are passed over; any other line that is not a finding is an input error
// naming FILE:LINE and what was expected.
func loadJSONL(file string) (*Run, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, inputerr.Wrap(fmt.Errorf("--previous: %w", err))
	}
	defer f.Close()
	run := &Run{Format: "jsonl", Notes: []string{fmt.Sprintf(jsonlNote, file)}}
	seen := map[string]bool{}
	decisions := false // the file is decisions.jsonl, told by its first line
	lines := bounds.NewLines(f, file, maxLine, "one finding (or decision) per line, as review writes them")
	for {
		text, n, err := lines.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var re *located.Error
		if errors.As(err, &re) {
			return nil, fmt.Errorf("--previous %w", err)
		} else if err != nil {
			return nil, inputerr.Wrap(fmt.Errorf("--previous %s:%d: %w", file, n, err))
		}
		num := int(n)
		if len(bytes.TrimSpace(text)) > 0 {
			if run.Rows == 0 && isDecisionLine(text) {
				decisions = true
				run.Notes = []string{fmt.Sprintf(decisionsJSONLNote, file)}
			}
			var e Entry
			var perr error
			if decisions {
				e, perr = decisionLine(file, num, text)
			} else {
				e.Finding, perr = jsonlFinding(file, num, text)
			}
			if perr != nil {
				return nil, perr
			}
			run.Rows++
			if !seen[e.ID] {
				seen[e.ID] = true
				run.Findings = append(run.Findings, e)
			}
		}
	}
	if run.Rows == 0 {
		return nil, inputerr.New("--previous %s: no finding in the file, expected one JSON object per line", file)
	}
	return run, nil
}

// jsonlFinding decodes one line of findings (--json of review run).
func jsonlFinding(file string, num int, line []byte) (model.Finding, error) {
	at := func(format string, a ...any) error {
		return inputerr.New("--previous %s:%d: %s", file, num, fmt.Sprintf(format, a...))
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(line, &obj); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			return model.Finding{}, inputerr.New("--previous %s:%d:%d: %v, expected one finding per line as a JSON object", file, num, syn.Offset, err)
		}
		return model.Finding{}, at("found %s, expected a finding as a JSON object", describe(line))
	}
	vals := map[string]string{}
	for _, k := range append(append([]string{}, jsonlFields...), jsonlOptional...) {
		raw, ok := obj[k]
		if !ok {
			continue
		}
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return model.Finding{}, at("%q is %s, expected a string", k, describe(raw))
		}
		vals[k] = s
	}
	for _, k := range jsonlFields {
		if _, ok := obj[k]; !ok {
			return model.Finding{}, at("no %q, expected a finding with the keys %s", k, strings.Join(jsonlFields, ", "))
		}
	}
	if !isFindingID(vals["id"]) {
		return model.Finding{}, at("id %q, expected a finding id (16 hex digits)", vals["id"])
	}
	sev, ok := model.ParseSeverity(vals["severity"])
	if !ok {
		return model.Finding{}, at("severity %q, expected high, medium or low", vals["severity"])
	}
	return model.Finding{
		ID: vals["id"], Rule: vals["rule"], Family: vals["family"], Severity: sev, Title: vals["title"],
		Source: vals["source"], Product: vals["product"], EntityType: vals["entity_type"], Entity: vals["entity"],
		DisplayName: vals["display_name"], Email: vals["email"], Detail: vals["detail"],
		Remediation: vals["remediation"], Reviewer: vals["reviewer"], Status: vals["status"],
	}, nil
}

// describe names what a JSON value is, briefly, for a message.
func describe(raw []byte) string {
	s := strings.TrimSpace(string(raw))
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return s
}
