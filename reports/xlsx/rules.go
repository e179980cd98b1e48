package xlsx

import (
	"maps"
	"slices"
	"strings"

	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/model"
)

// rulesSpec is the Rules sheet: every rule that was loaded, what it found and
// where it could not run.
var rulesSpec = sheetSpec{Name: layout.SheetRules, Table: "Rules", Columns: []column{
	{"ID", 32},
	{"Family", 22},
	{"Title", 36},
	{"Severity", 10},
	{"Description", 60},
	{"Remediation", 60},
	{"Parameters", 36},
	{"Findings", 0},
	{"Excepted", 0},
	{"Not Checked", 50},
	{"Controls", 50},
	{"Origin", 40},
}, Kinds: map[string]cellKind{
	"Title":       kindWrap,
	"Description": kindWrap,
	"Remediation": kindWrap,
	"Parameters":  kindWrap,
	"Findings":    kindCount,
	"Excepted":    kindCount,
	"Not Checked": kindWrap,
	"Controls":    kindWrap,
	"Origin":      kindWrap,
}}

// ranEverywhere is the Not Checked text of a rule that ran on every source.
const ranEverywhere = "ran on every source"

// ranWhereItApplies is the text of a rule that ran wherever it could,
// some sources' products having nothing it reads.
const ranWhereItApplies = "ran on every source it applies to"

// notApplicableText names the sources whose product has nothing the rule
// reads, so that "ran on every source" is not read as covering them.
func notApplicableText(sources []string) string {
	return "does not apply to " + strings.Join(sources, ", ") + " (the product has no such export)"
}

func (b *book) fillRules(w *sheetWriter) error {
	for i := range b.r.Rules {
		ru := &b.r.Rules[i]
		notChecked := strings.Join(ru.NotChecked, "; ")
		switch {
		case len(ru.NotApplicable) > 0 && len(ru.NotApplicable) == len(b.r.Sources):
			notChecked = "applies to no source of this run: " + notApplicableText(ru.NotApplicable)
		case notChecked == "" && len(ru.NotApplicable) > 0:
			notChecked = ranWhereItApplies + "; " + notApplicableText(ru.NotApplicable)
		case notChecked == "":
			notChecked = ranEverywhere
		case len(ru.NotApplicable) > 0:
			notChecked += "; " + notApplicableText(ru.NotApplicable)
		}
		if err := w.Add(text(ru.ID), text(ru.Family), text(ru.Title), b.st.severityCell(ru.Severity),
			text(ru.Description), text(ru.Remediation), text(paramsText(ru.Params)),
			ru.Findings, ru.Excepted, text(notChecked), text(strings.Join(model.ControlLabels(ru.Controls, b.r.Controls), ranSeparator)), text(origin(ru))); err != nil {
			return err
		}
	}
	return nil
}

// origin says where a rule came from, and whether it replaces a built-in
// rule of the same id (whose findings readers may expect under that id).
func origin(ru *model.RuleInfo) string {
	switch {
	case !ru.Custom:
		return "built-in"
	case ru.Replaces != "":
		return "custom rule " + ru.File + ", replacing the built-in rule " + ru.Replaces
	}
	return "custom rule " + ru.File
}

// paramsText is "name=value; …" sorted by name, values as JSON.
func paramsText(params map[string]any) string {
	parts := make([]string, 0, len(params))
	for _, k := range slices.Sorted(maps.Keys(params)) {
		parts = append(parts, k+"="+jsonText(params[k]))
	}
	return strings.Join(parts, "; ")
}
