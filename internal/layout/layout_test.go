package layout

import (
	"slices"
	"testing"
)

func TestFindingsWithPrevious(t *testing.T) {
	got := Findings(true)
	at := slices.Index(got, FindingsDecision)
	if n := len(PreviousHeaders); at < n || !slices.Equal(got[at-n:at], PreviousHeaders) || len(got) != len(FindingsHeaders)+len(PreviousHeaders) {
		t.Errorf("Findings(true) = %q, want PreviousHeaders just before Decision", got)
	}
	if !slices.Equal(Findings(false), FindingsHeaders) {
		t.Errorf("Findings(false) = %q", Findings(false))
	}
}

func TestSheetNames(t *testing.T) {
	all := SheetNames(Content{Exceptions: true, Previous: true, Controls: true, IngestIssues: true, Activity: true, JumpItems: true})
	if len(all) != len(Sheets) {
		t.Errorf("every sheet: %q, want the %d of Sheets", all, len(Sheets))
	}
	some := SheetNames(Content{Previous: true})
	for _, s := range Sheets {
		want := s.When == Always || s.When == WithPrevious
		if slices.Contains(some, s.Name) != want {
			t.Errorf("with a previous run only, %s listed: %v", s.Name, !want)
		}
	}
	if all[0] != SheetSummary || all[1] != SheetFindings {
		t.Errorf("sheets start %q, want Summary and Findings", all[:2])
	}
}

func TestPartNames(t *testing.T) {
	for _, n := range []int{1, 2, 12} {
		if name, part := PartOf(PartName("Findings", n)); name != "Findings" || part != n {
			t.Errorf("PartOf(PartName(Findings, %d)) = %q, %d", n, name, part)
		}
	}
	if name, part := PartOf("Findings (x)"); name != "Findings (x)" || part != 1 {
		t.Errorf("PartOf(Findings (x)) = %q, %d", name, part)
	}
}
