package ingest

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/review-tool/review/ingest/located"
	"github.com/review-tool/review/ingest/reader"
	"github.com/review-tool/review/schema"
)

// fakeReader answers every file with one detection.
type fakeReader struct {
	name string
	d    reader.Detection
}

func (r fakeReader) Name() string                                  { return r.name }
func (r fakeReader) Kinds() []schema.Kind                          { return []schema.Kind{r.d.Kind} }
func (r fakeReader) Detect(*reader.Head) (reader.Detection, error) { return r.d, nil }
func (r fakeReader) Read(context.Context, reader.File, schema.Sink) (*reader.Result, error) {
	return &reader.Result{}, nil
}

func headOf(name, text string) *reader.Head {
	open := func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(text)), nil }
	return reader.NewHead(name, []byte(text), true, strings.NewReader(""), open, "")
}

// The most confident reader wins wherever it is in the list; two readers
// equally sure of a kind are an error naming both, never whichever was
// asked first.
func TestDetectMostConfidentWins(t *testing.T) {
	byName := fakeReader{"Session XML", reader.Detection{Kind: "session-report", Confidence: reader.Name}}
	byContent := fakeReader{"Usage XML", reader.Detection{Kind: schema.KindLicenseUsage, Confidence: reader.Content}}
	format := fakeReader{"Other XML", reader.Detection{Confidence: reader.Format, LookFor: "an <other> report"}}
	none := fakeReader{"JSON", reader.Detection{}}
	for _, rs := range [][]reader.Reader{{byName, byContent, format, none}, {none, format, byContent, byName}} {
		r, k, err := detect(rs, headOf("usage.xml", "<license_usage/>"))
		if err != nil || r.Name() != "Usage XML" || k != schema.KindLicenseUsage {
			t.Errorf("detect = %v, %q, %v; want Usage XML, license-usage", r, k, err)
		}
	}

	twin := fakeReader{"Activity XML", reader.Detection{Kind: "activity-report", Confidence: reader.Content}}
	_, _, err := detect([]reader.Reader{byContent, twin}, headOf("report.xml", "<x/>"))
	var re *located.Error
	want := "report.xml: found a file that two readers recognise alike: Usage XML as license-usage and Activity XML as activity-report"
	if !errors.As(err, &re) || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("tie: err = %v, want a *located.Error starting %q", err, want)
	}
}

// A file that readers take for their format but of no kind is recognised
// as nothing, saying what each looked for; one no reader takes names the
// readers.
func TestDetectNothing(t *testing.T) {
	format := fakeReader{"Other XML", reader.Detection{Confidence: reader.Format, LookFor: "an <other> report"}}
	none := fakeReader{"JSON", reader.Detection{}}
	for _, tt := range []struct {
		rs   []reader.Reader
		want string
	}{
		{[]reader.Reader{none, format}, "x.xml: recognised as nothing: looked for an <other> report"},
		{[]reader.Reader{none}, "x.xml: recognised as nothing: looked for one of: JSON"},
	} {
		_, _, err := detect(tt.rs, headOf("x.xml", "<x/>"))
		var uf *UnknownFileError
		if !errors.As(err, &uf) || err.Error() != tt.want {
			t.Errorf("err = %v, want %q", err, tt.want)
		}
	}
}

// Every kind of input file has one reader, so a roster or license file
// given by flag, and every detected file, can be read.
func TestEveryKindHasOneReader(t *testing.T) {
	kinds := []schema.Kind{schema.KindUsers, schema.KindGroupPolicies, schema.KindGroupPolicyMembers, schema.KindUserGroupPolicies,
		schema.KindTeams, schema.KindTeamUsers, schema.KindGroupPolicyTeams, schema.KindJumpGroups, schema.KindJumpGroupUsers,
		schema.KindGroupPolicyJumpGroups, schema.KindVaultAccountGroups, schema.KindVaultAccountGroupUsers,
		schema.KindGroupPolicyVaultAccountGroups, schema.KindSecurityProviders, schema.KindSessionPolicies,
		schema.KindAPIAccounts, schema.KindVendors, schema.KindVendorUsers, schema.KindJumpPolicies, schema.KindRemoteRDP,
		schema.KindRemoteVNC, schema.KindShellJump, schema.KindProtocolTunnelJump, schema.KindNetworkTunnelJump,
		schema.KindPSQLTunnelJump, schema.KindMySQLTunnelJump, schema.KindWebJump, schema.KindJumpClients,
		schema.KindUserReport, schema.KindRoster,
		schema.KindLicenses, schema.KindLicenseUsage, schema.KindPSUsers, schema.KindPSUserGroups, schema.KindPSUserGroupUsers,
		schema.KindPSEntitlements, schema.KindPSUserGroupSmartRules, schema.KindPSUserGroupSmartRuleRoles,
		schema.KindSessionReport, schema.KindSessionListing, schema.KindVaultActivity, schema.KindTeamActivity,
		schema.KindEmptyReport, schema.KindPSUserAudits, schema.KindPSSessions, schema.KindPSRoles}
	for _, k := range kinds {
		if byKind[k] == nil {
			t.Errorf("no reader reads %s", k)
		}
	}
	if len(byKind) != len(kinds) {
		t.Errorf("readers read %d kinds, want %d", len(byKind), len(kinds))
	}
	defer func() {
		if p := recover(); p == nil || !strings.Contains(p.(string), "kind roster is read by both") {
			t.Errorf("two readers of one kind: panic %v", p)
		}
	}()
	kindsOf([]reader.Reader{readers[1], fakeReader{"HR", reader.Detection{Kind: schema.KindRoster}}})
}
