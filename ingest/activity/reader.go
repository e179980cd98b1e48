// Package activity reads what accounts did: the session and activity
// reports of the PRA and Remote Support reporting API (XML: AccessSession /
// SupportSession, VaultAccountActivity; the session listings, team
// activity and empty reports recognised), and Password Safe's UserAudits,
// Sessions and role catalogue (JSON). Reports are read as streams, element
// by element or record by record, so a quarter of a busy site's sessions
// costs the memory of one session (docs/inputs.md §3a).
package activity

import (
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"

	"github.com/review-tool/review/ingest/reader"
	"github.com/review-tool/review/ingest/textio"
	"github.com/review-tool/review/schema"
)

// Reader is the session and activity family as ingest's registry knows it.
type Reader struct{}

// Name implements reader.Reader.
func (Reader) Name() string { return "session and activity report" }

// Kinds implements reader.Reader.
func (Reader) Kinds() []schema.Kind {
	var out []schema.Kind
	for _, r := range reports {
		out = append(out, r.kind)
	}
	for _, k := range psKinds {
		out = append(out, k.kind)
	}
	return out
}

// FixedFormat implements reader.FixedFormat: XML states its encoding and
// the API writes Unix times; Password Safe writes UTF-8 JSON and RFC 3339
// dates. --date-order is not for these files.
func (Reader) FixedFormat() {}

// lookFor is what an XML file was looked at for.
const lookFor = "a reporting API session or activity report (<session_list>, <session_summary_list>, <vault_account_activity_list>, <team_activity_list> or <error>)"

// Detect implements reader.Reader. XML is told by its root element, read
// from the head; JSON by the fields of its first record (a Password Safe
// export), read from the file as far as that record.
func (Reader) Detect(h *reader.Head) (reader.Detection, error) {
	t := bytes.TrimLeft(h.Text(), " \t\r\n")
	if len(t) == 0 {
		return reader.Detection{}, nil
	}
	switch t[0] {
	case '<':
		root := rootOf(t)
		if r := reportByRoot(root); r != nil {
			return reader.Detection{Kind: r.kind, Confidence: reader.Content}, nil
		}
		return reader.Detection{Confidence: reader.Format, LookFor: lookFor}, nil
	case '[', '{':
		r, err := h.Reader()
		if err != nil {
			return reader.Detection{}, err
		}
		text, _, err := textio.DecodeText(r)
		if err == nil {
			var d reader.Detection
			if d, err = detectPS(h.Name, text); err == nil {
				return d, nil
			}
		}
		if !errors.Is(err, textio.ErrNotUTF8) {
			return reader.Detection{}, err
		}
		// Text that cannot be decoded further on: the head, whose field
		// names are ASCII, still tells; Read then stops at the bad byte.
		return detectPS(h.Name, bytes.NewReader(h.Text()))
	}
	return reader.Detection{}, nil
}

// rootOf is the local name of the first element of XML text, "" when the
// text holds none (or is not XML).
func rootOf(text []byte) string {
	d := xml.NewDecoder(bytes.NewReader(text))
	d.Strict = false
	for i := 0; i < 1000; i++ {
		tok, err := d.RawToken()
		if err != nil {
			return ""
		}
		if s, ok := tok.(xml.StartElement); ok {
			return s.Name.Local
		}
	}
	return ""
}

// Read implements reader.Reader: it decodes the file's text (a byte order
// mark, else --encoding, else UTF-8) and reads the kind it was detected as.
func (Reader) Read(ctx context.Context, f reader.File, sink schema.Sink) (*reader.Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	fh, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	text, enc, err := textio.Decode(bufio.NewReaderSize(fh, 64<<10), f.Encoding)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Path, err)
	}
	var res *reader.Result
	switch {
	case reportOf(f.Kind) != nil:
		res, err = readXML(f, text, sink)
	case psKindOf(f.Kind) != nil:
		res, err = readPS(f, text, sink)
	default:
		return nil, fmt.Errorf("%s: %s is not a session or activity kind", f.Path, f.Kind)
	}
	if res != nil {
		res.Encoding = enc
	}
	return res, err
}
