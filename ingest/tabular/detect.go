package tabular

import (
	"bytes"
	"encoding/csv"
	"io"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/review-tool/review/ingest/reader"
	"github.com/review-tool/review/ingest/textio"
	"github.com/review-tool/review/schema"
)

// Detect recognises a table from its file name and its first bytes (up to
// 64 KiB, undecoded): content first, file name second. A header with a
// username column is a User Account Report, one with an email column and
// HR columns (employee id, status, termination date, …) a roster, one with
// product and purchased columns (or YAML rows with those keys) a license
// file. A header that is read and matches none of these is KindUnknown.
//
// The name decides only when the content cannot: a head that is not text,
// an empty file, YAML that does not parse, or a workbook larger than head
// (a zip is read from its end, so its sheets are not in head). Then a
// roster, licence or user name (hr.xlsx, licenses.yaml, users.csv) gives a
// provisional kind, and the reader checks the header when it reads.
// DetectWorkbook reads a whole workbook instead.
func Detect(name string, head []byte) schema.Kind {
	k, _ := detect(name, head)
	return k
}

// detect is Detect saying whether the content (reader.Content) or only
// the name (reader.Name) told the kind.
func detect(name string, head []byte) (schema.Kind, reader.Confidence) {
	if bytes.HasPrefix(head, zipMagic) {
		rc := io.NopCloser(bytes.NewReader(head))
		if wb, err := openWorkbook(Input{Path: name}, rc, rc); err == nil {
			defer wb.close()
			return workbookKind(wb), reader.Content
		}
		return kindFromName(name), reader.Name
	}
	if isYAMLName(name) || looksYAML(head) {
		return detectYAML(name, head)
	}
	header, ok := textHeader(head)
	if !ok {
		return kindFromName(name), reader.Name
	}
	return classify(header), reader.Content
}

// DetectWorkbook recognises a workbook (.xlsx) by the header of its
// sheets, reading it whole: the first sheet whose first rows hold a header
// that tells wins.
func DetectWorkbook(in Input) (schema.Kind, error) {
	rc, err := in.Open()
	if err != nil {
		return schema.KindUnknown, err
	}
	wb, err := openWorkbook(in, rc, rc)
	if err != nil {
		return schema.KindUnknown, err
	}
	defer wb.close()
	return workbookKind(wb), nil
}

// workbookKind classifies the header openSheet would find: the first row,
// in sheet order, that tells a kind.
func workbookKind(wb *xlsxBook) schema.Kind {
	t, err := wb.findHeader(func(h []string) bool { return classify(h) != schema.KindUnknown })
	if err != nil || t == nil {
		return schema.KindUnknown
	}
	t.rows.(*sheetRows).rows.Close()
	return classify(t.header)
}

// textHeader reads the header of delimited text from the head of a file;
// ok is false when the head cannot tell (empty, not text, a broken header).
// UTF-8 is cut after the header, so that a rune cut at the end of head, or
// a bad byte further on, does not hide it; the reader reports those.
func textHeader(head []byte) ([]string, bool) {
	if textio.LooksUTF16(head) { // a line end is half a character there
		head = head[:len(head)&^1]
	} else {
		head = head[:firstRecordEnd(head)]
	}
	buf, err := textio.DecodeHead(head)
	if err != nil {
		return nil, false
	}
	switch t := bytes.TrimLeft(buf, " \t\r\n"); {
	case len(t) == 0:
		return nil, false
	case t[0] == '[' || t[0] == '{' || t[0] == '<':
		return nil, true // JSON or XML: no header, not a table
	}
	r := csv.NewReader(bytes.NewReader(buf))
	r.Comma = sniffComma(buf)
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, false
	}
	return header, true
}

