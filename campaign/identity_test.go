package campaign

import (
	"strings"
	"testing"

	"github.com/review-tool/review/internal/cellcap"
	"github.com/review-tool/review/internal/model"
)

func TestSafeFileName(t *testing.T) {
	long := strings.Repeat("é", 300) // two bytes each
	for _, tc := range []struct{ name, reviewer, want string }{
		{"an e-mail stays readable", "jdoe@corp.example", "jdoe@corp.example.xlsx"},
		{"slashes and colons", `a/b\c:d*e?f"g<h>i|j`, "a_b_c_d_e_f_g_h_i_j.xlsx"},
		{"spaces", "Jane Doe", "Jane_Doe.xlsx"},
		{"accents kept, in NFC", "Jose\u0301 Mari\u0301a", "José_María.xlsx"},
		{"a Windows device name", "CON", "_CON.xlsx"},
		{"a device name in another case, with a dot", "lpt1.team", "_lpt1.team.xlsx"},
		{"a device name inside a word is fine", "CONSOLE", "CONSOLE.xlsx"},
		{"leading and trailing dots", ".hidden.", "_hidden_.xlsx"},
		{"dot dot", "..", "__.xlsx"},
		{"empty is unassigned", "", "unassigned.xlsx"},
		{"unassigned", model.Unassigned, UnassignedFile},
		{"control characters", "a\tb\x00c", "a_b_c.xlsx"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := SafeFileName(tc.reviewer); got != tc.want {
				t.Errorf("SafeFileName(%q) = %q, want %q", tc.reviewer, got, tc.want)
			}
		})
	}
	t.Run("300 characters are cut to 100 bytes at a character", func(t *testing.T) {
		got := SafeFileName(long)
		if len(got) > 100 || !strings.HasSuffix(got, ".xlsx") || !strings.HasPrefix(got, "éé") {
			t.Fatalf("SafeFileName(300 × é) = %q (%d bytes), want at most 100 bytes of é then .xlsx", got, len(got))
		}
		if stem := strings.TrimSuffix(got, ".xlsx"); strings.Trim(stem, "é") != "" {
			t.Errorf("the cut split a character: %q", stem)
		}
	})
}

func TestFileNamesCollide(t *testing.T) {
	a, b, c := "Jane/Doe", "Jane:Doe", "bob@corp.example"
	got := FileNames([]string{a, b, c})
	if got[c] != "bob@corp.example.xlsx" {
		t.Errorf("a name that collides with none: %q", got[c])
	}
	if got[a] == got[b] {
		t.Fatalf("two reviewers share the file %s", got[a])
	}
	for _, r := range []string{a, b} {
		if !strings.HasPrefix(got[r], "Jane_Doe-") || len(got[r]) != len("Jane_Doe-123456.xlsx") {
			t.Errorf("%q got %q, want Jane_Doe-<6 hex>.xlsx", r, got[r])
		}
	}
	// The suffix depends on the name alone, not on who else is listed or
	// in which order.
	again := FileNames([]string{c, b, a})
	if again[a] != got[a] || again[b] != got[b] {
		t.Errorf("order changed the names: %v then %v", got, again)
	}
	if got := FileNames([]string{a, "Jane_Doe"}); got[a] == "Jane_Doe.xlsx" || got["Jane_Doe"] == "Jane_Doe.xlsx" {
		t.Errorf("a name already safe that another maps to must be suffixed too: %v", got)
	}
}

func TestFileNamesIgnoreCase(t *testing.T) {
	// On Windows and macOS, Alice.xlsx and alice.xlsx are one file.
	got := FileNames([]string{"Alice", "alice"})
	if strings.EqualFold(got["Alice"], got["alice"]) {
		t.Fatalf("names that differ only in case share a file: %v", got)
	}
}

