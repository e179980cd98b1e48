package xlsx

import (
	"fmt"
	"slices"
	"strings"

	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/model"
)

// findingsSpec is the Findings sheet: every finding, one row each, and the
// only place a Decision is taken; with a previous run, the previous
// decision beside it.
func findingsSpec(previous bool) *sheetSpec {
	return &sheetSpec{Name: layout.SheetFindings, Columns: findingColumnsOf(previous), Table: "Findings", Decision: true,
		Kinds: findingKinds}
}

func (b *book) fillFindings(w *sheetWriter) error {
	previous := b.r.Previous != nil
	for i := range b.r.Findings {
		if err := w.Add(b.findingRow(&b.r.Findings[i], previous)...); err != nil {
			return err
		}
	}
	return nil
}

// findingRow is a finding's row on a Findings sheet: the full workbook's
// and a reviewer's (reviewer.go), so that the two cannot differ.
func (b *book) findingRow(f *model.Finding, previous bool) []any {
	rec := layout.FindingRecord(f, previous)
	row := make([]any, len(rec))
	for j, s := range rec {
		row[j] = text(s)
	}
	row[columnIndex(findingColumns, layout.FindingsSeverity)] = b.st.severityCell(f.Severity)
	if previous {
		row[columnIndex(previousFindingColumns, layout.FindingsPreviousDecidedOn)] = isoDateCell(f.PreviousDecidedOn)
	}
	return row
}

// findingCell is where the i-th finding (in review order) sits on the
// Findings sheets: the sheet, and its row.
func findingCell(i int) (sheet string, row int64) {
	n := int64(i)
	return layout.PartName(layout.SheetFindings, int(n/maxDataRows)+1), n%maxDataRows + 2
}

// findingLink is a family sheet's Finding ID cell: the id, linking to the
// finding's row on the Findings sheet, where its Decision is taken. It is a
// HYPERLINK formula with the id as its cached value: a sheet can hold more
// of those than of Excel's hyperlinks (65,530 at most), and readers that
// do not calculate still see the id.
func (b *book) findingLink(i int, id string) any {
	sheet, row := findingCell(i)
	quote := func(s string) string { return strings.ReplaceAll(s, `"`, `""`) }
	target := fmt.Sprintf("#'%s'!A%d", strings.ReplaceAll(sheet, "'", "''"), row)
	return excelizeCell(b.st.link, fmt.Sprintf(`HYPERLINK("%s","%s")`, quote(target), quote(id)), id)
}

// evidenceColumn is a family-sheet column that shows one evidence key,
// or, beside a finding about an account of the offboarding family, one of
// the account's facts (Fact; Key "" when the evidence has no such key).
type evidenceColumn struct {
	column
	Key  string
	Kind cellKind
	Fact func(o *model.OffboardingFacts) any
}

// familyColumns are the columns each family sheet adds to the common ones,
// from the evidence keys of docs/facts.md.
var familyColumns = map[string][]evidenceColumn{
	// Per finding, the person, their last day, and what the account did
	// last and after it (docs/outputs.md): the account's facts, the same
	// on every finding of one account, whichever rule found it.
	model.FamilyOffboarding: {
		{column{"Person", 30}, "", kindText, func(o *model.OffboardingFacts) any { return text(o.Person) }},
		{column{"Termination Date", 0}, "termination_date", kindDate, func(o *model.OffboardingFacts) any { return dateCell(o.TerminationDate) }},
		{column{"Roster Status", 0}, "roster_status", kindText, func(o *model.OffboardingFacts) any { return text(o.RosterStatus) }},
		{column{"Last Authentication (UTC)", 0}, "last_authentication", kindDateTime,
			func(o *model.OffboardingFacts) any { return dateTimeCell(o.LastAuthentication) }},
		{column{"Last Session Or Activity (UTC)", 0}, "", kindDateTime, func(o *model.OffboardingFacts) any { return dateTimeCell(o.LastActivity) }},
		{column{"Activity From", 0}, "", kindText, func(o *model.OffboardingFacts) any { return text(o.LastActivitySource) }},
		{column{"Sessions After Termination", 0}, "sessions_after_termination", kindCount,
			func(o *model.OffboardingFacts) any { return countCell(o.SessionsAfter) }},
		{column{"Open Sessions", 0}, "", kindCount, func(o *model.OffboardingFacts) any { return countCell(o.OpenSessions) }},
	},
	"orphaned-groups": {
		{column{"Members", 12}, "members", kindCount, nil},
		{column{"Default Policy Of", 40}, "default_policy_of", kindWrap, nil},
	},
	"stale-seats": {
		{column{"Last Authentication (UTC)", 0}, "last_authentication", kindDateTime, nil},
		{column{"Days Since", 0}, "days_since", kindCount, nil},
		{column{"Seat Product", 0}, "seat_product", kindText, nil},
		{column{"Annual Cost", 0}, "annual_cost", kindMoney, nil},
		{column{"Currency", 0}, "currency", kindText, nil},
	},
	"admin-sprawl": {
		{column{"Administrator", 0}, "administrator", kindText, nil},
		{column{"Two Factor Enabled", 0}, "two_factor_enabled", kindText, nil},
		{column{"Passwordless Credentials", 0}, "passwordless_credentials", kindCount, nil},
		{column{"Provider Type", 0}, "provider_type", kindText, nil},
		{column{"Last Authentication (UTC)", 0}, "last_authentication", kindDateTime, nil},
	},
	"missing-group-policy": {
		{column{"Group Policies", 40}, "group_policies", kindWrap, nil},
		{column{"Unknown Group Policies", 40}, "unknown_group_policies", kindWrap, nil},
		{column{"Provider", 30}, "provider", kindText, nil},
	},
	"account-hygiene": {
		{column{"Smart Rules", 40}, "smart_rules", kindWrap, nil},
		{column{"Providers", 40}, "providers", kindWrap, nil},
		{column{"Account Expiration", 0}, "account_expiration", kindDate, nil},
		// The vendor group's policy, beside each vendor finding.
		{column{"Vendor", 30}, "vendor", kindText, nil},
		{column{"Vendor Expiry (Days)", 0}, "account_expiration_days", kindCount, nil},
		{column{"Vendor Approval Required", 0}, "approval_required", kindText, nil},
	},
	// Where a Jump Item finding is (the Jump Reach sheet lists every item).
	"jump-reach": {
		{column{"Jump Group", 24}, "jump_group", kindText, nil},
		{column{"Item Type", 16}, "item_type", kindText, nil},
		{column{"Host", 28}, "host", kindText, nil},
		{column{"Vendors", 30}, "vendors", kindWrap, nil},
	},
}

