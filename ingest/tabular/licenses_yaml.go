package tabular

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/review-tool/review/ingest/cells"
	"github.com/review-tool/review/ingest/located"
	"github.com/review-tool/review/ingest/reader"
	"github.com/review-tool/review/ingest/textio"
	"github.com/review-tool/review/schema"
)

// maxYAML bounds a YAML license file, which is read whole.
const maxYAML = 16 << 20

const expectLicenseRows = "a list of license rows (product: …, seat_type: …, purchased: …), or licenses: holding one"

// readLicensesYAML reads a YAML license file; every error names the line
// and column of the node at fault.
func readLicensesYAML(in Input, sink schema.Sink) (*reader.Result, error) {
	data, enc, err := readYAML(in)
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(in.Path, data, err)
	}
	items, err := licenseItems(in.Path, &doc)
	if err != nil {
		return nil, err
	}
	res := stamp(&reader.Result{Kind: schema.KindLicenses, Capabilities: []string{schema.CapLicenses}}, enc, in)
	unknown := map[string]bool{}
	for _, item := range items {
		row, err := licenseRow(in, item, unknown)
		if err == nil {
			err = appendLicense(sink, row, res)
		}
		var re *rowError
		if errors.As(err, &re) && in.BadRow != nil {
			err = in.BadRow(re.err)
		}
		if err != nil {
			return nil, plain(err)
		}
	}
	if len(unknown) > 0 {
		res.UnknownColumns = slices.Sorted(maps.Keys(unknown))
	}
	return res, nil
}

// readYAML reads a YAML file whole, as UTF-8, and says what it was read as.
func readYAML(in Input) ([]byte, textio.Encoding, error) {
	rc, err := in.Open()
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", in.Path, err)
	}
	defer rc.Close()
	text, enc, err := textio.Decode(rc, in.Encoding)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", in.Path, err)
	}
	data, err := io.ReadAll(io.LimitReader(text, maxYAML+1))
	if err != nil {
		return nil, "", readError(in, err)
	}
	if len(data) > maxYAML {
		return nil, "", &located.Error{File: in.Path, Found: fmt.Sprintf("a YAML file over %d MiB", maxYAML>>20), Expected: "a license file"}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, "", &located.Error{File: in.Path, Found: "an empty file", Expected: expectLicenseRows}
	}
	return data, enc, nil
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlError turns a yaml.v3 error ("yaml: line 3: …") into a *located.Error.
// yaml.v3 does not say where the character it does not allow is; data
// does.
func yamlError(path string, data []byte, err error) error {
	e := &located.Error{File: path, Found: fmt.Sprintf("invalid YAML (%s)", strings.TrimPrefix(err.Error(), "yaml: ")), Expected: expectLicenseRows}
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		e.Line, _ = strconv.ParseInt(m[1], 10, 64)
		e.Found = fmt.Sprintf("invalid YAML (%s)", m[2])
	} else {
		// yaml.v3 gives no line when the text ends inside a node (an
		// unclosed quote, say): that place is the end of the file.
		e.Line, e.Column = endOf(data)
	}
	if line, col, r, ok := firstControl(data); ok && strings.Contains(err.Error(), "control characters") {
		e.Line, e.Column = line, col
		e.Found = fmt.Sprintf("the control character U+%04X", r)
		e.Expected = "text without control characters (YAML allows tab and line breaks only)"
	}
	return e
}

// endOf returns the line and column just past the last character of text.
func endOf(text []byte) (line, col int64) {
	at := textio.Start()
	at.Advance(text)
	return at.Line, at.Col
}

// firstControl finds the first character of UTF-8 text that YAML does not
// allow (C0 and C1 controls bar tab, line breaks and NEL; U+FFFE, U+FFFF),
// and its line and column.
func firstControl(text []byte) (line, col int64, r rune, ok bool) {
	at := textio.Start()
	for i := 0; i < len(text); {
		c, size := utf8.DecodeRune(text[i:])
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0x7F && c < 0xA0 && c != 0x85 || c == 0xFFFE || c == 0xFFFF {
			return at.Line, at.Col, c, true
		}
		at.Advance(text[i : i+size])
		i += size
	}
	return 0, 0, 0, false
}

