package xlsx

import (
	"slices"
	"strings"

	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/model"
)

// controlsSpec is the Controls sheet: one row per control of the catalogue,
// the rules that evidence it, where they ran, what they found, and where
// they could not run, so an auditor reads a control's evidence and its
// gaps on one row (docs/controls.md).
var controlsSpec = sheetSpec{Name: layout.SheetControls, Table: "Controls", Columns: []column{
	{"Framework", 22},
	{"Control", 10},
	{"Title", 36},
	{"Rules", 40},
	{"Ran On", 50},
	{"Open", 0},
	{"Excepted", 0},
	{"Resolved", 0},
	{"Revokes Not Carried Out", 0},
	{"Coverage", 14},
	{"Not Run", 50},
	{"Defined In", 24},
}, Kinds: map[string]cellKind{
	"Title":    kindWrap,
	"Rules":    kindWrap,
	"Ran On":   kindWrap,
	"Open":     kindCount,
	"Excepted": kindCount,
	"Resolved": kindCount,
	"Not Run":  kindWrap,
	// Revokes Not Carried Out: a count, "n/a" without a previous run, or
	// blank for a control no check of the review evidences.
	"Revokes Not Carried Out": kindCount,
}}

// The Coverage of a control: every rule mapped to it ran on every source;
// some did not run somewhere; or no rule that ran anywhere evidences it.
const (
	coverageComplete     = "complete"
	coveragePartial      = "partial"
	coverageNotEvidenced = "not evidenced"
)

// Texts of the Controls sheet where there is nothing to list.
const (
	noRule = "no rule evidences this control"
	// notCompared is the Resolved cell without --previous: nothing was
	// compared, which a 0 would hide.
	notCompared = "n/a"
	noGap       = "every rule ran on every source"
	ranNowhere  = "nowhere"
	// appliesNowhere is a rule that ran nowhere because no source read is
	// of a product it applies to (a Password Safe rule on PRA exports).
	appliesNowhere = "applies to no source read"
	ranSeparator   = "; "
)

// controlRows are the Controls sheet's rows, in catalogue order.
func controlRows(r *model.Review) [][]any {
	open, excepted, resolved := map[string]int{}, map[string]int{}, map[string]int{}
	notDone := 0 // revokes decided last time, whatever rule found them
	for i := range r.Findings {
		if r.Findings[i].Status == model.StatusRevokeNotDone {
			notDone++
		}
		if r.Findings[i].Status == model.StatusExcepted {
			excepted[r.Findings[i].Rule]++
		} else {
			open[r.Findings[i].Rule]++
		}
	}
	for i := range r.Resolved {
		// A finding whose rule could not look again is not resolved.
		if r.Resolved[i].Rechecked {
			resolved[r.Resolved[i].Rule]++
		}
	}
	evidencedBy := rulesByControl(r.Rules)
	rows := make([][]any, 0, len(r.Controls))
	for _, ctl := range r.Controls {
		var ids, ran, gaps, applies []string
		nOpen, nExcepted, nResolved := 0, 0, 0
		ranSomewhere := false
		for _, i := range evidencedBy[ctl.ControlRef] {
			ru := &r.Rules[i]
			ids = append(ids, ru.ID)
			where := ranOn(ru, r.Sources)
			ranSomewhere = ranSomewhere || len(where) > 0
			if len(where) == 0 {
				where = []string{ranNowhere}
				if len(ru.Gaps) == 0 { // it applies to no source read: said, but no gap in coverage
					applies = append(applies, ru.ID+": "+appliesNowhere)
				}
			}
			ran = append(ran, ru.ID+": "+strings.Join(where, ", "))
			for _, g := range ru.Gaps {
				gaps = append(gaps, ru.ID+" on "+g.String())
			}
			nOpen += open[ru.ID]
			nExcepted += excepted[ru.ID]
			nResolved += resolved[ru.ID]
		}
		var resolvedCell, revokeCell any = nResolved, nil
		if slices.Contains(ctl.Checks, model.CheckRevokeNotDone) {
			revokeCell = notDone
		}
		if r.Previous == nil {
			resolvedCell = notCompared
			if revokeCell != nil {
				revokeCell = notCompared
			}
		}
		rows = append(rows, []any{text(ctl.FrameworkName), text(ctl.ID), text(ctl.Title),
			text(orText(strings.Join(ids, ranSeparator), noRule)), text(strings.Join(ran, ranSeparator)),
			nOpen, nExcepted, resolvedCell, revokeCell, text(coverage(ids, gaps, ranSomewhere)),
			text(orText(strings.Join(slices.Concat(gaps, applies), ranSeparator), noGap)), text(ctl.DefinedIn)})
	}
	return rows
}

// rulesByControl are, by control, the indexes of the rules mapped to it, in
// rule order, each once: one pass over every mapping, where asking each
// rule about each control would be quadratic in a --config file that maps
// one rule to many thousands of controls.
func rulesByControl(rules []model.RuleInfo) map[model.ControlRef][]int {
	out := map[model.ControlRef][]int{}
	for i := range rules {
		for _, ref := range rules[i].Controls {
			if l := out[ref]; len(l) == 0 || l[len(l)-1] != i {
				out[ref] = append(l, i)
			}
		}
	}
	return out
}

// ranOn are the sources the rule ran on: every source but its gaps' and
// those it does not apply to.
func ranOn(ru *model.RuleInfo, sources []model.SourceSummary) []string {
	var out []string
	for _, s := range sources {
		if !slices.ContainsFunc(ru.Gaps, func(g model.Gap) bool { return g.Source == s.Name }) && !slices.Contains(ru.NotApplicable, s.Name) {
			out = append(out, s.Name)
		}
	}
	return out
}

func coverage(rules, gaps []string, ranSomewhere bool) string {
	switch {
	case len(rules) == 0 || !ranSomewhere:
		return coverageNotEvidenced
	case len(gaps) > 0:
		return coveragePartial
	}
	return coverageComplete
}

func orText(s, none string) string {
	if s == "" {
		return none
	}
	return s
}
