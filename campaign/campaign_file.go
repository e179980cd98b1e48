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

// Issued is campaign.json: the campaign as it was sent out, written by
// WriteFile and read back by collect, which checks every returned row
// against it. Fields are declared in key order: the encoder writes them
// so, and the file's keys are sorted.
type Issued struct {
	File        string           `json:"-"`
	AsOf        string           `json:"as_of"`
	ID          string           `json:"campaign"`
	Findings    []IssuedFinding  `json:"findings"`
	Reviewers   []IssuedReviewer `json:"reviewers"`
	RulesDigest string           `json:"rules_digest"`

	byID map[string]int
}

// IssuedReviewer is one reviewer of the campaign and the workbook sent to
// them.
type IssuedReviewer struct {
	File     string `json:"file"`
	Findings int    `json:"findings"`
	Name     string `json:"name"`
}

// IssuedFinding is one finding as the campaign recorded it, with its
// fingerprint and the evidence a revoke needs.
type IssuedFinding struct {
	Detail      string         `json:"detail"`
	DisplayName string         `json:"display_name"`
	Entity      string         `json:"entity"`
	EntityType  string         `json:"entity_type"`
	Evidence    map[string]any `json:"evidence"`
	Family      string         `json:"family"`
	Fingerprint string         `json:"fingerprint"`
	ID          string         `json:"id"`
	Product     string         `json:"product"`
	Reviewer    string         `json:"reviewer"`
	Rule        string         `json:"rule"`
	Severity    string         `json:"severity"`
	Source      string         `json:"source"`
	Title       string         `json:"title"`
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
