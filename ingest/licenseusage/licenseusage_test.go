package licenseusage

import (
	"context"
	"strings"
	"testing"

	"github.com/review-tool/review/ingest/reader"
	"github.com/review-tool/review/schema"
)

// XML with a <license_usage> element is a LicenseUsage report; other XML
// is this family's but of no kind, saying what was looked for; anything
// else is not this family's.
func TestDetect(t *testing.T) {
	for _, tt := range []struct {
		text string
		want reader.Detection
	}{
		{"\ufeff  <?xml version=\"1.0\"?>\n<license_usage><peak>3</peak></license_usage>",
			reader.Detection{Kind: schema.KindLicenseUsage, Confidence: reader.Content}},
		{"<session_list/>", reader.Detection{Confidence: reader.Format, LookFor: "a Remote Support LicenseUsage report (<license_usage>)"}},
		{`<ns:license_usage xmlns:ns="x"/>`, reader.Detection{Kind: schema.KindLicenseUsage, Confidence: reader.Content}},
		// A session report that mentions the words is not one.
		{`<session_list><session lsid="a"><session_details><event><body>see license_usage</body></event></session_details></session></session_list>`,
			reader.Detection{Confidence: reader.Format, LookFor: "a Remote Support LicenseUsage report (<license_usage>)"}},
		{`[{"license_usage": 1}]`, reader.Detection{}},
		{"username\nlicense_usage\n", reader.Detection{}},
	} {
		h := reader.NewHead("usage.xml", []byte(tt.text), true, strings.NewReader(""), nil, "")
		if got, err := (Reader{}).Detect(h); got != tt.want || err != nil {
			t.Errorf("Detect(%.30q) = %+v, %v; want %+v", tt.text, got, err, tt.want)
		}
	}
}

// A LicenseUsage report is kept as evidence: read, it yields no row.
func TestReadKeepsEvidenceOnly(t *testing.T) {
	res, err := Reader{}.Read(context.Background(), reader.File{Path: "usage.xml", Kind: schema.KindLicenseUsage}, nil)
	if err != nil || res.Kind != schema.KindLicenseUsage || res.Rows != 0 {
		t.Errorf("Read = %+v, %v", res, err)
	}
}
