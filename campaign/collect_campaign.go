// Package campaign runs the offline review campaign: the per-reviewer
// workbooks a run sends out, and collect, which reads them back, checks
// them against the campaign they came from and consolidates the decisions
// into the decisions workbook and the revoke list (docs/campaign.md).
package campaign

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"

	"github.com/review-tool/review/internal/inputerr"
	"github.com/review-tool/review/internal/model"
)

// Issued is campaign.json as collect reads it: the campaign as it was sent
// out, the reference every returned row is checked against.
type Issued struct {
	File        string           `json:"-"`
	ID          string           `json:"campaign"`
	AsOf        string           `json:"as_of"`
	RulesDigest string           `json:"rules_digest"`
	Reviewers   []IssuedReviewer `json:"reviewers"`
	Findings    []IssuedFinding  `json:"findings"`

	byID map[string]int
}

// IssuedReviewer is one reviewer of the campaign and the workbook sent to
// them.
type IssuedReviewer struct {
	Name     string `json:"name"`
	File     string `json:"file"`
	Findings int    `json:"findings"`
}

// IssuedFinding is one finding as the campaign recorded it, with its
// fingerprint and the evidence a revoke needs.
type IssuedFinding struct {
	ID          string         `json:"id"`
	Fingerprint string         `json:"fingerprint"`
	Reviewer    string         `json:"reviewer"`
	Rule        string         `json:"rule"`
	Family      string         `json:"family"`
	Severity    string         `json:"severity"`
	Title       string         `json:"title"`
	Source      string         `json:"source"`
	Product     string         `json:"product"`
	EntityType  string         `json:"entity_type"`
	Entity      string         `json:"entity"`
	DisplayName string         `json:"display_name"`
	Detail      string         `json:"detail"`
	Evidence    map[string]any `json:"evidence"`
}

// finding is the part of f the fingerprint covers.
func (f *IssuedFinding) finding() *model.Finding {
	return &model.Finding{ID: f.ID, Rule: f.Rule, Source: f.Source, EntityType: f.EntityType, Entity: f.Entity, Detail: f.Detail}
}

// LoadIssued reads campaign.json. Numbers in the evidence stay
// json.Number, so an account id of any size is passed on as written.
func LoadIssued(file string) (*Issued, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, inputerr.Wrap(fmt.Errorf("campaign: %w", err))
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var c Issued
	if err := dec.Decode(&c); err != nil {
		return nil, inputerr.New("%s: %v, expected the campaign.json that review run --split-by wrote", file, err)
	}
	c.File = file
	if c.ID == "" {
		return nil, inputerr.New("%s: no \"campaign\" id, expected the campaign.json that review run --split-by wrote", file)
	}
	c.byID = make(map[string]int, len(c.Findings))
	for i := range c.Findings {
		f := &c.Findings[i]
		if _, dup := c.byID[f.ID]; dup {
			return nil, inputerr.New("%s: finding %s listed twice", file, f.ID)
		}
		if want := Fingerprint(f.finding()); f.Fingerprint != want {
			return nil, inputerr.New("%s: finding %s has fingerprint %q, but its facts give %q: the campaign file was changed",
				file, f.ID, f.Fingerprint, want)
		}
		c.byID[f.ID] = i
	}
	return &c, nil
}

// finding is the campaign's finding id, or nil.
func (c *Issued) finding(id string) *IssuedFinding {
	i, ok := c.byID[id]
	if !ok {
		return nil
	}
	return &c.Findings[i]
}
