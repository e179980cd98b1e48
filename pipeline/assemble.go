package pipeline

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/review-tool/review/engine"
	"github.com/review-tool/review/facts"
	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/views"
)

// assemble puts together what the writers write: the findings, what was
// read, the rules as they ran, and the database's tables for the sheets.
// The Accounts iterator reads the database when a writer calls it, so the
// database stays open until Review.Close.
func assemble(ctx context.Context, database *sql.DB, cfg *Config, m *model.Manifest,
	rs *engine.RuleSet, params map[string]any, ev *engine.Evaluation) (*model.Review, error) {
	rev := &model.Review{
		AsOf:             cfg.AsOf.Format("2006-01-02"),
		CommandLine:      cfg.CommandLine,
		Params:           params,
		RulesDigest:      rs.Digest,
		Findings:         ev.Findings,
		Inputs:           m.Files,
		Archives:         m.Archives,
		Skipped:          m.Skipped,
		DeclaredComplete: m.Complete,
		Warnings:         m.Warnings,
		IngestIssues:     m.Issues,
		Lenient:          cfg.Lenient,
	}
	if cfg.Tool != nil {
		rev.Tool = cfg.Tool(ctx)
	}
	var err error
	if rev.Sources, err = facts.Sources(ctx, database); err != nil {
		return nil, err
	}
	if rev.Licenses, err = views.LicenseLines(ctx, database); err != nil {
		return nil, err
	}
	if rev.GroupPolicies, err = views.GroupPolicyRows(ctx, database); err != nil {
		return nil, err
	}
	if rev.JumpItems, err = views.JumpItemRows(ctx, database); err != nil {
		return nil, err
	}
	if rev.AccountCount, err = views.AccountCount(ctx, database); err != nil {
		return nil, err
	}
	accounts := views.AccountRows(database)
	rev.Accounts = func(fn func(*model.AccountRow) error) error { return accounts(ctx, fn) }
	if rev.PeopleCount, rev.PeopleLeavers, err = views.BuildPeople(ctx, database); err != nil {
		return nil, err
	}
	people := views.PeopleRows(database)
	rev.People = func(fn func(*model.PersonRow) error) error { return people(ctx, fn) }
	if rev.Activity, err = views.BuildActivity(ctx, database, sessionsSheetMax(params)); err != nil {
		return nil, err
	}
	if rev.Leavers, err = views.BuildLeavers(ctx, database); err != nil {
		return nil, err
	}
	if rev.Offboarding, err = views.OffboardingFacts(ctx, database); err != nil {
		return nil, err
	}
	rev.Rules = ruleInfos(rs, params, ev)
	return rev, nil
}

// ruleInfos are the rules as they ran, for the Rules sheet: severity
// after overrides, the parameters each declares with the run's values,
// and how many findings each gave.
func ruleInfos(rs *engine.RuleSet, params map[string]any, ev *engine.Evaluation) []model.RuleInfo {
	counts, excepted := map[string]int{}, map[string]int{}
	for _, f := range ev.Findings {
		counts[f.Rule]++
		if f.Status == model.StatusExcepted {
			excepted[f.Rule]++
		}
	}
	var out []model.RuleInfo
	for _, r := range rs.Rules {
		used := map[string]any{}
		for k := range r.Params {
			used[k] = params[k]
		}
		out = append(out, model.RuleInfo{
			ID: r.ID, Family: r.Family, Title: r.Title, Severity: r.Severity, Description: r.Description,
			Remediation: r.Remediation, Params: used, Findings: counts[r.ID], Excepted: excepted[r.ID], NotChecked: ev.NotChecked[r.ID], Gaps: ev.Gaps[r.ID], NotApplicable: ev.NotApplicable[r.ID], Controls: r.Controls, File: r.File,
			Custom: !r.Builtin, Replaces: r.Replaces,
		})
	}
	return out
}

// sessionsSheetMax is the run parameter sessions_sheet_max
// (engine.RunParams gives its default; resolveParams checked it is a
// whole number): how many records the Sessions sheet lists them all up to.
func sessionsSheetMax(params map[string]any) int64 {
	switch v := params["sessions_sheet_max"].(type) {
	case int:
		return int64(max(v, 0))
	case int64:
		return max(v, 0)
	case uint64:
		return int64(min(v, 1<<62))
	case float64:
		return int64(max(v, 0))
	}
	panic(fmt.Sprintf("pipeline: sessions_sheet_max is %T", params["sessions_sheet_max"]))
}
