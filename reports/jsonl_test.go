package reports

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/review-tool/review/internal/model"
)

func TestWriteJSONLGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJSONL(&buf, goldenFindings()); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "findings.jsonl", buf.Bytes())
}

func TestWriteJSONLKeyOrder(t *testing.T) {
	var buf bytes.Buffer
	fs := testFindings()
	if err := WriteJSONL(&buf, fs); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != len(fs) {
		t.Fatalf("%d lines for %d findings", len(lines), len(fs))
	}
	wantKeys := []string{"id", "rule", "family", "severity", "title", "source", "product", "entity_type",
		"entity", "display_name", "email", "detail", "remediation", "reviewer", "status", "evidence"}
	for i, line := range lines {
		keys, ev := topKeys(t, line)
		if !slices.Equal(keys, wantKeys) {
			t.Errorf("line %d keys %q", i+1, keys)
		}
		if !slices.IsSorted(ev) {
			t.Errorf("line %d evidence keys not sorted: %q", i+1, ev)
		}
	}
	// The long detail is kept whole: JSON has no cell limit. Reviewer and
	// remediation are the finding's, as on the Findings sheet.
	for i, f := range fs {
		var got struct {
			Detail      string         `json:"detail"`
			Remediation string         `json:"remediation"`
			Reviewer    string         `json:"reviewer"`
			Evidence    map[string]any `json:"evidence"`
		}
		if err := json.Unmarshal([]byte(lines[i]), &got); err != nil {
			t.Fatal(err)
		}
		if got.Detail != f.Detail {
			t.Errorf("line %d: detail of %d bytes, want %d", i+1, len(got.Detail), len(f.Detail))
		}
		if got.Remediation != f.Remediation || got.Remediation == "" || got.Reviewer != f.Reviewer || got.Reviewer == "" {
			t.Errorf("line %d: remediation %q, reviewer %q; want %q, %q", i+1, got.Remediation, got.Reviewer, f.Remediation, f.Reviewer)
		}
		if got.Evidence == nil {
			t.Errorf("line %d: evidence is null, want an object", i+1)
		}
	}
}

// topKeys returns the keys of a JSON object in order, and the keys of its
// evidence object.
func topKeys(t *testing.T, line string) (keys, evidence []string) {
	t.Helper()
	var obj map[string]json.RawMessage
	if err := json.Unmarshal([]byte(line), &obj); err != nil {
		t.Fatalf("%v: %s", err, line)
	}
	dec := json.NewDecoder(strings.NewReader(line))
	_, _ = dec.Token() // {
	for dec.More() {
		tok, _ := dec.Token()
		keys = append(keys, tok.(string))
		var skip json.RawMessage
		_ = dec.Decode(&skip)
	}
	dec = json.NewDecoder(bytes.NewReader(obj["evidence"]))
	_, _ = dec.Token()
	for dec.More() {
		tok, _ := dec.Token()
		evidence = append(evidence, tok.(string))
		var skip json.RawMessage
		_ = dec.Decode(&skip)
	}
	return keys, evidence
}

func TestWriteJSONLBadEvidence(t *testing.T) {
	f := model.Finding{ID: "x", Evidence: map[string]any{"ratio": math.NaN()}}
	if err := WriteJSONL(&bytes.Buffer{}, []model.Finding{f}); err == nil || !strings.Contains(err.Error(), "finding x") {
		t.Errorf("error %v, want one naming the finding", err)
	}
}
