package xlsx

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/model"
)

// severities are the severity columns of the Summary's count tables.
var severities = []model.Severity{model.High, model.Medium, model.Low}

// severityLabel is "High" for high.
func severityLabel(s model.Severity) string {
	if s == "" {
		return ""
	}
	return string(s[0]-'a'+'A') + string(s[1:])
}

// sources is the table of sources (capped), then what else was read: the
// roster and the license file, or that none was given.
func (s *summary) sources() {
	s.title("Sources")
	s.headNumeric(map[string]bool{"Accounts": true, "Enabled": true, "Admins": true},
		"Source", "Product", "Accounts", "Enabled", "Admins")
	var accounts, enabled, admins int64
	adminsKnown := true
	for i, src := range s.r.Sources {
		if i < maxSummarySources {
			s.put(text(src.Name), text(src.Product), s.count(src.Accounts), s.count(src.EnabledAccounts), s.admins(src))
		}
		accounts += src.Accounts
		enabled += src.EnabledAccounts
		if src.AdminsKnown {
			admins += src.Admins
		}
		adminsKnown = adminsKnown && src.AdminsKnown
	}
	if n := len(s.r.Sources) - maxSummarySources; n > 0 {
		s.note(fmt.Sprintf("… %d more sources: see %s", n, layout.SheetEvidence))
	}
	// A total over a source that does not state its administrators is at
	// least the others' count, never a count of its own.
	var totalAdmins any = s.boldCount(admins)
	if !adminsKnown {
		totalAdmins = styled(text(fmt.Sprintf("≥ %d", admins)), s.st2.boldRight)
	}
	s.put(s.bold(text("Total")), nil, s.boldCount(accounts), s.boldCount(enabled), totalAdmins)
	s.put(text("Roster"), text(s.inputText("roster", "none given (--roster)")))
	s.put(text("Licenses"), text(s.inputText("licenses", "none given (--licenses)")))
	if s.r.Lenient {
		// The findings leave these rows out: a reader of the Summary must
		// know before trusting the totals.
		s.put(text("Input rows kept out (--lenient)"), styled(int64(len(s.r.IngestIssues)), s.st2.countGap), text("listed on "+layout.SheetIngestIssues))
	}
	s.accessChangesLine()
	s.peopleLine()
}

// inputText names the input file of kind and its rows, or says none.
func (s *summary) inputText(kind, none string) string {
	for _, in := range s.r.Inputs {
		if in.Kind == kind {
			return fmt.Sprintf("%s (%d rows)", in.Path, in.RowsRead)
		}
	}
	return none
}

// severityCounts counts findings by severity: high, medium, low.
type severityCounts [3]int64

func (c *severityCounts) add(sev model.Severity) {
	if k := sev.Rank(); k < len(c) {
		c[k]++
	}
}

func (c severityCounts) total() int64 { return c[0] + c[1] + c[2] }

// countRow is a label, its count per severity and the total.
func (s *summary) countRow(label string, c severityCounts, bold bool) {
	num, lab := s.count, text(label)
	if bold {
		num, lab = s.boldCount, s.bold(text(label))
	}
	s.put(lab, num(c[0]), num(c[1]), num(c[2]), num(c.total()))
}

// countHead is the header of a count table: the severity headers carry
// their severity's colours and sit right-aligned over their numbers.
func (s *summary) countHead(first string) {
	row := []any{styled(text(first), s.st2.headText)}
	for _, sev := range severities {
		row = append(row, styled(text(severityLabel(sev)), s.st2.headSev[sev]))
	}
	s.put(append(row, styled(text("Total"), s.st2.headNum))...)
}

// bySeverity is the table of findings per family sheet and severity, with
// the totals by severity; the chart draws it. It returns the rows of the
// first and the last family, and the largest of their totals (the chart's
// axis).
func (s *summary) bySeverity() (rows [2]int, peak int64) {
	s.title("Findings by severity")
	s.countHead("Family")
	first := s.c.row
	var all, known, excepted severityCounts
	for i := range s.r.Findings {
		if f := &s.r.Findings[i]; f.Status == model.StatusExcepted {
			excepted.add(f.Severity)
		} else {
			all.add(f.Severity)
		}
	}
	for _, fam := range model.Families {
		var c severityCounts
		for _, f := range s.byFamily[fam.ID] {
			if f.Status != model.StatusExcepted {
				c.add(f.Severity)
			}
		}
		for i := range known {
			known[i] += c[i]
		}
		s.countRow(fam.Sheet, c, false)
		peak = max(peak, c.total())
	}
	if other := (severityCounts{all[0] - known[0], all[1] - known[1], all[2] - known[2]}); other.total() > 0 {
		s.countRow("Other", other, false)
		peak = max(peak, other.total())
	}
	last := s.c.row - 1
	s.countRow("Total", all, true)
	s.exceptedRow(excepted)
	return [2]int{first, last}, peak
}

// ruleCount is one row of the findings-per-rule table.
type ruleCount struct {
	rule   string
	counts severityCounts
}

// perRule is the table of findings per rule and severity: the rules with
// the most severe findings first, capped; the Rules sheet has every rule.
func (s *summary) perRule() {
	byRule := map[string]*ruleCount{}
	var rows []*ruleCount
	var all, excepted severityCounts
	for i := range s.r.Findings {
		f := &s.r.Findings[i]
		if f.Status == model.StatusExcepted {
			excepted.add(f.Severity)
			continue
		}
		rc := byRule[f.Rule]
		if rc == nil {
			rc = &ruleCount{rule: f.Rule}
			byRule[f.Rule] = rc
			rows = append(rows, rc)
		}
		rc.counts.add(f.Severity)
		all.add(f.Severity)
	}
	slices.SortFunc(rows, func(a, b *ruleCount) int {
		return cmp.Or(cmp.Compare(b.counts[0], a.counts[0]), cmp.Compare(b.counts[1], a.counts[1]),
			cmp.Compare(b.counts[2], a.counts[2]), cmp.Compare(a.rule, b.rule))
	})
	s.title("Findings per rule")
	s.countHead("Rule")
	for i, rc := range rows {
		if i == maxSummaryRules {
			more := "rules"
			if len(rows)-i == 1 {
				more = "rule"
			}
			s.note(fmt.Sprintf("… %d more %s with findings: see %s", len(rows)-i, more, layout.SheetRules))
			break
		}
		s.countRow(rc.rule, rc.counts, false)
	}
	if len(rows) == 0 {
		s.note("no findings")
	}
	s.countRow("Total", all, true)
	s.exceptedRow(excepted)
}

// exceptedRow counts, apart from the totals above it, the findings an
// unexpired exception covers: accepted risks, listed on the Findings sheet
// but not open. Without any, there is no row.
func (s *summary) exceptedRow(c severityCounts) {
	if c.total() > 0 {
		s.countRow("Excepted (not in the totals)", c, false)
	}
}

// admins is a source's count of enabled administrators, or "not stated"
// when its exports do not say who is one (absent is not false).
func (s *summary) admins(src model.SourceSummary) any {
	if !src.AdminsKnown {
		return styled(text("not stated"), s.st2.right)
	}
	return s.count(src.Admins)
}