// licenseItems finds the rows: the document's list, or its licenses: list.
func licenseItems(path string, doc *yaml.Node) ([]*yaml.Node, error) {
	if len(doc.Content) == 0 {
		return nil, &located.Error{File: path, Found: "an empty document", Expected: expectLicenseRows}
	}
	root := resolve(doc.Content[0])
	if root.Kind == yaml.MappingNode {
		for k := 0; k+1 < len(root.Content); k += 2 {
			if cells.NormalizeHeader(root.Content[k].Value) == "licenses" {
				root = resolve(root.Content[k+1])
				break
			}
		}
	}
	if root.Kind != yaml.SequenceNode {
		if root.Tag == "!!null" {
			return nil, nil // licenses: with nothing under it
		}
		return nil, nodeError(path, root, describeNode(root), expectLicenseRows)
	}
	return root.Content, nil
}

// licenseRow reads one item of the list; unknown keys go to unknown.
func licenseRow(in Input, item *yaml.Node, unknown map[string]bool) ([]any, error) {
	item = resolve(item)
	bad := func(n *yaml.Node, found, expected string) error {
		e := nodeError(in.Path, n, found, expected)
		e.Raw = "(empty)"
		if out, err := yaml.Marshal(item); err == nil && len(bytes.TrimSpace(out)) > 0 {
			e.Raw = strings.TrimSpace(string(out))
		}
		return &rowError{e}
	}
	if item.Kind != yaml.MappingNode {
		return nil, bad(item, describeNode(item), "a license row (product: …, seat_type: …, purchased: …)")
	}
	row := schema.Licenses.NewRow("", in.FileID, int64(item.Line))
	seen := map[string]*yaml.Node{}
	for k := 0; k+1 < len(item.Content); k += 2 {
		key, val := item.Content[k], resolve(item.Content[k+1])
		if key.Kind != yaml.ScalarNode || strings.TrimSpace(key.Value) == "" {
			// As a table column needs a name (docs/inputs.md §5), so does a key.
			found := "a key without a name"
			if key.Kind != yaml.ScalarNode {
				found = describeNode(key) + " as a key"
			}
			return nil, bad(key, found, "a column name such as product, seat_type or purchased")
		}
		a, ok := licenseSet.lookup(key.Value)
		if !ok {
			unknown[key.Value] = true
			continue
		}
		f := a.f
		if prev := seen[f.key]; prev != nil {
			return nil, bad(key, fmt.Sprintf("a second %s (the first is on line %d)", f.key, prev.Line), "each key once")
		}
		seen[f.key] = key
		if val.Kind != yaml.ScalarNode {
			return nil, bad(val, describeNode(val), expectation(f.parse))
		}
		s := val.Value
		if val.Tag == "!!null" {
			s = ""
		}
		v, expected := parseCell(f, s, dates{order: dateOrder(in), file: in.Path})
		if expected != "" {
			return nil, bad(val, quote(s), expected)
		}
		row[schema.Licenses.Index(f.column)] = v
	}
	for _, key := range licenseRequired {
		a, _ := licenseSet.lookup(key)
		if row[schema.Licenses.Index(a.f.column)] == nil {
			return nil, bad(item, "no "+key, expectation(a.f.parse))
		}
	}
	return row, nil
}

func nodeError(path string, n *yaml.Node, found, expected string) *located.Error {
	return &located.Error{File: path, Line: int64(n.Line), Column: int64(n.Column), Found: found, Expected: expected}
}

// resolve follows aliases (*name) to the node they stand for.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n.Kind == yaml.AliasNode && n.Alias != nil && i < 100; i++ {
		n = n.Alias
	}
	return n
}

func describeNode(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.ScalarNode:
		if n.Tag == "!!null" && n.Value == "" {
			return "an empty item"
		}
		return "the value " + quote(n.Value)
	}
	return "a YAML node"
}
