package exceptions

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/review-tool/review/internal/inputerr"
	"github.com/review-tool/review/internal/model"
)

var ids = map[string]bool{"stale-account": true, "admin-without-mfa": true}

func write(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "exceptions.yaml")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

const valid = `- rule: stale-account
  entity: svc-*
  reason: batch accounts, reviewed
  approved_by: ciso@corp.example
  expires: 2027-03-31
`

func TestLoadErrorsNameFileAndLine(t *testing.T) {
	cases := []struct{ name, body, want string }{
		{"no reason", valid + `- rule: stale-account
  entity: bob
  approved_by: ciso
  expires: 2027-01-01
`, ":6:3: exception without reason"},
		{"no approver", "- rule: stale-account\n  entity: bob\n  reason: r\n  expires: 2027-01-01\n", ":1:3: exception without approved_by"},
		{"no expiry", "- rule: stale-account\n  entity: bob\n  reason: r\n  approved_by: a\n", ":1:3: exception without expires"},
		{"no entity", "- rule: stale-account\n  reason: r\n  approved_by: a\n  expires: 2027-01-01\n", ":1:3: exception without entity"},
		{"unknown rule", "- rule: stale-acount\n  entity: bob\n  reason: r\n  approved_by: a\n  expires: 2027-01-01\n", `:1:9: unknown rule "stale-acount"`},
		{"bad date", "- rule: stale-account\n  entity: bob\n  reason: r\n  approved_by: a\n  expires: 31/03/2027\n", `:5:12: expires "31/03/2027": expected a date YYYY-MM-DD`},
		{"bad glob", "- rule: stale-account\n  entity: \"svc-[\"\n  reason: r\n  approved_by: a\n  expires: 2027-01-01\n", `:2:11: entity "svc-[": not a valid glob`},
		{"unknown key", "- rule: stale-account\n  entity: bob\n  reasn: r\n", `:3:3: unknown key "reasn"`},
		{"not a list", "rule: stale-account\n", ":1:1: expected a list of exceptions"},
		{"bad yaml", "- rule: stale-account\n  entity: bob\n   reason: r\n", ":3: mapping values are not allowed in this context"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := write(t, c.body)
			_, err := Load(p, ids)
			if err == nil {
				t.Fatal("loaded, want an error")
			}
			if !inputerr.Is(err) {
				t.Errorf("%v: not marked as the user's to fix", err)
			}
			if want := p + c.want; !strings.Contains(err.Error(), want) {
				t.Errorf("error %q, want it to contain %q", err, want)
			}
		})
	}
}

func TestLoadValid(t *testing.T) {
	reg, err := Load(write(t, valid+"- rule: admin-without-mfa\n  entity: Alice@Corp.example\n  source: pra-prod\n  reason: r\n  approved_by: a\n  expires: 2026-06-30\n"), ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(reg.Entries) != 2 || reg.Entries[1].Source != "pra-prod" || reg.Entries[1].Line != 6 || reg.Entries[0].ApprovedBy != "ciso@corp.example" {
		t.Fatalf("entries %+v", reg.Entries)
	}
}

func finding(rule, source, entity string) model.Finding {
	return model.Finding{Rule: rule, Source: source, Entity: entity, Status: model.StatusNew}
}

func TestApplyMatchesAndStatuses(t *testing.T) {
	body := valid + // glob, any source
		"- rule: admin-without-mfa\n  entity: Alice@Corp.example\n  source: pra-prod\n  reason: r\n  approved_by: a\n  expires: 2026-06-30\n" + // exact, one source, expires on the as-of date
		"- rule: admin-without-mfa\n  entity: nobody\n  reason: r\n  approved_by: a\n  expires: 2026-12-31\n" // unused
	reg, err := Load(write(t, body), ids)
	if err != nil {
		t.Fatal(err)
	}
	fs := []model.Finding{
		finding("stale-account", "rs-prod", "svc-backup"),
		finding("stale-account", "pra-prod", "SVC-Sync"),               // glob ignores case
		finding("stale-account", "pra-prod", "bob"),                    // no match
		finding("admin-without-mfa", "pra-prod", "alice@corp.example"), // exact ignoring case, expired
		finding("admin-without-mfa", "rs-prod", "alice@corp.example"),  // other source
		finding("admin-without-mfa", "pra-prod", "svc-backup"),         // rule differs from the glob's
	}
	out := Apply(reg, fs, "2026-06-30")
	want := []string{model.StatusExcepted, model.StatusExcepted, model.StatusNew, model.StatusExceptionExpired, model.StatusNew, model.StatusNew}
	for i, f := range fs {
		if f.Status != want[i] {
			t.Errorf("finding %d (%s %s %s): status %q, want %q", i, f.Rule, f.Source, f.Entity, f.Status, want[i])
		}
	}
	if out[0].Covered != 2 || out[0].Expired || out[0].DaysLeft != 274 {
		t.Errorf("glob entry %+v", out[0])
	}
	if out[1].Covered != 1 || !out[1].Expired || out[1].DaysLeft != 0 {
		t.Errorf("expired entry %+v", out[1])
	}
	if out[2].Covered != 0 || out[2].Expired || out[2].DaysLeft != 184 {
		t.Errorf("unused entry %+v", out[2])
	}
	// The day before its expiry the same exception still holds.
	fs[3].Status = model.StatusNew
	Apply(reg, fs[3:4], "2026-06-29")
	if fs[3].Status != model.StatusExcepted {
		t.Errorf("a day before expiry: %q, want excepted", fs[3].Status)
	}
}

func TestApplyPrefersUnexpired(t *testing.T) {
	body := "- rule: stale-account\n  entity: bob\n  reason: old\n  approved_by: a\n  expires: 2026-01-01\n" +
		"- rule: stale-account\n  entity: b*\n  reason: renewed\n  approved_by: a\n  expires: 2027-01-01\n"
	reg, err := Load(write(t, body), ids)
	if err != nil {
		t.Fatal(err)
	}
	fs := []model.Finding{finding("stale-account", "s", "bob")}
	out := Apply(reg, fs, "2026-06-01")
	if fs[0].Status != model.StatusExcepted || out[0].Covered != 0 || out[1].Covered != 1 {
		t.Errorf("status %q, covered %d/%d: want the renewed entry to apply", fs[0].Status, out[0].Covered, out[1].Covered)
	}
}