func TestFileNamesLongCollision(t *testing.T) {
	x, y := strings.Repeat("x", 200)+"1", strings.Repeat("x", 200)+"2"
	got := FileNames([]string{x, y})
	if got[x] == got[y] {
		t.Fatalf("two long names cut to one file: %s", got[x])
	}
	for _, n := range got {
		if len(n) > 100 {
			t.Errorf("%s is %d bytes, over 100", n, len(n))
		}
	}
}

func TestFingerprint(t *testing.T) {
	f := model.Finding{ID: "0123456789abcdef", Rule: "stale-account", Source: "pra-prod", EntityType: "account",
		Entity: "JDoe@corp.example", Detail: "last authentication 2025-01-02"}
	fp := Fingerprint(&f)
	if len(fp) != 16 {
		t.Fatalf("fingerprint %q: want 16 hex digits", fp)
	}
	// Known value, from sha256sum over the six fields joined by NUL bytes.
	if want := "02078fa715847b52"; fp != want {
		t.Errorf("Fingerprint = %s, want %s", fp, want)
	}
	for name, edit := range map[string]func(*model.Finding){
		"detail":      func(g *model.Finding) { g.Detail += "." },
		"entity case": func(g *model.Finding) { g.Entity = "jdoe@corp.example" },
		"rule":        func(g *model.Finding) { g.Rule = "never-logged-in" },
		"source":      func(g *model.Finding) { g.Source = "rs-prod" },
		"entity type": func(g *model.Finding) { g.EntityType = "api-account" },
		"id":          func(g *model.Finding) { g.ID = "fedcba9876543210" },
	} {
		g := f
		edit(&g)
		if Fingerprint(&g) == fp {
			t.Errorf("a changed %s keeps the fingerprint", name)
		}
	}
	// A detail longer than a cell holds is taken as the workbook shows it,
	// so a returned row's visible cells give the same fingerprint.
	long := f
	long.Detail = strings.Repeat("x", 40000)
	if got, want := Fingerprint(&long), FingerprintOf(f.ID, f.Rule, f.Source, f.EntityType, f.Entity, cellcap.Cut(long.Detail)); got != want {
		t.Errorf("a long detail: fingerprint %s, %s from the cut cell", got, want)
	}
	// Fields are separated: moving text from one field to the next changes it.
	if FingerprintOf("a", "bc", "", "", "", "") == FingerprintOf("ab", "c", "", "", "", "") {
		t.Error("field boundaries are not part of the fingerprint")
	}
}

func TestCampaignID(t *testing.T) {
	base := func() *model.Review {
		return &model.Review{
			AsOf: "2025-11-22", RulesDigest: "d1", Params: map[string]any{"stale_days": 90, "b": []any{"x"}},
			Inputs:   []model.InputFile{{SHA256: "bb"}, {SHA256: "aa"}},
			Findings: []model.Finding{{ID: "2"}, {ID: "1"}},
		}
	}
	id := CampaignID(base())
	if len(id) != 16 {
		t.Fatalf("campaign id %q: want 16 hex digits", id)
	}
	r := base()
	r.Inputs[0], r.Inputs[1] = r.Inputs[1], r.Inputs[0]
	r.Findings[0], r.Findings[1] = r.Findings[1], r.Findings[0]
	if CampaignID(r) != id {
		t.Error("the order of inputs or findings changed the campaign id")
	}
	for name, edit := range map[string]func(*model.Review){
		"as-of":     func(r *model.Review) { r.AsOf = "2025-11-23" },
		"rules":     func(r *model.Review) { r.RulesDigest = "d2" },
		"parameter": func(r *model.Review) { r.Params["stale_days"] = 60 },
		"input":     func(r *model.Review) { r.Inputs[0].SHA256 = "cc" },
		"finding":   func(r *model.Review) { r.Findings = r.Findings[:1] },
		"previous":  func(r *model.Review) { r.Previous = &model.PreviousRun{SHA256: "dd"} },
	} {
		r := base()
		edit(r)
		if CampaignID(r) == id {
			t.Errorf("a changed %s keeps the campaign id", name)
		}
	}
}
