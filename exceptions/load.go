// Package exceptions reads the --exceptions register (accepted risks) and
// marks the findings it covers, so that a reviewed finding is not argued
// again every quarter and an exception that has expired or matches nothing
// shows (docs/inputs.md, docs/outputs.md).
package exceptions

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/review-tool/review/internal/inputerr"
	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/internal/wholefile"
)

// Register is the entries of one file, in file order.
type Register struct {
	File    string
	Entries []Entry
	// SHA256 (hex) and Bytes are the file's, for the Evidence sheet: the
	// register decides statuses, so an auditor must see which one was used.
	SHA256 string
	Bytes  int64
}

// Entry is one exception. Its pattern is the entity lower-cased, as the
// finding id lower-cases the entity, so that matching ignores case.
type Entry struct {
	model.Exception
	expires time.Time
	pattern string
}

// fields are the keys an entry may have; every one but source is required.
var fields = []string{"rule", "entity", "source", "reason", "approved_by", "expires"}

// Load reads path. ruleIDs are the rules loaded in this run: an entry for
// any other rule is an input error, as a misspelt id would otherwise
// except nothing, silently. Every error names the file and line.
func Load(file string, ruleIDs map[string]bool) (*Register, error) {
	data, err := wholefile.Read(file, "a YAML register of accepted risks")
	if err != nil {
		return nil, inputerr.Wrap(fmt.Errorf("--exceptions: %w", err))
	}
	sum := sha256.Sum256(data)
	reg, err := load(file, data, ruleIDs)
	if reg != nil {
		reg.SHA256, reg.Bytes = hex.EncodeToString(sum[:]), int64(len(data))
	}
	return reg, err
}

// load reads the register from the file's content.
func load(file string, data []byte, ruleIDs map[string]bool) (*Register, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return &Register{File: file}, nil
		}
		return nil, inputerr.New("%s", syntaxError(file, err))
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind != yaml.SequenceNode {
		return nil, inputerr.New("%s:%d:%d: expected a list of exceptions (- rule: …)", file, root.Line, root.Column)
	}
	reg := &Register{File: file}
	for _, n := range root.Content {
		e, err := entry(file, n, ruleIDs)
		if err != nil {
			return nil, err
		}
		reg.Entries = append(reg.Entries, e)
	}
	return reg, nil
}

// entry checks one list item: known keys, string values, required fields,
// a known rule, a date, a glob that compiles.
func entry(file string, n *yaml.Node, ruleIDs map[string]bool) (Entry, error) {
	at := func(n *yaml.Node, format string, a ...any) error {
		return inputerr.New("%s:%d:%d: %s", file, n.Line, n.Column, fmt.Sprintf(format, a...))
	}
	if n.Kind != yaml.MappingNode {
		return Entry{}, at(n, "expected an exception (rule:, entity:, reason:, approved_by:, expires:)")
	}
	vals := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		known := false
		for _, f := range fields {
			known = known || f == k.Value
		}
		if !known {
			return Entry{}, at(k, "unknown key %q, expected one of %s", k.Value, strings.Join(fields, ", "))
		}
		if v.Kind != yaml.ScalarNode {
			return Entry{}, at(v, "%s: expected a single value", k.Value)
		}
		vals[k.Value] = v
	}
	for _, f := range fields {
		if f == "source" {
			continue
		}
		if v := vals[f]; v == nil || strings.TrimSpace(v.Value) == "" {
			return Entry{}, at(n, "exception without %s: rule, entity, reason, approved_by and expires are required", f)
		}
	}
	e := Entry{Exception: model.Exception{File: file, Line: n.Line,
		Rule: vals["rule"].Value, Entity: vals["entity"].Value, Reason: vals["reason"].Value,
		ApprovedBy: vals["approved_by"].Value, Expires: vals["expires"].Value}}
	if v := vals["source"]; v != nil {
		e.Source = v.Value
	}
	if !ruleIDs[e.Rule] {
		return Entry{}, at(vals["rule"], "unknown rule %q (review rules list shows the rule ids)", e.Rule)
	}
	t, err := time.Parse("2006-01-02", e.Expires)
	if err != nil {
		return Entry{}, at(vals["expires"], "expires %q: expected a date YYYY-MM-DD", e.Expires)
	}
	e.expires = t
	e.pattern = strings.ToLower(e.Entity)
	if _, err := path.Match(e.pattern, ""); err != nil {
		return Entry{}, at(vals["entity"], "entity %q: not a valid glob (%v)", e.Entity, err)
	}
	return e, nil
}

// yamlLine is where yaml.v3 puts the line in its syntax errors.
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntaxError puts a YAML syntax error as FILE:LINE: problem, as every
// other error of the file is put.
func syntaxError(file string, err error) string {
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		return file + ":" + m[1] + ": " + m[2]
	}
	return file + ": " + err.Error()
}
