package campaign

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"

	"github.com/review-tool/review/internal/digest"
	"github.com/review-tool/review/internal/inputerr"
	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/internal/wholefile"
)

// Issued is campaign.json: the campaign as it was sent out, written by
// WriteFile and read back by collect, which checks every returned row
// against it. Fields are declared in key order: the encoder writes them
// so, and the file's keys are sorted.
type Issued struct {
	File string `json:"-"`
	// SHA256 is the hex SHA-256 of the file as LoadIssued read it.
	SHA256   string          `json:"-"`
	AsOf     string          `json:"as_of"`
	ID       string          `json:"campaign"`
	Findings []IssuedFinding `json:"findings"`
	// FindingsWorkbook is the findings workbook the split was written
	// beside (review run's --out); nil in a campaign.json of a review
	// before it was recorded, or when that workbook went to standard
	// output, whose bytes are written after campaign.json.
	FindingsWorkbook *IssuedWorkbook `json:"findings_workbook,omitempty"`
	// Fingerprint is the SHA-256 of the file's own content (see
	// sealedLine), set by WriteIssued: collect refuses a campaign.json
	// changed after the split, a finding deleted from it included.
	Fingerprint string           `json:"fingerprint,omitempty"`
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

// IssuedWorkbook is a file the campaign came from: its name (without its
// folder, which is the machine's that ran the split) and the hex SHA-256
// of its bytes as written.
type IssuedWorkbook struct {
	File   string `json:"file"`
	SHA256 string `json:"sha256"`
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

// WriteIssued writes c as campaign.json: keys sorted, two-space indent, a
// newline at the end, and its fingerprint. The fingerprint is the SHA-256,
// in hex, of the file's bytes without the fingerprint's own line
// (`  "fingerprint": "…",`), so that anyone can check it:
// grep -v '^  "fingerprint": ' campaign.json | sha256sum. The content is
// encoded twice, once into the hash and once into w, rather than held in
// memory: a campaign may list a million findings.
func WriteIssued(w io.Writer, c *Issued) error {
	sealed := *c
	sealed.Fingerprint = ""
	h := sha256.New()
	if err := encodeIssued(h, &sealed); err != nil {
		return err
	}
	sealed.Fingerprint = hex.EncodeToString(h.Sum(nil))
	bw := bufio.NewWriter(w)
	if err := encodeIssued(bw, &sealed); err != nil {
		return err
	}
	return bw.Flush()
}

// encodeIssued is campaign.json's one encoding, which the fingerprint
// covers: the encoder writes the fields in declaration order, which is key
// order, and map keys sorted.
func encodeIssued(w io.Writer, c *Issued) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(c); err != nil {
		return fmt.Errorf("campaign file: %w", err)
	}
	return nil
}

// fingerprintKey starts the fingerprint's line: two spaces of indent, so
// that only the top level's key matches (a finding's own fingerprint is
// indented further).
const fingerprintKey = "\n  \"fingerprint\": \""

// checkSealed checks that data, campaign.json as read, is as WriteIssued
// wrote it: one fingerprint line, holding the SHA-256 of the rest of the
// file. A finding deleted or edited, a reviewer added, a date changed: the
// sum differs, and collect would otherwise act on a campaign nobody sent.
func checkSealed(file string, data []byte) error {
	changed := inputerr.New("%s was changed after the split (its fingerprint does not match): use the file the split wrote", file)
	i := bytes.Index(data, []byte(fingerprintKey))
	if i < 0 || bytes.Count(data, []byte(fingerprintKey)) != 1 {
		return inputerr.New("%s has no fingerprint line of its own content: it was changed after the split, or written by an older review; use the file the split wrote", file)
	}
	start := i + 1 // the line starts after the newline
	end := bytes.IndexByte(data[start:], '\n')
	if end < 0 {
		return changed
	}
	end += start + 1
	var stated string
	line := bytes.TrimSuffix(bytes.TrimSpace(data[start:end]), []byte(","))
	if _, v, ok := bytes.Cut(line, []byte(":")); !ok || json.Unmarshal(bytes.TrimSpace(v), &stated) != nil {
		return changed
	}
	h := sha256.New()
	h.Write(data[:start])
	h.Write(data[end:])
	if hex.EncodeToString(h.Sum(nil)) != stated {
		return changed
	}
	return nil
}

// LoadIssued reads campaign.json, refusing one changed since the split
// (checkSealed). Numbers in the evidence stay json.Number, so an account
// id of any size is passed on as written.
func LoadIssued(file string) (*Issued, error) {
	data, err := wholefile.Read(file, "the campaign.json that review run --split-by wrote")
	if err != nil {
		return nil, inputerr.Wrap(fmt.Errorf("campaign: %w", err))
	}
	if err := checkSealed(file, data); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var c Issued
	if err := dec.Decode(&c); err != nil {
		return nil, inputerr.New("%s: %v, expected the campaign.json that review run --split-by wrote", file, err)
	}
	c.File = file
	c.SHA256, _, _ = digest.Reader(bytes.NewReader(data)) // reading memory cannot fail
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
