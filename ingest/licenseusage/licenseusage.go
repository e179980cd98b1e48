// Package licenseusage reads Remote Support's LicenseUsage XML report,
// kept as evidence (the session and activity reports are ingest/activity's).
package licenseusage

import (
	"bytes"
	"context"
	"regexp"

	"github.com/review-tool/review/ingest/reader"
	"github.com/review-tool/review/schema"
)

// licenseUsageElement is a <license_usage> start tag, with or without a
// namespace prefix: the words alone in another report's text (a session's
// chat, say) must not make it a LicenseUsage report and tie with its reader.
var licenseUsageElement = regexp.MustCompile(`<(?:[A-Za-z_][\w.-]*:)?license_usage[\s/>]`)

// Reader is the XML report family as ingest's registry knows it.
type Reader struct{}

// Name implements reader.Reader.
func (Reader) Name() string { return "Remote Support XML report" }

// Kinds implements reader.Reader.
func (Reader) Kinds() []schema.Kind { return []schema.Kind{schema.KindLicenseUsage} }

// Detect implements reader.Reader: text that starts with '<' is XML, a
// LicenseUsage report when it holds a <license_usage> element.
func (Reader) Detect(h *reader.Head) (reader.Detection, error) {
	text := h.Text()
	if !bytes.HasPrefix(bytes.TrimLeft(text, " \t\r\n"), []byte("<")) {
		return reader.Detection{}, nil
	}
	if licenseUsageElement.Match(text) {
		return reader.Detection{Kind: schema.KindLicenseUsage, Confidence: reader.Content}, nil
	}
	return reader.Detection{Confidence: reader.Format, LookFor: "a Remote Support LicenseUsage report (<license_usage>)"}, nil
}

// Read implements reader.Reader. A LicenseUsage report is kept as evidence
// (its hash and size on the Evidence sheet); peak usage is not analysed
// yet, so no row is read.
func (Reader) Read(ctx context.Context, f reader.File, _ schema.Sink) (*reader.Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return &reader.Result{Kind: f.Kind}, nil
}