// The common columns of the family sheets, as on the Findings sheet; the
// family's own columns go between Display Name and Detail. There is no
// Decision: it is taken once, on Findings, where the Finding ID links to.
var (
	familyLead = findingColumnsNamed(layout.FindingID, layout.FindingsRule, layout.FindingsSeverity, layout.FindingsSource,
		layout.FindingsEntityType, layout.FindingsEntity, layout.FindingsDisplayName)
	familyTail = findingColumnsNamed(layout.FindingsDetail, layout.FindingsReviewer)
)

// familySpec is the sheet of one family.
func familySpec(family, sheet string) *sheetSpec {
	cols := append([]column{}, familyLead...)
	kinds := map[string]cellKind{layout.FindingID: kindLink, layout.FindingsDetail: kindWrap}
	for _, c := range familyColumns[family] {
		cols = append(cols, c.column)
		kinds[c.Header] = c.Kind
	}
	cols = append(cols, familyTail...)
	return &sheetSpec{Name: sheet, Columns: cols, Table: tableName(sheet), Kinds: kinds}
}

// tableName makes an Excel table name of a sheet name: its letters and digits.
func tableName(sheet string) string {
	var out []rune
	for _, r := range sheet {
		if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' && len(out) > 0 {
			out = append(out, r)
		}
	}
	return string(out)
}

// fillFamily writes the findings of one family, in review order, each
// linking to its row on Findings.
func (b *book) fillFamily(w *sheetWriter, family string) error {
	extra := familyColumns[family]
	for i := range b.r.Findings {
		f := &b.r.Findings[i]
		if f.Family != family {
			continue
		}
		row := []any{
			b.findingLink(i, f.ID), text(f.Rule), b.st.severityCell(f.Severity), text(f.Source),
			text(f.EntityType), text(f.Entity), text(f.DisplayName),
		}
		facts, hasFacts := b.r.Offboarding[f.ID]
		for _, c := range extra {
			switch {
			case c.Fact != nil && hasFacts:
				row = append(row, c.Fact(&facts))
			case c.Key != "":
				row = append(row, kindCell(c.Kind, f.Evidence[c.Key]))
			default:
				row = append(row, nil)
			}
		}
		row = append(row, text(f.Detail), text(f.Reviewer))
		if err := w.Add(row...); err != nil {
			return err
		}
	}
	return nil
}

// Evidence is a family sheet's evidence column: its header and the
// evidence key it shows.
type Evidence struct{ Header, Key string }

// FamilyEvidence are the evidence columns of every family sheet, each
// once, in sheet order: the CSV's columns after the Findings sheet's.
func FamilyEvidence() []Evidence {
	var out []Evidence
	for _, fam := range model.Families {
		for _, c := range familyColumns[fam.ID] {
			if c.Key == "" {
				continue // an account's fact, not the finding's evidence
			}
			if !slices.ContainsFunc(out, func(o Evidence) bool { return o.Key == c.Key }) {
				out = append(out, Evidence{c.Header, c.Key})
			}
		}
	}
	return out
}

// countCell is a count that may not be known (nil: an empty cell).
func countCell(n *int64) any {
	if n == nil {
		return nil
	}
	return *n
}

// emptyFamilyJob is a family sheet without findings: under its header, a
// line saying which of the family's rules ran and found nothing, and which
// did not run, and where; a sheet with a header alone cannot tell "nothing
// found" from "not looked at". No table: there is nothing to filter.
func (b *book) emptyFamilyJob(s layout.Sheet) sheetJob {
	spec := *familySpec(s.Family, s.Name)
	spec.Table = ""
	var ran, notRun []string
	for _, r := range b.r.Rules {
		if r.Family != s.Family {
			continue
		}
		if len(r.NotChecked) > 0 {
			notRun = append(notRun, r.ID+" ("+strings.Join(r.NotChecked, "; ")+")")
		} else {
			ran = append(ran, r.ID)
		}
	}
	var lines []string
	switch {
	case len(ran) == 0 && len(notRun) == 0:
		lines = append(lines, "No findings: no rule of this family was loaded.")
	case len(notRun) == 0:
		lines = append(lines, "No findings: every rule of this family ran on every source and found nothing ("+strings.Join(ran, ", ")+").")
	default:
		if len(ran) > 0 {
			lines = append(lines, "No findings where the rules ran: "+strings.Join(ran, ", ")+" ran on every source and found nothing.")
		} else {
			lines = append(lines, "No findings, but no rule of this family ran on every source.")
		}
		lines = append(lines, "Did not run everywhere: "+strings.Join(notRun, "; ")+". See Rules, column Not Checked.")
	}
	rows := make([][]any, len(lines))
	for i, l := range lines {
		rows[i] = []any{note(l)}
	}
	return sheetJob{&spec, int64(len(rows)), fillRows(rows)}
}
