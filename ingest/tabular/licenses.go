package tabular

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/review-tool/review/ingest/reader"
	"github.com/review-tool/review/ingest/textio"
	"github.com/review-tool/review/schema"
)

var (
	licensesCurrency = schema.Licenses.Index("currency")
	// licenseRequired must have a value on every row.
	licenseRequired = []string{"product", "seat_type", "purchased"}
)

// ReadLicenses reads the license file (docs/inputs.md §5): CSV (or a workbook)
// with the columns product, seat_type, purchased, annual_cost_per_seat,
// currency, renewal_date and source; or, for a .yaml/.yml file, YAML: a
// list of rows with those keys, or a map whose licenses: key holds one.
// product, seat_type and purchased are required; currency defaults to USD;
// source fills applies_to. Unknown columns or keys are listed in
// UnknownColumns.
func ReadLicenses(in Input, sink schema.Sink) (*reader.Result, error) {
	yamlFile := isYAMLName(in.Path)
	if !yamlFile {
		head, err := readHead(in)
		if err != nil {
			return nil, err
		}
		yamlFile = looksYAML(head)
	}
	if yamlFile {
		return readLicensesYAML(in, sink)
	}
	t, err := openTable(in, func(h []string) bool { return licenseSet.has(h, "product") })
	if err != nil {
		return nil, err
	}
	defer t.close()
	m, err := mapColumns(t, licenseSet)
	if err != nil {
		return nil, err
	}
	for _, key := range licenseRequired {
		if m.col(key) < 0 {
			return nil, missingColumn(in.Path, t.headerLine, licenseSet, key)
		}
	}
	dst := m.dst(schema.Licenses)
	res := stamp(&reader.Result{Kind: schema.KindLicenses, Capabilities: []string{schema.CapLicenses}, UnknownColumns: t.names(m.rest)}, t.encoding, in)
	err = t.each(in, func(rec []string) error {
		row := schema.Licenses.NewRow("", in.FileID, t.line())
		for i, f := range m.fields {
			if f == nil {
				continue
			}
			v, expected := parseCell(f, cell(rec, i), t.dates.at(i))
			if expected != "" {
				return t.bad(i, quote(cell(rec, i)), expected)
			}
			row[dst[i]] = v
		}
		for _, key := range licenseRequired {
			if i := m.col(key); row[dst[i]] == nil {
				return t.bad(i, "no "+key, expectation(m.fields[i].parse))
			}
		}
		return appendLicense(sink, row, res)
	})
	if err != nil {
		return nil, err
	}
	noteAmbiguousDates(res, t)
	return res, nil
}

// appendLicense completes a license row (the default currency) and adds it.
func appendLicense(sink schema.Sink, row []any, res *reader.Result) error {
	if row[licensesCurrency] == nil {
		row[licensesCurrency] = "USD"
	}
	if err := sink.Append(schema.Licenses, row); err != nil {
		return err
	}
	res.Rows++
	return nil
}

// looksYAML tells YAML by its content, whatever the file is called: its
// first line that is not blank or a comment starts a list item ("- ") or a
// document ("---"), or is a "key: value" line, which no table header is.
func looksYAML(head []byte) bool {
	text, err := textio.DecodeHead(head)
	if err != nil {
		return false
	}
	for _, line := range strings.Split(string(text), "\n") {
		line = strings.TrimRight(line, "\r")
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if strings.HasPrefix(t, "- ") || t == "-" || t == "---" {
			return true
		}
		key, _, ok := strings.Cut(t, ": ")
		if !ok {
			key, ok = strings.CutSuffix(t, ":")
		}
		return ok && key != "" && !strings.ContainsAny(key, ",;\t\"")
	}
	return false
}

// readHead reads the first bytes of an input, for looksYAML.
func readHead(in Input) ([]byte, error) {
	rc, err := in.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	head := make([]byte, 64<<10)
	n, err := io.ReadFull(rc, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, fmt.Errorf("%s: %w", in.Path, err)
	}
	return head[:n], nil
}

// isYAMLName tells a YAML file by its name.
func isYAMLName(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml":
		return true
	}
	return false
}