// Signals: the keys of fields that tell a User Account Report or a roster.
// Username, email and (display) name count for neither; Status counts for
// both (the report's enabled flag, the roster's status).
var (
	reportOnly = map[string]bool{
		"private_display_name": true, "security_provider_name": true,
		"security_provider_id": true, "enabled": true, "last_authentication": true, "created_at": true,
		"is_admin": true, "two_factor_required": true, "two_factor_enabled": true, "fido2_credential_count": true,
		"fido2_last_used_date": true, "account_expiration": true, "account_never_expires": true,
		"password_expiration": true, "password_never_expires": true, "failed_logins": true, "license_pool": true,
		"group_policies": true, "teams": true, "jump_groups": true, "vault_account_groups": true,
	}
	rosterOnly = map[string]bool{
		"employee_id": true, "first_name": true, "last_name": true, "status": true, "employee_type": true,
		"termination_date": true, "manager": true, "department": true,
	}
)

// classify tells the kind of table from its header. A username column
// makes a report unless the other columns are more HR than BeyondTrust; an
// email column with HR columns makes a roster.
func classify(header []string) schema.Kind {
	var username, email, product, purchased bool
	var reportSignals, rosterSignals int
	for _, h := range header {
		if a, ok := reportSet.lookup(h); ok {
			switch {
			case a.f.key == "username":
				username = true
			case reportOnly[a.f.key]:
				reportSignals++
			}
		} else if _, ok := permName(h); ok {
			reportSignals++
		}
		if a, ok := rosterSet.lookup(h); ok {
			switch {
			case a.f.key == "email":
				email = true
			case rosterOnly[a.f.key]:
				rosterSignals++
			}
		}
		if a, ok := licenseSet.lookup(h); ok {
			product = product || a.f.key == "product"
			purchased = purchased || a.f.key == "purchased"
		}
	}
	switch {
	case product && purchased:
		return schema.KindLicenses
	case username && reportSignals >= rosterSignals:
		return schema.KindUserReport
	case email && rosterSignals > 0:
		return schema.KindRoster
	case username:
		return schema.KindUserReport
	}
	return schema.KindUnknown
}

// detectYAML recognises a YAML license file: a list of rows, or a map with
// a licenses: list, whose first row has product and purchased.
func detectYAML(name string, head []byte) (schema.Kind, reader.Confidence) {
	buf, err := textio.DecodeHead(head)
	if err != nil {
		return kindFromName(name), reader.Name
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(buf, &doc); err != nil {
		return kindFromName(name), reader.Name // perhaps cut at the end of head
	}
	items, err := licenseItems("", &doc)
	if err != nil {
		return schema.KindUnknown, reader.Content
	}
	if len(items) == 0 {
		return kindFromName(name), reader.Name
	}
	item := resolve(items[0])
	var product, purchased bool
	for k := 0; item.Kind == yaml.MappingNode && k+1 < len(item.Content); k += 2 {
		if a, ok := licenseSet.lookup(item.Content[k].Value); ok {
			product = product || a.f.key == "product"
			purchased = purchased || a.f.key == "purchased"
		}
	}
	if product && purchased {
		return schema.KindLicenses, reader.Content
	}
	return schema.KindUnknown, reader.Content
}

// kindFromName guesses a kind from a table's file name, for when its
// content cannot tell: licen[cs]e, then HR words, then user.
func kindFromName(name string) schema.Kind {
	base := strings.ToLower(filepath.Base(name))
	ext := filepath.Ext(base)
	switch ext {
	case ".csv", ".tsv", ".txt", ".xlsx", ".yaml", ".yml":
	default:
		return schema.KindUnknown
	}
	stem := strings.TrimSuffix(base, ext)
	words := strings.FieldsFunc(stem, func(r rune) bool {
		return !('a' <= r && r <= 'z' || '0' <= r && r <= '9')
	})
	has := func(set ...string) bool {
		for _, w := range words {
			for _, s := range set {
				if w == s {
					return true
				}
			}
		}
		return false
	}
	switch {
	case strings.Contains(stem, "licen"):
		return schema.KindLicenses
	case isYAMLName(base):
		return schema.KindUnknown
	case strings.Contains(stem, "roster") || has("hr", "employee", "employees", "people", "staff", "workforce", "personnel"):
		return schema.KindRoster
	case strings.Contains(stem, "user") || has("account", "accounts"):
		return schema.KindUserReport
	}
	return schema.KindUnknown
}
